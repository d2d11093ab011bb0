// Package outline answers the syntax-only editor queries on a WGSL document:
// its symbol tree (Symbols), the regions an editor can fold (FoldingRanges)
// and the nested ranges that "expand selection" walks (SelectionRanges).
//
// Everything works from the tree syntax.Parse returns, broken code included:
// missing names, bodies and expressions are skipped, never reported. Results
// are plain data with byte-offset spans into the source the tree was parsed
// from; lsp/ converts them to protocol types.
package outline

import (
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Kind classifies a symbol.
type Kind uint8

const (
	KindStruct   Kind = iota + 1
	KindField         // a struct member
	KindFunction      // a function (Stage tells entry points apart)
	KindVar           // module-scope var
	KindConst         // module-scope const
	KindOverride      // override-declaration
	KindLet           // module-scope let: invalid WGSL, but shown while being typed
	KindAlias         // type alias
)

func (k Kind) String() string {
	switch k {
	case KindStruct:
		return "struct"
	case KindField:
		return "field"
	case KindFunction:
		return "function"
	case KindVar:
		return "var"
	case KindConst:
		return "const"
	case KindOverride:
		return "override"
	case KindLet:
		return "let"
	case KindAlias:
		return "alias"
	}
	return "unknown"
}

// Stage is the shader stage of an entry point.
type Stage uint8

const (
	NoStage Stage = iota // not an entry point
	Compute
	Vertex
	Fragment
)

func (s Stage) String() string {
	switch s {
	case Compute:
		return "compute"
	case Vertex:
		return "vertex"
	case Fragment:
		return "fragment"
	}
	return ""
}

// Symbol is one named declaration of the outline.
type Symbol struct {
	Name string
	Kind Kind
	// Detail is the declaration's signature, printed from the tree in
	// canonical spacing: `fn f(a: i32) -> f32`, `struct S`, `pos: vec4<f32>`,
	// `var<storage, read_write> buf: array<u32>`, `const N: u32 = 64u`,
	// `override k = 1.5`, `alias A = array<f32, 4>`. Attributes are left
	// out; initialisers are shown for const, override and let only. A part
	// missing from broken code is left out, or printed as `…` where an
	// expression is malformed.
	Detail string
	// Span is the whole declaration, attributes included; NameSpan is its
	// name, inside Span.
	Span, NameSpan diag.Span
	// Stage is set for functions with @compute, @vertex or @fragment.
	Stage Stage
	// Children are a struct's members; nil for other kinds.
	Children []Symbol
}

// Symbols returns the module-scope declarations of file in source order:
// structs (with their members as children), functions, vars, consts,
// overrides, aliases, and the module-scope lets the parser recovered.
// Declarations without a name (broken code) are left out, as are
// const_asserts and skipped stretches. A nil file gives nil.
func Symbols(file *syntax.File) []Symbol {
	if file == nil {
		return nil
	}
	var out []Symbol
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *syntax.StructDecl:
			if d.Name.Name == "" {
				continue
			}
			s := Symbol{Name: d.Name.Name, Kind: KindStruct, Detail: "struct " + d.Name.Name,
				Span: d.Span, NameSpan: d.Name.Span}
			for _, m := range d.Members {
				if m == nil || m.Name.Name == "" {
					continue
				}
				s.Children = append(s.Children, Symbol{Name: m.Name.Name, Kind: KindField,
					Detail: m.Name.Name + typeSuffix(m.Type), Span: m.Span, NameSpan: m.Name.Span})
			}
			out = append(out, s)
		case *syntax.FuncDecl:
			if d.Name.Name == "" {
				continue
			}
			out = append(out, Symbol{Name: d.Name.Name, Kind: KindFunction, Detail: funcDetail(d),
				Span: d.Span, NameSpan: d.Name.Span, Stage: stageOf(d.Attrs)})
		case *syntax.VarDecl:
			if d.Name.Name == "" {
				continue
			}
			out = append(out, Symbol{Name: d.Name.Name, Kind: varKind(d.Kind), Detail: varDetail(d),
				Span: d.Span, NameSpan: d.Name.Span})
		case *syntax.AliasDecl:
			if d.Name.Name == "" {
				continue
			}
			detail := "alias " + d.Name.Name
			if present(d.Type) {
				detail += " = " + exprString(d.Type)
			}
			out = append(out, Symbol{Name: d.Name.Name, Kind: KindAlias, Detail: detail,
				Span: d.Span, NameSpan: d.Name.Span})
		}
	}
	return out
}

func varKind(k syntax.VarKind) Kind {
	switch k {
	case syntax.VarConst:
		return KindConst
	case syntax.VarOverride:
		return KindOverride
	case syntax.VarLet:
		return KindLet
	}
	return KindVar
}

// stageOf finds the stage attribute among attrs.
func stageOf(attrs []*syntax.Attribute) Stage {
	for _, a := range attrs {
		if a == nil {
			continue
		}
		switch a.Name.Name {
		case "compute":
			return Compute
		case "vertex":
			return Vertex
		case "fragment":
			return Fragment
		}
	}
	return NoStage
}

func funcDetail(d *syntax.FuncDecl) string {
	var b strings.Builder
	b.WriteString("fn " + d.Name.Name + "(")
	first := true
	for _, p := range d.Params {
		if p == nil || p.Name.Name == "" {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(p.Name.Name + typeSuffix(p.Type))
	}
	b.WriteString(")")
	if present(d.ReturnType) {
		b.WriteString(" -> " + exprString(d.ReturnType))
	}
	return b.String()
}

func varDetail(d *syntax.VarDecl) string {
	var b strings.Builder
	b.WriteString(d.Kind.String())
	if d.Template != nil {
		b.WriteString(templateString(d.Template))
	}
	b.WriteString(" " + d.Name.Name + typeSuffix(d.Type))
	if d.Kind != syntax.VarVar && present(d.Init) {
		b.WriteString(" = " + exprString(d.Init))
	}
	return b.String()
}

// typeSuffix is ": T", or "" when the type is absent.
func typeSuffix(t syntax.Expr) string {
	if !present(t) {
		return ""
	}
	return ": " + exprString(t)
}

// present reports whether x was written: nil and zero-length BadExpr (a
// missing expression) are absent.
func present(x syntax.Expr) bool {
	if x == nil {
		return false
	}
	if b, ok := x.(*syntax.BadExpr); ok {
		return b != nil && b.Span.Len() > 0
	}
	return true
}
