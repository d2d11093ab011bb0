package wgsl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// want is one expected error: its code and the exact source text of its
// primary span.
type want struct {
	code, text string
}

type checkCase struct {
	name string
	src  string
	want []want // expected errors, in position order
}

func errorsOf(ds []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

func render(src string, ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s %s %q: %s\n", d.Severity, d.Code, src[d.Span.Start:d.Span.End], d.Message)
	}
	return b.String()
}

func runCases(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := Check([]byte(tc.src))
			errs := errorsOf(ds)
			ok := len(errs) == len(tc.want)
			for i := 0; ok && i < len(errs); i++ {
				got := tc.src[errs[i].Span.Start:errs[i].Span.End]
				ok = errs[i].Code == tc.want[i].code && got == tc.want[i].text
			}
			if !ok {
				t.Errorf("source:\n%s\ngot:\n%swant: %v", tc.src, render(tc.src, errs), tc.want)
			}
		})
	}
}

func TestNameResolution(t *testing.T) {
	runCases(t, []checkCase{
		{"any order", "const a = b + 1;\nconst b = 2;\nfn f() -> i32 { return g(); }\nfn g() -> i32 { return a; }", nil},
		{"undeclared", "fn f() { let x = y; }", []want{{CodeUndeclared, "y"}}},
		{"undeclared function", "fn f() { g(); }", []want{{CodeUndeclared, "g"}}},
		{"undeclared type", "var<private> v: Foo;", []want{{CodeUndeclared, "Foo"}}},
		{"module redeclared", "const a = 1;\nvar<private> a: i32;", []want{{CodeRedeclared, "a"}}},
		{"local redeclared", "fn f() { let x = 1; var x = 2; _ = x; }", []want{{CodeRedeclared, "x"}}},
		{"param redeclared in body", "fn f(p: i32) { let p = 1; }", []want{{CodeRedeclared, "p"}}},
		{"shadowing in inner scope", "const x = 1;\nfn f() { let x = 2.0; { let x = true; _ = x; } _ = x; }", nil},
		{"shadow builtin function", "fn min(a: i32) -> i32 { return a; }\nfn f() { _ = min(1); }", nil},
		{"shadow type name", "fn f() { let f32 = 1; _ = f32; }", nil},
		{"const cycle", "const a = b;\nconst b = a;", []want{{CodeCycle, "a"}}},
		{"struct cycle", "struct S { s: S }", []want{{CodeCycle, "S"}}},
		{"recursion", "fn f() { g(); }\nfn g() { f(); }", []want{{CodeRecursion, "f"}}},
		{"scope ends at block", "fn f() { { let x = 1; _ = x; } _ = x; }", []want{{CodeUndeclared, "x"}}},
		{"init sees outer", "const x = 1;\nfn f() { let x = x + 1; _ = x; }", nil},
		{"type used as value", "fn f() { let x = f32; }", []want{{CodeInvalidExpr, "f32"}}},
		{"function used as value", "fn g() {}\nfn f() { let x = g; }", []want{{CodeInvalidExpr, "g"}}},
	})
}

