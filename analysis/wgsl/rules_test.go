package wgsl

import (
	"context"
	"testing"
)

// Rules added while measuring against the CTS, each with a hand-written
// example.
func TestMoreRules(t *testing.T) {
	blend := "enable dual_source_blending;\n"
	runCases(t, []checkCase{
		{"partial clamp bounds", "fn f(x: f32) -> f32 { return clamp(x, 2.0, 1.0); }", []want{{CodeConstEval, "clamp(x, 2.0, 1.0)"}}},
		{"partial smoothstep edges", "fn f(x: f32) -> f32 { return smoothstep(1.0, 1.0, x); }", []want{{CodeConstEval, "smoothstep(1.0, 1.0, x)"}}},
		{"partial extractBits", "fn f(x: u32) -> u32 { return extractBits(x, 16u, 17u); }", []want{{CodeConstEval, "extractBits(x, 16u, 17u)"}}},
		{"partial ldexp exponent", "fn f(x: f32) -> f32 { return ldexp(x, 129); }", []want{{CodeConstEval, "ldexp(x, 129)"}}},
		{"pack2x16float range", "const p = pack2x16float(vec2f(65505.0, 0.0));", []want{{CodeConstEval, "pack2x16float(vec2f(65505.0, 0.0))"}}},
		{"partial vector constant", "fn f(v: i32) { let t = vec2(v, 68719476735); }", []want{{CodeConstEval, "68719476735"}}},
		{"splat needs automatic conversion", "const x = vec2<f32>(true);", []want{{CodeNoOverload, "vec2<f32>(true)"}}},
		{"matrix negation", "fn f(m: mat2x2f) { let n = -m; }", []want{{CodeTypeMismatch, "-m"}}},
		{"let without initializer", "fn f() { let x: u32; }", []want{{CodeInvalidDecl, "x"}}},
		{"write-only storage pointer", "alias P = ptr<storage, u32, write>;", []want{{CodeAddressSpace, "write"}}},
		{"duplicate diagnostic attribute", "@diagnostic(off, derivative_uniformity) @diagnostic(off, derivative_uniformity) fn f() {}", []want{{CodeAttribute, "@diagnostic(off, derivative_uniformity)"}}},
		{"array count evaluated under short circuit", "const v = 1;\nfn f() { let b = false && array<bool, v - 2>()[0]; }", []want{{CodeInvalidType, "v - 2"}}},
		{"continue skips declaration", "fn f() { loop { continue; let c = false; continuing { break if c; } } }", []want{{CodeControlFlow, "continue;"}}},
		{"continue after declaration", "fn f() { loop { let c = false; if c { continue; } continuing { break if c; } } }", nil},
		{"io attribute on plain function", "fn f(@location(0) x: f32) {}", []want{{CodeAttribute, "@location(0)"}}},
		{"blend_src ok", blend + "struct O { @location(0) @blend_src(0) a: vec4f, @location(0) @blend_src(1) b: vec4f }\n@fragment fn fs() -> O { return O(); }", nil},
		{"blend_src types differ", blend + "struct O { @location(0) @blend_src(0) a: vec4f, @location(0) @blend_src(1) b: vec3f }\n@fragment fn fs() -> O { return O(); }", []want{{CodeEntryPoint, "@location(0) @blend_src(1) b: vec3f"}}},
		{"blend_src missing pair", blend + "struct O { @location(0) @blend_src(0) a: vec4f }", []want{{CodeAttribute, "O"}}},
		{"blend_src as input", blend + "struct O { @location(0) @blend_src(0) a: vec4f, @location(0) @blend_src(1) b: vec4f }\n@fragment fn fs(i: O) {}", []want{{CodeEntryPoint, "@location(0) @blend_src(0) a: vec4f"}}},
		{"atomics not in vertex", "@group(0) @binding(0) var<storage, read_write> a: atomic<i32>;\n@vertex fn vs() -> @builtin(position) vec4f { atomicAdd(&a, 1); return vec4f(); }", []want{{CodeStage, "atomicAdd"}, {CodeStage, "a"}}},
		{"alias through module variable", "var<private> g: i32;\nfn h(p: ptr<private, i32>) { *p = g; }\nfn f() { h(&g); }", []want{{CodeAlias, "&g"}}},
		{"no alias when only reading", "var<private> g: i32;\nfn h(p: ptr<private, i32>) -> i32 { return *p + g; }\nfn f() { _ = h(&g); }", nil},
		{"concrete wraps in const", "const a = 4294967295u + 1u;\nconst_assert a == 0u;", nil},
	})
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := AnalyzeContext(ctx, []byte("fn f() { let x = 1 / 0; }"))
	if !r.Canceled {
		t.Fatal("Canceled not set")
	}
	r = AnalyzeContext(context.Background(), []byte("fn f() { let x = 1 / 0; }"))
	if r.Canceled || len(errorsOf(r.Diagnostics)) != 1 {
		t.Fatalf("uncanceled analysis: canceled=%v diags=%v", r.Canceled, r.Diagnostics)
	}
}

// TestNoUnusedWarningAfterSyntaxError: a syntax error may swallow the uses
// of a local, so no unused-variable warning is given in that function.
func TestNoUnusedWarningAfterSyntaxError(t *testing.T) {
	src := "fn f() -> i32 {\n  let x = min(1, 2;\n  return x;\n}\nfn g() { let y = 1; }"
	var got []string
	for _, d := range Check([]byte(src)) {
		if d.Code == CodeUnusedVariable {
			got = append(got, src[d.Span.Start:d.Span.End])
		}
	}
	if len(got) != 1 || got[0] != "y" {
		t.Errorf("unused-variable warnings on %v, want only y (in the function without syntax errors)", got)
	}
}

// TestConcurrentAnalyze: analyses share package-level caches; run them in
// parallel (meaningful under -race).
func TestConcurrentAnalyze(t *testing.T) {
	srcs := []string{
		"fn f() { let r = frexp(1.5); let m = modf(vec2f(2.5)); _ = r; _ = m; }",
		"var<workgroup> a: atomic<u32>;\n@compute @workgroup_size(1) fn cs() { let r = atomicCompareExchangeWeak(&a, 0u, 1u); _ = r; }",
		"var<private> v: vec4f;\nfn f() { v.x = 1.0; let p = &v; (*p).y = 2.0; }",
	}
	done := make(chan bool)
	for i := 0; i < 8; i++ {
		go func(i int) {
			for j := 0; j < 20; j++ {
				if errs := errorsOf(Check([]byte(srcs[(i+j)%len(srcs)]))); len(errs) > 0 {
					t.Errorf("unexpected errors: %v", errs)
				}
			}
			done <- true
		}(i)
	}
	for i := 0; i < 8; i++ {
		<-done
	}
}

// TestWrongArityCallInUniformity: a call with too many arguments to a
// function writing through a pointer parameter must not crash the
// uniformity analysis (found by truncating CTS shaders).
func TestWrongArityCallInUniformity(t *testing.T) {
	src := "fn g(p: ptr<function, i32>) { *p = 1; }\nfn f() { var x = 0; var y = 0; g(&x, &y); }"
	runCases(t, []checkCase{{"too many arguments", src, []want{{CodeArgCount, "g(&x, &y)"}}}})
}
