package ide

import (
	"fmt"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Hover is what a hover shows: markdown about the thing at the cursor and
// the span it is about.
type Hover struct {
	Span     diag.Span
	Markdown string
}

// Hover describes what is at offset: a declaration or a reference to one
// (with its type, a constant's value, a struct's layout, a binding's
// resource slot), a builtin function call (the overload that matched and a
// description), a member or swizzle, or else the type of the innermost
// checked expression. ok is false when there is nothing to show.
func (s *Snapshot) Hover(offset int) (h Hover, ok bool) {
	ix := s.index()
	res := s.Res
	if o, found := ix.occAt(offset); found {
		return Hover{Span: o.span, Markdown: s.symbolMarkdown(o.sym)}, true
	}
	path := pathAt(res.File, offset)
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *syntax.IdentExpr:
			if !n.Name.Span.Contains(offset) && n.Name.Span.End != offset {
				continue
			}
			var parent syntax.Node
			if i > 0 {
				parent = path[i-1]
			}
			if md := s.predeclaredMarkdown(n, parent); md != "" {
				return Hover{Span: n.Name.Span, Markdown: md}, true
			}
		case *syntax.MemberExpr:
			if n.Member.Span.Contains(offset) || n.Member.Span.End == offset {
				if t := res.TypeOf(n); t != nil && t.Kind != wgsl.Invalid && n.Member.Name != "" {
					return Hover{Span: n.Member.Span, Markdown: codeBlock(fmt.Sprintf("%s: %s", n.Member.Name, valueType(t))) + "\nSwizzle of " + typeName(res.TypeOf(n.X)) + "."}, true
				}
			}
		case *syntax.Attribute:
			if n.Name.Span.Contains(offset) || (n.Span.Start <= offset && offset <= n.Name.Span.End) {
				if d := attributeDocs[n.Name.Name]; d != "" {
					return Hover{Span: n.Name.Span, Markdown: codeBlock("@"+n.Name.Name) + "\n" + d}, true
				}
			}
		}
		if e, isExpr := path[i].(syntax.Expr); isExpr {
			if t := res.TypeOf(e); t != nil {
				if t.Kind == wgsl.Invalid {
					return Hover{}, false
				}
				md := codeBlock(valueType(t).String())
				if v := res.ValueOf(e); v != nil {
					md = codeBlock(valueType(t).String()) + "\nvalue: `" + v.String() + "`\n"
				}
				return Hover{Span: e.NodeSpan(), Markdown: md}, true
			}
		}
	}
	return Hover{}, false
}

// valueType is the type a reference loads as (the store type); other
// types are themselves.
func valueType(t *wgsl.Type) *wgsl.Type {
	if t != nil && t.Kind == wgsl.Reference {
		return t.Elem
	}
	return t
}

func typeName(t *wgsl.Type) string {
	if t == nil {
		return "?"
	}
	return valueType(t).String()
}

func codeBlock(s string) string { return "```wgsl\n" + s + "\n```\n" }

// Signature is the one-line declaration of sym as WGSL spells it, such as
// "let x: f32" or "fn f(a: i32) -> f32".
func Signature(sym *wgsl.Symbol) string {
	t := typeName(sym.Type)
	switch sym.Kind {
	case wgsl.SymVar:
		tmpl := ""
		if sym.Space != wgsl.NoSpace && sym.Space != wgsl.Function && sym.Space != wgsl.Handle {
			tmpl = "<" + sym.Space.String()
			if sym.Space == wgsl.Storage && sym.Access != wgsl.NoAccess {
				tmpl += ", " + sym.Access.String()
			}
			tmpl += ">"
		}
		return fmt.Sprintf("var%s %s: %s", tmpl, sym.Name, t)
	case wgsl.SymLet, wgsl.SymConst, wgsl.SymOverride:
		s := fmt.Sprintf("%s %s: %s", sym.Kind, sym.Name, t)
		if sym.Value != nil {
			s += " = " + sym.Value.String()
		}
		return s
	case wgsl.SymParam:
		return fmt.Sprintf("%s: %s", sym.Name, t)
	case wgsl.SymMember:
		return fmt.Sprintf("%s: %s", sym.Name, t)
	case wgsl.SymFunc:
		return funcSignature(sym)
	case wgsl.SymStruct:
		return "struct " + sym.Name
	case wgsl.SymAlias:
		return fmt.Sprintf("alias %s = %s", sym.Name, t)
	}
	return sym.Name
}

