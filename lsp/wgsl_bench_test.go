package lsp

import (
	"encoding/json"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// Over-pipes latency of the WGSL features on the 2,500-line benchmark
// shader (analysis/wgsl/ide/testdata/bench/large_2500.wgsl): the time from
// sending a request to reading its answer, through the codec, the handler
// wrapper, the position mapping and the cached analysis. The steady-state
// benches warm the analysis first; the AfterEdit ones measure the first
// request of each new version, as an editor sends it after a keystroke.

// benchShaderURI is the document the benches open.
const benchShaderURI = "file:///bench/large_2500.wgsl"

// benchShader is the 2,500-line benchmark shader.
func benchShader(b *testing.B) string {
	src, err := os.ReadFile("../analysis/wgsl/ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	return string(src)
}

// benchRequests opens the benchmark shader, then sends method with
// params(i) b.N times and reports p50/p99 latency.
func benchRequests(b *testing.B, method string, params func(i int, lines []string) any) {
	src := benchShader(b)
	lines := strings.Split(src, "\n")
	s := startSession(b)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	if err := s.DidOpen(benchShaderURI, "wgsl", 1, src); err != nil {
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
	lsptest.ReportLatency(b, lat)
}

func BenchmarkWGSLHoverOverPipes(b *testing.B) {
	benchRequests(b, "textDocument/hover", func(i int, lines []string) any { return lsptest.IdentPosition(benchShaderURI, i, lines) })
}

func BenchmarkWGSLCompletionOverPipes(b *testing.B) {
	benchRequests(b, "textDocument/completion", func(i int, lines []string) any { return lsptest.IdentPosition(benchShaderURI, i, lines) })
}

func BenchmarkWGSLSemanticTokensOverPipes(b *testing.B) {
	benchRequests(b, "textDocument/semanticTokens/full", func(int, []string) any {
		return map[string]any{"textDocument": map[string]any{"uri": benchShaderURI}}
	})
}

// benchAfterEdit measures the first tokens request of each version: a
// one-character didChange (a digit of a float literal in the middle of the
// file, as when tuning a constant), then semanticTokens/full, or with
// delta semanticTokens/full/delta naming the previous result as VS Code
// does. Either pays for the analysis of the new version (wgsl.Analyze and
// the token classification) on top of the transport; the delta answer is
// a few numbers instead of the whole token array.
func benchAfterEdit(b *testing.B, delta bool) {
	src := benchShader(b)
	at, ok := lsptest.LiteralDigit(strings.Split(src, "\n"))
	if !ok {
		b.Fatal("no literal 0.5 in the second half of the benchmark shader")
	}
	s := startSession(b)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	if err := s.DidOpen(benchShaderURI, "wgsl", 1, src); err != nil {
		b.Fatal(err)
	}
	doc := map[string]any{"uri": benchShaderURI}
	var res struct {
		ResultID string            `json:"resultId"`
		Edits    []json.RawMessage `json:"edits"`
	}
	if err := s.Call("textDocument/semanticTokens/full", map[string]any{"textDocument": doc}, &res, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		digit := "6"
		if i%2 == 1 {
			digit = "5"
		}
		// The full answer is not decoded (the steady-state bench does not
		// either); the delta's is, for the next result id.
		method, params, out := "textDocument/semanticTokens/full", map[string]any{"textDocument": doc}, any(nil)
		if delta {
			method, params, out = "textDocument/semanticTokens/full/delta", map[string]any{"textDocument": doc, "previousResultId": res.ResultID}, &res
		}
		start := time.Now()
		if err := s.DidChange(benchShaderURI, i+2, lsptest.Edit{Range: &at, Text: digit}); err != nil {
			b.Fatal(err)
		}
		res.Edits = nil
		if err := s.Call(method, params, out, lsptest.Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		if delta && res.Edits == nil {
			b.Fatal("full/delta answered full tokens, not a delta")
		}
	}
	b.StopTimer()
	lsptest.ReportLatency(b, lat)
}

func BenchmarkWGSLSemanticTokensAfterEdit(b *testing.B) { benchAfterEdit(b, false) }

func BenchmarkWGSLSemanticTokensDeltaAfterEdit(b *testing.B) { benchAfterEdit(b, true) }

// BenchmarkWGSLEncodeTokens measures the LSP encoding of every token of
// the benchmark shader (positions in UTF-16), done once per version.
func BenchmarkWGSLEncodeTokens(b *testing.B) {
	src := []byte(benchShader(b))
	d := &document{mapper: NewMapper(src, UTF16)}
	toks := ide.Analyze(src).Tokens(diag.Span{Start: 0, End: len(src)})
	s := &server{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.encodeTokens(d, toks)
	}
}

// BenchmarkWGSLTokenEdits measures the delta between two token arrays that
// differ in one token, as after a keystroke.
func BenchmarkWGSLTokenEdits(b *testing.B) {
	src := []byte(benchShader(b))
	d := &document{mapper: NewMapper(src, UTF16)}
	s := &server{}
	prev := s.encodeTokens(d, ide.Analyze(src).Tokens(diag.Span{Start: 0, End: len(src)}))
	next := slices.Clone(prev)
	next[len(next)/2+3]++
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tokenEdits(prev, next)
	}
}
