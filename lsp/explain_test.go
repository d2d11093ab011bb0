package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/docs"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// noKeys keeps the developer's API keys away from the test servers.
func noKeys(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("RTS_OPENAI_API_KEY", "")
}

const brokenWGSL = "fn f() -> i32 {\n  let x = 1\n  return x;\n}\n"

type explainResultJSON struct {
	Markdown string `json:"markdown"`
	Source   string `json:"source"`
}

// explainVia finds the Explain action of the first diagnostic and executes
// its command as a client would.
func explainVia(t *testing.T, s *lsptest.Session, u string, pd *lsptest.PublishDiagnostics) (*lsptest.Pending, codeAction) {
	t.Helper()
	if len(pd.Diagnostics) == 0 {
		t.Fatal("no diagnostics to explain")
	}
	d := pd.Diagnostics[0]
	var act *codeAction
	acts := codeActions(t, s, u, d.Range, []lsptest.Diagnostic{d})
	for i, a := range acts {
		if a.Command != nil && a.Command.Command == "rts.explain" {
			act = &acts[i]
		}
	}
	if act == nil {
		t.Fatalf("code actions %+v: no rts.explain", acts)
	}
	if len(act.Diagnostics) != 1 || act.Diagnostics[0].Range != d.Range || len(act.Command.Arguments) != 1 {
		t.Fatalf("explain action %+v: want it tied to %v with one argument", act, d.Range)
	}
	p, err := s.Send("workspace/executeCommand", map[string]any{"command": act.Command.Command, "arguments": act.Command.Arguments})
	if err != nil {
		t.Fatal(err)
	}
	return p, *act
}

func waitResult(t *testing.T, p *lsptest.Pending, v any) {
	t.Helper()
	m, err := p.Wait(lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if m.Error != nil {
		t.Fatalf("executeCommand: %v", m.Error)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		t.Fatal(err)
	}
}

// Offline: the Explain action on a WGSL diagnostic runs rts.explain, which
// answers the catalogue entry under an "Offline" header, reports progress,
// and opens the same markdown as a file for clients that support
// showDocument. rts/status says "ready" after initialized.
func TestExplainOffline(t *testing.T) {
	cache := isolateCache(t)
	noKeys(t)
	s := startInProcess(t)
	reqs := recordRequests(s.Client)
	caps := map[string]any{"window": map[string]any{"workDoneProgress": true, "showDocument": map[string]any{"support": true}}}
	res, err := s.Initialize(caps, lsptest.DebugOptions, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res), `"executeCommandProvider":{"commands":["rts.explain","rts.run"]}`) {
		t.Errorf("capabilities %s: want executeCommandProvider listing rts.explain and rts.run", res)
	}
	if _, err := s.WaitNotification("rts/status", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), `"state":"ready"`)
	}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}

	u, pd := openBroken(t, s)
	if pd.Diagnostics[0].CodeString() != "syntax-error" {
		t.Fatalf("diagnostics %+v, want a syntax-error first", pd.Diagnostics)
	}
	p, _ := explainVia(t, s, u, pd)
	var got explainResultJSON
	waitResult(t, p, &got)
	entry, err := docs.Diagnostics.ReadFile("diagnostics/syntax-error.md")
	if err != nil {
		t.Fatal(err)
	}
	para := strings.Split(string(entry), "\n")[2] // the entry's first line of prose
	if got.Source != "offline" || !strings.Contains(got.Markdown, "Offline") || !strings.Contains(got.Markdown, para) ||
		!strings.Contains(got.Markdown, "broken.wgsl:2:12") {
		t.Errorf("result source %q, markdown:\n%s\nwant offline, containing %q and the location", got.Source, got.Markdown, para)
	}

	// Progress on a token the server created.
	creates := reqs.get("window/workDoneProgress/create")
	if len(creates) == 0 {
		t.Fatal("no window/workDoneProgress/create")
	}
	var kinds []string
	for _, m := range s.Notifications("$/progress") {
		var p struct {
			Value struct{ Kind, Title string }
		}
		json.Unmarshal(m.Params, &p)
		kinds = append(kinds, p.Value.Kind+":"+p.Value.Title)
	}
	if strings.Join(kinds, " ") != "begin:Explaining syntax-error end:" {
		t.Errorf("$/progress %v, want begin then end", kinds)
	}

	// The same markdown, as a file under the cache dir, shown.
	shows := reqs.get("window/showDocument")
	if len(shows) != 1 {
		t.Fatalf("window/showDocument requests %s, want 1", shows)
	}
	var sd struct {
		URI string `json:"uri"`
	}
	json.Unmarshal(shows[0], &sd)
	path := uri.URI(sd.URI).FsPath()
	shown, err := os.ReadFile(path)
	if err != nil || string(shown) != got.Markdown || !strings.HasPrefix(path, cache) || filepath.Ext(path) != ".md" {
		t.Errorf("shown %s (under %s): %v; want the answer as markdown", path, cache, err)
	}

	// Bad arguments are InvalidParams, the session goes on.
	for _, args := range []any{[]any{}, []any{map[string]any{"uri": u}}, []any{map[string]any{"uri": "file:///nowhere.wgsl", "diagnostic": pd.Diagnostics[0]}}} {
		err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.explain", "arguments": args}, nil, lsptest.Timeout)
		var e *lsptest.Error
		if !errorsAs(err, &e) || e.Code != -32602 {
			t.Errorf("arguments %v: %v, want InvalidParams", args, err)
		}
	}
	err = s.Call("workspace/executeCommand", map[string]any{"command": "rts.nope"}, nil, lsptest.Timeout)
	var e *lsptest.Error
	if !errorsAs(err, &e) || e.Code != -32602 || !strings.Contains(e.Message, "rts.nope") {
		t.Errorf("unknown command: %v", err)
	}
}

