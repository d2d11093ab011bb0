package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
// benchmark shader and returns the session and the shader's lines.
func benchServer(b *testing.B) (*lsptest.Session, []string) {
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
	return s, strings.Split(string(src), "\n")
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

// benchSteady measures method on an analysed version.
func benchSteady(b *testing.B, method string, params func(i int, lines []string) any) {
	s, lines := benchServer(b)
	if err := s.Call(method, params(0, lines), nil, lsptest.Timeout); err != nil { // analyse
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

// benchAfterEdit measures the first request of each new version: a
// one-character didChange, then method. For semantic tokens with delta the
// params name the previous result, as VS Code does.
func benchAfterEdit(b *testing.B, method string, params func(i int, lines []string, prevID string) any) {
	s, lines := benchServer(b)
	at, ok := lsptest.LiteralDigit(lines)
	if !ok {
		b.Fatal("no literal 0.5 in the second half of the benchmark shader")
	}
	var res struct {
		ResultID string            `json:"resultId"`
		Edits    []json.RawMessage `json:"edits"`
	}
	doc := map[string]any{"uri": benchURI}
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
		p := params(i, lines, res.ResultID)
		start := time.Now()
		if err := s.DidChange(benchURI, i+2, lsptest.Edit{Range: &at, Text: digit}); err != nil {
			b.Fatal(err)
		}
		res.ResultID = ""
		if err := s.Call(method, p, &res, lsptest.Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	lsptest.ReportLatency(b, lat)
}

func BenchmarkServerHover(b *testing.B) {
	benchSteady(b, "textDocument/hover", func(i int, lines []string) any { return lsptest.IdentPosition(benchURI, i, lines) })
}

func BenchmarkServerCompletion(b *testing.B) {
	benchSteady(b, "textDocument/completion", func(i int, lines []string) any { return lsptest.IdentPosition(benchURI, i, lines) })
}

func BenchmarkServerSemanticTokens(b *testing.B) {
	benchSteady(b, "textDocument/semanticTokens/full", func(int, []string) any {
		return map[string]any{"textDocument": map[string]any{"uri": benchURI}}
	})
}

// BenchmarkServerSemanticTokensAfterEdit: an edit, then
// semanticTokens/full/delta naming the previous result.
func BenchmarkServerSemanticTokensAfterEdit(b *testing.B) {
	benchAfterEdit(b, "textDocument/semanticTokens/full/delta", func(_ int, _ []string, prev string) any {
		return map[string]any{"textDocument": map[string]any{"uri": benchURI}, "previousResultId": prev}
	})
}

// BenchmarkServerHoverAfterEdit: an edit, then a hover, which needs the
// full check of the new version (types, values, layout).
func BenchmarkServerHoverAfterEdit(b *testing.B) {
	benchAfterEdit(b, "textDocument/hover", func(i int, lines []string, _ string) any { return lsptest.IdentPosition(benchURI, i, lines) })
}
