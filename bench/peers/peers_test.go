// Package peers measures rts-lsp's WGSL front end against other WGSL front ends
// in one run, on the same shader. It is a separate module so that the main
// module does not depend on the peers.
//
//	cd bench/peers && go test -bench . -benchmem
package peers

import (
	"os"
	"strings"
	"testing"

	"github.com/gogpu/naga"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

const largeShader = "../../analysis/wgsl/syntax/testdata/large_compute.wgsl"

func load(b *testing.B) ([]byte, int) {
	b.Helper()
	src, err := os.ReadFile(largeShader)
	if err != nil {
		b.Skipf("large shader not found: %v", err)
	}
	return src, strings.Count(string(src), "\n") + 1
}

func report(b *testing.B, lines int) {
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkFrontEnds runs each front end over the same shader. The naga
// numbers are github.com/gogpu/naga (a Go port of wgpu's naga): parse alone,
// and parse + lower to IR + validate, the closest equivalent of a full check.
func BenchmarkFrontEnds(b *testing.B) {
	src, lines := load(b)
	text := string(src)
	if _, err := naga.Parse(text); err != nil {
		b.Logf("gogpu/naga rejects the shader (%v); its figures measure a failing parse", err)
	}
	b.Run("rts-lsp/parse", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			syntax.Parse(src)
		}
		report(b, lines)
	})
	b.Run("rts-lsp/check", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			wgsl.Check(src)
		}
		report(b, lines)
	})
	b.Run("rts-lsp/check-reusing-memory", func(b *testing.B) {
		// One wgsl.Checker, as rts-lsp check runs over many files.
		var k wgsl.Checker
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			k.Check(src)
		}
		report(b, lines)
	})
	b.Run("gogpu-naga/parse", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			_, _ = naga.Parse(text)
		}
		report(b, lines)
	})
	b.Run("gogpu-naga/parse+lower+validate", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			ast, err := naga.Parse(text)
			if err != nil {
				continue
			}
			mod, err := naga.LowerWithSource(ast, text)
			if err != nil {
				continue
			}
			_, _ = naga.Validate(mod)
		}
		report(b, lines)
	})
}