// fakeOpenAI is a real HTTP server on 127.0.0.1 speaking the parts of the
// OpenAI API the engine uses: GET /v1/models and streaming POST
// /v1/chat/completions. With stall set, a chat request waits until its
// client goes away and reports that on cancelled.
type fakeOpenAI struct {
	*httptest.Server
	answer string
	stall  bool

	mu        sync.Mutex
	chats     []string      // chat request bodies
	started   chan struct{} // a chat request arrived
	cancelled chan struct{} // a stalled chat request's client went away
}

func newFakeOpenAI(t *testing.T, answer string, stall bool) *fakeOpenAI {
	f := &fakeOpenAI{answer: answer, stall: stall, started: make(chan struct{}, 10), cancelled: make(chan struct{}, 10)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve)) // listens on 127.0.0.1
	t.Cleanup(f.Close)
	return f
}

func (f *fakeOpenAI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"object":"list","data":[{"id":"fake-vision-1","object":"model","owned_by":"test"}]}`)
	case r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions":
		f.mu.Lock()
		f.chats = append(f.chats, string(body))
		f.mu.Unlock()
		f.started <- struct{}{}
		if f.stall {
			select {
			case <-r.Context().Done():
				f.cancelled <- struct{}{}
			case <-time.After(lsptest.Timeout):
			}
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for _, word := range strings.SplitAfter(f.answer, " ") {
			chunk, _ := json.Marshal(map[string]any{
				"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "fake-vision-1",
				"choices": []map[string]any{{"index": 0, "delta": map[string]any{"content": word}}},
			})
			fmt.Fprintf(w, "data: %s\n\n", chunk)
			w.(http.Flusher).Flush()
		}
		io.WriteString(w, "data: [DONE]\n\n")
	default:
		http.Error(w, `{"error":{"message":"no such route"}}`, http.StatusNotFound)
	}
}

func (f *fakeOpenAI) chatBodies() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.chats...)
}

func aiOptions(endpoint string) map[string]any {
	return map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "ai": map[string]any{"endpoint": endpoint}}}
}

// With rts.ai.endpoint set, the answer comes from the model behind it; for
// a manifest diagnostic the request carries the manifest and the image.
func TestExplainModel(t *testing.T) {
	isolateCache(t)
	noKeys(t)
	const answer = "The manifest's data_hash is stale: write the payload's SHA-256 instead."
	f := newFakeOpenAI(t, answer, false)
	dir := t.TempDir()
	path := copyExample(t, dir, "fib-wrong-hash")
	text, _ := os.ReadFile(path)
	u := string(uri.File(path))

	s := startInProcess(t)
	if _, err := s.Initialize(nil, aiOptions(f.URL+"/v1"), lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, string(text)); err != nil {
		t.Fatal(err)
	}
	pd, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := explainVia(t, s, u, pd)
	var got explainResultJSON
	waitResult(t, p, &got)
	if got.Source != "fake-vision-1" || !strings.Contains(got.Markdown, answer) || strings.Contains(got.Markdown, "Offline") {
		t.Errorf("source %q, markdown:\n%s\nwant the model's answer", got.Source, got.Markdown)
	}
	chats := f.chatBodies()
	if len(chats) != 1 || !strings.Contains(chats[0], "cart-data-hash") || !strings.Contains(chats[0], "data:image/png;base64,") ||
		!strings.Contains(chats[0], "fib-wrong-hash") {
		t.Errorf("chat requests %d; want one with the diagnostic, the manifest and the image:\n%.2000s", len(chats), strings.Join(chats, "\n"))
	}
}

// $/cancelRequest on rts.explain cancels the model call itself.
func TestExplainCancel(t *testing.T) {
	isolateCache(t)
	noKeys(t)
	f := newFakeOpenAI(t, "", true)
	s := startInProcess(t)
	if _, err := s.Initialize(nil, aiOptions(f.URL+"/v1"), lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	u, pd := openBroken(t, s)
	p, _ := explainVia(t, s, u, pd)
	select {
	case <-f.started:
	case <-time.After(lsptest.Timeout):
		t.Fatal("the model was never asked")
	}
	if err := s.Notify("$/cancelRequest", map[string]any{"id": p.ID}); err != nil {
		t.Fatal(err)
	}
	m, err := p.Wait(lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if m.Error == nil || m.Error.Code != -32800 {
		t.Fatalf("response %+v, want RequestCancelled", m)
	}
	select {
	case <-f.cancelled:
	case <-time.After(lsptest.Timeout):
		t.Fatal("the model call was not cancelled")
	}
}

// With a workspace root, the server indexes it in the background after
// initialized, with work-done progress; a *.md file created later and
// reported by didChangeWatchedFiles is indexed too, so explanations cite it.
func TestExplainIndexing(t *testing.T) {
	isolateCache(t)
	noKeys(t)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "guide.md"), []byte("# Guide\n\nNothing about shaders here.\n"), 0o644)
	s := startInProcess(t)
	recordRequests(s.Client)
	caps := map[string]any{"window": map[string]any{"workDoneProgress": true}}
	err := s.Client.Call("initialize", map[string]any{
		"processId": nil, "rootUri": string(uri.File(root)), "capabilities": caps,
		"initializationOptions": lsptest.DebugOptions,
	}, nil, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Notify("initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitNotification("$/progress", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), `"kind":"end"`) && strings.Contains(string(raw), "passages")
	}, lsptest.Timeout); err != nil {
		t.Fatalf("indexing progress: %v\nstderr:\n%s", err, s.Stderr())
	}

	notes := filepath.Join(root, "semicolons.md")
	os.WriteFile(notes, []byte("# Semicolons after let\n\nA let declaration needs a semicolon: expected ';' after let declaration "+
		"means the line `let x = 1` lacks its ';' before return.\n"), 0o644)
	if err := s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": string(uri.File(notes)), "type": 1}}}); err != nil {
		t.Fatal(err)
	}
	u := string(uri.File(filepath.Join(root, "broken.wgsl")))
	if err := s.DidOpen(u, "wgsl", 1, brokenWGSL); err != nil {
		t.Fatal(err)
	}
	pd, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	// Files are indexed off the read loop: ask until the file is cited.
	waitCited := func(name string) {
		t.Helper()
		var got explainResultJSON
		for deadline := time.Now().Add(lsptest.Timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			p, _ := explainVia(t, s, u, pd)
			waitResult(t, p, &got)
			if strings.Contains(got.Markdown, name) {
				return
			}
		}
		t.Fatalf("%s is never cited:\n%s", name, got.Markdown)
	}
	waitCited("semicolons.md")

	// didSave indexes the editor's text of a saved *.md document.
	saved := string(uri.File(filepath.Join(root, "letters.md")))
	if err := s.DidOpen(saved, "markdown", 1, "# Let declarations\n\nexpected ';' after let declaration: a let statement ends with ';' "+
		"before the next statement such as return.\n"); err != nil {
		t.Fatal(err)
	}
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": saved}}); err != nil {
		t.Fatal(err)
	}
	waitCited("letters.md")
}

// A client that displays command results itself (both our editors) gets the
// answer in the result only: opening it as a document too would show it twice.
func TestExplainNoShowDocumentWhenClientShowsResults(t *testing.T) {
	isolateCache(t)
	noKeys(t)
	s := startInProcess(t)
	reqs := recordRequests(s.Client)
	caps := map[string]any{
		"window":       map[string]any{"showDocument": map[string]any{"support": true}},
		"experimental": map[string]any{"rts": map[string]any{"showsCommandResults": true}},
	}
	if _, err := s.Initialize(caps, lsptest.DebugOptions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	u, pd := openBroken(t, s)
	p, _ := explainVia(t, s, u, pd)
	var got explainResultJSON
	waitResult(t, p, &got)
	if !strings.Contains(got.Markdown, "Offline") {
		t.Errorf("markdown %q: want the offline answer", got.Markdown)
	}
	if shows := reqs.get("window/showDocument"); len(shows) != 0 {
		t.Errorf("window/showDocument requests %s, want none", shows)
	}
}

// openBroken opens brokenWGSL and returns its URI and first diagnostics.
func openBroken(t *testing.T, s *lsptest.Session) (string, *lsptest.PublishDiagnostics) {
	t.Helper()
	u := "file:///w/broken.wgsl"
	if err := s.DidOpen(u, "wgsl", 1, brokenWGSL); err != nil {
		t.Fatal(err)
	}
	pd, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	return u, pd
}
