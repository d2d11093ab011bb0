package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
)

func TestParseFilePos(t *testing.T) {
	for _, tc := range []struct {
		arg       string
		file      string
		line, col int
		bad       bool
	}{
		{arg: "a.wgsl:3:7", file: "a.wgsl", line: 3, col: 7},
		{arg: "a.wgsl:3", file: "a.wgsl", line: 3, col: 1},
		{arg: `C:\x\a.wgsl:3:7`, file: `C:\x\a.wgsl`, line: 3, col: 7},
		{arg: "dir:1/a.wgsl:2:4", file: "dir:1/a.wgsl", line: 2, col: 4},
		{arg: "a.wgsl", bad: true},
		{arg: ":3:4", bad: true},
		{arg: "12:3", file: "12", line: 3, col: 1},
	} {
		f, l, c, err := parseFilePos(tc.arg)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: want an error, got %q %d %d", tc.arg, f, l, c)
			}
			continue
		}
		if err != nil || f != tc.file || l != tc.line || c != tc.col {
			t.Errorf("%q: got %q %d:%d %v", tc.arg, f, l, c, err)
		}
	}
}

func TestPickDiagnostic(t *testing.T) {
	ds := []diag.Diagnostic{
		{Span: diag.Span{Start: 0, End: 40}, Severity: diag.Warning, Code: "wide"},
		{Span: diag.Span{Start: 10, End: 14}, Severity: diag.Error, Code: "narrow"},
		{Span: diag.Span{Start: 60, End: 62}, Severity: diag.Error, Code: "far"},
	}
	for _, tc := range []struct {
		off  int
		want string
	}{{12, "narrow"}, {14, "narrow"}, {2, "wide"}, {55, "far"}, {45, "wide"}} {
		if d, ok := pickDiagnostic(ds, tc.off); !ok || d.Code != tc.want {
			t.Errorf("offset %d: got %q, want %q", tc.off, d.Code, tc.want)
		}
	}
	if _, ok := pickDiagnostic(nil, 0); ok {
		t.Error("no diagnostics should pick none")
	}
}

// cartWorkspace writes a workspace with a README and a manifest that lacks
// its "encoding" field (and has no PNG beside it unless withPNG).
func cartWorkspace(t *testing.T, withPNG bool) (ws, manifest string) {
	t.Helper()
	ws = t.TempDir()
	os.WriteFile(filepath.Join(ws, "README.md"), []byte("# Manifests\n\nWhen a manifest is missing \"encoding\" (cart-missing-field), our build adds the encoding RGBA-dense.\n"), 0o644)
	manifest = filepath.Join(ws, "game.rts.meta.json")
	os.WriteFile(manifest, []byte("{\n  \"format\": \"PixelRTS-2.0\",\n  \"grid_size\": 4\n}\n"), 0o644)
	if withPNG {
		var buf bytes.Buffer
		png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 700, 350)))
		os.WriteFile(filepath.Join(ws, "game.rts.png"), buf.Bytes(), 0o644)
	}
	return ws, manifest
}

func clearAIEnv(t *testing.T) {
	for _, k := range []string{"RTS_AI_ENDPOINT", "RTS_AI_MODEL", "RTS_OPENAI_API_KEY", "OPENAI_API_KEY"} {
		t.Setenv(k, "")
	}
}

