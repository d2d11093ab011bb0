package explain

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/docs"
)

var testCatalogue = fstest.MapFS{
	"syntax-error.md":  {Data: []byte("# syntax-error\n\nThe text does not follow the WGSL grammar: a token is missing, such as the semicolon ending a statement.\n\n## Fixed\n\n```wgsl\nlet x = 1;\n```\n")},
	"type-mismatch.md": {Data: []byte("# type-mismatch\n\nAn expression of one type is used where another type is required, e.g. an f32 assigned to an i32 variable.\n")},
	"manifest-size.md": {Data: []byte("# manifest-size\n\nThe manifest's width and height disagree with the PNG's dimensions.\n")},
}

const brokenShader = "// Compute entry point that fills the grid.\n@compute @workgroup_size(8)\nfn main() {\n    let x = 1\n    let y = 2;\n}\n"

// writeWorkspace creates a small workspace with docs and a shader.
func writeWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"README.md":          "# Project\n\nShaders for the grid renderer.\n\n## Semicolons\n\nEvery let statement in our shaders ends with a semicolon; the style guide insists on it.\n",
		"docs/cartridges.md": "# Cartridges\n\nA cartridge manifest lists width and height, which must match the PNG image dimensions exactly.\n",
		"shaders/grid.wgsl":  brokenShader,
		".git/ignored.md":    "# Hidden\n\nnever indexed\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func syntaxDiag(src string) diag.Diagnostic {
	start := strings.Index(src, "let x = 1") + len("let x = 1")
	return diag.Diagnostic{Span: diag.Span{Start: start, End: start}, Severity: diag.Error, Code: "syntax-error", Message: "expected ';' after let declaration, found 'let'"}
}

func clearKeys(t *testing.T) {
	t.Setenv("RTS_OPENAI_API_KEY", "")
	t.Setenv("OPENAI_API_KEY", "")
}

func newTestEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	if opts.IndexDir == "" {
		opts.IndexDir = t.TempDir()
	}
	if opts.Catalogue == nil {
		opts.Catalogue = testCatalogue
	}
	e, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func TestExplainOfflineWithoutEndpoint(t *testing.T) {
	ws := writeWorkspace(t)
	e := newTestEngine(t, Options{Workspace: ws})
	req := Request{Diagnostic: syntaxDiag(brokenShader), Path: "shaders/grid.wgsl", Source: []byte(brokenShader)}
	a, err := e.Explain(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Offline || a.Model != "" || a.Reason != "no model configured" {
		t.Fatalf("want offline with reason, got offline=%v model=%q reason=%q", a.Offline, a.Model, a.Reason)
	}
	for _, want := range []string{
		"# Offline explanation (no model configured)",
		"error `syntax-error`** at shaders/grid.wgsl:4:14",
		"> 4 |     let x = 1",  // the marked line, numbered
		"  5 |     let y = 2;", // context
		"a token is missing",   // the catalogue entry
		"README.md:5",          // a passage with its source
	} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("offline answer lacks %q:\n%s", want, a.Markdown)
		}
	}
	if len(a.Sources) < 2 || a.Sources[0].Path != "docs/diagnostics/syntax-error.md" {
		t.Errorf("sources should start with the catalogue entry: %+v", a.Sources)
	}
	for _, s := range a.Sources {
		if strings.Contains(s.Path, ".git") {
			t.Errorf("hidden directory indexed: %+v", s)
		}
	}
	again, err := e.Explain(context.Background(), req)
	if err != nil || !again.Cached || again.Markdown != a.Markdown {
		t.Errorf("second call should come from the cache: cached=%v err=%v", again.Cached, err)
	}
}

