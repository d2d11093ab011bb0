package ide

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Fix is a quick fix for one diagnostic: edits to the document.
type Fix struct {
	Title string
	// Code and Span identify the diagnostic it resolves.
	Code  string
	Span  diag.Span
	Edits []Edit
}

// Fixes returns the quick fixes for the diagnostics touching span: add a
// missing @group/@binding, change a literal's suffix to the expected type,
// prefix an unused variable with '_', add a missing return, insert a
// missing enable directive, and replace a misspelt name by the closest
// names visible there.
func (s *Snapshot) Fixes(span diag.Span) []Fix {
	var out []Fix
	for _, d := range s.Res.Diagnostics {
		if d.Span.End < span.Start || d.Span.Start > span.End {
			continue
		}
		if d.Code == wgsl.CodeUndeclared {
			for _, f := range s.fixSpelling(d) {
				f.Code, f.Span = d.Code, d.Span
				out = append(out, f)
			}
			continue
		}
		var f *Fix
		switch d.Code {
		case wgsl.CodeBinding:
			f = s.fixBinding(d)
		case wgsl.CodeUnusedVariable:
			f = s.fixUnused(d)
		case wgsl.CodeMissingReturn:
			f = s.fixReturn(d)
		case wgsl.CodeExtension:
			f = s.fixEnable(d)
		case wgsl.CodeTypeMismatch, wgsl.CodeNoOverload, wgsl.CodeInvalidAssign:
			f = s.fixSuffix(d)
		}
		if f != nil {
			f.Code, f.Span = d.Code, d.Span
			out = append(out, *f)
		}
	}
	return out
}

func (s *Snapshot) fixBinding(d diag.Diagnostic) *Fix {
	if !strings.Contains(d.Message, "needs both @group and @binding") {
		return nil
	}
	sym := s.Res.SymbolAt(d.Span.Start)
	if sym == nil {
		return nil
	}
	vd, ok := sym.Node.(*syntax.VarDecl)
	if !ok {
		return nil
	}
	var hasGroup, hasBinding bool
	group := "0"
	for _, a := range vd.Attrs {
		switch a.Name.Name {
		case "group":
			hasGroup = true
			if len(a.Args) > 0 {
				group = s.argText(a.Args[0])
			}
		case "binding":
			hasBinding = true
		}
	}
	next := 0
	for _, o := range s.Res.Symbols {
		if g, b, ok := s.binding(o); ok && g == group {
			if n, err := strconv.Atoi(b); err == nil && n >= next {
				next = n + 1
			}
		}
	}
	var text string
	if !hasGroup {
		text += "@group(" + group + ") "
	}
	if !hasBinding {
		text += fmt.Sprintf("@binding(%d) ", next)
	}
	return &Fix{Title: "Add " + strings.TrimSpace(text), Edits: []Edit{{Span: diag.Span{Start: vd.Keyword.Start, End: vd.Keyword.Start}, NewText: text}}}
}

func (s *Snapshot) fixUnused(d diag.Diagnostic) *Fix {
	o, ok := s.index().occAt(d.Span.Start)
	if !ok || !o.decl {
		return nil
	}
	f := &Fix{Title: fmt.Sprintf("Rename '%s' to '_%s' (mark it unused)", o.sym.Name, o.sym.Name)}
	for _, x := range s.References(d.Span.Start, true) {
		f.Edits = append(f.Edits, Edit{Span: diag.Span{Start: x.Span.Start, End: x.Span.Start}, NewText: "_"})
	}
	return f
}

