package lsp

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

type lensJSON struct {
	Range   lsptest.Range `json:"range"`
	Command struct {
		Title     string            `json:"title"`
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	} `json:"command"`
}

type actionJSON struct {
	Title   string `json:"title"`
	Command struct {
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	} `json:"command"`
}

// A client that does code lenses gets "Run tests" on a manifest's `tests`
// member, and code actions run each exported function that can run (one
// its tests invoke, or one without parameters): on the GPU VM, or on both
// engines compared. A client that shows command results itself gets no
// window/showMessage; another one does.
func TestRunLensAndActions(t *testing.T) {
	isolateCache(t)
	text, err := os.ReadFile(filepath.Join(examples, "fac.rts.meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	// Without div's test, div (two parameters) has nothing to run with.
	at := strings.Index(string(text), ",\n    {\n      \"args\": [\n        1,")
	end := strings.Index(string(text), "\n  ],\n  \"type\"")
	if at < 0 || end < at {
		t.Fatal("fac's manifest changed shape")
	}
	manifest := string(text[:at]) + string(text[end:])
	u := copyCart(t, "fac", manifest)

	s := startInProcess(t)
	caps := map[string]any{
		"textDocument": map[string]any{"codeLens": map[string]any{}},
		"experimental": map[string]any{"rts": map[string]any{"showsCommandResults": true}},
	}
	raw, err := s.Initialize(caps, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"codeLensProvider":{}`) {
		t.Errorf("no codeLensProvider: %s", raw)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, manifest); err != nil {
		t.Fatal(err)
	}
	var lenses []lensJSON
	if err := s.Call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": u}}, &lenses, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(manifest[:strings.Index(manifest, `"tests"`)], "\n")
	if len(lenses) != 1 || lenses[0].Range != lsptest.Rng(line, 2, line, 9) || lenses[0].Command.Title != "Run tests" ||
		lenses[0].Command.Command != "rts.run" || len(lenses[0].Command.Arguments) != 1 || !strings.Contains(string(lenses[0].Command.Arguments[0]), u) {
		t.Errorf("lenses: %+v", lenses)
	}

	var actions []actionJSON
	if err := s.Call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        lsptest.Rng(0, 0, 0, 0),
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	var titles []string
	var compare json.RawMessage
	for _, a := range actions {
		if !strings.HasPrefix(a.Title, "Run ") {
			continue // the manifest's own fixes
		}
		titles = append(titles, a.Title)
		if a.Title == "Run fac on GPU and CPU and compare" && len(a.Command.Arguments) == 1 {
			compare = a.Command.Arguments[0]
		}
	}
	want := []string{"Run the cartridge's tests on the GPU VM", "Run fac on the GPU VM", "Run fac on GPU and CPU and compare"}
	if !slices.Equal(titles, want) {
		t.Fatalf("actions %q, want %q", titles, want)
	}
	var res runResultJSON
	if err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.run", "arguments": []any{compare}}, &res, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	gpu := "[i64:120]"
	if res.Backend == "cpu" {
		gpu = "not run"
	}
	if !res.OK || !strings.Contains(res.Summary, "fac(5): GPU "+gpu+", wazero [i64:120]") {
		t.Errorf("compare: %+v", res)
	}
	t.Log(res.Summary)
	if n := s.Notifications("window/showMessage"); len(n) != 0 {
		t.Errorf("showMessage to a client showing results itself: %s", n[0].Params)
	}

	// Another client: no lenses offered, results shown.
	s2 := startInProcess(t)
	raw, err = s2.Initialize(nil, nil, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "codeLensProvider") {
		t.Errorf("codeLensProvider offered to a client without code lenses: %s", raw)
	}
	// It is offered "Run tests" as a code action instead, and asking it for
	// code lenses is MethodNotFound.
	if err := s2.DidOpen(u, "rts-manifest", 1, manifest); err != nil {
		t.Fatal(err)
	}
	var actions2 []actionJSON
	if err := s2.Call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        lsptest.Rng(line, 2, line, 2),
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions2, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(actions2, func(a actionJSON) bool {
		return a.Title == "Run the cartridge's tests on the GPU VM" && a.Command.Command == "rts.run" &&
			len(a.Command.Arguments) == 1 && !strings.Contains(string(a.Command.Arguments[0]), "entry")
	}) {
		t.Errorf("no \"Run tests\" action for a client without code lenses: %+v", actions2)
	}
	var e *lsptest.Error
	if err := s2.Call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": u}}, nil, lsptest.Timeout); !errorsAs(err, &e) || e.Code != -32601 {
		t.Errorf("codeLens from a client without code lenses: %v, want MethodNotFound", err)
	}
	if _, err := runCart(t, s2, map[string]any{"uri": u, "entry": "fac"}); err != nil {
		t.Fatal(err)
	}
	m, err := s2.WaitNotification("window/showMessage", nil, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(m.Params), "2/2 tests passed") || !strings.Contains(string(m.Params), "fac(20) = [i64:2432902008176640000]") {
		t.Errorf("showMessage %s", m.Params)
	}
}

// A newer run of a cartridge cancels the one in flight; the older one
// ending leaves the newer one registered.
func TestRunRegistry(t *testing.T) {
	r := newRunRegistry()
	ctx1, done1 := r.start(context.Background(), "/c.rts.png")
	ctx2, done2 := r.start(context.Background(), "/c.rts.png")
	ctx3, done3 := r.start(context.Background(), "/other.rts.png")
	if ctx1.Err() == nil || ctx2.Err() != nil || ctx3.Err() != nil {
		t.Fatalf("after the second start: %v %v %v", ctx1.Err(), ctx2.Err(), ctx3.Err())
	}
	done1()
	if r.runs["/c.rts.png"] == nil || ctx2.Err() != nil {
		t.Error("the older run ending unregistered the newer")
	}
	done2()
	done3()
	if len(r.runs) != 0 || ctx2.Err() == nil {
		t.Errorf("left %v", r.runs)
	}
}