func TestTypesAndConversions(t *testing.T) {
	runCases(t, []checkCase{
		{"abstract to f32", "const a: f32 = 1;\nconst b: f32 = 1.5;\nconst c: u32 = 3;", nil},
		{"no float to int", "const a: i32 = 1.5;", []want{{CodeTypeMismatch, "1.5"}}},
		{"no i32 to f32", "fn f() { let a: f32 = 1i; }", []want{{CodeTypeMismatch, "1i"}}},
		{"mixed binary", "fn f() { let a = 1i + 1u; }", []want{{CodeTypeMismatch, "1i + 1u"}}},
		{"abstract mixes", "fn f() { let a = 1 + 1.5; let b: f32 = a; let c = 2u + 1; _ = b; _ = c; }", nil},
		{"vector scalar", "fn f() { let v = vec3f(1.0) * 2.0 + vec3(1.0, 2.0, 3.0); _ = v; }", nil},
		{"vector width mismatch", "fn f() { let v = vec2f() + vec3f(); }", []want{{CodeTypeMismatch, "vec2f() + vec3f()"}}},
		{"matrix times vector", "fn f() { let m = mat2x3f(); let v: vec3f = m * vec2f(); _ = v; }", nil},
		{"matrix shape mismatch", "fn f() { let m = mat2x3f() * vec3f(); }", []want{{CodeTypeMismatch, "mat2x3f() * vec3f()"}}},
		{"comparison gives bool", "fn f() { let b: vec2<bool> = vec2(1, 2) < vec2(3, 4); _ = b; }", nil},
		{"logical on ints", "fn f() { let b = 1 && 2; }", []want{{CodeTypeMismatch, "1 && 2"}}},
		{"f16 needs enable", "var<private> h: f16;", []want{{CodeExtension, "f16"}}},
		{"f16 enabled", "enable f16;\nvar<private> h: vec3h = vec3h(1.0h);", nil},
		{"predeclared aliases", "var<private> a: mat4x4f;\nvar<private> b: vec2u;\nvar<private> c: vec4i;", nil},
		{"matrix of ints", "var<private> m: mat2x2<i32>;", []want{{CodeInvalidType, "i32"}}},
		{"array count zero", "var<private> a: array<f32, 0>;", []want{{CodeInvalidType, "0"}}},
		{"atomic of float", "var<workgroup> a: atomic<f32>;", []want{{CodeInvalidType, "f32"}}},
		{"override sized array", "override n = 4u;\nvar<workgroup> a: array<f32, n>;\n@compute @workgroup_size(1) fn main() { _ = a[0]; }", nil},
		{"override array in private", "override n = 4u;\nvar<private> a: array<f32, n>;", []want{{CodeAddressSpace, "array<f32, n>"}}},
		{"swizzle", "fn f() { let v = vec4f(); let a: vec2f = v.xy; let b: vec3f = v.rgb; let c: f32 = v.w; _ = a; _ = b; _ = c; }", nil},
		{"bad swizzle", "fn f() { let v = vec2f(); let a = v.xz; }", []want{{CodeMember, "xz"}}},
		{"mixed swizzle", "fn f() { let v = vec4f(); let a = v.xg; }", []want{{CodeMember, "xg"}}},
		{"unknown member", "struct S { a: i32 }\nfn f() { let s = S(1); let b = s.b; }", []want{{CodeMember, "b"}}},
		{"array inference", "fn f() { let a = array(1, 2.0, 3); let b: f32 = a[1]; _ = b; }", nil},
		{"array element mismatch", "fn f() { let a = array(1, true); }", []want{{CodeTypeMismatch, "array(1, true)"}}},
		{"struct constructor", "struct S { a: i32, b: vec2f }\nfn f() { let s = S(1, vec2f()); _ = s; }", nil},
		{"struct constructor arity", "struct S { a: i32, b: f32 }\nfn f() { let s = S(1); }", []want{{CodeNoOverload, "S(1)"}}},
		{"vector constructor arity", "fn f() { let v = vec3f(1.0, 2.0); }", []want{{CodeNoOverload, "vec3f(1.0, 2.0)"}}},
		{"bitcast", "fn f() { let a = bitcast<u32>(1.0f); let b = bitcast<vec2<f32>>(vec2u()); _ = a; _ = b; }", nil},
		{"bitcast size", "fn f() { let a = bitcast<vec2u>(1.0f); }", []want{{CodeTypeMismatch, "bitcast<vec2u>(1.0f)"}}},
	})
}