func funcSignature(sym *wgsl.Symbol) string {
	var b strings.Builder
	b.WriteString("fn " + sym.Name + "(")
	if sym.Func != nil {
		for i, p := range sym.Func.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(p.Name + ": " + typeName(p.Type))
		}
	}
	b.WriteString(")")
	if sym.Type != nil && sym.Type.Kind != wgsl.Void {
		b.WriteString(" -> " + typeName(sym.Type))
	}
	return b.String()
}

// symbolMarkdown is a declaration's hover text.
func (s *Snapshot) symbolMarkdown(sym *wgsl.Symbol) string {
	var b strings.Builder
	switch sym.Kind {
	case wgsl.SymStruct:
		b.WriteString(codeBlock(s.structText(sym)))
		if sym.Type != nil && sym.Type.Kind == wgsl.Struct && layoutKnown(sym.Type) {
			t := sym.Type
			size, align := sizeOf(t), alignOf(t)
			if hasRuntimeArray(t) {
				fmt.Fprintf(&b, "\nsize = %d with one element in its runtime-sized array, align = %d (storage layout)\n", size, align)
			} else {
				fmt.Fprintf(&b, "\nsize = %d, align = %d; stride in an array = %d (uniform/storage layout)\n", size, align, roundUp(align, size))
			}
		}
		return b.String()
	case wgsl.SymFunc:
		b.WriteString(codeBlock(Signature(sym)))
		if sym.Func != nil && sym.Func.IsEntryPoint() {
			fmt.Fprintf(&b, "\n%s shader entry point\n", sym.Func.StageName())
		}
		return b.String()
	}
	head := Signature(sym)
	if !sym.Module && sym.Kind != wgsl.SymMember && sym.Kind != wgsl.SymParam {
		head = "// local\n" + head
	}
	if sym.Kind == wgsl.SymParam {
		head = "// parameter\n" + head
	}
	b.WriteString(codeBlock(head))
	switch sym.Kind {
	case wgsl.SymVar:
		if g, bi, ok := s.binding(sym); ok {
			fmt.Fprintf(&b, "\n@group(%s) @binding(%s)", g, bi)
			fmt.Fprintf(&b, ", address space `%s`", sym.Space)
			if sym.Access != wgsl.NoAccess {
				fmt.Fprintf(&b, ", access `%s`", sym.Access)
			}
			b.WriteString("\n")
		} else if sym.Space != wgsl.NoSpace {
			fmt.Fprintf(&b, "\naddress space `%s`\n", sym.Space)
		}
		if t := sym.Type; t != nil && (sym.Space == wgsl.Uniform || sym.Space == wgsl.Storage) && layoutKnown(t) {
			switch {
			case t.Kind == wgsl.Array && hasRuntimeArray(t):
				fmt.Fprintf(&b, "\nruntime-sized: element stride = %d, align = %d\n", strideOf(t), alignOf(t))
			case hasRuntimeArray(t):
				fmt.Fprintf(&b, "\nsize = %d with one element in its runtime-sized array, align = %d\n", sizeOf(t), alignOf(t))
			default:
				fmt.Fprintf(&b, "\nsize = %d, align = %d\n", sizeOf(t), alignOf(t))
			}
		}
	case wgsl.SymMember:
		if line := s.memberLayout(sym); line != "" {
			b.WriteString("\n" + line + "\n")
		}
	}
	return b.String()
}

// binding reads a resource variable's @group and @binding arguments.
func (s *Snapshot) binding(sym *wgsl.Symbol) (group, binding string, ok bool) {
	vd, isVar := sym.Node.(*syntax.VarDecl)
	if !isVar {
		return "", "", false
	}
	for _, a := range vd.Attrs {
		if len(a.Args) == 0 {
			continue
		}
		text := s.argText(a.Args[0])
		switch a.Name.Name {
		case "group":
			group = text
		case "binding":
			binding = text
		}
	}
	return group, binding, group != "" && binding != ""
}

// argText is an attribute argument's value when evaluated, else its source.
func (s *Snapshot) argText(e syntax.Expr) string {
	if v := s.Res.ValueOf(e); v != nil && v.T != nil && v.T.IsInt() {
		return fmt.Sprint(v.I)
	}
	sp := e.NodeSpan()
	return string(s.Src[sp.Start:sp.End])
}

// structOfMember finds the struct declaring member sym.
func (s *Snapshot) structOfMember(sym *wgsl.Symbol) (*wgsl.Symbol, int) {
	for _, st := range s.Res.Symbols {
		if st.Kind != wgsl.SymStruct || st.Type == nil || st.Type.Struct == nil {
			continue
		}
		for i, m := range st.Type.Struct.Members {
			if m.Decl == sym.Node {
				return st, i
			}
		}
	}
	return nil, -1
}

