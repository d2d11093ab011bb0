package lsptest

import (
	"encoding/json"
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

// LatencyBench times requests about one open document of a session.
type LatencyBench struct {
	S     *Session
	URI   string
	Lines []string // the document's text, by line
}

// Steady measures method on the current version: one call first (which
// analyses), then b.N timed calls with params(i).
func (lb LatencyBench) Steady(b *testing.B, method string, params func(i int) any) {
	if err := lb.S.Call(method, params(0), nil, Timeout); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := lb.S.Call(method, params(i), nil, Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	ReportLatency(b, lat)
}

// AfterEdit measures the first request of each new version: a
// one-character didChange (LiteralDigit's digit, toggled), then method
// with params(i, prevID), timed together. prevID is the result id of the
// last semantic tokens answer (a full one is fetched first), for
// semanticTokens/full/delta as VS Code sends it; with delta set the answer
// is decoded and must be a delta. Other answers are not decoded.
func (lb LatencyBench) AfterEdit(b *testing.B, method string, params func(i int, prevID string) any, delta bool) {
	at, ok := LiteralDigit(lb.Lines)
	if !ok {
		b.Fatal("no literal 0.5 in the second half of the benchmark document")
	}
	var res struct {
		ResultID string            `json:"resultId"`
		Edits    []json.RawMessage `json:"edits"`
	}
	doc := map[string]any{"uri": lb.URI}
	if err := lb.S.Call("textDocument/semanticTokens/full", map[string]any{"textDocument": doc}, &res, Timeout); err != nil {
		b.Fatal(err)
	}
	var out any
	if delta {
		out = &res
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		digit := "6"
		if i%2 == 1 {
			digit = "5"
		}
		p := params(i, res.ResultID)
		res.Edits = nil
		start := time.Now()
		if err := lb.S.DidChange(lb.URI, i+2, Edit{Range: &at, Text: digit}); err != nil {
			b.Fatal(err)
		}
		if err := lb.S.Call(method, p, out, Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		if delta && res.Edits == nil {
			b.Fatal("full/delta answered full tokens, not a delta")
		}
	}
	b.StopTimer()
	ReportLatency(b, lat)
}
