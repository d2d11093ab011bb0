package lsp

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

const examples = "../examples/cartridges"

// copyExample copies examples/cartridges/NAME.rts.{png,meta.json} into dir
// and returns the manifest's path.
func copyExample(t *testing.T, dir, name string) string {
	t.Helper()
	for _, ext := range []string{".rts.png", ".rts.meta.json"} {
		b, err := os.ReadFile(filepath.Join(examples, name+ext))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, name+".rts.meta.json")
}

// serverRequests records the requests the server sends to the client.
type serverRequests struct {
	mu   sync.Mutex
	msgs map[string][]json.RawMessage
}

func recordRequests(c *lsptest.Client) *serverRequests {
	r := &serverRequests{msgs: map[string][]json.RawMessage{}}
	c.OnRequest = func(method string, params json.RawMessage) (any, *lsptest.Error) {
		r.mu.Lock()
		r.msgs[method] = append(r.msgs[method], params)
		r.mu.Unlock()
		if method == "window/showDocument" {
			return map[string]any{"success": true}, nil
		}
		return nil, nil
	}
	return r
}

func (r *serverRequests) get(method string) []json.RawMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]json.RawMessage(nil), r.msgs[method]...)
}

// isolateCache points the user cache dir (previews, the explain index and
// answers) at a temporary directory.
func isolateCache(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

type codeAction struct {
	Title       string               `json:"title"`
	Kind        string               `json:"kind"`
	Diagnostics []lsptest.Diagnostic `json:"diagnostics"`
	IsPreferred bool                 `json:"isPreferred"`
	Edit        *struct {
		Changes map[string][]lsptest.TextEdit `json:"changes"`
	} `json:"edit"`
	Command *struct {
		Title     string            `json:"title"`
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	} `json:"command"`
}

func codeActions(t *testing.T, s *lsptest.Session, u string, rng lsptest.Range, ds []lsptest.Diagnostic) []codeAction {
	t.Helper()
	if ds == nil {
		ds = []lsptest.Diagnostic{}
	}
	var got []codeAction
	err := s.Call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        rng,
		"context":      map[string]any{"diagnostics": ds},
	}, &got, lsptest.Timeout)
	if err != nil {
		t.Fatalf("codeAction: %v", err)
	}
	return got
}

