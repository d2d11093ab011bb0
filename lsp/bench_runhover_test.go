package lsp

import (
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// BenchmarkRunResultHover measures, over pipes, a hover on a test's
// "invoke" value after a run: the manifest parsed, the PNG read and hashed
// to judge staleness, the kept results rendered.
func BenchmarkRunResultHover(b *testing.B) {
	text, u := benchFibCart(b) // bench_cart_test.go
	s := startSession(b)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, string(text)); err != nil {
		b.Fatal(err)
	}
	var res runResultJSON
	if err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.run", "arguments": []any{map[string]any{"uri": u}}}, &res, lsptest.Timeout); err != nil || !res.OK {
		b.Fatalf("run: %+v %v", res, err)
	}
	params := map[string]any{"textDocument": map[string]any{"uri": u}, "position": posOf(string(text), strings.LastIndex(string(text), `"invoke": "fib"`)+len(`"invoke": "`))}
	b.ResetTimer()
	for range b.N {
		var h *hoverJSON
		if err := s.Call("textDocument/hover", params, &h, lsptest.Timeout); err != nil || h == nil || !strings.Contains(h.Contents.Value, "**Last run**") {
			b.Fatalf("hover: %+v %v", h, err)
		}
	}
}
