package lsp

import (
	"os"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// BenchmarkManifestEditToDiagnostics measures, over pipes, an edit of a
// manifest to the publication of its diagnostics: the manifest checks, the
// PNG read and hashed (its decode comes from the session's cache), the
// payload's WebAssembly validated with wazero.
func BenchmarkManifestEditToDiagnostics(b *testing.B) {
	text, u := benchFibCart(b)
	s := startSession(b)
	if _, err := s.Initialize(nil, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, string(text)); err != nil {
		b.Fatal(err)
	}
	if _, err := s.WaitDiagnostics(u, 1, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	line := strings.Count(string(text[:strings.Index(string(text), `"description"`)]), "\n")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		at := lsptest.Rng(line, 2, line, 2)
		if err := s.DidChange(u, i+2, lsptest.Edit{Range: &at, Text: ""}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.WaitDiagnostics(u, i+2, lsptest.Timeout); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFibCart copies the example fib cartridge into a temporary directory
// (also the user cache dir, for preview files) and returns its manifest's
// text and URI.
func benchFibCart(b *testing.B) (text []byte, u string) {
	dir := b.TempDir()
	b.Setenv("XDG_CACHE_HOME", dir)
	for _, ext := range []string{".rts.png", ".rts.meta.json"} {
		data, err := os.ReadFile(examples + "/fib" + ext)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(dir+"/fib"+ext, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	text, err := os.ReadFile(dir + "/fib.rts.meta.json")
	if err != nil {
		b.Fatal(err)
	}
	return text, string(uri.File(dir + "/fib.rts.meta.json"))
}