// The manifest workflow: a wrong data_hash is reported on its value with
// the exact range; its quick fix, applied as a client would, makes the
// manifest check clean; a hover on grid_size previews the image; replacing
// the PNG on disk and saying so with didChangeWatchedFiles republishes.
func TestManifestWorkflow(t *testing.T) {
	isolateCache(t)
	dir := t.TempDir()
	path := copyExample(t, dir, "fib-wrong-hash")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := string(uri.File(path))

	s := startInProcess(t)
	reqs := recordRequests(s.Client)
	caps := map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}
	if _, err := s.Initialize(caps, lsptest.DebugOptions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	// Generic clients open manifests as "json"; the file name decides.
	if err := s.DidOpen(u, "json", 1, string(text)); err != nil {
		t.Fatal(err)
	}
	got, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	// Line 3 (0-based 2): `  "data_hash": "000…0",`: the value spans
	// columns 15 to 15+64+2.
	checkDiags(t, got, []wantDiag{{lsptest.Rng(2, 15, 2, 81), "cart-data-hash", 1}})
	if !strings.Contains(got.Diagnostics[0].Message, "ed6a9b2d2d5e9bb8fb1697c5778cf23175c7d50597db5f2c3f936c208c8d7edb") {
		t.Errorf("message %q does not give the payload's hash", got.Diagnostics[0].Message)
	}

	// Quick fixes: one tied to the diagnostic, preferred, with an edit.
	acts := codeActions(t, s, u, got.Diagnostics[0].Range, got.Diagnostics)
	var fixAct, explainAct *codeAction
	for i, a := range acts {
		switch {
		case a.Kind == "quickfix" && len(a.Diagnostics) == 1 && a.Edit != nil && fixAct == nil:
			fixAct = &acts[i]
		case a.Command != nil && a.Command.Command == "rts.explain":
			explainAct = &acts[i]
		}
	}
	if fixAct == nil || explainAct == nil {
		t.Fatalf("code actions %+v: want a quickfix tied to the diagnostic and an rts.explain action", acts)
	}
	if !fixAct.IsPreferred || fixAct.Diagnostics[0].Range != got.Diagnostics[0].Range || fixAct.Diagnostics[0].CodeString() != "cart-data-hash" {
		t.Errorf("quick fix %+v: want it preferred and tied to the cart-data-hash diagnostic", fixAct)
	}
	if explainAct.Kind != "" {
		t.Errorf("explain action kind %q, want none", explainAct.Kind)
	}
	fixed, err := lsptest.ApplyEdits(string(text), fixAct.Edit.Changes[u])
	if err != nil || len(fixAct.Edit.Changes) != 1 {
		t.Fatalf("applying %+v: %v", fixAct.Edit, err)
	}
	if !strings.Contains(fixed, `"data_hash": "ed6a9b2d2d5e9bb8fb1697c5778cf23175c7d50597db5f2c3f936c208c8d7edb"`) {
		t.Errorf("fixed manifest:\n%s", fixed)
	}
	if err := s.DidChange(u, 2, lsptest.Edit{Text: fixed}); err != nil {
		t.Fatal(err)
	}
	got, err = s.WaitDiagnostics(u, 2, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, got, nil)

	// Hover on grid_size: thumbnail as a data URI, hex dump of the payload
	// (a WebAssembly module: "\0asm" then version 1).
	line := strings.Count(fixed[:strings.Index(fixed, `"grid_size"`)], "\n")
	var hover struct {
		Contents struct {
			Kind  string `json:"kind"`
			Value string `json:"value"`
		} `json:"contents"`
		Range *lsptest.Range `json:"range"`
	}
	if err := s.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"position":     lsptest.Position{Line: line, Character: 5},
	}, &hover, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if hover.Contents.Kind != "markdown" || !strings.Contains(hover.Contents.Value, "data:image/png;base64,") ||
		!strings.Contains(hover.Contents.Value, "00 61 73 6d 01 00 00 00") {
		t.Errorf("hover %s: %.600s\nwant markdown with a PNG data URI and the hex dump of the payload", hover.Contents.Kind, hover.Contents.Value)
	}
	if want := lsptest.Rng(line, 2, line, 16); hover.Range == nil || *hover.Range != want { // `"grid_size": 8`
		t.Errorf("hover range %v, want %v", hover.Range, want)
	}
	// No hover on a position outside every previewable field.
	var none json.RawMessage
	if err := s.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"position":     lsptest.Position{Line: 0, Character: 0},
	}, &none, lsptest.Timeout); err != nil || string(none) != "null" {
		t.Errorf("hover on '{': %s, %v; want null", none, err)
	}

	// The watcher for images was registered dynamically.
	regs := reqs.get("client/registerCapability")
	if len(regs) != 1 || !strings.Contains(string(regs[0]), `"workspace/didChangeWatchedFiles"`) || !strings.Contains(string(regs[0]), `**/*.rts.png`) {
		t.Errorf("client/registerCapability requests %s; want one registering **/*.rts.png", regs)
	}

	// Replace the image with another cartridge's: the manifest no longer
	// describes it, and the open manifest is re-checked when told.
	other, err := os.ReadFile(filepath.Join(examples, "add.rts.png"))
	if err != nil {
		t.Fatal(err)
	}
	png := strings.TrimSuffix(path, ".meta.json") + ".png"
	if err := os.WriteFile(png, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": string(uri.File(png)), "type": 2}}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.WaitDiagnostics(u, 2, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, d := range got.Diagnostics {
		codes[d.CodeString()] = true
	}
	if !codes["cart-grid-mismatch"] || !codes["cart-embedded-mismatch"] {
		t.Errorf("after the image changed: %+v, want cart-grid-mismatch and cart-embedded-mismatch", got.Diagnostics)
	}
}

type cartInfoResult struct {
	URI                string `json:"uri"`
	PNGBase64          string `json:"pngBase64"`
	Width, Height      int
	Grid               int64  `json:"grid"`
	BytesPerPixel      int64  `json:"bytesPerPixel"`
	PayloadBase64      string `json:"payloadBase64"`
	StreamBase64       string `json:"streamBase64"`
	PixelOffsetsBase64 string `json:"pixelOffsetsBase64"`
	Segments           []struct {
		Name       string
		Start, End int64
	} `json:"segments"`
	Metadata json.RawMessage `json:"metadata"`
	Problems []struct{ Severity, Message string }
}