func TestExplainDefaultCatalogueIsEmbeddedDocs(t *testing.T) {
	want, err := fs.ReadFile(docs.Diagnostics, "diagnostics/syntax-error.md")
	if err != nil {
		t.Skip("the embedded catalogue has no syntax-error entry")
	}
	e, err := New(Options{IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Path: "a.wgsl", Source: []byte(brokenShader)})
	if err != nil {
		t.Fatal(err)
	}
	firstPara := strings.SplitN(strings.TrimSpace(string(want)), "\n\n", 3)[1]
	firstLine := strings.SplitN(firstPara, "\n", 2)[0]
	if !strings.Contains(a.Markdown, firstLine) {
		t.Errorf("answer lacks the embedded catalogue entry %q:\n%s", firstLine, a.Markdown)
	}
}

func TestExplainSendsPromptWithoutAuthorization(t *testing.T) {
	clearKeys(t)
	api := newFakeAPI(t)
	ws := writeWorkspace(t)
	e := newTestEngine(t, Options{Workspace: ws, Endpoint: api.URL()}) // no model: taken from /v1/models
	a, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Path: "shaders/grid.wgsl", Source: []byte(brokenShader)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Offline || a.Model != "fake-vision-1" {
		t.Fatalf("want a model answer from fake-vision-1, got offline=%v model=%q reason=%q", a.Offline, a.Model, a.Reason)
	}
	if !strings.Contains(a.Markdown, "The semicolon is missing after `let x = 1`.") || !strings.Contains(a.Markdown, "[0] docs/diagnostics/syntax-error.md:1") {
		t.Errorf("answer lacks the model text or sources:\n%s", a.Markdown)
	}
	if len(api.recorded("/v1/models")) != 1 {
		t.Errorf("want one /v1/models call")
	}
	chats := api.recorded("/v1/chat/completions")
	if len(chats) != 1 {
		t.Fatalf("want one chat request, got %d", len(chats))
	}
	for _, r := range api.requests {
		if v, ok := r.Header["Authorization"]; ok {
			t.Errorf("%s sent Authorization %q with no key set", r.Path, v)
		}
	}
	parts := userParts(t, chats[0])
	if len(parts) != 1 || parts[0].Type != "text" {
		t.Fatalf("want one text part for a shader, got %+v", parts)
	}
	text := parts[0].Text
	for _, want := range []string{
		"expected ';' after let declaration", // the diagnostic
		"shaders/grid.wgsl:4:14",
		"> 4 |     let x = 1", // numbered code around it
		"  2 | @compute",
		"a token is missing",       // the catalogue entry
		"README.md:5 — Semicolons", // a retrieved passage with its source
		"ends with a semicolon",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("prompt lacks %q:\n%s", want, text)
		}
	}
}

func TestExplainSendsKeyFromEnvironment(t *testing.T) {
	for _, tc := range []struct{ rts, openai, want string }{
		{"sk-rts", "sk-openai", "Bearer sk-rts"},
		{"", "sk-openai", "Bearer sk-openai"},
	} {
		t.Setenv("RTS_OPENAI_API_KEY", tc.rts)
		t.Setenv("OPENAI_API_KEY", tc.openai)
		api := newFakeAPI(t)
		var logged bytes.Buffer
		e := newTestEngine(t, Options{Endpoint: api.URL(), Model: "m", Logf: func(f string, a ...any) { logged.WriteString(f) }})
		if _, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)}); err != nil {
			t.Fatal(err)
		}
		chats := api.recorded("/v1/chat/completions")
		if len(chats) != 1 || chats[0].Header.Get("Authorization") != tc.want {
			t.Errorf("rts=%q openai=%q: want Authorization %q, got %+v", tc.rts, tc.openai, tc.want, chats)
		}
		if strings.Contains(string(chats[0].Body), "sk-") {
			t.Errorf("the key leaked into the request body")
		}
	}
}

