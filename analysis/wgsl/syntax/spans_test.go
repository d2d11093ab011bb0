package syntax

import (
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// TestSpans checks the source text under the spans the checker relies on.
func TestSpans(t *testing.T) {
	src := "@group(0) @binding(1) var<uniform> u: Params;\n" +
		"fn f(a: vec3<f32>) -> f32 {\n" +
		"  let x = vec3<f32>(1.0).y + a[0];\n" +
		"  x += 1.0;\n" +
		"  return x;\n" +
		"}\n"
	f, ds := Parse([]byte(src))
	if len(ds) != 0 {
		t.Fatal(diagList(ds))
	}
	text := func(s diag.Span) string { return src[s.Start:s.End] }
	v := f.Decls[0].(*VarDecl)
	fn := f.Decls[1].(*FuncDecl)
	let := fn.Body.Stmts[0].(*VarDecl)
	sum := let.Init.(*BinaryExpr)
	member := sum.X.(*MemberExpr)
	call := member.X.(*CallExpr)
	assign := fn.Body.Stmts[1].(*AssignStmt)
	checks := []struct {
		got  diag.Span
		want string
	}{
		{v.Span, "@group(0) @binding(1) var<uniform> u: Params;"},
		{v.Name.Span, "u"},
		{v.Template.Span, "<uniform>"},
		{v.Type.NodeSpan(), "Params"},
		{v.Attrs[1].Span, "@binding(1)"},
		{fn.Name.Span, "f"},
		{fn.Params[0].Span, "a: vec3<f32>"},
		{fn.Params[0].Type.(*IdentExpr).Template.Span, "<f32>"},
		{fn.ReturnType.NodeSpan(), "f32"},
		{let.Span, "let x = vec3<f32>(1.0).y + a[0];"},
		{sum.Span, "vec3<f32>(1.0).y + a[0]"},
		{sum.OpSpan(), "+"},
		{member.Member.Span, "y"},
		{call.Span, "vec3<f32>(1.0)"},
		{call.Callee.Span(), "vec3<f32>"},
		{call.Callee.Name.Span, "vec3"},
		{sum.Y.NodeSpan(), "a[0]"},
		{assign.Span, "x += 1.0;"},
		{assign.OpSpan(), "+="},
		{fn.Body.Stmts[2].NodeSpan(), "return x;"},
		{fn.Body.Span, "{\n  let x = vec3<f32>(1.0).y + a[0];\n  x += 1.0;\n  return x;\n}"},
	}
	for i, c := range checks {
		if got := text(c.got); got != c.want {
			t.Errorf("check %d: span covers %q, want %q", i, got, c.want)
		}
	}
}