func b64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rts/cartridgeInfo on every example agrees with analysis/cartridge's own
// decoding of the PNG under its sidecar; a PNG without a sidecar is read
// under its embedded metadata; failures are errors naming the file.
func TestCartridgeInfo(t *testing.T) {
	isolateCache(t)
	s := startInProcess(t)
	if _, err := s.Initialize(nil, lsptest.DebugOptions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	pngs, err := filepath.Glob(filepath.Join(examples, "*.rts.png"))
	if err != nil || len(pngs) < 4 {
		t.Fatalf("examples: %v %v", pngs, err)
	}
	sawCompressed := false
	for _, png := range pngs {
		abs, _ := filepath.Abs(png)
		var got cartInfoResult
		if err := s.Call("rts/cartridgeInfo", map[string]any{"uri": string(uri.File(abs))}, &got, lsptest.Timeout); err != nil {
			t.Errorf("%s: %v", png, err)
			continue
		}
		data, _ := os.ReadFile(png)
		metaText, _ := os.ReadFile(strings.TrimSuffix(png, ".png") + ".meta.json")
		img, err := cartridge.DecodePNG(data, cartridge.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := cartridge.ParseMeta(metaText)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := cartridge.ExtractPayload(img, m, cartridge.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b64(t, got.PayloadBase64), pl.Data) || !bytes.Equal(b64(t, got.PNGBase64), data) ||
			got.Width != img.Header.Width || got.Height != img.Header.Height || got.Grid != m.GridSize || got.BytesPerPixel != 4 {
			t.Errorf("%s: info (%dx%d grid %d bpp %d, %d payload bytes) differs from the decode (%dx%d grid %d, %d bytes)",
				png, got.Width, got.Height, got.Grid, got.BytesPerPixel, len(b64(t, got.PayloadBase64)),
				img.Header.Width, img.Header.Height, m.GridSize, len(pl.Data))
		}
		if m.Compression != "" {
			sawCompressed = true
			if !bytes.Equal(b64(t, got.StreamBase64), pl.Stream) || bytes.Equal(pl.Stream, pl.Data) {
				t.Errorf("%s: compressed, want streamBase64 = the pixels' stream", png)
			}
		} else if got.StreamBase64 != "" {
			t.Errorf("%s: uncompressed, want no streamBase64", png)
		}
		if len(got.Segments) != len(m.Segments) || len(got.Segments) > 0 && (got.Segments[0].Name != m.Segments[0].Name || got.Segments[0].End != m.Segments[0].End) {
			t.Errorf("%s: segments %+v, want %+v", png, got.Segments, m.Segments)
		}
		if !json.Valid(got.Metadata) {
			t.Errorf("%s: metadata %q is not JSON", png, got.Metadata)
		}
		wrong := strings.Contains(png, "wrong-hash") || strings.Contains(png, "bad-test") // the deliberate mistakes
		if hasErr := len(got.Problems) > 0; hasErr != wrong {
			t.Errorf("%s: problems %+v", png, got.Problems)
		}
	}
	if !sawCompressed {
		t.Error("no compressed example exercised")
	}

	// No sidecar: the PNG's own PixelRTS chunk describes it.
	payload := []byte("\x00asm\x01\x00\x00\x00 a payload with no sidecar beside it")
	enc, err := cartridge.Encode(payload, cartridge.EncodeOptions{Name: "lonely", Compress: "zlib"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lonely := filepath.Join(dir, "lonely.rts.png")
	if err := os.WriteFile(lonely, enc.PNG, 0o644); err != nil {
		t.Fatal(err)
	}
	var got cartInfoResult
	if err := s.Call("rts/cartridgeInfo", map[string]any{"uri": string(uri.File(lonely))}, &got, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b64(t, got.PayloadBase64), payload) || got.StreamBase64 == "" || got.Grid != int64(enc.GridSize) {
		t.Errorf("embedded metadata: payload %q grid %d stream %d bytes; want %q grid %d and the compressed stream",
			b64(t, got.PayloadBase64), got.Grid, len(got.StreamBase64), payload, enc.GridSize)
	}

	// Errors name the file.
	notPNG := filepath.Join(dir, "text.rts.png")
	os.WriteFile(notPNG, []byte("hello"), 0o644)
	plain := filepath.Join(dir, "plain.png")
	plainEnc, _ := cartridge.Encode([]byte("x"), cartridge.EncodeOptions{})
	os.WriteFile(plain, stripText(t, plainEnc.PNG), 0o644)
	for _, tc := range []struct {
		params        any
		code          int
		inMsg, inMsg2 string
	}{
		{map[string]any{"uri": string(uri.File(filepath.Join(dir, "missing.rts.png")))}, -32803, "missing.rts.png", "no such file"},
		{map[string]any{"uri": string(uri.File(notPNG))}, -32803, "text.rts.png", "PNG"},
		{map[string]any{"uri": string(uri.File(plain))}, -32803, "plain.png", "no PixelRTS metadata"},
		{map[string]any{"uri": "untitled:Untitled-1"}, -32602, "untitled:Untitled-1", "not a file"},
		{map[string]any{}, -32602, "rts/cartridgeInfo", "uri"},
	} {
		err := s.Call("rts/cartridgeInfo", tc.params, nil, lsptest.Timeout)
		var e *lsptest.Error
		if !errorsAs(err, &e) || e.Code != tc.code || !strings.Contains(e.Message, tc.inMsg) || !strings.Contains(e.Message, tc.inMsg2) {
			t.Errorf("%v: got %v, want error %d naming %q and saying %q", tc.params, err, tc.code, tc.inMsg, tc.inMsg2)
		}
	}
	lsptest.AssertServing(t, &lsptest.Session{Client: s.Client})
}

// stripText removes the PNG's text chunks (leaving a valid image with no
// PixelRTS metadata).
func stripText(t *testing.T, png []byte) []byte {
	t.Helper()
	out := append([]byte(nil), png[:8]...)
	for p := 8; p+8 <= len(png); {
		n := int(png[p])<<24 | int(png[p+1])<<16 | int(png[p+2])<<8 | int(png[p+3])
		typ := string(png[p+4 : p+8])
		end := p + 12 + n
		if typ != "tEXt" && typ != "zTXt" && typ != "iTXt" {
			out = append(out, png[p:end]...)
		}
		p = end
	}
	return out
}

func errorsAs(err error, target **lsptest.Error) bool { return errors.As(err, target) }