func TestExplainCommandOffline(t *testing.T) {
	clearAIEnv(t)
	ws, manifest := cartWorkspace(t, false)
	var out, errb bytes.Buffer
	code := dispatch([]string{"explain", "--index-dir", t.TempDir(), manifest + ":2:5"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"# Offline explanation (no model configured)", "`cart-", "game.rts.meta.json:2:", "README.md:1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	_ = ws
}

func TestExplainCommandEndpoint(t *testing.T) {
	clearAIEnv(t)
	var mu sync.Mutex
	var bodies []string
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(body))
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		chunk, _ := json.Marshal(map[string]any{"id": "c", "object": "chat.completion.chunk", "model": "m",
			"choices": []map[string]any{{"index": 0, "delta": map[string]any{"content": "Add the encoding field."}}}})
		fmt.Fprintf(w, "data: %s\n\ndata: [DONE]\n\n", chunk)
	}))
	defer srv.Close()
	t.Setenv("RTS_AI_ENDPOINT", srv.URL+"/v1")
	t.Setenv("RTS_AI_MODEL", "vision-model")
	t.Setenv("RTS_OPENAI_API_KEY", "sk-cli-test")
	_, manifest := cartWorkspace(t, true)
	var out, errb bytes.Buffer
	if code := dispatch([]string{"explain", "--index-dir", t.TempDir(), manifest + ":2:5"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "Add the encoding field.") || !strings.Contains(out.String(), "vision-model") {
		t.Errorf("output lacks the model answer:\n%s", out.String())
	}
	if len(bodies) != 1 || auth[0] != "Bearer sk-cli-test" {
		t.Fatalf("want one chat call with the key, got %d calls, auth %q", len(bodies), auth)
	}
	for _, want := range []string{`"model":"vision-model"`, "cart-", `\"grid_size\": 4`, `"type":"image_url"`, "data:image/png;base64,"} {
		if !strings.Contains(bodies[0], want) {
			t.Errorf("request lacks %q", want)
		}
	}
}

func TestExplainCommandErrors(t *testing.T) {
	clearAIEnv(t)
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	os.WriteFile(txt, []byte("hello\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"explain"}, 2, "Usage"},
		{[]string{"explain", "nofile.wgsl"}, 2, "want FILE:LINE:COL"},
		{[]string{"explain", filepath.Join(dir, "missing.wgsl:1:1")}, 2, "missing.wgsl"},
		{[]string{"explain", txt + ":1:1"}, 2, "not a .wgsl file"},
		{[]string{"explain", txt + ":9:1"}, 2, "only 2 lines"},
	} {
		var out, errb bytes.Buffer
		code := dispatch(tc.args, &out, &errb)
		if code != tc.code || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errb.String(), tc.code, tc.msg)
		}
	}
}

func TestIndexCommand(t *testing.T) {
	clearAIEnv(t)
	ws, _ := cartWorkspace(t, false)
	os.WriteFile(filepath.Join(ws, "a.wgsl"), []byte("// Fills the grid.\nfn f() {}\n"), 0o644)
	idx := t.TempDir()
	var out, errb bytes.Buffer
	if code := dispatch([]string{"index", "--index-dir", idx, ws}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	first := out.String()
	if !strings.Contains(first, "0 updated, 0 removed, 0 unchanged") || !strings.Contains(first, "hashed-ngrams-v1/") || !strings.Contains(first, idx) {
		t.Errorf("first run:\n%s", first)
	}
	out.Reset()
	if code := dispatch([]string{"index", "--index-dir", idx, ws}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "(0 added, 0 updated, 0 removed,") {
		t.Errorf("second run should change nothing:\n%s", out.String())
	}
	if code := dispatch([]string{"index", filepath.Join(ws, "README.md")}, &out, &errb); code != 2 {
		t.Errorf("a file is not a directory: exit %d", code)
	}
}

// TestExplainCommandWGSL runs the real WGSL checker on a shader with a
// missing semicolon. While the checker reports nothing (an unfinished front
// end), the command must say so and exit 1; once it reports, the
// explanation must name the diagnostic found at the position.
func TestExplainCommandWGSL(t *testing.T) {
	clearAIEnv(t)
	dir := t.TempDir()
	shader := filepath.Join(dir, "broken.wgsl")
	src := "fn main() {\n    let x = 1\n    let y = 2;\n}\n"
	os.WriteFile(shader, []byte(src), 0o644)
	var out, errb bytes.Buffer
	code := dispatch([]string{"explain", "--index-dir", t.TempDir(), shader + ":2:14"}, &out, &errb)
	ds := wgsl.Check([]byte(src))
	if len(ds) == 0 {
		if code != 1 || !strings.Contains(errb.String(), "no diagnostics to explain") {
			t.Fatalf("no diagnostics: want exit 1 and a message, got %d %q", code, errb.String())
		}
		return
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want, _ := pickDiagnostic(ds, len("fn main() {\n    let x = 1"))
	if !strings.Contains(out.String(), "`"+want.Code+"`") || !strings.Contains(out.String(), want.Message) {
		t.Errorf("output does not explain %s %q:\n%s", want.Code, want.Message, out.String())
	}
}