// checkerPNG draws a w×h image, left half red, right half blue.
func checkerPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{R: 255, A: 255}
			if x >= w/2 {
				c = color.NRGBA{B: 255, A: 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExplainCartridgeSendsManifestAndImage(t *testing.T) {
	clearKeys(t)
	api := newFakeAPI(t)
	ws := writeWorkspace(t)
	e := newTestEngine(t, Options{Workspace: ws, Endpoint: api.URL(), Model: "fake-vision-1"})
	manifest := "{\n  \"format\": \"PixelRTS-2.0\",\n  \"width\": 2048,\n  \"height\": 1200\n}\n"
	d := diag.Diagnostic{Span: diag.Span{Start: strings.Index(manifest, "2048"), End: strings.Index(manifest, "2048") + 4}, Severity: diag.Error, Code: "manifest-size", Message: "width 2048 does not match the image width 1024"}
	a, err := e.Explain(context.Background(), Request{
		Diagnostic: d, Path: "game.rts.meta.json", Source: []byte(manifest),
		Cartridge: &Cartridge{Manifest: []byte(manifest), PNG: checkerPNG(t, 1024, 600)},
	})
	if err != nil || a.Offline {
		t.Fatalf("want a model answer: err=%v reason=%q", err, a.Reason)
	}
	parts := userParts(t, api.recorded("/v1/chat/completions")[0])
	if len(parts) != 2 || parts[0].Type != "text" || parts[1].Type != "image_url" || parts[1].ImageURL == nil {
		t.Fatalf("want a text part and an image_url part, got %+v", parts)
	}
	if !strings.Contains(parts[0].Text, "## Cartridge manifest") || !strings.Contains(parts[0].Text, `"width": 2048`) ||
		!strings.Contains(parts[0].Text, "must match the PNG image dimensions") {
		t.Errorf("prompt lacks the manifest or the cartridge passage:\n%s", parts[0].Text)
	}
	const prefix = "data:image/png;base64,"
	uri := parts[1].ImageURL.URL
	if !strings.HasPrefix(uri, prefix) {
		t.Fatalf("image part is not a PNG data URI: %.60s", uri)
	}
	raw, err := base64.StdEncoding.DecodeString(uri[len(prefix):])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 300 {
		t.Errorf("image sent at %dx%d, want 512x300", b.Dx(), b.Dy())
	}
	if r, _, bl, _ := img.At(10, 10).RGBA(); r>>8 != 255 || bl != 0 {
		t.Errorf("left side should stay red")
	}
	if r, _, bl, _ := img.At(500, 10).RGBA(); r != 0 || bl>>8 != 255 {
		t.Errorf("right side should stay blue")
	}
}

func TestExplainBadCartridgeImageIsAnError(t *testing.T) {
	e := newTestEngine(t, Options{})
	_, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Cartridge: &Cartridge{PNG: []byte("not a png")}})
	if err == nil || !strings.Contains(err.Error(), "not a valid PNG") {
		t.Fatalf("want a clear PNG error, got %v", err)
	}
}

func TestExplainEndpointFailuresFallBackOffline(t *testing.T) {
	clearKeys(t)
	for _, tc := range []struct {
		mode, reason string
	}{
		{"500", "model endpoint failed: HTTP 500: model crashed"},
		{"slow", "model endpoint failed: no complete answer within 300ms"},
		{"malformed", "model endpoint failed: "},
		{"stall", "model endpoint failed: no complete answer within 300ms"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			api := newFakeAPI(t)
			api.set(tc.mode)
			e := newTestEngine(t, Options{Endpoint: api.URL(), Model: "m", Timeout: 300 * time.Millisecond})
			req := Request{Diagnostic: syntaxDiag(brokenShader), Path: "a.wgsl", Source: []byte(brokenShader)}
			a, err := e.Explain(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Offline || !strings.HasPrefix(a.Reason, tc.reason) {
				t.Fatalf("want offline with reason %q, got offline=%v reason=%q", tc.reason, a.Offline, a.Reason)
			}
			if !strings.HasPrefix(a.Markdown, "# Offline explanation ("+a.Reason+")") || !strings.Contains(a.Markdown, "a token is missing") {
				t.Errorf("offline answer should be labelled and hold the catalogue entry:\n%s", a.Markdown)
			}
			if tc.mode == "malformed" && len(a.Reason) <= len(tc.reason) {
				t.Errorf("the reason should say what broke: %q", a.Reason)
			}
			// Failures are not cached: once the endpoint recovers, the model answers.
			api.set("ok")
			b, err := e.Explain(context.Background(), req)
			if err != nil || b.Offline || b.Cached {
				t.Errorf("after recovery want a fresh model answer: offline=%v cached=%v err=%v", b.Offline, b.Cached, err)
			}
		})
	}
}

