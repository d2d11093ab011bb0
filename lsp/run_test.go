package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
	"github.com/rts-lsp/rts-lsp/vm"
)

type runResultJSON struct {
	OK      bool   `json:"ok"`
	Backend string `json:"backend"`
	Adapter string `json:"adapter"`
	Summary string `json:"summary"`
	Tests   []struct {
		Name, Got, Want, Message string
		OK                       bool
	} `json:"tests"`
}

func runCart(t *testing.T, s *lsptest.Session, args map[string]any) (runResultJSON, error) {
	t.Helper()
	var res runResultJSON
	err := s.Call("workspace/executeCommand", map[string]any{"command": "rts.run", "arguments": []any{args}}, &res, lsptest.Timeout)
	return res, err
}

func exampleURI(t *testing.T, name string) string {
	abs, err := filepath.Abs(filepath.Join(examples, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(uri.File(abs))
}

// rts.run runs the manifest's tests on the GPU VM (llvmpipe here; wazero
// alone where WebGPU finds no adapter) and checks them against their
// expectations and against wazero: 64-bit results and expected traps
// included; a test invoking a missing export fails with the reason.
func TestRun(t *testing.T) {
	isolateCache(t)
	s := startInProcess(t)
	if _, err := s.Initialize(nil, lsptest.DebugOptions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	res, err := runCart(t, s, map[string]any{"uri": exampleURI(t, "fac.rts.meta.json")})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || len(res.Tests) != 3 || res.Tests[1].Got != "[i64:2432902008176640000]" || res.Tests[2].Want != "trap: integer divide by zero" {
		t.Errorf("fac: %+v", res)
	}
	t.Logf("fac: %s", res.Summary)
	switch res.Backend {
	case "gpu":
		if res.Adapter == "" || !strings.Contains(res.Summary, "3/3 tests passed on "+res.Adapter+", matches wazero") {
			t.Errorf("gpu run: %+v", res)
		}
	case "cpu":
		if _, err := vm.DefaultGPU(); err == nil {
			t.Errorf("ran on the CPU though the GPU VM opens: %+v", res)
		}
	default:
		t.Errorf("backend %q", res.Backend)
	}
	// rts/status learnt the backend.
	if _, err := s.WaitNotification("rts/status", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), `"backend":"`+res.Backend+`"`)
	}, lsptest.Timeout); err != nil {
		t.Error(err)
	}

	// The image names the cartridge as well as its manifest; entry picks
	// the tests of one function.
	res, err = runCart(t, s, map[string]any{"uri": exampleURI(t, "fac.rts.png"), "entry": "div"})
	if err != nil || !res.OK || len(res.Tests) != 1 || res.Tests[0].Name != "div(1, 0)" {
		t.Errorf("fac div: %+v, %v", res, err)
	}

	res, err = runCart(t, s, map[string]any{"uri": exampleURI(t, "add-bad-test.rts.meta.json")})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || len(res.Tests) != 2 || !res.Tests[0].OK || res.Tests[1].OK || !strings.Contains(res.Tests[1].Message, `no exported function "sub"`) ||
		!strings.HasPrefix(res.Summary, "1/2 tests passed") {
		t.Errorf("add-bad-test: %+v", res)
	}

	// Errors name the file.
	_, err = runCart(t, s, map[string]any{"uri": string(uri.File(filepath.Join(t.TempDir(), "gone.rts.png")))})
	var e *lsptest.Error
	if !errorsAs(err, &e) || e.Code != -32803 || !strings.Contains(e.Message, "gone.rts.png: no such file") {
		t.Errorf("missing cartridge: %v", err)
	}
}

// Without a WebGPU adapter the tests run on wazero alone, and say so.
// With rts.onSave.run "tests", saving a manifest runs them and shows the
// summary.
func TestRunWithoutAdapter(t *testing.T) {
	isolateCache(t)
	saved := gpuOpener
	gpuOpener = func() (*vm.GPU, error) { return nil, vm.ErrNoAdapter }
	t.Cleanup(func() { gpuOpener = saved })
	s := startInProcess(t)
	opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "onSave": map[string]any{"run": "tests"}}}
	if _, err := s.Initialize(nil, opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	res, err := runCart(t, s, map[string]any{"uri": exampleURI(t, "add.rts.meta.json")})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || res.Backend != "cpu" || res.Adapter != "" || res.Summary != "2/2 tests passed on wazero (no GPU adapter)" {
		t.Errorf("%+v", res)
	}
	if _, err := s.WaitNotification("rts/status", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), `"backend":"cpu"`) && strings.Contains(string(raw), "no WebGPU adapter")
	}, lsptest.Timeout); err != nil {
		t.Error(err)
	}
}

func TestRunOnSave(t *testing.T) {
	isolateCache(t)
	saved := gpuOpener
	gpuOpener = func() (*vm.GPU, error) { return nil, vm.ErrNoAdapter }
	t.Cleanup(func() { gpuOpener = saved })
	for _, tc := range []struct {
		run, name, want string
		typ             int
	}{
		{"tests", "add-bad-test", "1/2 tests passed on wazero (no GPU adapter)", 2},
		{"tests", "add", "2/2 tests passed on wazero (no GPU adapter)", 3},
		{"off", "add", "", 0},
	} {
		s := startInProcess(t)
		opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "onSave": map[string]any{"run": tc.run}}}
		if _, err := s.Initialize(nil, opts, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		u := exampleURI(t, tc.name+".rts.meta.json")
		if err := s.DidOpen(u, "rts-manifest", 1, "{}"); err != nil { // the buffer's text is what runs
			t.Fatal(err)
		}
		if _, err := s.WaitDiagnostics(u, 1, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		text, _ := os.ReadFile(filepath.Join(examples, tc.name+".rts.meta.json"))
		if err := s.DidChange(u, 2, lsptest.Edit{Text: string(text)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
			t.Fatal(err)
		}
		if tc.want == "" {
			lsptest.AssertServing(t, &lsptest.Session{Client: s.Client})
			if n := s.Notifications("window/showMessage"); len(n) != 0 {
				t.Errorf("onSave.run off: messages %s", n[0].Params)
			}
			continue
		}
		m, err := s.WaitNotification("window/showMessage", nil, lsptest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Type    int
			Message string
		}
		json.Unmarshal(m.Params, &p)
		if p.Message != tc.want || p.Type != tc.typ {
			t.Errorf("%s on save: message %d %q, want %d %q", tc.name, p.Type, p.Message, tc.typ, tc.want)
		}
		if tc.name == "add-bad-test" { // its failing test is a diagnostic on its entry
			if _, err := s.WaitNotification("textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
				return strings.Contains(string(raw), `"code":"cart-test-failed"`) && strings.Contains(string(raw), `sub(5, 3): no exported function \"sub\"`)
			}, lsptest.Timeout); err != nil {
				t.Error(err)
			}
		}
	}
}
