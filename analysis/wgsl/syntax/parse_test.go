package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// exprDump parses `_ = src;` in a function and dumps the right-hand side.
func exprDump(t *testing.T, src string) (string, []diag.Diagnostic) {
	t.Helper()
	f, ds := Parse([]byte("fn f() { _ = " + src + "; }"))
	fn := f.Decls[0].(*FuncDecl)
	if len(fn.Body.Stmts) == 0 {
		return "<none>", ds
	}
	a, ok := fn.Body.Stmts[0].(*AssignStmt)
	if !ok {
		return Dump(fn.Body.Stmts[0]), ds
	}
	return Dump(a.RHS), ds
}

// diagList renders diagnostics as "start-end code: message" lines.
func diagList(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d-%d %s: %s\n", d.Span.Start, d.Span.End, d.Code, d.Message)
	}
	return b.String()
}

func TestExpressions(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1 + 2 * 3", "(+ 1 (* 2 3))"},
		{"1 * 2 + 3 - 4", "(- (+ (* 1 2) 3) 4)"},
		{"a < b", "(< a b)"},
		{"a <= b", "(<= a b)"},
		{"a >= b", "(>= a b)"},
		{"a > b", "(> a b)"},
		{"a != b", "(!= a b)"},
		{"a << b", "(<< a b)"},
		{"a >> b", "(>> a b)"},
		{"a << 2 < b >> 1", "(< (<< a 2) (>> b 1))"},
		{"a & b & c", "(& (& a b) c)"},
		{"a | b | c", "(| (| a b) c)"},
		{"a ^ b ^ c", "(^ (^ a b) c)"},
		{"a && b && c", "(&& (&& a b) c)"},
		{"a || b < c || d", "(|| (|| a (< b c)) d)"},
		{"(a && b) || c", "(|| (paren (&& a b)) c)"},
		{"-a * !b", "(* (- a) (! b))"},
		{"~a & *p", "(& (~ a) (* p))"},
		{"&a.b[2]", "(& (index (. a b) 2))"},
		{"*p.x", "(* (. p x))"},
		{"- -a", "(- (- a))"},
		{"f(a, b,)", "(call f a b)"},
		{"f()", "(call f)"},
		{"vec3<f32>(1.0, 2.0, 3.0)", "(call vec3<f32> 1.0 2.0 3.0)"},
		{"array<f32, 4>(1, 2, 3, 4)", "(call array<f32,4> 1 2 3 4)"},
		{"a<b>(c)", "(call a<b> c)"},
		{"a < b > (c)", "(call a<b> c)"},
		{"(a < b) > c", "(> (paren (< a b)) c)"},
		{"a < (b > c)", "(< a (paren (> b c)))"},
		{"array<vec2<f32>>()", "(call array<vec2<f32>>)"},
		{"array<vec2<f32>, 2>()", "(call array<vec2<f32>,2>)"},
		{"array<f32, 1 << 2>()", "(call array<f32,(<< 1 2)>)"},
		{"array<f32, (4 > 2)>()", "(call array<f32,(paren (> 4 2))>)"},
		{"a[b < c]", "(index a (< b c))"},
		{"x.yzw.x", "(. (. x yzw) x)"},
		{"bitcast<u32>(1.0f)", "(call bitcast<u32> 1.0f)"},
		{"ptr<function, i32>", "ptr<function,i32>"},
		{"a<b || c>d", "(|| (< a b) (> c d))"}, // '||' pops the candidate: no template
		{"true && false", "(&& true false)"},
		{"0x1p4 + 1e-3f + .5 + 1.", "(+ (+ (+ 0x1p4 1e-3f) .5) 1.)"},
	}
	for _, tc := range tests {
		got, ds := exprDump(t, tc.src)
		if got != tc.want || len(ds) != 0 {
			t.Errorf("%s:\n got  %s\n want %s\n diags: %s", tc.src, got, tc.want, diagList(ds))
		}
	}
}

func TestExpressionRestrictions(t *testing.T) {
	const pre = len("fn f() { _ = ")
	tests := []struct{ src, msg, at string }{
		{"a & b | c", "mixing '&' and '|' requires parentheses", "|"},
		{"a | b ^ c", "mixing '|' and '^' requires parentheses", "^"},
		{"a < b < c", "'<' cannot be chained; use parentheses", "< c"},
		{"a == b != c", "mixing '==' and '!=' requires parentheses", "!="},
		{"a << b << c", "'<<' cannot be chained; use parentheses", "<< c"},
		{"a && b || c", "mixing '&&' and '||' requires parentheses", "||"},
		{"a || b && c", "mixing '||' and '&&' requires parentheses", "&&"},
		{"a + b << c", "mixing '+' and '<<' requires parentheses", "<<"},
		{"a << b + c", "mixing '<<' and '+' requires parentheses", "+"},
		{"a + b & c", "mixing '+' and '&' requires parentheses", "&"},
		{"a & b == c", "mixing '&' and '==' requires parentheses", "=="},
	}
	for _, tc := range tests {
		_, ds := exprDump(t, tc.src)
		off := pre + strings.Index(tc.src, tc.at)
		want := fmt.Sprintf("%d-%d syntax-error: %s\n", off, off+len(strings.Fields(tc.at)[0]), tc.msg)
		if got := diagList(ds); got != want {
			t.Errorf("%s:\n got  %s want %s", tc.src, got, want)
		}
	}
}

