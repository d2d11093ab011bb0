package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// Latency of the WGSL editor features of the real rts-lsp binary, started
// as an editor starts it and spoken to over OS pipes, on the 2,500-line
// benchmark shader: the time from writing a request to reading its answer.
// The server runs in its own process with its own settings (garbage
// collection included), so these are the figures an editor sees; the
// lsp package's WGSL benches measure the same requests in one process.
//
//	go test ./cmd/rts-lsp -run '^$' -bench Server -count 3

const benchURI = "file:///bench/large_2500.wgsl"

// benchServer starts the binary (built once per process) on the
// benchmark shader.
func benchServer(b *testing.B) lsptest.LatencyBench {
	b.Helper()
	src, err := os.ReadFile("../../analysis/wgsl/ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	s := startProcess(b, benchBinary(b))
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	if err := s.DidOpen(benchURI, "wgsl", 1, string(src)); err != nil {
		b.Fatal(err)
	}
	return lsptest.LatencyBench{S: s, URI: benchURI, Lines: strings.Split(string(src), "\n")}
}

// benchBin is the binary the benches share, built once per process into
// benchDir (removed by TestMain): a bench's own temporary directory is
// removed after each of its rounds.
var (
	benchBin, benchDir string
	benchErr           error
	benchOnce          sync.Once
)

func benchBinary(b *testing.B) string {
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "rts-lsp-bench-"); benchErr != nil {
			return
		}
		benchBin = filepath.Join(benchDir, "rts-lsp")
		if out, err := exec.Command("go", "build", "-o", benchBin, ".").CombinedOutput(); err != nil {
			benchErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func BenchmarkServerHover(b *testing.B) {
	lb := benchServer(b)
	lb.Steady(b, "textDocument/hover", func(i int) any { return lsptest.IdentPosition(benchURI, i, lb.Lines) })
}

func BenchmarkServerCompletion(b *testing.B) {
	lb := benchServer(b)
	lb.Steady(b, "textDocument/completion", func(i int) any { return lsptest.IdentPosition(benchURI, i, lb.Lines) })
}

func BenchmarkServerSemanticTokens(b *testing.B) {
	lb := benchServer(b)
	lb.Steady(b, "textDocument/semanticTokens/full", func(int) any {
		return map[string]any{"textDocument": map[string]any{"uri": benchURI}}
	})
}

// BenchmarkServerSemanticTokensAfterEdit: an edit, then
// semanticTokens/full/delta naming the previous result.
func BenchmarkServerSemanticTokensAfterEdit(b *testing.B) {
	lb := benchServer(b)
	lb.AfterEdit(b, "textDocument/semanticTokens/full/delta", func(_ int, prev string) any {
		return map[string]any{"textDocument": map[string]any{"uri": benchURI}, "previousResultId": prev}
	}, true)
}

// BenchmarkServerHoverAfterEdit: an edit, then a hover, which needs the
// new version's types, values and layouts: the parse and the check of the
// module scope and of the function around the position (the full check
// waits for the diagnostics).
func BenchmarkServerHoverAfterEdit(b *testing.B) {
	lb := benchServer(b)
	lb.AfterEdit(b, "textDocument/hover", func(i int, _ string) any { return lsptest.IdentPosition(benchURI, i, lb.Lines) }, false)
}

// BenchmarkServerCompletionAfterEdit: an edit, then a completion, as when
// typing a trigger character.
func BenchmarkServerCompletionAfterEdit(b *testing.B) {
	lb := benchServer(b)
	lb.AfterEdit(b, "textDocument/completion", func(i int, _ string) any { return lsptest.IdentPosition(benchURI, i, lb.Lines) }, false)
}
