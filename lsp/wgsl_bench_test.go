package lsp

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
	"os"
	"slices"
	"strings"
	"testing"

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

// benchSession opens the benchmark shader in an in-process session.
func benchSession(b *testing.B) lsptest.LatencyBench {
	src := benchShader(b)
	s := startSession(b)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	if err := s.DidOpen(benchShaderURI, "wgsl", 1, src); err != nil {
		b.Fatal(err)
	}
	return lsptest.LatencyBench{S: s, URI: benchShaderURI, Lines: strings.Split(src, "\n")}
}

func BenchmarkWGSLHoverOverPipes(b *testing.B) {
	lb := benchSession(b)
	lb.Steady(b, "textDocument/hover", func(i int) any { return lsptest.IdentPosition(lb.URI, i, lb.Lines) })
}

func BenchmarkWGSLCompletionOverPipes(b *testing.B) {
	lb := benchSession(b)
	lb.Steady(b, "textDocument/completion", func(i int) any { return lsptest.IdentPosition(lb.URI, i, lb.Lines) })
}

func BenchmarkWGSLSemanticTokensOverPipes(b *testing.B) {
	lb := benchSession(b)
	lb.Steady(b, "textDocument/semanticTokens/full", func(int) any {
		return map[string]any{"textDocument": map[string]any{"uri": lb.URI}}
	})
}

// The AfterEdit benches measure the first tokens request of each version:
// a one-character didChange (a digit of a float literal in the middle of
// the file, as when tuning a constant), then semanticTokens/full, or
// semanticTokens/full/delta naming the previous result as VS Code does.
// Either pays for the parse and classification of the new version on top
// of the transport; the delta answer is a few numbers instead of the whole
// token array (whose answer is not decoded, as in the steady-state bench).

func BenchmarkWGSLSemanticTokensAfterEdit(b *testing.B) {
	lb := benchSession(b)
	lb.AfterEdit(b, "textDocument/semanticTokens/full", func(int, string) any {
		return map[string]any{"textDocument": map[string]any{"uri": lb.URI}}
	}, false)
}

func BenchmarkWGSLSemanticTokensDeltaAfterEdit(b *testing.B) {
	lb := benchSession(b)
	lb.AfterEdit(b, "textDocument/semanticTokens/full/delta", func(_ int, prev string) any {
		return map[string]any{"textDocument": map[string]any{"uri": lb.URI}, "previousResultId": prev}
	}, true)
}

// The first hover and completion of each version: the new version's
// parse (reusing the declarations before the edit) and the check of the
// module scope and of the function around the position.

func BenchmarkWGSLHoverAfterEdit(b *testing.B) {
	lb := benchSession(b)
	lb.AfterEdit(b, "textDocument/hover", func(i int, _ string) any { return lsptest.IdentPosition(lb.URI, i, lb.Lines) }, false)
}

func BenchmarkWGSLCompletionAfterEdit(b *testing.B) {
	lb := benchSession(b)
	lb.AfterEdit(b, "textDocument/completion", func(i int, _ string) any { return lsptest.IdentPosition(lb.URI, i, lb.Lines) }, false)
}

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
