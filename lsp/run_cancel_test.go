package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// spinWasm exports spin(n i32) -> i32, which counts n down to 0 in a loop
// (five instructions a turn) and returns it: a call as slow as asked.
var spinWasm = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type (i32) -> i32
	0x03, 0x02, 0x01, 0x00, // one function of that type
	0x07, 0x08, 0x01, 0x04, 's', 'p', 'i', 'n', 0x00, 0x00, // export "spin"
	0x0a, 0x12, 0x01, 0x10, 0x00, // code: one body, no locals
	0x03, 0x40, // loop
	0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, // local.get 0; i32.const 1; i32.sub; local.tee 0
	0x0d, 0x00, 0x0b, // br_if 0; end
	0x20, 0x00, 0x0b, // local.get 0; end
}

// spinCart writes a cartridge of spinWasm whose tests each spin n turns
// and returns its manifest's URI.
func spinCart(t *testing.T, n, tests int) string {
	t.Helper()
	var ts []any
	for range tests {
		ts = append(ts, map[string]any{"invoke": "spin", "args": []any{n}, "expect": []any{0}})
	}
	enc, err := cartridge.Encode(spinWasm, cartridge.EncodeOptions{Name: "spin", Type: "wasm", Extra: map[string]any{"tests": ts}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "spin.rts.png"), enc.PNG, 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "spin.rts.meta.json")
	if err := os.WriteFile(p, enc.Sidecar, 0o644); err != nil {
		t.Fatal(err)
	}
	return string(uri.File(p))
}

// rts.run reports work-done progress on the request's token (begin, end
// with the summary); a second run of the same cartridge cancels the one in
// flight (RequestCancelled, and no window/showMessage for it), as does the
// client's $/cancelRequest.
func TestRunProgressAndCancel(t *testing.T) {
	isolateCache(t)
	s := startInProcess(t)
	caps := map[string]any{"window": map[string]any{"workDoneProgress": true}}
	if _, err := s.Initialize(caps, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	quick := spinCart(t, 3, 1)
	var res runResultJSON
	if err := s.Call("workspace/executeCommand", map[string]any{
		"command": "rts.run", "arguments": []any{map[string]any{"uri": quick}}, "workDoneToken": "tok-1",
	}, &res, lsptest.Timeout); err != nil || !res.OK {
		t.Fatalf("quick run: %+v %v", res, err)
	}
	for _, want := range []string{`"token":"tok-1","value":{"kind":"begin","title":"Running spin.rts.png","message":"1 tests"}`,
		`"token":"tok-1","value":{"kind":"end","message":"1/1 tests passed on `} {
		if _, err := s.WaitNotification("$/progress", func(raw json.RawMessage) bool {
			return strings.Contains(string(raw), want)
		}, lsptest.Timeout); err != nil {
			t.Errorf("progress %s: %v", want, err)
		}
	}
	if _, err := s.WaitNotification("window/showMessage", nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}

	// Eight calls that take seconds (a GPU dispatch in flight runs to its
	// end: the run stops after it).
	turns := 100_000
	if res.Backend == "cpu" { // no adapter: wazero alone, far faster
		turns = 20_000_000
	}
	slow := spinCart(t, turns, 8)
	run := func() *lsptest.Pending {
		t.Helper()
		p, err := s.Send("workspace/executeCommand", map[string]any{"command": "rts.run", "arguments": []any{map[string]any{"uri": slow}}})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// The server handles requests concurrently: whichever of the two
	// registers second is the newer run and cancels the other.
	pending := []*lsptest.Pending{run(), run()}
	cancelled, passed := 0, 0
	for _, p := range pending {
		m, err := p.Wait(3 * lsptest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case m.Error != nil && m.Error.Code == int(requestCancelled) && strings.Contains(m.Error.Message, "spin.rts.png: cancelled"):
			cancelled++
		case m.Error == nil && json.Unmarshal(m.Result, &res) == nil && res.OK && strings.HasPrefix(res.Summary, "8/8 tests passed"):
			passed++
		default:
			t.Errorf("run %d: error %v, result %s", p.ID, m.Error, m.Result)
		}
	}
	if cancelled != 1 || passed != 1 {
		t.Errorf("%d runs cancelled, %d passed; want one of each", cancelled, passed)
	}
	m, err := s.WaitNotification("window/showMessage", nil, lsptest.Timeout)
	if err != nil || !strings.Contains(string(m.Params), "8/8 tests passed") {
		t.Errorf("showMessage %v %v", m, err)
	}
	if n := s.Notifications("window/showMessage"); len(n) != 0 {
		t.Errorf("a message for the cancelled run: %s", n[0].Params)
	}

	// The client cancels.
	third := run()
	if err := s.Notify("$/cancelRequest", map[string]any{"id": third.ID}); err != nil {
		t.Fatal(err)
	}
	m3, err := third.Wait(3 * lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if m3.Error == nil || m3.Error.Code != int(requestCancelled) {
		t.Errorf("cancelled by the client: error %v, result %s", m3.Error, m3.Result)
	}
}

// answerWasm exports answer() -> i32, which returns 42.
var answerWasm = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type () -> i32
	0x03, 0x02, 0x01, 0x00,
	0x07, 0x0a, 0x01, 0x06, 'a', 'n', 's', 'w', 'e', 'r', 0x00, 0x00, // export "answer"
	0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b, // i32.const 42
}

// An export without parameters and without tests is run with no
// arguments, prompt-free, from its code action; its result is kept for the
// cartridge preview hover (there is no tests entry to hover).
func TestRunNullaryExport(t *testing.T) {
	isolateCache(t)
	enc, err := cartridge.Encode(answerWasm, cartridge.EncodeOptions{Name: "answer", Type: "wasm"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "answer.rts.png"), enc.PNG, 0o644)
	p := filepath.Join(dir, "answer.rts.meta.json")
	os.WriteFile(p, enc.Sidecar, 0o644)
	u := string(uri.File(p))
	s := startInProcess(t)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, string(enc.Sidecar)); err != nil {
		t.Fatal(err)
	}
	var actions []actionJSON
	if err := s.Call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u}, "range": lsptest.Rng(0, 0, 0, 0),
		"context": map[string]any{"diagnostics": []any{}},
	}, &actions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	var compare json.RawMessage
	for _, a := range actions {
		if a.Title == "Run answer on GPU and CPU and compare" && len(a.Command.Arguments) == 1 {
			compare = a.Command.Arguments[0]
		}
	}
	if compare == nil {
		t.Fatalf("no compare action for answer: %+v", actions)
	}
	var res runResultJSON
	if err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.run", "arguments": []any{compare}}, &res, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	gpu := "[i32:42]"
	if res.Backend == "cpu" {
		gpu = "not run"
	}
	if !res.OK || !strings.HasPrefix(res.Summary, "1/1 tests passed") || !strings.HasSuffix(res.Summary, ": answer(): GPU "+gpu+", wazero [i32:42] (same)") {
		t.Errorf("run: %+v", res)
	}
	text := string(enc.Sidecar)
	md, _ := hoverAt(t, s, u, text, strings.Index(text, `"data_hash"`)+2)
	wantAll(t, "cartridge hover", md, "**Last runs**", "- `answer`: 1 call, passed", "`answer()` → `[i32:42]`")
}