func TestConstEvaluation(t *testing.T) {
	runCases(t, []checkCase{
		{"abstract int overflow", "const a = 9223372036854775807 + 1;", []want{{CodeConstEval, "9223372036854775807 + 1"}}},
		{"i32 wraps", "const a = 2147483647i + 1i;\nconst_assert a == -2147483647i - 1i;", nil},
		{"i32 literal range", "const a = 2147483648i;", []want{{CodeConstEval, "2147483648i"}}},
		{"u32 negative", "const a: u32 = -1;", []want{{CodeConstEval, "-1"}}},
		{"f32 overflow", "const a = 3.4e38f * 10.0f;", []want{{CodeConstEval, "3.4e38f * 10.0f"}}},
		{"f16 overflow", "enable f16;\nconst a = 65504.0h + 32.0h;", []want{{CodeConstEval, "65504.0h + 32.0h"}}},
		{"division by zero", "const a = 1 / 0;", []want{{CodeConstEval, "1 / 0"}}},
		{"runtime int division by const zero", "fn f(x: i32) -> i32 { return x / 0; }", []want{{CodeConstEval, "0"}}},
		{"shift too far", "const a = 1u << 32u;", []want{{CodeConstEval, "1u << 32u"}}},
		{"sqrt domain", "const a = sqrt(-1.0);", []want{{CodeConstEval, "sqrt(-1.0)"}}},
		{"log domain", "const a = log(0.0);", []want{{CodeConstEval, "log(0.0)"}}},
		{"acos domain", "const a = acos(1.5);", []want{{CodeConstEval, "acos(1.5)"}}},
		{"exp overflow f32", "const a = exp(100.0f);", []want{{CodeConstEval, "exp(100.0f)"}}},
		{"exp abstract ok", "const a = exp(100.0);", nil},
		{"clamp low > high", "const a = clamp(1, 3, 2);", []want{{CodeConstEval, "clamp(1, 3, 2)"}}},
		{"extractBits range", "const a = extractBits(1u, 30u, 4u);", []want{{CodeConstEval, "extractBits(1u, 30u, 4u)"}}},
		{"short circuit skips", "const a = false && (1 / 0 == 0);\nconst b = true || (1 / 0 == 0);", nil},
		{"const assert true", "const_assert 1 + 1 == 2;\nfn f() { const_assert sqrt(4.0) == 2.0; }", nil},
		{"const assert false", "const_assert 1 > 2;", []want{{CodeConstAssert, "const_assert 1 > 2;"}}},
		{"const assert not const", "fn f(x: i32) { const_assert x > 0; }", []want{{CodeNotConst, "x > 0"}}},
		{"const needs const init", "fn f(x: i32) { const c = x; }", []want{{CodeNotConst, "x"}}},
		{"const index out of bounds", "fn f() { var a: array<i32, 4>; a[4] = 1; }", []want{{CodeOutOfBounds, "4"}}},
		{"vector index out of bounds", "fn f() { let v = vec3f(); let x = v[3]; }", []want{{CodeOutOfBounds, "3"}}},
		{"negative index", "fn f() { var a: array<i32, 4>; let x = a[-1]; }", []want{{CodeOutOfBounds, "-1"}}},
		{"abstract index beyond i32 into runtime-sized array", "@group(0) @binding(0) var<storage, read_write> ps: array<f32>;\n@compute @workgroup_size(1) fn main() { ps[2147483648] = 1.0; }",
			[]want{{CodeConstEval, "2147483648"}}},
		{"largest i32 index into runtime-sized array", "@group(0) @binding(0) var<storage, read_write> ps: array<f32>;\n@compute @workgroup_size(1) fn main() { ps[2147483647] = 1.0; }", nil},
		{"u32 index beyond i32 into runtime-sized array", "@group(0) @binding(0) var<storage, read_write> ps: array<f32>;\n@compute @workgroup_size(1) fn main() { ps[2147483648u] = 1.0; }", nil},
		{"short circuit skips the index conversion", "@group(0) @binding(0) var<storage, read_write> ps: array<f32>;\n@compute @workgroup_size(1) fn main() { let b = false && ps[2147483648] > 0.0; _ = b; }", nil},
		{"negative abstract index into runtime-sized array", "@group(0) @binding(0) var<storage, read_write> ps: array<f32>;\n@compute @workgroup_size(1) fn main() { ps[-2147483649] = 1.0; }",
			[]want{{CodeOutOfBounds, "-2147483649"}}},
		// Attribute arguments: an abstract integer takes the i32 overload
		// (found by make differential against Tint).
		{"abstract @binding beyond i32", "@group(0) @binding(2147483648) var<storage> b: array<u32>;", []want{{CodeConstEval, "2147483648"}}},
		{"u32 @binding beyond i32", "@group(0) @binding(2147483648u) var<storage> b: array<u32>;", nil},
		{"abstract @location beyond i32", "struct S { @location(2147483648) x: f32 }", []want{{CodeConstEval, "2147483648"}}},
		{"abstract @workgroup_size beyond i32", "@compute @workgroup_size(2147483648) fn cs() {}", []want{{CodeConstEval, "2147483648"}}},
		{"abstract @workgroup_size takes the u32 of the others", "@compute @workgroup_size(2147483648, 1u) fn cs() {}", nil},
		{"abstract @workgroup_size beyond u32", "@compute @workgroup_size(4294967296, 1u) fn cs() {}", []want{{CodeConstEval, "4294967296"}}},
		{"texture offset range", "@group(0) @binding(0) var t: texture_2d<f32>;\n@group(0) @binding(1) var s: sampler;\n@fragment fn fs() -> @location(0) vec4f { return textureSample(t, s, vec2f(), vec2i(8, 0)); }",
			[]want{{CodeConstEval, "vec2i(8, 0)"}}},
	})
}

