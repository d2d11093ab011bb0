package lsp

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
	"github.com/rts-lsp/rts-lsp/vm"
)

// Saving the VM shader with rts.onSave.run "tests" compiles it on the GPU
// device: a broken text gets a vm-shader-compile error at the line the
// device names; the fixed text clears it and reruns the open cartridges'
// tests with it.
func TestVMShaderOnSave(t *testing.T) {
	text := vmShaderForTest(t)
	fn := strings.Index(text, "\nfn pop32() -> u32 {\n")
	if fn < 0 {
		t.Fatal("the shader has no pop32")
	}
	at := fn + len("\nfn pop32() -> u32 {\n")
	broken := text[:at] + "  let x = ;\n" + text[at:]
	line := strings.Count(broken[:at], "\n") // 0-based line of the insertion

	dir := t.TempDir()
	p := filepath.Join(dir, "shaders", "wasm_vm.wgsl")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	u := string(uri.File(p))
	s := startInProcess(t)
	opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "onSave": map[string]any{"run": "tests"}}}
	if _, err := s.Initialize(map[string]any{"window": map[string]any{"workDoneProgress": true}}, opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	fib := exampleURI(t, "fib.rts.meta.json")
	fibText, _ := os.ReadFile(filepath.Join(examples, "fib.rts.meta.json"))
	if err := s.DidOpen(fib, "rts-manifest", 1, string(fibText)); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "wgsl", 1, text); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitDiagnostics(u, 1, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	save := func() {
		t.Helper()
		if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
			t.Fatal(err)
		}
	}

	if err := s.DidChange(u, 2, lsptest.Edit{Text: broken}); err != nil {
		t.Fatal(err)
	}
	save()
	got := waitCoded(t, s, u, 2, false, codeShaderCompile)
	if len(got) != 1 || got[0].Range.Start.Line != line || got[0].Severity != 1 {
		t.Fatalf("compile diagnostics %+v, want one at line %d", got, line)
	}
	t.Logf("%s: %s", got[0].Range, got[0].Message)
	m, err := s.WaitNotification("window/showMessage", nil, 3*lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(m.Params), "wasm_vm.wgsl does not compile") {
		t.Errorf("showMessage %s", m.Params)
	}

	// The fixed text: the edit drops the error, the save reruns the tests.
	if err := s.DidChange(u, 3, lsptest.Edit{Text: text}); err != nil {
		t.Fatal(err)
	}
	p3, err := s.WaitDiagnostics(u, 3, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p3.Diagnostics {
		if d.CodeString() == codeShaderCompile {
			t.Errorf("after the fix: %+v", d)
		}
	}
	save()
	m, err = s.WaitNotification("window/showMessage", nil, 3*lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(m.Params), "wasm_vm.wgsl compiles; 3/3 cartridge tests passed") {
		t.Errorf("showMessage %s", m.Params)
	}
	// Work-done progress while it ran: begin ... end.
	for _, kind := range []string{`"kind":"begin","title":"Checking wasm_vm.wgsl"`, `"kind":"end","message":"wasm_vm.wgsl compiles; 3/3`} {
		if _, err := s.WaitNotification("$/progress", func(raw json.RawMessage) bool {
			return strings.Contains(string(raw), kind)
		}, lsptest.Timeout); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
	t.Logf("%s", m.Params)
	if p3, err = s.WaitDiagnostics(u, 3, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	for _, d := range p3.Diagnostics {
		if d.CodeString() == codeShaderCompile {
			t.Errorf("after the fixed save: %+v", d)
		}
	}
}

// With "tests+spec" and rts.onSave.vmShader naming the shader, a save also
// runs the spec suite's quick subset and checks it against the floors.
func TestVMShaderOnSaveSpec(t *testing.T) {
	requireGPUVM(t)
	modCache, err := exec.Command("go", "env", "GOMODCACHE").Output() // the spec suite is in wazero's module
	if err != nil {
		t.Skipf("go env: %v", err)
	}
	t.Setenv("GOMODCACHE", strings.TrimSpace(string(modCache)))
	isolateCache(t) // after go env: it moves HOME
	p, err := filepath.Abs("../shaders/wasm_vm.wgsl")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := startInProcess(t)
	opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "onSave": map[string]any{"run": "tests+spec", "vmShader": p}}}
	if _, err := s.Initialize(nil, opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	u := string(uri.File(p))
	if err := s.DidOpen(u, "wgsl", 1, string(text)); err != nil { // the buffer is what runs; the file is not written
		t.Fatal(err)
	}
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
		t.Fatal(err)
	}
	m, err := s.WaitNotification("window/showMessage", nil, 10*lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var msg struct {
		Type    int
		Message string
	}
	json.Unmarshal(m.Params, &msg)
	t.Log(msg.Message)
	// No manifest is open: every examples/ cartridge's tests ran.
	if msg.Type != 3 || !strings.Contains(msg.Message, "wasm_vm.wgsl compiles; ") || !strings.Contains(msg.Message, " cartridge tests passed") ||
		!strings.Contains(msg.Message, "none below the floors") {
		t.Errorf("showMessage %d %q", msg.Type, msg.Message)
	}

	// A shader that compiles but adds wrong: add's and fib's tests regress
	// from the built-in shader, and i32 falls below its floor.
	wrong := strings.Replace(string(text), "case 0x6au: { r = x + y; }", "case 0x6au: { r = x + y + 1u; }", 1)
	if wrong == string(text) {
		t.Fatal("the shader's i32.add changed shape")
	}
	if err := s.DidChange(u, 2, lsptest.Edit{Text: wrong}); err != nil {
		t.Fatal(err)
	}
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.WaitNotification("window/showMessage", nil, 10*lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(m.Params, &msg)
	t.Log(msg.Message)
	if msg.Type != 2 || !strings.Contains(msg.Message, "REGRESSED from the built-in shader: ") ||
		!strings.Contains(msg.Message, "add.rts.meta.json: add(2, 3): expected [i32:5], GPU gave [i32:6], wazero gave [i32:5]") ||
		!strings.Contains(msg.Message, " below the floors (i32") {
		t.Errorf("showMessage %d %q", msg.Type, msg.Message)
	}
	// Each file below its floor is a warning on the compute entry point's
	// name, in the saved version's diagnostics.
	entry := strings.Index(wrong, "@compute @workgroup_size(64)\nfn main(")
	if entry < 0 {
		t.Fatal("the shader's entry point changed shape")
	}
	at := entry + len("@compute @workgroup_size(64)\nfn ")
	wantRange := lsptest.Range{Start: posOf(wrong, at), End: posOf(wrong, at+len("main"))}
	got := waitCoded(t, s, u, 2, false, codeSpecRegression, codeTestRegression)
	var i32, add *lsptest.Diagnostic
	for i, d := range got {
		if d.Range != wantRange || d.Severity != 2 {
			t.Errorf("regression at %s severity %d, want %s, 2: %s", d.Range, d.Severity, wantRange, d.Message)
		}
		if d.CodeString() == codeSpecRegression && strings.HasPrefix(d.Message, "spec regression: i32 passes ") {
			i32 = &got[i]
		}
		if d.CodeString() == codeTestRegression && strings.HasSuffix(d.Message, "add.rts.meta.json: add(2, 3): expected [i32:5], GPU gave [i32:6], wazero gave [i32:5]") {
			add = &got[i]
		}
		t.Logf("%s: %s", d.Range, d.Message)
	}
	if i32 == nil || !strings.Contains(i32.Message, "below its floor of 350 returns and 9 traps") {
		t.Errorf("no i32 regression among %+v", got)
	}
	if add == nil {
		t.Errorf("no %s for add(2, 3) among %+v", codeTestRegression, got)
	}

	// The right text again, saved: no regression.
	if err := s.DidChange(u, 3, lsptest.Edit{Text: string(text)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.WaitNotification("window/showMessage", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "none below the floors")
	}, 10*lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if got := waitCoded(t, s, u, 3, true, codeSpecRegression, codeTestRegression); len(got) != 0 {
		t.Errorf("after a passing save: %+v", got)
	}
}

// A pull client learns of a compile error found on save through
// workspace/diagnostic/refresh and its next pull, and is pushed nothing.
func TestVMShaderOnSavePull(t *testing.T) {
	text := vmShaderForTest(t)
	broken := strings.Replace(text, "\nfn pop32() -> u32 {\n", "\nfn pop32() -> u32 {\n  let x = ;\n", 1)
	if broken == text {
		t.Fatal("the shader has no pop32")
	}
	p := filepath.Join(t.TempDir(), "shaders", "wasm_vm.wgsl")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	u := string(uri.File(p))
	s := startInProcess(t)
	refreshed := refreshes(s)
	opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0, "onSave": map[string]any{"run": "tests"}}}
	if _, err := s.Initialize(pullCaps(true), opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "wgsl", 1, broken); err != nil {
		t.Fatal(err)
	}
	before := pull(t, s, u, "")
	if slices.Contains(codes(before.Items), codeShaderCompile) {
		t.Fatalf("a compile error before the save: %v", codes(before.Items))
	}
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-refreshed:
	case <-time.After(3 * lsptest.Timeout):
		t.Fatal("no workspace/diagnostic/refresh after the save")
	}
	after := pull(t, s, u, before.ResultID)
	if after.Kind != "full" || !slices.Contains(codes(after.Items), codeShaderCompile) {
		t.Fatalf("pulled after the save: %+v", after)
	}
	noPushes(t, s)
}

