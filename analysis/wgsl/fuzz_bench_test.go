package wgsl

import (
	"bytes"
	"os"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

func readLarge(tb testing.TB) []byte {
	tb.Helper()
	src, err := os.ReadFile("syntax/testdata/large_compute.wgsl")
	if err != nil {
		tb.Skipf("large shader not available: %v", err)
	}
	return src
}

// TestLargeShaderValid: a large valid shader must produce no error.
func TestLargeShaderValid(t *testing.T) {
	src := readLarge(t)
	r := Analyze(src)
	if errs := errorsOf(r.Diagnostics); len(errs) > 0 {
		t.Fatalf("unexpected errors on a valid shader:\n%s", render(string(src), errs))
	}
	if len(r.Exprs) < 1000 {
		t.Errorf("only %d expressions typed", len(r.Exprs))
	}
}

func checkSpans(t *testing.T, src []byte, ds []diag.Diagnostic) {
	t.Helper()
	n := len(src)
	for i, d := range ds {
		if d.Span.Start < 0 || d.Span.Start > d.Span.End || d.Span.End > n {
			t.Fatalf("diagnostic %d %s span %v out of [0,%d]: %s", i, d.Code, d.Span, n, d.Message)
		}
		for _, r := range d.Related {
			if r.Span.Start < 0 || r.Span.Start > r.Span.End || r.Span.End > n {
				t.Fatalf("related span %v out of range", r.Span)
			}
		}
		if d.Code == "" || d.Message == "" {
			t.Fatalf("diagnostic %d without code or message", i)
		}
		if d.Code == CodeInternal {
			t.Fatalf("internal error: %s", d.Message)
		}
		if i > 0 && ds[i-1].Span.Start > d.Span.Start {
			t.Fatalf("diagnostics not sorted")
		}
	}
}

func FuzzCheck(f *testing.F) {
	seeds := []string{
		"", "fn f() {}", "const a = 1 + 2;", "struct S { a: f32, @size(16) b: vec3f }",
		"@group(0) @binding(0) var<storage, read_write> b: array<u32>;\n@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) { b[id.x] = arrayLength(&b); }",
		"@vertex fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4f { return vec4f(f32(i)); }",
		"fn f() -> i32 { loop { if true { break; } continuing { break if false; } } return 1; }",
		"const x = clamp(vec3(1, 2, 3), vec3(0), vec3(2));\nconst_assert x.z == 2;",
		"enable f16;\nconst h = 65504.0h;\nfn f() { let v = vec4h(h); _ = pack2x16float(vec2f(v.xy)); }",
		"alias A = array<mat2x2f, 4>;\nvar<private> a: A;\nfn f() { a[1][0] = vec2f(); let p = &a; (*p)[2] += mat2x2f(); }",
		"fn f(p: ptr<function, i32>) { *p++; }",
		"const a = b; const b = a;",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if src, err := os.ReadFile("syntax/testdata/large_compute.wgsl"); err == nil && len(src) < 1<<17 {
		f.Add(src[:min(len(src), 4096)])
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r := Analyze(src)
		checkSpans(t, src, r.Diagnostics)
		for _, te := range r.Exprs {
			sp := te.Expr.NodeSpan()
			if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
				t.Fatalf("typed expression span %v out of range", sp)
			}
		}
	})
}

// BenchmarkCheck measures the whole pipeline (parse and analysis) on the
// large compute shader. Besides ns/op it reports lines/s and CPU
// milliseconds per 2,500 lines (user+system time of the process, GC
// included), which stays meaningful when other jobs share the cores.
func BenchmarkCheck(b *testing.B) {
	src := readLarge(b)
	benchLines(b, src, func() { Check(src) })
}

// BenchmarkAnalyze is BenchmarkCheck with the editor index (Result.Refs
// and Exprs) that Analyze builds and Check skips.
func BenchmarkAnalyze(b *testing.B) {
	src := readLarge(b)
	benchLines(b, src, func() { Analyze(src) })
}

// BenchmarkAnalyzeOnly measures the checker alone on a pre-parsed tree.
func BenchmarkAnalyzeOnly(b *testing.B) {
	src := readLarge(b)
	file, _ := syntax.Parse(src)
	benchLines(b, src, func() { analyzeOnly(src, file) })
}

func benchLines(b *testing.B, src []byte, f func()) {
	lines := bytes.Count(src, []byte{'\n'})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPUTime()
	for i := 0; i < b.N; i++ {
		f()
	}
	cpu := processCPUTime() - cpu0
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	if cpu > 0 {
		perOp := cpu.Seconds() * 1000 / float64(b.N)
		b.ReportMetric(perOp*2500/float64(lines), "cpu-ms/2500lines")
	}
}