func TestExplainUnreachableEndpoint(t *testing.T) {
	clearKeys(t)
	api := newFakeAPI(t)
	url := api.URL()
	api.srv.Close()
	e := newTestEngine(t, Options{Endpoint: url, Timeout: time.Second})
	a, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Offline || !strings.HasPrefix(a.Reason, "model endpoint failed: listing models:") {
		t.Errorf("want offline after failing to list models, got %q", a.Reason)
	}
}

func TestExplainCallerCancellation(t *testing.T) {
	clearKeys(t)
	api := newFakeAPI(t)
	api.set("stall")
	e := newTestEngine(t, Options{Endpoint: api.URL(), Model: "m"})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(api.recorded("/v1/chat/completions")) == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	_, err := e.Explain(ctx, Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled when the caller gives up, got %v", err)
	}
}

func TestEmbeddingsEndpoint(t *testing.T) {
	clearKeys(t)
	api := newFakeAPI(t)
	ws := writeWorkspace(t)
	dir := t.TempDir()
	// EmbedModel without any endpoint is a configuration error.
	if _, err := New(Options{IndexDir: t.TempDir(), EmbedModel: "fake-embed", Catalogue: testCatalogue}); err == nil {
		t.Fatal("want an error for EmbedModel without an endpoint")
	}
	e := newTestEngine(t, Options{Workspace: ws, IndexDir: dir, EmbedModel: "fake-embed", EmbedEndpoint: api.URL()})
	emb := e.IndexHandle().Embedder()
	if emb.Dims() != 64 || !strings.Contains(emb.Name(), "fake-embed") {
		t.Fatalf("embedder %s/%d, want fake-embed with 64 dims", emb.Name(), emb.Dims())
	}
	st, err := e.Index(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Chunks == 0 || len(api.recorded("/v1/embeddings")) < 2 {
		t.Fatalf("index should be built through /v1/embeddings: %+v", st)
	}
	got, err := e.IndexHandle().Query(context.Background(), "width and height must match the PNG", 1)
	if err != nil || len(got) != 1 || got[0].Path != "docs/cartridges.md" {
		t.Fatalf("query through endpoint embeddings: %+v %v", got, err)
	}
	// Back to the local embedder: a different vector space, so a rebuild.
	local := newTestEngine(t, Options{Workspace: ws, IndexDir: dir})
	st, err = local.Index(context.Background(), nil)
	if err != nil || !st.Rebuilt || st.Unchanged != 0 {
		t.Fatalf("switching embedder should rebuild: %+v %v", st, err)
	}
}

func TestEmbeddingsEndpointFailure(t *testing.T) {
	clearKeys(t)
	api := newFakeAPI(t)
	api.embedMode = "500"
	_, err := New(Options{IndexDir: t.TempDir(), Catalogue: testCatalogue, EmbedModel: "e", EmbedEndpoint: api.URL()})
	if err == nil || !strings.Contains(err.Error(), "HTTP 500: embedding backend down") {
		t.Fatalf("want the HTTP 500 reported, got %v", err)
	}
}

func TestEngineUpdateFileByAbsolutePath(t *testing.T) {
	ws := writeWorkspace(t)
	e := newTestEngine(t, Options{Workspace: ws})
	if _, err := e.Index(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(ws, "docs", "bindings.md")
	if err := e.UpdateFile(context.Background(), abs, []byte("# Bindings\n\nGroup three holds the shadow atlas sampler.\n")); err != nil {
		t.Fatal(err)
	}
	if err := e.UpdateFile(context.Background(), filepath.Join(t.TempDir(), "outside.md"), []byte("# Outside\n\nshadow atlas sampler\n")); err != nil {
		t.Fatal(err)
	}
	got, err := e.IndexHandle().Query(context.Background(), "shadow atlas sampler", 2)
	if err != nil || got[0].Path != "docs/bindings.md" || got[1].Path == "outside.md" {
		t.Fatalf("query after UpdateFile: %+v %v", got, err)
	}
	if err := e.RemoveFile(abs); err != nil {
		t.Fatal(err)
	}
	for _, f := range e.IndexHandle().Files() {
		if strings.Contains(f, "bindings") || strings.Contains(f, "outside") {
			t.Errorf("file still indexed: %s", f)
		}
	}
}

func TestExplainDropsUnrelatedPassages(t *testing.T) {
	ws := t.TempDir()
	os.WriteFile(filepath.Join(ws, "zoo.md"), []byte("# Zoo\n\nPenguins waddle across frozen beaches.\n"), 0o644)
	e := newTestEngine(t, Options{Workspace: ws})
	a, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Markdown, "Penguins") {
		t.Errorf("an unrelated passage was included:\n%s", a.Markdown)
	}
	// With the threshold off, the same passage comes back: the test would see it.
	e = newTestEngine(t, Options{Workspace: ws, MinScore: -1})
	a, _ = e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)})
	if !strings.Contains(a.Markdown, "Penguins") {
		t.Errorf("MinScore -1 should keep every passage")
	}
}

