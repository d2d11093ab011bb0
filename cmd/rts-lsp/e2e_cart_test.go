package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// The cartridge features on the real binary: rts/status, a manifest's
// diagnostic with its exact range, its quick fix applied then re-checked
// clean, "Explain" offline, rts/cartridgeInfo on a compressed example
// agreeing with analysis/cartridge, and rts.run.
func testCartridges(t *testing.T, bin string) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache) // previews and the explain index
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("RTS_OPENAI_API_KEY", "")
	examples := filepath.Join("..", "..", "examples", "cartridges")
	dir := t.TempDir()
	for _, name := range []string{"fib-wrong-hash.rts.png", "fib-wrong-hash.rts.meta.json"} {
		b, err := os.ReadFile(filepath.Join(examples, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	manifest := filepath.Join(dir, "fib-wrong-hash.rts.meta.json")
	text, _ := os.ReadFile(manifest)
	u := string(uri.File(manifest))

	s := startBinary(bin, "--stdio")(t)
	if _, err := s.Initialize(nil, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitNotification("rts/status", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), `"state":"ready"`)
	}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, string(text)); err != nil {
		t.Fatal(err)
	}
	pd, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatalf("%v\nstderr:\n%s", err, s.Stderr())
	}
	if len(pd.Diagnostics) != 1 || pd.Diagnostics[0].CodeString() != "cart-data-hash" || pd.Diagnostics[0].Range != lsptest.Rng(2, 15, 2, 81) {
		t.Fatalf("diagnostics %+v, want cart-data-hash at 2:15-2:81", pd.Diagnostics)
	}

	var acts []struct {
		Title   string `json:"title"`
		Kind    string `json:"kind"`
		Edit    *struct{ Changes map[string][]lsptest.TextEdit }
		Command *struct {
			Command   string            `json:"command"`
			Arguments []json.RawMessage `json:"arguments"`
		}
	}
	if err := s.Call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u}, "range": pd.Diagnostics[0].Range,
		"context": map[string]any{"diagnostics": pd.Diagnostics},
	}, &acts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	var fixed string
	var explained bool
	for _, a := range acts {
		switch {
		case a.Kind == "quickfix" && a.Edit != nil && fixed == "" && strings.Contains(a.Title, "data_hash"):
			if fixed, err = lsptest.ApplyEdits(string(text), a.Edit.Changes[u]); err != nil {
				t.Fatal(err)
			}
		case a.Command != nil && a.Command.Command == "rts.explain":
			var res struct{ Markdown, Source string }
			if err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.explain", "arguments": a.Command.Arguments}, &res, lsptest.Timeout); err != nil {
				t.Fatal(err)
			}
			explained = res.Source == "offline" && strings.Contains(res.Markdown, "Offline") && strings.Contains(res.Markdown, "## Catalogue: `cart-data-hash`")
			if !explained {
				t.Errorf("explain: source %q\n%s", res.Source, res.Markdown)
			}
		}
	}
	if fixed == "" || !explained {
		t.Fatalf("code actions %+v: want a data_hash quick fix and an Explain action", acts)
	}
	if err := s.DidChange(u, 2, lsptest.Edit{Text: fixed}); err != nil {
		t.Fatal(err)
	}
	if pd, err = s.WaitDiagnostics(u, 2, lsptest.Timeout); err != nil || len(pd.Diagnostics) != 0 {
		t.Fatalf("after the fix: %+v, %v; want none", pd, err)
	}

	fac, _ := filepath.Abs(filepath.Join(examples, "fac.rts.png"))
	var info struct {
		PayloadBase64, StreamBase64 string
		Grid                        int64
	}
	if err := s.Call("rts/cartridgeInfo", map[string]any{"uri": string(uri.File(fac))}, &info, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	png, _ := os.ReadFile(fac)
	meta, _ := os.ReadFile(strings.TrimSuffix(fac, ".png") + ".meta.json")
	img, err := cartridge.DecodePNG(png, cartridge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cartridge.ParseMeta(meta)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := cartridge.ExtractPayload(img, m, cartridge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := base64.StdEncoding.DecodeString(info.PayloadBase64)
	stream, _ := base64.StdEncoding.DecodeString(info.StreamBase64)
	if !bytes.Equal(payload, pl.Data) || !bytes.Equal(stream, pl.Stream) || info.Grid != m.GridSize {
		t.Errorf("cartridgeInfo on fac: %d payload / %d stream bytes, grid %d; want %d / %d, grid %d",
			len(payload), len(stream), info.Grid, len(pl.Data), len(pl.Stream), m.GridSize)
	}

	// rts.run on the GPU VM (or wazero alone without an adapter).
	var run struct {
		OK               bool
		Backend, Summary string
	}
	if err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.run", "arguments": []any{map[string]any{"uri": u}}}, &run, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if !run.OK || !strings.HasPrefix(run.Summary, "1/1 tests passed on ") {
		t.Errorf("rts.run on %s: %+v", manifest, run)
	}
	t.Logf("rts.run: %s", run.Summary)

	if err := s.Call("shutdown", nil, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	s.Notify("exit", nil)
	if code, err := s.Wait(lsptest.Timeout); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}
}

// Formatting and the outline of a shader on the real binary: the edits
// applied as a client would give a text that formats to itself.
func testWGSLFeatures(t *testing.T, bin string) {
	const src = "struct P {\n  pos :vec2<f32>,\n}\n\nfn speed( p:P ) -> f32 {\n  let v=p.pos;\n      return length(v);\n}\n"
	s := startBinary(bin)(t)
	if _, err := s.Initialize(nil, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const u = "file:///w/p.wgsl"
	if err := s.DidOpen(u, "wgsl", 1, src); err != nil {
		t.Fatal(err)
	}
	format := func(text string, version int) []lsptest.TextEdit {
		t.Helper()
		if version > 1 {
			if err := s.DidChange(u, version, lsptest.Edit{Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		var edits []lsptest.TextEdit
		if err := s.Call("textDocument/formatting", map[string]any{
			"textDocument": map[string]any{"uri": u}, "options": map[string]any{"tabSize": 4, "insertSpaces": true},
		}, &edits, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		return edits
	}
	edits := format(src, 1)
	formatted, err := lsptest.ApplyEdits(src, edits)
	if err != nil || len(edits) == 0 || !strings.Contains(formatted, "    let v = p.pos;\n    return length(v);\n") {
		t.Fatalf("formatted (%v):\n%s", err, formatted)
	}
	if again := format(formatted, 2); len(again) != 0 {
		t.Errorf("formatting the formatted text: %+v, want no edits", again)
	}
	var syms []struct{ Name string }
	if err := s.Call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": u}}, &syms, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(syms) != 2 || syms[0].Name != "P" || syms[1].Name != "speed" {
		t.Errorf("symbols %+v, want P and speed", syms)
	}
}
