package vm

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/shaders"
)

// offByOneShader is the VM shader with i32.add broken (x + y + 1): a real
// miscompiled VM for differential tests.
func offByOneShader(t *testing.T) string {
	t.Helper()
	const add = "case 0x6au: { r = x + y; }"
	if strings.Count(shaders.WasmVM, add) != 1 {
		t.Fatalf("shaders/wasm_vm.wgsl no longer has %q once: update the test", add)
	}
	return strings.Replace(shaders.WasmVM, add, "case 0x6au: { r = x + y + 1u; }", 1)
}

func basicWasm(t *testing.T) []byte {
	t.Helper()
	wasm, err := os.ReadFile("testdata/basic.wasm")
	if err != nil {
		t.Fatal(err)
	}
	return wasm
}

var manifestTests = []Test{
	{Invoke: "fib", Args: []string{"10"}, Expect: []string{"55"}},
	{Name: "wrong", Invoke: "fib", Args: []string{"10"}, Expect: []string{"54"}},
	{Invoke: "div", Args: []string{"7", "0"}, HasTrap: true, ExpectTrap: "divide by zero"},
	{Invoke: "div", Args: []string{"7", "2"}, HasTrap: true},
	{Invoke: "glob"},
	{Invoke: "nosuch"},
	{Invoke: "fib", Args: []string{"x"}, Expect: []string{"1"}},
	{Invoke: "fib", Args: []string{"3"}, Expect: []string{"2", "3"}},
}

func checkManifestResults(t *testing.T, got []TestResult, gpuRan bool) {
	t.Helper()
	if len(got) != len(manifestTests) {
		t.Fatalf("%d results for %d tests", len(got), len(manifestTests))
	}
	want := []struct {
		name, msg string
		pass      bool
	}{
		{"fib(10)", "", true},
		{"wrong", "expected [i32:54], ", false},
		{"div(7, 0)", "", true},
		{"div(7, 2)", "expected a trap, ", false},
		{"glob()", "", true},
		{"nosuch()", "nosuch", false},
		{"fib(x)", "argument 1", false},
		{"fib(3)", "2 expected values", false},
	}
	for i, w := range want {
		r := got[i]
		if r.Name != w.name || r.Pass != w.pass || !strings.Contains(r.Message, w.msg) || (w.pass && r.Message != "") {
			t.Errorf("test %d: %+v, want name %q pass %v message containing %q", i, r, w.name, w.pass, w.msg)
		}
		if r.CPU != nil && (r.GPU != nil) != gpuRan {
			t.Errorf("test %d: GPU result %v, want GPU run %v", i, r.GPU, gpuRan)
		}
	}
	if !strings.Contains(got[1].Message, "wazero gave [i32:55]") || got[0].Got != "[i32:55]" {
		t.Errorf("wrong: %q; fib(10) got %q", got[1].Message, got[0].Got)
	}
}

func TestRunTestsCPUOnly(t *testing.T) {
	res, err := RunTests(context.Background(), nil, basicWasm(t), manifestTests)
	if err != nil {
		t.Fatal(err)
	}
	checkManifestResults(t, res, false)
	if !strings.Contains(res[1].Message, "GPU not run") {
		t.Errorf("message %q", res[1].Message)
	}
}

func TestRunTestsGPU(t *testing.T) {
	g := testGPU(t)
	res, err := RunTests(context.Background(), g, basicWasm(t), manifestTests)
	if err != nil {
		t.Fatal(err)
	}
	checkManifestResults(t, res, true)
	if !strings.Contains(res[1].Message, "GPU gave [i32:55]") {
		t.Errorf("message %q", res[1].Message)
	}
}

// A miscompiled VM shader: the GPU's answer differs from wazero's and the
// message shows both.
func TestRunTestsDisagreement(t *testing.T) {
	g := testGPU(t)
	bad, err := g.WithShader(offByOneShader(t))
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunTests(context.Background(), bad, basicWasm(t), manifestTests[:1])
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	if r.Pass || r.GPU == nil || r.GPU.Values[0] == 55 {
		t.Fatalf("the off-by-one shader passed fib(10): %+v", r)
	}
	want := "expected [i32:55], GPU gave " + r.GPU.Describe([]byte{typeI32}) + ", wazero gave [i32:55]"
	if r.Message != want {
		t.Errorf("message %q, want %q", r.Message, want)
	}
}

func TestRunTestsBadModule(t *testing.T) {
	if _, err := RunTests(context.Background(), nil, []byte("\x00asm\x01\x00\x00\x00\x05"), manifestTests); err == nil {
		t.Error("a truncated module ran")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunTests(ctx, nil, basicWasm(t), manifestTests); err == nil {
		t.Error("a cancelled run returned no error")
	}
}