func TestDeclarations(t *testing.T) {
	tests := []struct{ src, want string }{
		{"enable f16, clip_distances,;", "(file (enable f16 clip_distances))"},
		{"requires readonly_and_readwrite_storage_textures;", "(file (requires readonly_and_readwrite_storage_textures))"},
		{"diagnostic(off, derivative_uniformity);", "(file (diagnostic off derivative_uniformity))"},
		{"diagnostic(warning, chromium.unreachable_code,);", "(file (diagnostic warning chromium.unreachable_code))"},
		{"@group(0) @binding(1,) var<storage, read_write> b: array<u32>;",
			"(file (@group(0) @binding(1) var<storage,read_write> b array<u32> _))"},
		{"var<private> x = 1;", "(file (var<private> x _ 1))"},
		{"const c: i32 = 2;", "(file (const c i32 2))"},
		{"@id(3) override o: f32;", "(file (@id(3) override o f32 _))"},
		{"alias A = array<f32, 4>;", "(file (alias A array<f32,4>))"},
		{"const_assert 1 < 2;", "(file (const_assert (< 1 2)))"},
		{";;", "(file)"},
		{"struct S { a: f32, @align(16) @size(32) b: vec3<f32> }", "(file (struct S a:f32 @align(16) @size(32) b:vec3<f32>))"},
		{"struct S { a: f32, }", "(file (struct S a:f32))"},
		{"@compute @workgroup_size(8, 8, 1) fn main(@builtin(global_invocation_id) id: vec3<u32>) {}",
			"(file (@compute @workgroup_size(8 8 1) fn main (@builtin(global_invocation_id) id:vec3<u32>) _ (block)))"},
		{"@vertex fn v() -> @builtin(position) @invariant vec4f { return vec4f(); }",
			"(file (@vertex fn v () @builtin(position) @invariant vec4f (block (return (call vec4f)))))"},
		{"@fragment fn f(@location(0) @interpolate(flat, either) c: u32,) {}",
			"(file (@fragment fn f (@location(0) @interpolate(flat either) c:u32) _ (block)))"},
		{"@diagnostic(off, derivative_uniformity) fn f() {}",
			"(file (@diagnostic(off derivative_uniformity) fn f () _ (block)))"},
		{"@must_use fn f() -> i32 { return 1; }", "(file (@must_use fn f () i32 (block (return 1))))"},
		{"var<workgroup> w: atomic<u32>;", "(file (var<workgroup> w atomic<u32> _))"},
		{"var t: texture_storage_2d<rgba8unorm, write>;", "(file (var t texture_storage_2d<rgba8unorm,write> _))"},
	}
	for _, tc := range tests {
		f, ds := Parse([]byte(tc.src))
		if got := Dump(f); got != tc.want || len(ds) != 0 {
			t.Errorf("%s:\n got  %s\n want %s\n diags: %s", tc.src, got, tc.want, diagList(ds))
		}
	}
}

func TestStatements(t *testing.T) {
	tests := []struct{ src, want string }{
		{"x = 1;", "(= x 1)"},
		{"x += 1; x -= 1; x *= 2; x /= 2; x %= 2;", "(+= x 1) (-= x 1) (*= x 2) (/= x 2) (%= x 2)"},
		{"x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1;", "(&= x 1) (|= x 1) (^= x 1) (<<= x 1) (>>= x 1)"},
		{"a[i].b = 1;", "(= (. (index a i) b) 1)"},
		{"*p = 1;", "(= (* p) 1)"},
		{"(*p).x = 1;", "(= (. (paren (* p)) x) 1)"},
		{"_ = f();", "(= _ (call f))"},
		{"i++; i--;", "(++ i) (-- i)"},
		{"f(1); g<i32>(2);", "(call f 1) (call g<i32> 2)"},
		{"let x = 1; var y: i32; const z = 2;", "(let x _ 1) (var y i32 _) (const z _ 2)"},
		{"var<function> y: i32 = 0;", "(var<function> y i32 0)"},
		{"const_assert true;", "(const_assert true)"},
		{"{ x = 1; }", "(block (= x 1))"},
		{"@diagnostic(off, derivative_uniformity) { }", "(@diagnostic(off derivative_uniformity) block)"},
		{"if a { } else if b { } else { }", "(if a (block) (if b (block) (block)))"},
		{"if (a) { return; }", "(if (paren a) (block (return _)) _)"},
		{"switch x { case 1, 2: { } case 3 { } default: { } }", "(switch x (case 1 2 (block)) (case 3 (block)) (case default (block)))"},
		{"switch x { case 1, default, { } }", "(switch x (case 1 default (block)))"},
		{"switch x @diagnostic(off, derivative_uniformity) { default { } }", "(switch x (case default (block)))"},
		{"loop { break; }", "(loop (block break))"},
		{"loop { i++; continuing { j++; break if j > 2; } }", "(loop (block (++ i)) continuing(block (++ j) (break-if (> j 2))))"},
		{"for (var i = 0; i < 4; i++) { continue; }", "(for (var i _ 0) (< i 4) (++ i) (block continue))"},
		{"for (;;) { break; }", "(for _ _ _ (block break))"},
		{"for (i = 0; ; f()) { }", "(for (= i 0) _ (call f) (block))"},
		{"while i < 4 { i++; }", "(while (< i 4) (block (++ i)))"},
		{"@unroll while (a) { }", "(@unroll while (paren a) (block))"},
		{"discard; return;", "discard (return _)"},
		{";", ";"},
		{"let a = array<i32, 2>(1, 2)[0];", "(let a _ (index (call array<i32,2> 1 2) 0))"},
	}
	for _, tc := range tests {
		src := "fn f() { " + tc.src + " }"
		f, ds := Parse([]byte(src))
		var parts []string
		for _, s := range f.Decls[0].(*FuncDecl).Body.Stmts {
			parts = append(parts, Dump(s))
		}
		if got := strings.Join(parts, " "); got != tc.want || len(ds) != 0 {
			t.Errorf("%s:\n got  %s\n want %s\n diags: %s", tc.src, got, tc.want, diagList(ds))
		}
	}
}
