package lsp

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// Over-pipes latency of the WGSL features on the large shader: the time
// from sending a request to reading its answer, through the codec, the
// handler wrapper, the position mapping and the cached analysis. The
// first request of each version pays for the analysis; these measure the
// steady state of requests on one version (the analysis is warmed first).

// benchRequests opens the large shader, then sends method with params(i)
// b.N times and reports p50/p99 latency.
func benchRequests(b *testing.B, method string, params func(i int, lines []string) any) {
	src := largeShader(b)
	lines := strings.Split(src, "\n")
	s := startSession(b)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	const uri = "file:///bench/large_compute.wgsl"
	if err := s.DidOpen(uri, "wgsl", 1, src); err != nil {
		b.Fatal(err)
	}
	if err := s.Call(method, params(0, lines), nil, lsptest.Timeout); err != nil { // warm the cache
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := s.Call(method, params(i, lines), nil, lsptest.Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
}

// benchPosition picks the i-th line with an identifier and its column.
func benchPosition(i int, lines []string) map[string]any {
	for k := 0; k < len(lines); k++ {
		n := (i*37 + k) % len(lines)
		if col := strings.IndexAny(lines[n], "abcdefghijklmnopqrstuvwxyz"); col >= 0 && !strings.HasPrefix(strings.TrimSpace(lines[n]), "//") {
			return map[string]any{
				"textDocument": map[string]any{"uri": "file:///bench/large_compute.wgsl"},
				"position":     map[string]any{"line": n, "character": col + 1},
			}
		}
	}
	return nil
}

func BenchmarkWGSLHoverOverPipes(b *testing.B) {
	benchRequests(b, "textDocument/hover", func(i int, lines []string) any { return benchPosition(i, lines) })
}

func BenchmarkWGSLCompletionOverPipes(b *testing.B) {
	benchRequests(b, "textDocument/completion", func(i int, lines []string) any { return benchPosition(i, lines) })
}

func BenchmarkWGSLSemanticTokensOverPipes(b *testing.B) {
	benchRequests(b, "textDocument/semanticTokens/full", func(int, []string) any {
		return map[string]any{"textDocument": map[string]any{"uri": "file:///bench/large_compute.wgsl"}}
	})
}

// BenchmarkWGSLSemanticTokensAfterEdit measures the first tokens request
// of each version: a one-character didChange, then semanticTokens/full,
// which then pays for the analysis of the new version (wgsl.Analyze, the
// ide index and classification) on top of the transport.
func BenchmarkWGSLSemanticTokensAfterEdit(b *testing.B) {
	src := "// x\n" + largeShader(b)
	s := startSession(b)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	const uri = "file:///bench/large_compute.wgsl"
	if err := s.DidOpen(uri, "wgsl", 1, src); err != nil {
		b.Fatal(err)
	}
	doc := map[string]any{"textDocument": map[string]any{"uri": uri}}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch := "y"
		if i%2 == 1 {
			ch = "x"
		}
		at := lsptest.Rng(0, 3, 0, 4)
		start := time.Now()
		if err := s.DidChange(uri, i+2, lsptest.Edit{Range: &at, Text: ch}); err != nil {
			b.Fatal(err)
		}
		if err := s.Call("textDocument/semanticTokens/full", doc, nil, lsptest.Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
}
