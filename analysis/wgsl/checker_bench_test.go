package wgsl

import (
	"os"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// BenchmarkCheck2500 is BenchmarkCheck (parse and full check) on the
// 2,497-line renderer shader the editor benches use: vertex, fragment and
// compute passes with many builtin calls, heavier per line than the
// compute shader.
func BenchmarkCheck2500(b *testing.B) {
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	benchLines(b, src, func() { Check(src) })
}

// BenchmarkAnalyze2500 is BenchmarkCheck2500 with the editor index.
func BenchmarkAnalyze2500(b *testing.B) {
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	benchLines(b, src, func() { Analyze(src) })
}

// BenchmarkAnalyzeOnly2500 is BenchmarkAnalyzeOnly on the 2,500-line
// renderer shader: the checker alone, on a pre-parsed tree, with the
// editor index that Analyze builds.
func BenchmarkAnalyzeOnly2500(b *testing.B) {
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Skipf("renderer shader not available: %v", err)
	}
	file, _ := syntax.Parse(src)
	benchLines(b, src, func() {
		res := &Result{File: file}
		res.initIndex(src)
		c := newChecker(src, file, res)
		c.run()
	})
}

// BenchmarkCheckOnly2500 is the checker alone without the editor index
// (what Check runs after parsing), on the renderer shader.
func BenchmarkCheckOnly2500(b *testing.B) {
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Skipf("renderer shader not available: %v", err)
	}
	file, _ := syntax.Parse(src)
	benchLines(b, src, func() {
		c := newChecker(src, file, &Result{File: file})
		c.skipExprs = true
		c.run()
	})
}
