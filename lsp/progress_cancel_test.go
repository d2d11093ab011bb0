package lsp

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
	"github.com/rts-lsp/rts-lsp/vm"
)

// An on-save run reports progress on a token the server creates, marked
// cancellable; window/workDoneProgress/cancel for that token stops the run
// (its progress ends early and no summary is shown).
func TestOnSaveProgressCancel(t *testing.T) {
	isolateCache(t)
	saved := gpuOpener
	gpuOpener = func() (*vm.GPU, error) { return nil, vm.ErrNoAdapter } // wazero alone: predictable time per call
	t.Cleanup(func() { gpuOpener = saved })
	s := startInProcess(t)
	caps := map[string]any{"window": map[string]any{"workDoneProgress": true}}
	opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "onSave": map[string]any{"run": "tests"}}}
	if _, err := s.Initialize(caps, opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const calls = 8
	u := spinCart(t, 20_000_000, calls) // each call some 100M instructions
	text, err := os.ReadFile(fsPath(uri.URI(u)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, string(text)); err != nil {
		t.Fatal(err)
	}
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
		t.Fatal(err)
	}

	type progressParams struct {
		Token json.RawMessage `json:"token"`
		Value struct {
			Kind        string `json:"kind"`
			Cancellable *bool  `json:"cancellable"`
			Message     string `json:"message"`
		} `json:"value"`
	}
	m, err := s.WaitNotification("$/progress", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), `"kind":"begin"`)
	}, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var begin progressParams
	if err := json.Unmarshal(m.Params, &begin); err != nil {
		t.Fatal(err)
	}
	if begin.Value.Cancellable == nil || !*begin.Value.Cancellable {
		t.Fatalf("on-save progress is not cancellable: %s", m.Params)
	}
	if err := s.Notify("window/workDoneProgress/cancel", map[string]any{"token": begin.Token}); err != nil {
		t.Fatal(err)
	}
	m, err = s.WaitNotification("$/progress", func(raw json.RawMessage) bool {
		var p progressParams
		return json.Unmarshal(raw, &p) == nil && string(p.Token) == string(begin.Token) && p.Value.Kind == "end"
	}, 3*lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var end progressParams
	json.Unmarshal(m.Params, &end)
	if strings.Contains(end.Value.Message, "passed") {
		t.Errorf("the run was not cancelled: progress ended %q", end.Value.Message)
	}
	// The server goes on serving, and shows nothing for the cancelled run.
	lsptest.AssertServing(t, s)
	for _, n := range s.Notifications("window/showMessage") {
		t.Errorf("a message for the cancelled run: %s", n.Params)
	}
}