func TestConstValues(t *testing.T) {
	cases := []struct{ src, want string }{
		{"const x = 1 + 2 * 3;", "7"},
		{"const x = 7 / 2;", "3"},
		{"const x = -7 % 3;", "-1"},
		{"const x = 1.5 + 1;", "2.5"},
		{"const x = vec3(1, 2, 3).zyx;", "vec3<abstract-int>(3, 2, 1)"},
		{"const x = u32(-1i);", "4294967295u"},
		{"const x = i32(3.9);", "3i"},
		{"const x = select(1, 2, true);", "2"},
		{"const x = countOneBits(0xffu);", "8u"},
		{"const x = firstLeadingBit(-1i);", "-1i"},
		{"const x = reverseBits(1u);", "2147483648u"},
		{"const x = dot(vec2(1, 2), vec2(3, 4));", "11"},
		{"const x = pack4x8unorm(vec4f(1.0, 0.0, 1.0, 0.0));", "16711935u"},
		{"const x = bitcast<u32>(1.0f);", "1065353216u"},
		{"const x = determinant(mat2x2(1.0, 2.0, 3.0, 4.0));", "-2.0"},
		{"const x = 1 << 40;", "1099511627776"},
		{"const x = -2147483647i - 1i;", "-2147483648i"},
		{"const x = f32(16777217);", "1.6777216e+07f"},
	}
	for _, tc := range cases {
		r := Analyze([]byte(tc.src))
		if errs := errorsOf(r.Diagnostics); len(errs) > 0 {
			t.Errorf("%s: unexpected errors:\n%s", tc.src, render(tc.src, errs))
			continue
		}
		var got string
		for _, s := range r.Symbols {
			if s.Name == "x" && s.Value != nil {
				got = s.Value.String()
			}
		}
		if got != tc.want {
			t.Errorf("%s: value %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestStatements(t *testing.T) {
	runCases(t, []checkCase{
		{"missing return", "fn f(x: bool) -> i32 { if x { return 1; } }", []want{{CodeMissingReturn, "}"}}},
		{"all paths return", "fn f(x: bool) -> i32 { if x { return 1; } else { return 2; } }", nil},
		{"infinite loop", "fn f() -> i32 { loop { } }", []want{{CodeControlFlow, "loop"}}},
		{"for without exit", "fn f() { for (;;) { continue; break; } }", []want{{CodeControlFlow, "for "}}},
		{"loop returning", "fn f() -> i32 { loop { return 1; } }", nil},
		{"loop with break needs return", "fn f() -> i32 { loop { break; } }", []want{{CodeMissingReturn, "}"}}},
		{"switch all return", "fn f(x: i32) -> i32 { switch x { case 1 { return 1; } default { return 0; } } }", nil},
		{"return type", "fn f() -> i32 { return 1.5; }", []want{{CodeTypeMismatch, "1.5"}}},
		{"return value from void", "fn f() { return 1; }", []want{{CodeTypeMismatch, "1"}}},
		{"assign to let", "fn f() { let x = 1; x = 2; }", []want{{CodeInvalidAssign, "x"}}},
		{"assign type", "fn f() { var x: i32; x = 1.5; }", []want{{CodeTypeMismatch, "1.5"}}},
		{"assign read-only storage", "@group(0) @binding(0) var<storage> b: i32;\nfn f() { b = 1; }", []want{{CodeInvalidAssign, "b"}}},
		{"compound assignment", "fn f() { var x = 1; x += 2; x <<= 1u; var v = vec2f(); v *= 2.0; }", nil},
		{"compound mismatch", "fn f() { var x = 1; x += 1.5; }", []want{{CodeTypeMismatch, "x += 1.5;"}}},
		{"increment", "fn f() { var i = 0u; i++; i--; }", nil},
		{"increment float", "fn f() { var x = 1.0; x++; }", []want{{CodeTypeMismatch, "x"}}},
		{"phony", "fn g() -> i32 { return 1; }\nfn f() { _ = g(); _ = vec2f(); }", nil},
		{"must use builtin", "fn f() { max(1, 2); }", []want{{CodeMustUse, "max(1, 2)"}}},
		{"must use user", "@must_use fn g() -> i32 { return 1; }\nfn f() { g(); }", []want{{CodeMustUse, "g()"}}},
		{"no must use", "fn g() -> i32 { return 1; }\nfn f() { g(); }", nil},
		{"if condition", "fn f() { if 1 { } }", []want{{CodeTypeMismatch, "1"}}},
		{"break outside loop", "fn f() { break; }", []want{{CodeControlFlow, "break;"}}},
		{"continue in switch in loop", "fn f(x: i32) { loop { switch x { case 0 { continue; } default { } } break; } }", nil},
		{"break if", "fn f() { var i = 0; loop { i++; continuing { break if i > 3; } } }", nil},
		{"return in continuing", "fn f() { loop { continuing { return; } } }", []want{{CodeControlFlow, "return;"}}},
		{"switch duplicate", "fn f(x: i32) { switch x { case 1, 2 { } case 2 { } default { } } }", []want{{CodeSwitch, "2"}}},
		{"switch no default", "fn f(x: i32) { switch x { case 1 { } } }", []want{{CodeSwitch, "switch x { case 1 { } }"}}},
		{"switch type mix", "fn f(x: u32) { switch x { case 1i { } default { } } }", []want{{CodeTypeMismatch, "x"}}},
		{"for loop", "fn f() { for (var i = 0; i < 4; i++) { if i == 2 { continue; } } }", nil},
		{"while", "fn f() { var i = 0; while i < 4 { i += 1; } }", nil},
		{"call arity", "fn g(a: i32) {}\nfn f() { g(); }", []want{{CodeArgCount, "g()"}}},
		{"call arg type", "fn g(a: i32) {}\nfn f() { g(1.5); }", []want{{CodeTypeMismatch, "1.5"}}},
		{"pointer param", "fn g(p: ptr<function, i32>) { *p = 1; }\nfn f() { var x = 0; g(&x); }", nil},
		{"pointer alias", "fn g(a: ptr<function, i32>, b: ptr<function, i32>) { *a = *b; }\nfn f() { var x = 0; g(&x, &x); }", []want{{CodeAlias, "&x"}}},
		{"address of vector component", "fn f() { var v = vec2f(); let p = &v.x; }", []want{{CodeInvalidExpr, "&v.x"}}},
		{"local var space", "fn f() { var<private> x: i32; }", []want{{CodeAddressSpace, "<private>"}}},
	})
}

func TestWarnings(t *testing.T) {
	src := "fn f() { let unused = 1; let _quiet = 2; var used = 3; used = 4; }"
	ds := Check([]byte(src))
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Warning {
			got = append(got, d.Code+":"+src[d.Span.Start:d.Span.End])
		}
	}
	if len(got) != 1 || got[0] != CodeUnusedVariable+":unused" {
		t.Errorf("warnings %v, want only unused-variable on 'unused'", got)
	}
	off := "diagnostic(off, rts.unused_variable);\n" + src
	for _, d := range Check([]byte(off)) {
		if d.Code == CodeUnusedVariable {
			t.Errorf("unused-variable not silenced by the diagnostic filter")
		}
	}
}

func TestAttributesAndEntryPoints(t *testing.T) {
	runCases(t, []checkCase{
		{"vertex ok", "@vertex fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4f { return vec4f(f32(i)); }", nil},
		{"vertex without position", "@vertex fn vs() -> @location(0) vec4f { return vec4f(); }", []want{{CodeEntryPoint, "vec4f"}}},
		{"builtin type", "@fragment fn fs(@builtin(front_facing) f: u32) {}", []want{{CodeEntryPoint, "u32"}}},
		{"builtin stage", "@compute @workgroup_size(1) fn cs(@builtin(position) p: vec4f) {}", []want{{CodeEntryPoint, "@builtin(position)"}}},
		{"unknown builtin", "@fragment fn fs(@builtin(bogus) p: vec4f) {}", []want{{CodeAttribute, "bogus"}}},
		{"duplicate location", "struct O { @location(0) a: vec4f, @location(0) b: vec4f }\n@fragment fn fs() -> O { return O(); }", []want{{CodeEntryPoint, "@location(0) b: vec4f"}}},
		{"missing io attribute", "@fragment fn fs(x: f32) {}", []want{{CodeEntryPoint, "x"}}},
		{"integer needs flat", "@fragment fn fs(@location(0) x: i32) {}", []want{{CodeEntryPoint, "i32"}}},
		{"integer flat", "@fragment fn fs(@location(0) @interpolate(flat) x: i32) {}", nil},
		{"interpolate sampling", "@fragment fn fs(@location(0) @interpolate(flat, centroid) x: f32) {}", []want{{CodeAttribute, "centroid"}}},
		{"invariant on location", "@fragment fn fs(@location(0) @invariant x: f32) {}", []want{{CodeAttribute, "@invariant"}}},
		{"workgroup size missing", "@compute fn cs() {}", []want{{CodeEntryPoint, "cs"}}},
		{"workgroup size zero", "@compute @workgroup_size(0) fn cs() {}", []want{{CodeAttribute, "0"}}},
		{"workgroup size override", "override n: u32 = 8;\n@compute @workgroup_size(n, 2) fn cs() {}", nil},
		{"workgroup size on fragment", "@fragment @workgroup_size(1) fn fs() {}", []want{{CodeAttribute, "@workgroup_size(1)"}}},
		{"duplicate attribute", "@compute @compute @workgroup_size(1) fn cs() {}", []want{{CodeAttribute, "@compute"}}},
		{"binding required", "@group(0) var<uniform> u: vec4f;", []want{{CodeBinding, "u"}}},
		{"binding on private", "@group(0) @binding(0) var<private> p: i32;", []want{{CodeAttribute, "@group(0)"}}},
		{"binding collision", "@group(0) @binding(1) var<uniform> a: vec4f;\n@group(0) @binding(1) var<uniform> b: vec4f;\n@fragment fn fs() -> @location(0) vec4f { return a + b; }",
			[]want{{CodeBinding, "b"}}},
		{"binding collision unused", "@group(0) @binding(1) var<uniform> a: vec4f;\n@group(0) @binding(1) var<uniform> b: vec4f;\n@fragment fn fs() -> @location(0) vec4f { return a; }", nil},
		{"override id", "@id(1) override a: f32;\n@id(1) override b: f32;", []want{{CodeAttribute, "@id(1)"}}},
		{"override type", "override o: vec2f;", []want{{CodeInvalidDecl, "o"}}},
		{"entry point call", "@compute @workgroup_size(1) fn cs() {}\nfn f() { cs(); }", []want{{CodeEntryPoint, "cs"}}},
		{"fragment builtin in compute", "@group(0) @binding(0) var t: texture_2d<f32>;\n@group(0) @binding(1) var s: sampler;\nfn g() -> vec4f { return textureSample(t, s, vec2f()); }\n@compute @workgroup_size(1) fn cs() { _ = g(); }",
			[]want{{CodeStage, "textureSample"}}},
		{"barrier in fragment", "@fragment fn fs() { workgroupBarrier(); }", []want{{CodeStage, "workgroupBarrier"}}},
		{"workgroup var in fragment", "var<workgroup> w: i32;\n@fragment fn fs() { w = 1; }", []want{{CodeStage, "w"}}},
		{"discard in compute", "fn g() { discard; }\n@compute @workgroup_size(1) fn cs() { g(); }", []want{{CodeStage, "discard;"}}},
		{"diagnostic on function", "@diagnostic(off, derivative_uniformity) fn f() {}", nil},
		{"unknown attribute", "@bogus fn f() {}", []want{{CodeAttribute, "@bogus"}}},
	})
}

func TestAddressSpacesAndLayout(t *testing.T) {
	runCases(t, []checkCase{
		{"module var needs space", "var x: i32;", []want{{CodeAddressSpace, "var"}}},
		{"handle needs no space", "@group(0) @binding(0) var s: sampler;\n@group(0) @binding(1) var t: texture_depth_2d;", nil},
		{"workgroup initializer", "var<workgroup> w: i32 = 1;", []want{{CodeAddressSpace, "1"}}},
		{"storage write-only", "@group(0) @binding(0) var<storage, write> b: i32;", []want{{CodeAddressSpace, "write"}}},
		{"access on private", "var<private, read> p: i32;", []want{{CodeAddressSpace, "read"}}},
		{"runtime array in storage", "@group(0) @binding(0) var<storage, read_write> b: array<u32>;", nil},
		{"runtime array in uniform", "@group(0) @binding(0) var<uniform> b: array<vec4f>;", []want{{CodeAddressSpace, "array<vec4f>"}}},
		{"runtime array not last", "struct S { a: array<u32>, b: u32 }", []want{{CodeInvalidType, "array<u32>"}}},
		{"atomic in private", "var<private> a: atomic<u32>;", []want{{CodeAddressSpace, "atomic<u32>"}}},
		{"uniform stride", "@group(0) @binding(0) var<uniform> u: array<f32, 4>;", []want{{CodeLayout, "array<f32, 4>"}}},
		{"uniform stride ok", "@group(0) @binding(0) var<uniform> u: array<vec4f, 4>;", nil},
		{"uniform struct align", "struct I { x: f32 }\nstruct S { a: f32, i: I }\n@group(0) @binding(0) var<uniform> u: S;", []want{{CodeLayout, "i: I"}}},
		{"uniform struct align fixed", "struct I { x: f32 }\nstruct S { a: f32, @align(16) i: I }\n@group(0) @binding(0) var<uniform> u: S;", nil},
		{"storage struct ok", "struct I { x: f32 }\nstruct S { a: f32, i: I }\n@group(0) @binding(0) var<storage> u: S;", nil},
		{"bad align", "struct S { @align(3) a: f32 }", []want{{CodeAttribute, "@align(3)"}}},
		{"size too small", "struct S { @size(2) a: f32 }", []want{{CodeAttribute, "@size(2)"}}},
		{"bool in uniform", "@group(0) @binding(0) var<uniform> u: bool;", []want{{CodeAddressSpace, "bool"}}},
		{"ptr type", "fn g(p: ptr<storage, array<u32>, read_write>) -> u32 { return arrayLength(p); }", nil},
	})
}

func TestLayoutNumbers(t *testing.T) {
	src := "enable f16;\nstruct S { a: vec3f, b: f32, c: mat3x3f, d: array<vec2h, 3>, @align(32) e: u32 }"
	res := Analyze([]byte(src))
	var st *Type
	for _, s := range res.Symbols {
		if s.Name == "S" {
			st = s.Type
		}
	}
	if st == nil {
		t.Fatal("struct S not found")
	}
	offs, _ := structLayout(st)
	wantOffs := []int{0, 12, 16, 64, 96}
	for i, o := range wantOffs {
		if offs[i] != o {
			t.Errorf("member %d offset %d, want %d", i, offs[i], o)
		}
	}
	if a, s := alignOf(st), sizeOf(st); a != 32 || s != 128 {
		t.Errorf("align %d size %d, want 32 and 128", a, s)
	}
}

func TestBuiltinOverloads(t *testing.T) {
	runCases(t, []checkCase{
		{"abstract picks float", "fn f() { let a: f32 = sqrt(4); let b = max(1, 2u); let c: u32 = b; _ = a; _ = c; }", nil},
		{"no overload", "fn f() { let a = sqrt(true); }", []want{{CodeNoOverload, "sqrt(true)"}}},
		{"cint only", "fn f() { let a = countOneBits(1.0); }", []want{{CodeNoOverload, "countOneBits(1.0)"}}},
		{"ldexp concrete", "fn f(x: f32, e: i32) -> f32 { return ldexp(x, e); }", nil},
		{"frexp members", "fn f() { let r = frexp(1.5f); let m: f32 = r.fract; let e: i32 = r.exp; _ = m; _ = e; }", nil},
		{"modf vector", "fn f() { let r = modf(vec2f(1.5)); let w: vec2f = r.whole; _ = w; }", nil},
		{"select vector", "fn f() { let v = select(vec2f(), vec2f(1.0), vec2(true, false)); _ = v; }", nil},
		{"atomics", "var<workgroup> a: atomic<u32>;\n@compute @workgroup_size(1) fn cs() { atomicAdd(&a, 1u); let v = atomicLoad(&a); let r = atomicCompareExchangeWeak(&a, v, 2u); _ = r.exchanged; }", nil},
		{"atomic wrong type", "var<workgroup> a: atomic<u32>;\nfn f() { atomicAdd(&a, 1.5); }", []want{{CodeNoOverload, "atomicAdd(&a, 1.5)"}}},
		{"texture load", "@group(0) @binding(0) var t: texture_2d<u32>;\nfn f() -> vec4u { return textureLoad(t, vec2i(0), 0); }", nil},
		{"texture store", "@group(0) @binding(0) var t: texture_storage_2d<rgba8unorm, write>;\nfn f() { textureStore(t, vec2u(0), vec4f(1.0)); }", nil},
		{"texture store read-only", "@group(0) @binding(0) var t: texture_storage_2d<rgba8unorm, read>;\nfn f() { textureStore(t, vec2u(0), vec4f(1.0)); }", []want{{CodeNoOverload, "textureStore(t, vec2u(0), vec4f(1.0))"}}},
		{"gather component const", "@group(0) @binding(0) var t: texture_2d<f32>;\n@group(0) @binding(1) var s: sampler;\nfn f(c: i32) -> vec4f { return textureGather(c, t, s, vec2f()); }", []want{{CodeNotConst, "c"}}},
		{"subgroups need enable", "fn f() -> u32 { return subgroupAdd(1u); }", []want{{CodeExtension, "subgroupAdd"}}},
		{"derivative", "@fragment fn fs(@location(0) x: f32) -> @location(0) vec4f { return vec4f(dpdx(x)); }", nil},
	})
}

func TestUniformity(t *testing.T) {
	head := "@group(0) @binding(0) var t: texture_2d<f32>;\n@group(0) @binding(1) var s: sampler;\n@group(0) @binding(2) var<storage, read_write> rw: array<u32, 4>;\n@group(0) @binding(3) var<uniform> u: vec4u;\n"
	runCases(t, []checkCase{
		{"uniform branch", head + "@fragment fn fs() { if u.x > 0 { _ = textureSample(t, s, vec2f()); } }", nil},
		{"non-uniform branch", head + "@fragment fn fs() { if rw[0] > 0 { _ = textureSample(t, s, vec2f()); } }", []want{{CodeUniformity, "textureSample"}}},
		{"builtin input", head + "@fragment fn fs(@builtin(position) p: vec4f) { if p.x > 0 { _ = textureSample(t, s, vec2f()); } }", []want{{CodeUniformity, "textureSample"}}},
		{"filtered off", "diagnostic(off, derivative_uniformity);\n" + head + "@fragment fn fs() { if rw[0] > 0 { _ = textureSample(t, s, vec2f()); } }", nil},
		{"attribute filter", head + "@fragment fn fs() { @diagnostic(off, derivative_uniformity) if rw[0] > 0 { _ = textureSample(t, s, vec2f()); } }", nil},
		{"barrier after non-uniform return", "@group(0) @binding(0) var<storage, read_write> rw: u32;\n@compute @workgroup_size(8) fn cs() { if rw > 0 { return; } workgroupBarrier(); }", []want{{CodeUniformity, "workgroupBarrier"}}},
		{"through function", "@group(0) @binding(0) var<storage, read_write> rw: u32;\nfn g() { workgroupBarrier(); }\n@compute @workgroup_size(8) fn cs() { if rw > 0 { g(); } }", []want{{CodeUniformity, "g"}}},
		{"parameter requirement", "@group(0) @binding(0) var<storage, read_write> rw: u32;\nfn g(x: u32) { if x > 0 { workgroupBarrier(); } }\n@compute @workgroup_size(8) fn cs() { g(rw); }", []want{{CodeUniformity, "rw"}}},
		{"variable taint", "@group(0) @binding(0) var<storage, read_write> rw: u32;\n@compute @workgroup_size(8) fn cs() { var x = 0u; x = rw; if x > 0 { workgroupBarrier(); } }", []want{{CodeUniformity, "workgroupBarrier"}}},
		{"variable reset", "@group(0) @binding(0) var<storage, read_write> rw: u32;\n@compute @workgroup_size(8) fn cs() { var x = rw; x = 0u; if x > 0 { workgroupBarrier(); } }", nil},
		{"workgroup uniform load", "var<workgroup> w: u32;\n@compute @workgroup_size(8) fn cs() { if workgroupUniformLoad(&w) > 0 { workgroupBarrier(); } }", nil},
	})
}

func TestDirectives(t *testing.T) {
	runCases(t, []checkCase{
		{"unknown extension", "enable foo;", []want{{CodeDirective, "foo"}}},
		{"requires", "requires readonly_and_readwrite_storage_textures;", nil},
		{"unknown feature", "requires bogus_feature;", []want{{CodeDirective, "bogus_feature"}}},
		{"conflicting filters", "diagnostic(off, derivative_uniformity);\ndiagnostic(error, derivative_uniformity);", []want{{CodeDirective, "(error, derivative_uniformity)"}}},
	})
}

// TestOneMistakeOneDiagnostic checks that an error does not cascade into
// the uses of what it broke.
func TestOneMistakeOneDiagnostic(t *testing.T) {
	runCases(t, []checkCase{
		{"bad type propagates silently", "var<private> a: Foo;\nfn f() { let b = a + 1; let c = b * 2; a = c; }", []want{{CodeUndeclared, "Foo"}}},
		{"bad call propagates silently", "fn f() { let x = nope(1); let y = x.yz + vec2f(); _ = y; }", []want{{CodeUndeclared, "nope"}}},
		{"bad const propagates", "const a = 1 / 0;\nconst b = a + 1;\nconst_assert b == 2;", []want{{CodeConstEval, "1 / 0"}}},
		{"keeps checking other decls", "const a = 1 / 0;\nconst b: i32 = 1.5;", []want{{CodeConstEval, "1 / 0"}, {CodeTypeMismatch, "1.5"}}},
	})
}

func TestRelatedSpans(t *testing.T) {
	src := "const a = 1;\nconst a = 2;"
	ds := errorsOf(Check([]byte(src)))
	if len(ds) != 1 || len(ds[0].Related) != 1 {
		t.Fatalf("want one redeclaration with a related span, got %+v", ds)
	}
	if rel := ds[0].Related[0].Span; src[rel.Start:rel.End] != "a" || rel.Start != 6 {
		t.Errorf("related span %v, want the first 'a' at 6", rel)
	}
}

func TestEditorQueries(t *testing.T) {
	src := "const limit = 4;\nfn f(x: i32) -> i32 { let y = x + limit; return y * limit; }"
	r := Analyze([]byte(src))
	at := strings.Index(src, "limit;") + 2
	s := r.SymbolAt(at)
	if s == nil || s.Name != "limit" || s.Kind != SymConst {
		t.Fatalf("SymbolAt(%d) = %+v, want const limit", at, s)
	}
	refs := r.References(s)
	if len(refs) != 2 {
		t.Fatalf("References = %v, want 2", refs)
	}
	for _, sp := range refs {
		if src[sp.Start:sp.End] != "limit" {
			t.Errorf("reference span %v is %q", sp, src[sp.Start:sp.End])
		}
	}
	ty, sp := r.TypeAt(strings.Index(src, "x + limit"))
	if ty == nil || ty.String() != "i32" || src[sp.Start:sp.End] != "x" {
		t.Errorf("TypeAt = %v %q, want i32 of x", ty, src[sp.Start:sp.End])
	}
	// TypeOf/ValueOf on the initializer of limit.
	init := r.File.Decls[0].(*syntax.VarDecl).Init
	if ty := r.TypeOf(init); ty == nil || ty.String() != "abstract-int" {
		t.Errorf("TypeOf(init) = %v, want abstract-int", ty)
	}
	if v := r.ValueOf(init); v == nil || v.String() != "4" {
		t.Errorf("ValueOf(init) = %v, want 4", v)
	}
	if s.Value == nil || s.Value.String() != "4" {
		t.Errorf("const value %v, want 4", s.Value)
	}
}