func (s *Snapshot) fixReturn(d diag.Diagnostic) *Fix {
	var fn *wgsl.Symbol
	for _, sym := range s.Res.Symbols {
		if sym.Kind == wgsl.SymFunc && sym.Func != nil && sym.Func.Decl.Body != nil {
			if b := sym.Func.Decl.Body.Span; b.Start <= d.Span.Start && d.Span.End <= b.End {
				fn = sym
			}
		}
	}
	if fn == nil || fn.Type == nil || !constructible(fn.Type) {
		return nil
	}
	zero := typeName(fn.Type) + "()"
	brace := fn.Func.Decl.Body.Span.End - 1
	if brace < 0 || brace >= len(s.Src) || s.Src[brace] != '}' {
		return nil
	}
	lineStart := brace
	for lineStart > 0 && (s.Src[lineStart-1] == ' ' || s.Src[lineStart-1] == '\t') {
		lineStart--
	}
	var e Edit
	if lineStart == 0 || s.Src[lineStart-1] == '\n' {
		indent := string(s.Src[lineStart:brace])
		e = Edit{Span: diag.Span{Start: lineStart, End: lineStart}, NewText: indent + "  return " + zero + ";\n"}
	} else {
		e = Edit{Span: diag.Span{Start: brace, End: brace}, NewText: " return " + zero + "; "}
	}
	return &Fix{Title: "Add 'return " + zero + ";'", Edits: []Edit{e}}
}

// constructible reports types whose zero value T() is valid WGSL.
func constructible(t *wgsl.Type) bool {
	return t.Kind != wgsl.Invalid && t.Kind != wgsl.Void && t.IsConstructible()
}

func (s *Snapshot) fixEnable(d diag.Diagnostic) *Fix {
	_, rest, ok := strings.Cut(d.Message, "'enable ")
	if !ok {
		return nil
	}
	ext, _, ok := strings.Cut(rest, ";")
	if !ok || !isIdent(ext) {
		return nil
	}
	at, text := 0, "enable "+ext+";\n"
	if ds := s.Res.File.Directives; len(ds) > 0 {
		at = ds[len(ds)-1].Span.End
		text = "\nenable " + ext + ";"
	}
	return &Fix{Title: "Add 'enable " + ext + ";'", Edits: []Edit{{Span: diag.Span{Start: at, End: at}, NewText: text}}}
}

// fixSuffix rewrites a literal inside the diagnostic's span to the type
// its context expects (a declared type, an assignment's target, a return
// type, the other operand, a user function's parameter).
func (s *Snapshot) fixSuffix(d diag.Diagnostic) *Fix {
	var fix *Fix
	syntax.Inspect(s.Res.File, func(n syntax.Node) bool {
		if fix != nil {
			return false
		}
		sp := n.NodeSpan()
		if sp.End < d.Span.Start || sp.Start > d.Span.End {
			return false
		}
		var lit *syntax.LiteralExpr
		var want *wgsl.Type
		switch n := n.(type) {
		case *syntax.VarDecl:
			if n.Type != nil {
				lit, want = asLiteral(n.Init), s.declaredScalar(n.Type)
			}
		case *syntax.AssignStmt:
			lit, want = asLiteral(n.RHS), valueType(s.Res.TypeOf(n.LHS))
		case *syntax.BinaryExpr:
			if l := asLiteral(n.Y); l != nil {
				lit, want = l, valueType(s.Res.TypeOf(n.X))
			} else if l := asLiteral(n.X); l != nil {
				lit, want = l, valueType(s.Res.TypeOf(n.Y))
			}
		case *syntax.ReturnStmt:
			lit = asLiteral(n.Value)
			for _, sym := range s.Res.Symbols {
				if sym.Kind == wgsl.SymFunc && sym.Func != nil && sym.Func.Decl.Span.Start <= n.Span.Start && n.Span.End <= sym.Func.Decl.Span.End {
					want = sym.Type
				}
			}
		case *syntax.CallExpr:
			if callee := s.Res.Refs[n.Callee]; callee != nil && callee.Func != nil {
				for i, a := range n.Args {
					if l := asLiteral(a); l != nil && i < len(callee.Func.Params) && l.Span.Start <= d.Span.End && d.Span.Start <= l.Span.End {
						lit, want = l, callee.Func.Params[i].Type
						break
					}
				}
			}
		}
		if lit == nil || want == nil || lit.Span.End < d.Span.Start || lit.Span.Start > d.Span.End {
			return true
		}
		if text, ok := retype(lit, want); ok && text != lit.Text {
			fix = &Fix{Title: fmt.Sprintf("Change '%s' to '%s'", lit.Text, text), Edits: []Edit{{Span: lit.Span, NewText: text}}}
		}
		return true
	})
	return fix
}