// requireGPUVM skips without a GPU VM, or fails under RTS_REQUIRE_GPU=1
// (as CI sets).
func requireGPUVM(t *testing.T) {
	t.Helper()
	if _, err := vm.DefaultGPU(); err != nil {
		if os.Getenv("RTS_REQUIRE_GPU") == "1" {
			t.Fatalf("RTS_REQUIRE_GPU=1 but the GPU VM is unavailable: %v", err)
		}
		t.Skipf("no GPU VM here: %v", err)
	}
}

// vmShaderForTest is requireGPUVM, an isolated user cache, and the
// built-in VM shader's text.
func vmShaderForTest(t *testing.T) string {
	t.Helper()
	requireGPUVM(t)
	isolateCache(t)
	good, err := os.ReadFile("../shaders/wasm_vm.wgsl")
	if err != nil {
		t.Fatal(err)
	}
	return string(good)
}

// waitCoded waits for the diagnostics of version of document u and
// returns those with one of codes; unless orNone is set, it waits on until
// a publication of that version has some.
func waitCoded(t *testing.T, s *lsptest.Session, u string, version int, orNone bool, codes ...string) []lsptest.Diagnostic {
	t.Helper()
	var got []lsptest.Diagnostic
	_, err := s.WaitNotification("textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p lsptest.PublishDiagnostics
		if json.Unmarshal(raw, &p) != nil || p.URI != u || p.Version == nil || *p.Version != version {
			return false
		}
		got = nil
		for _, d := range p.Diagnostics {
			if slices.Contains(codes, d.CodeString()) {
				got = append(got, d)
			}
		}
		return len(got) > 0 || orNone
	}, 3*lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
