package outline

import (
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// maxExprDepth bounds exprString's recursion; deeper parts print as `…`.
const maxExprDepth = 64

// exprString prints an expression (a type, usually) in canonical spacing:
// `array<vec4<f32>, 4>`, `a + b * 2`, `vec3<f32>(1.0)`. Parentheses are
// printed where the source had them (ParenExpr), so no precedence is
// needed. A malformed part prints as `…`.
func exprString(x syntax.Expr) string {
	var b strings.Builder
	writeExpr(&b, x, 0)
	return b.String()
}

func templateString(t *syntax.TemplateList) string {
	var b strings.Builder
	writeTemplate(&b, t, 0)
	return b.String()
}

func writeTemplate(b *strings.Builder, t *syntax.TemplateList, depth int) {
	b.WriteString("<")
	writeList(b, t.Args, depth)
	b.WriteString(">")
}

func writeList(b *strings.Builder, xs []syntax.Expr, depth int) {
	for i, a := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, a, depth+1)
	}
}

func writeExpr(b *strings.Builder, x syntax.Expr, depth int) {
	if depth > maxExprDepth {
		b.WriteString("…")
		return
	}
	switch x := x.(type) {
	case *syntax.IdentExpr:
		if x == nil {
			break
		}
		if x.Name.Name == "" {
			b.WriteString("…")
		}
		b.WriteString(x.Name.Name)
		if x.Template != nil {
			writeTemplate(b, x.Template, depth)
		}
		return
	case *syntax.LiteralExpr:
		if x != nil {
			b.WriteString(x.Text)
			return
		}
	case *syntax.ParenExpr:
		if x != nil {
			b.WriteString("(")
			writeExpr(b, x.X, depth+1)
			b.WriteString(")")
			return
		}
	case *syntax.UnaryExpr:
		if x != nil {
			b.WriteString(x.Op.String())
			writeExpr(b, x.X, depth+1)
			return
		}
	case *syntax.BinaryExpr:
		if x != nil {
			writeExpr(b, x.X, depth+1)
			b.WriteString(" " + x.Op.String() + " ")
			writeExpr(b, x.Y, depth+1)
			return
		}
	case *syntax.IndexExpr:
		if x != nil {
			writeExpr(b, x.X, depth+1)
			b.WriteString("[")
			writeExpr(b, x.Index, depth+1)
			b.WriteString("]")
			return
		}
	case *syntax.MemberExpr:
		if x != nil {
			writeExpr(b, x.X, depth+1)
			b.WriteString("." + x.Member.Name)
			return
		}
	case *syntax.CallExpr:
		if x != nil {
			if x.Callee != nil {
				writeExpr(b, x.Callee, depth+1)
			} else {
				b.WriteString("…")
			}
			b.WriteString("(")
			writeList(b, x.Args, depth)
			b.WriteString(")")
			return
		}
	case *syntax.PhonyExpr:
		if x != nil {
			b.WriteString("_")
			return
		}
	}
	b.WriteString("…")
}