func TestKeyNeverFollowsARedirectToAnotherHost(t *testing.T) {
	t.Setenv("RTS_OPENAI_API_KEY", "sk-secret")
	other := newFakeAPI(t)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.srv.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	e := newTestEngine(t, Options{Endpoint: redirector.URL + "/v1", Model: "m"})
	a, err := e.Explain(context.Background(), Request{Diagnostic: syntaxDiag(brokenShader), Source: []byte(brokenShader)})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Offline || !strings.Contains(a.Reason, "refusing to follow a redirect") {
		t.Errorf("want offline with the refused redirect, got %q", a.Reason)
	}
	if n := len(other.recorded("/v1/chat/completions")); n != 0 {
		t.Errorf("the other host received %d requests", n)
	}
}

func TestExplainOddInputsDoNotPanic(t *testing.T) {
	e := newTestEngine(t, Options{})
	long := strings.Repeat("x", 5000)
	for _, req := range []Request{
		{Diagnostic: diag.Diagnostic{Span: diag.Span{Start: 1000, End: -5}, Code: "syntax-error"}, Source: []byte("short\n")},
		{Diagnostic: diag.Diagnostic{Span: diag.Span{Start: -3, End: 2}, Code: "../../etc/passwd"}, Source: []byte("a\nb")},
		{Diagnostic: diag.Diagnostic{Code: ""}, Source: nil},
		{Diagnostic: diag.Diagnostic{Code: "syntax-error"}, Source: []byte(long), Cartridge: &Cartridge{Manifest: []byte(long)}},
	} {
		a, err := e.Explain(context.Background(), req)
		if err != nil || !a.Offline {
			t.Errorf("%+v: %v", req.Diagnostic, err)
		}
		if strings.Contains(a.Markdown, "root:") || strings.Contains(a.Markdown, strings.Repeat("x", 400)) {
			t.Errorf("answer holds what it should not:\n%.300s", a.Markdown)
		}
	}
	if err := e.UpdateFile(context.Background(), "../outside.md", []byte("# x\n\ny")); err != nil || len(e.IndexHandle().Files()) != 3 {
		t.Errorf("a path leaving the workspace must be ignored: %v %v", err, e.IndexHandle().Files())
	}
}
