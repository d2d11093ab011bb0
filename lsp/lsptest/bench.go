package lsptest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Helpers of the latency benchmarks (lsp's in-process ones and
// cmd/rts-lsp's against the real binary), which open a large shader and
// time requests at positions spread over it.

// ReportLatency reports the p50, p90 and p99 of lat in ms, sorting lat.
func ReportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*90)/100]), "p90-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
}

// IdentPosition returns the params of a position request in document uri
// on the i-th line (spread over the file) that has an identifier outside
// a line comment: one character into its first lower-case word.
func IdentPosition(uri string, i int, lines []string) map[string]any {
	for k := 0; k < len(lines); k++ {
		n := (i*37 + k) % len(lines)
		if col := strings.IndexAny(lines[n], "abcdefghijklmnopqrstuvwxyz"); col >= 0 && !strings.HasPrefix(strings.TrimSpace(lines[n]), "//") {
			return map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"position":     map[string]any{"line": n, "character": col + 1},
			}
		}
	}
	return nil
}

// LiteralDigit returns the range of the last digit of a ` 0.5` literal
// in the second half of lines, which an edit benchmark toggles (as when
// tuning a constant); ok is false when there is none.
func LiteralDigit(lines []string) (r Range, ok bool) {
	for n := len(lines) / 2; n < len(lines); n++ {
		if c := strings.Index(lines[n], " 0.5"); c >= 0 && !strings.HasPrefix(strings.TrimSpace(lines[n]), "//") {
			return Rng(n, c+3, n, c+4), true
		}
	}
	return Range{}, false
}
