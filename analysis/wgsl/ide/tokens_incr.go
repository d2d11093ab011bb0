package ide

import (
	"bytes"
	"slices"
	"sort"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Semantic tokens after an edit, without parsing the whole new version.
//
// Most keystrokes change the inside of one function body. The tokens
// outside that function cannot change then: the module scope is the same,
// a body declares nothing another declaration sees, and tokens after the
// function only move by the length the edit added. So the function alone
// is lexed, parsed (syntax.ReparseFunc), resolved in the module scope of
// the previous version (wgsl.ResolveFunc) and scanned, and its tokens
// replace its old ones. The result is exactly what ClassifyParsed gives
// for the new version (TestReclassifyMatchesFull, FuzzReclassify), or
// Reclassify declines and the caller classifies the new version in full.

// TokenState is the semantic tokens of one version of a document with
// what Reclassify needs to redo one function of the next version.
type TokenState struct {
	// Tokens are every token of the version, as ClassifyParsed gives
	// them. Shared: callers must not modify them.
	Tokens []SemanticToken

	src   []byte
	funcs []funcExtent // the module's functions, in source order
	scope *wgsl.Scope  // nil when no edit can be reclassified alone
}

// funcExtent is where a module-scope function is: its declaration
// (attributes included) and its body ('{' to '}'), and whether it is the
// declaration of its name that names resolve to.
type funcExtent struct {
	decl, body diag.Span
	declares   bool
}

// NewTokenState classifies src, a version of a document parsed into file
// with parse diagnostics parseDiags and names resolved by
// wgsl.ResolveNames(file), and keeps what Reclassify needs. scan is
// ScanSource(src) (which a caller may have run while it parsed), or nil.
func NewTokenState(src []byte, file *syntax.File, parseDiags []diag.Diagnostic, names *wgsl.Names, scan *Scan) *TokenState {
	if scan == nil {
		scan = ScanSource(src)
	}
	st := &TokenState{Tokens: scan.Classify(names), src: src}
	if !topLevelClean(src, file) {
		return st
	}
	for _, d := range file.Decls {
		if f, ok := d.(*syntax.FuncDecl); ok && f.Body != nil {
			st.funcs = append(st.funcs, funcExtent{decl: f.Span, body: f.Body.Span, declares: names.Declares(f)})
		}
	}
	// A syntax error outside every function body may have left the parser
	// or the lexer in a state that reaches past its declaration.
	for _, d := range parseDiags {
		if k := st.funcAt(d.Span.Start); k < 0 || d.Span.Start <= st.funcs[k].body.Start || d.Span.End >= st.funcs[k].body.End {
			return st
		}
	}
	st.scope = names.Scope()
	return st
}

// funcAt returns the index of the function whose declaration contains
// offset (inclusive of its end), or -1.
func (st *TokenState) funcAt(offset int) int {
	k := sort.Search(len(st.funcs), func(i int) bool { return st.funcs[i].decl.End >= offset })
	if k < len(st.funcs) && st.funcs[k].decl.Start <= offset {
		return k
	}
	return -1
}

// topLevelClean reports whether only blankspace, comments and ';' come
// between, before and after the top-level directives and declarations of
// file: then nothing the parser skipped or consumed while recovering from
// an error lies between two declarations.
func topLevelClean(src []byte, file *syntax.File) bool {
	at := 0
	gap := func(end int) bool {
		ok := end >= at && onlyBlanksAndComments(src[:end], at)
		at = end
		return ok
	}
	for _, d := range file.Directives {
		if !gap(d.Span.Start) {
			return false
		}
		at = d.Span.End
	}
	for _, d := range file.Decls {
		if !gap(d.NodeSpan().Start) {
			return false
		}
		at = d.NodeSpan().End
	}
	return gap(len(src))
}

// onlyBlanksAndComments reports whether src[from:] holds only
// blankspace, comments and ';'.
func onlyBlanksAndComments(src []byte, from int) bool {
	for p := from; p < len(src); {
		c := src[p]
		switch {
		case asciiBlank[c] || c == ';':
			p++
		case c == '/' && p+1 < len(src) && src[p+1] == '/':
			p = lineCommentEnd(src, p)
		case c == '/' && p+1 < len(src) && src[p+1] == '*':
			end, closed := syntax.BlockCommentEnd(src, p)
			if !closed {
				return false
			}
			p = end
		case c >= 0x80 && unicodeBlankLen(src[p:]) > 0:
			p += unicodeBlankLen(src[p:])
		default:
			return false
		}
	}
	return true
}

// Reclassify returns the token state of next, a later version of the
// state's document, when the two differ only inside one function's body
// and the function's new text still parses as that one function (see
// syntax.ReparseFunc); ok is false otherwise, and the caller classifies
// next in full (ClassifyParsed, NewTokenState).
func (st *TokenState) Reclassify(next []byte) (_ *TokenState, ok bool) {
	if st.scope == nil {
		return nil, false
	}
	old := st.src
	// The edit: old[p:oldEnd] became next[p:newEnd].
	p := commonPrefix(old, next)
	s := commonSuffix(old[p:], next[p:])
	oldEnd, delta := len(old)-s, len(next)-len(old)
	k := st.funcAt(p)
	if k < 0 {
		return nil, false
	}
	fn := st.funcs[k]
	// Strictly inside the braces: the '{' and the '}' stay.
	if p <= fn.body.Start || oldEnd >= fn.body.End {
		return nil, false
	}
	decl := diag.Span{Start: fn.decl.Start, End: fn.decl.End + delta}
	f, ok := syntax.ReparseFunc(next, decl.Start, decl.End)
	if !ok {
		return nil, false
	}
	sc, ok := scanFrom(next[:decl.End], decl.Start)
	if !ok {
		return nil, false // non-ASCII code: the lexer-driven path classifies it
	}
	var occs []nameTok
	if fn.declares {
		occs = funcNameToks(wgsl.ResolveFunc(st.scope, f))
	}
	inner := sc.claim(occs)

	// Splice: the tokens before the function, its new ones, and the ones
	// after it moved by delta.
	i := sort.Search(len(st.Tokens), func(i int) bool { return st.Tokens[i].Span.Start >= fn.decl.Start })
	j := sort.Search(len(st.Tokens), func(i int) bool { return st.Tokens[i].Span.Start >= fn.decl.End })
	toks := make([]SemanticToken, 0, len(st.Tokens)-(j-i)+len(inner))
	toks = append(toks, st.Tokens[:i]...)
	toks = append(toks, inner...)
	for _, t := range st.Tokens[j:] {
		t.Span.Start += delta
		t.Span.End += delta
		toks = append(toks, t)
	}
	funcs := slices.Clone(st.funcs)
	funcs[k].decl, funcs[k].body = decl, f.Body.Span
	for m := k + 1; m < len(funcs); m++ {
		funcs[m].decl = shift(funcs[m].decl, delta)
		funcs[m].body = shift(funcs[m].body, delta)
	}
	return &TokenState{Tokens: toks, src: next, funcs: funcs, scope: st.scope}, true
}

func shift(s diag.Span, delta int) diag.Span {
	return diag.Span{Start: s.Start + delta, End: s.End + delta}
}

// funcNameToks lists the names of one function's ResolveFunc (all its
// declarations and references, none of the module's others), sorted by
// start.
func funcNameToks(n *wgsl.Names) []nameTok {
	toks := make([]nameTok, 0, len(n.Decls)+len(n.Refs))
	for _, d := range n.Decls {
		if d.Node != nil && d.NameSpan.Len() > 0 {
			toks = append(toks, nameTok{int32(d.NameSpan.Start), int32(d.NameSpan.End), d.Kind, true})
		}
	}
	for _, r := range n.Refs {
		toks = append(toks, nameTok{int32(r.Span.Start), int32(r.Span.End), n.Decls[r.Decl].Kind, false})
	}
	slices.SortFunc(toks, func(a, b nameTok) int { return int(a.start - b.start) })
	return toks
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	// Compare in blocks first: bytes.Equal is vectorised.
	const block = 256
	p := 0
	for p+block <= n && bytes.Equal(a[p:p+block], b[p:p+block]) {
		p += block
	}
	for p < n && a[p] == b[p] {
		p++
	}
	return p
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	const block = 256
	s := 0
	for s+block <= n && bytes.Equal(a[len(a)-s-block:len(a)-s], b[len(b)-s-block:len(b)-s]) {
		s += block
	}
	for s < n && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return s
}