func asLiteral(e syntax.Expr) *syntax.LiteralExpr {
	for {
		switch x := e.(type) {
		case *syntax.LiteralExpr:
			if x.Kind != syntax.LitBool {
				return x
			}
			return nil
		case *syntax.ParenExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// retype spells lit as a literal of type want, when that keeps its value.
func retype(lit *syntax.LiteralExpr, want *wgsl.Type) (string, bool) {
	body := lit.Text
	if lit.Suffix != 0 {
		body = body[:len(body)-1]
	}
	switch want.Kind {
	case wgsl.I32, wgsl.U32:
		if lit.Kind != syntax.LitInt {
			return "", false
		}
		if want.Kind == wgsl.U32 && strings.HasPrefix(body, "-") {
			return "", false
		}
		if want.Kind == wgsl.I32 {
			return body + "i", true
		}
		return body + "u", true
	case wgsl.F32, wgsl.F16:
		if lit.Hex && lit.Kind == syntax.LitInt {
			return "", false
		}
		suf := "f"
		if want.Kind == wgsl.F16 {
			suf = "h"
		}
		return body + suf, true
	}
	return "", false
}

// declaredScalar is the scalar type a type expression names (directly or
// through an alias), or nil. (A checked declaration whose initializer
// mismatches gets the error type, so the written type is read here.)
func (s *Snapshot) declaredScalar(e syntax.Expr) *wgsl.Type {
	id, ok := e.(*syntax.IdentExpr)
	if !ok || id.Template != nil {
		return nil
	}
	if sym := s.Res.Refs[id]; sym != nil {
		if sym.Kind == wgsl.SymAlias && sym.Type != nil && sym.Type.IsScalar() {
			return sym.Type
		}
		return nil
	}
	kinds := map[string]wgsl.Kind{"i32": wgsl.I32, "u32": wgsl.U32, "f32": wgsl.F32, "f16": wgsl.F16}
	if k, ok := kinds[id.Name.Name]; ok {
		return &wgsl.Type{Kind: k}
	}
	return nil
}

// fixSpelling proposes the names visible at an undeclared identifier that
// are within a small edit distance of it, closest first (at most three).
func (s *Snapshot) fixSpelling(d diag.Diagnostic) []Fix {
	if d.Span.End > len(s.Src) || d.Span.Len() == 0 {
		return nil
	}
	name := string(s.Src[d.Span.Start:d.Span.End])
	limit := max(1, len(name)/3)
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	seen := map[string]bool{name: true}
	consider := func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		if dist := editDistance(name, n, limit); dist <= limit {
			cands = append(cands, cand{n, dist})
		}
	}
	ix := s.index()
	for _, sym := range s.Res.Symbols {
		if sym.Name != "" && sym.Kind != wgsl.SymMember && ix.visible(sym, d.Span.Start) {
			consider(sym.Name)
		}
	}
	for _, b := range builtinList {
		consider(b.name)
	}
	for _, list := range [][]string{scalarTypes, genericTypes, handleTypes} {
		for _, n := range list {
			consider(n)
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.dist - b.dist })
	var out []Fix
	for i, c := range cands {
		if i == 3 {
			break
		}
		out = append(out, Fix{Title: fmt.Sprintf("Change '%s' to '%s'", name, c.name), Edits: []Edit{{Span: d.Span, NewText: c.name}}})
	}
	return out
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// is known to exceed limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
