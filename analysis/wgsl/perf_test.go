package wgsl

import (
	"fmt"
	"math"
	"os"
	"testing"
)

// TestParseSmallDecimalAgrees: the literal fast path gives what the
// general path gives, and declines what it is not meant for.
func TestParseSmallDecimalAgrees(t *testing.T) {
	for text, want := range map[string]bool{
		"0": true, "1": true, "7i": true, "42u": true, "63": true, "64": true, "65u": true,
		"00": true, "0123": true, "999999999": true, "999999999u": true,
		"1000000000": false, "2147483647i": false, "4294967296u": false, "i": false, "u": false,
		"": false, "1.0": false, "0x10": false, "1e3": false, "2f": false, "3h": false, "true": false,
	} {
		fast, ok := parseSmallDecimal(text)
		if ok != want {
			t.Errorf("%q: fast path taken = %v, want %v", text, ok, want)
		}
		if !ok {
			continue
		}
		slow, err := parseLiteralGeneral(text)
		if err != nil || fast.T != slow.T || fast.I != slow.I || fast.F != slow.F {
			t.Errorf("%q: fast %v (%v), general %v (%v)", text, fast, fast.T, slow, err)
		}
	}
}

// TestSmallScalarsShared: small whole-number constants are shared values
// of the predeclared types; other values, and -0.0, are not.
func TestSmallScalarsShared(t *testing.T) {
	a, _ := makeInt(tU32, 3)
	b, _ := makeInt(tU32, 3)
	if a != b || a.T != tU32 || a.I != 3 {
		t.Errorf("makeInt(u32, 3): %p %p %v", a, b, a)
	}
	if f, _ := makeFloat(tF32, 2); f.T != tF32 || f.F != 2 {
		t.Errorf("makeFloat(f32, 2) = %v of %v", f, f.T)
	}
	if h, _ := makeFloat(tAFloat, 0.5); h.F != 0.5 {
		t.Errorf("makeFloat(0.5) = %v", h)
	}
	if v := smallScalar(tF32, math.Copysign(0, -1)); v != nil {
		t.Errorf("smallScalar(-0) = %v, want none", v)
	}
	if v := smallInt(tI32, -1); v != nil {
		t.Errorf("smallInt(-1) = %v, want none", v)
	}
}

// TestCheckMatchesAnalyze: Check skips the editor index but reports
// exactly what Analyze reports.
func TestCheckMatchesAnalyze(t *testing.T) {
	srcs := []string{
		"fn f() -> i32 { let p = 1; var q: u32 = 2u; return p + q; }",
		"@group(0) @binding(0) var<storage, read_write> b: array<u32>;\n@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) i: u32) { if b[i] > 0u { workgroupBarrier(); } }",
		"fn g(p: ptr<function, i32>) { *p = 1; }\nfn f() { var a = 0; g(&a); g(&a); loop { let x = a; if x > 3 { break; } continuing { a++; } } }",
	}
	if src, err := os.ReadFile("syntax/testdata/large_compute.wgsl"); err == nil {
		srcs = append(srcs, string(src))
	}
	for _, s := range srcs {
		got, want := Check([]byte(s)), Analyze([]byte(s)).Diagnostics
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Check and Analyze differ on %.40q:\n%v\n%v", s, got, want)
		}
	}
	if r := Analyze([]byte(srcs[0])); len(r.Refs) == 0 || len(r.Exprs) == 0 {
		t.Errorf("Analyze lost its index: %d refs, %d exprs", len(r.Refs), len(r.Exprs))
	}
}

// TestCheckerTables covers the paths the allocation-free tables took over
// from maps: the attribute set of a place (attrMap), the per-function
// record of module variables (FuncInfo.globals, with the alias and stage
// summaries carried through calls) and local declarations by
// VarDecl.Index.
func TestCheckerTables(t *testing.T) {
	runCases(t, []checkCase{
		{"attribute after a rejected one still counts", "@compute @foo @workgroup_size(1) fn cs() {}", []want{{CodeAttribute, "@foo"}}},
		{"duplicate after a rejected attribute", "@compute @foo @compute @workgroup_size(1) fn cs() {}", []want{{CodeAttribute, "@foo"}, {CodeAttribute, "@compute"}}},
		{"rejected attribute leaves a required one missing", "@compute @workgroup_size(1, 2, 3, 4) fn cs() {}", []want{{CodeAttribute, "@workgroup_size(1, 2, 3, 4)"}, {CodeEntryPoint, "cs"}}},
		{"alias through a callee's write", "var<private> g: i32;\nfn w() { g = 1; }\nfn h(p: ptr<private, i32>) -> i32 { w(); return *p; }\nfn f() { _ = h(&g); }", []want{{CodeAlias, "&g"}}},
		{"no alias when the callee only reads", "var<private> g: i32;\nfn r() -> i32 { return g; }\nfn h(p: ptr<private, i32>) -> i32 { return r() + *p; }\nfn f() { _ = h(&g); }", nil},
		{"workgroup variable reached through two calls", "var<workgroup> g: i32;\nfn a() -> i32 { return g; }\nfn b() -> i32 { return a(); }\n@fragment fn fs() -> @location(0) vec4f { return vec4f(f32(b())); }", []want{{CodeStage, "g"}}},
		{"stage-restricted builtin through a call", "fn d(x: f32) -> f32 { return dpdx(x); }\n@compute @workgroup_size(1) fn cs() { _ = d(1.0); }", []want{{CodeStage, "dpdx"}}},
	})
}
