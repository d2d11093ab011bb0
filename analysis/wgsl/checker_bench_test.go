package wgsl

import (
	"os"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// The renderer shader the editor benches use (vertex, fragment and compute
// passes with many builtin calls, heavier per line than the compute shader
// of BenchmarkCheck): the same benches on it.

func readRenderer(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// analyzeOnly runs the checker with the editor index on a parsed tree.
func analyzeOnly(src []byte, file *syntax.File) {
	res := &Result{File: file}
	res.initIndex(src)
	newChecker(src, file, res).run()
}

// BenchmarkCheck2500 is BenchmarkCheck (parse and full check) on the
// 2,497-line renderer shader.
func BenchmarkCheck2500(b *testing.B) {
	src := readRenderer(b)
	benchLines(b, src, func() { Check(src) })
}

// BenchmarkAnalyze2500 is BenchmarkCheck2500 with the editor index.
func BenchmarkAnalyze2500(b *testing.B) {
	src := readRenderer(b)
	benchLines(b, src, func() { Analyze(src) })
}

// BenchmarkAnalyzeOnly2500 is BenchmarkAnalyzeOnly on the renderer: the
// checker alone, on a pre-parsed tree, with the editor index.
func BenchmarkAnalyzeOnly2500(b *testing.B) {
	src := readRenderer(b)
	file, _ := syntax.Parse(src)
	benchLines(b, src, func() { analyzeOnly(src, file) })
}

// BenchmarkCheckOnly2500 is the checker alone without the editor index
// (what Check runs after parsing), on the renderer shader.
func BenchmarkCheckOnly2500(b *testing.B) {
	src := readRenderer(b)
	file, _ := syntax.Parse(src)
	benchLines(b, src, func() {
		c := newChecker(src, file, &Result{File: file})
		c.skipExprs = true
		c.run()
	})
}

// BenchmarkCheckerReuse is BenchmarkCheck through one Checker, as
// rts-lsp check runs over many files: each check builds its tree in the
// memory of the last one's.
func BenchmarkCheckerReuse(b *testing.B) {
	src := readLarge(b)
	var k Checker
	benchLines(b, src, func() { k.Check(src) })
}

// BenchmarkCheckerReuse2500 is BenchmarkCheckerReuse on the renderer.
func BenchmarkCheckerReuse2500(b *testing.B) {
	src := readRenderer(b)
	var k Checker
	benchLines(b, src, func() { k.Check(src) })
}

// BenchmarkCheckerReuseMixed checks the compute shader and the renderer in
// turn through one Checker, so that no tree is built in memory shaped by
// the same file (cpu-ms/2500lines is over both files' lines).
func BenchmarkCheckerReuseMixed(b *testing.B) {
	compute, renderer := readLarge(b), readRenderer(b)
	var k Checker
	both := append(append([]byte(nil), compute...), renderer...) // for the line count only
	benchLines(b, both, func() {
		k.Check(compute)
		k.Check(renderer)
	})
}