// memberLayout is "offset = 16, size = 12, align = 16 in struct S" when the
// struct has a host-shareable layout.
func (s *Snapshot) memberLayout(sym *wgsl.Symbol) string {
	st, i := s.structOfMember(sym)
	if st == nil || !layoutKnown(st.Type) {
		return ""
	}
	offs, _ := structLayout(st.Type.Struct)
	m := st.Type.Struct.Members[i]
	return fmt.Sprintf("offset = %d, size = %d, align = %d in struct `%s` (uniform/storage layout)", offs[i], memberSize(m), memberAlign(m), st.Name)
}

// structText prints a struct with each member's layout as a comment.
func (s *Snapshot) structText(sym *wgsl.Symbol) string {
	t := sym.Type
	if t == nil || t.Kind != wgsl.Struct {
		return "struct " + sym.Name
	}
	var b strings.Builder
	b.WriteString("struct " + sym.Name + " {\n")
	known := layoutKnown(t)
	var offs []int
	if known {
		offs, _ = structLayout(t.Struct)
	}
	for i, m := range t.Struct.Members {
		fmt.Fprintf(&b, "  %s: %s,", m.Name, typeName(m.Type))
		switch {
		case known && m.Type.Kind == wgsl.Array && m.Type.N == 0:
			fmt.Fprintf(&b, " // offset %d, stride %d, align %d (runtime-sized)", offs[i], strideOf(m.Type), memberAlign(m))
		case known:
			fmt.Fprintf(&b, " // offset %d, size %d, align %d", offs[i], memberSize(m), memberAlign(m))
		}
		b.WriteString("\n")
	}
	b.WriteString("}")
	return b.String()
}

// predeclaredMarkdown describes a predeclared identifier: a builtin
// function (at a call: the overload that matched), a type or an enumerant.
func (s *Snapshot) predeclaredMarkdown(id *syntax.IdentExpr, parent syntax.Node) string {
	name := id.Name.Name
	res := s.Res
	if call, isCall := parent.(*syntax.CallExpr); isCall && call.Callee == id {
		if d := builtinTable[name]; d != nil {
			var b strings.Builder
			b.WriteString(codeBlock("fn " + name + s.matchedOverload(call)))
			b.WriteString("\n" + d.doc + "\n")
			return b.String()
		}
		if t := res.TypeOf(call); t != nil {
			return codeBlock(typeName(t)) + "\nValue constructor.\n"
		}
	}
	if d := builtinTable[name]; d != nil {
		return codeBlock("fn "+name+d.sigs[0]) + "\n" + d.doc + "\n"
	}
	if d := enumDocs[name]; d != "" {
		return codeBlock(name) + "\n" + d + "\n"
	}
	if isTypeName(name) {
		return codeBlock(s.typeText(id)) + "\nPredeclared type.\n"
	}
	return ""
}

// typeText is the source text of a type expression.
func (s *Snapshot) typeText(e syntax.Expr) string {
	sp := e.NodeSpan()
	return string(s.Src[sp.Start:sp.End])
}

// matchedOverload spells a builtin call's overload from the checked types
// of its arguments and result: "(e1: vec3<f32>, e2: vec3<f32>) -> f32".
func (s *Snapshot) matchedOverload(call *syntax.CallExpr) string {
	d := builtinTable[call.Callee.Name.Name]
	var names []string
	if d != nil {
		for _, sig := range d.sigs {
			if ps := sigParams(sig); len(ps) == len(call.Args) {
				names = ps
				break
			}
		}
	}
	var b strings.Builder
	if call.Callee.Template != nil {
		b.WriteString(s.typeText(call.Callee)[len(call.Callee.Name.Name):])
	}
	// Abstract arguments were converted to the overload's concrete type:
	// take it from a concrete argument, else from the result.
	concrete := ""
	for _, a := range append(append([]syntax.Expr(nil), call.Args...), call) {
		if t := valueType(s.Res.TypeOf(a)); t != nil && !t.IsAbstract() {
			if l := t.Leaf(); l != nil && l.IsNumeric() {
				concrete = l.String()
				break
			}
		}
	}
	b.WriteString("(")
	for i, a := range call.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		if i < len(names) {
			n, _, _ := strings.Cut(names[i], ":")
			b.WriteString(strings.TrimSpace(n) + ": ")
		}
		tn := typeName(s.Res.TypeOf(a))
		if concrete != "" {
			tn = strings.NewReplacer("abstract-float", concrete, "abstract-int", concrete).Replace(tn)
		}
		b.WriteString(tn)
	}
	b.WriteString(")")
	if t := s.Res.TypeOf(call); t != nil && t.Kind != wgsl.Void {
		b.WriteString(" -> " + typeName(t))
	}
	return b.String()
}
