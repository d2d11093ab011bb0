package spectest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/shaders"
	"github.com/rts-lsp/rts-lsp/vm"
)

func testGPU(t testing.TB) *vm.GPU {
	t.Helper()
	g, err := vm.DefaultGPU()
	if err != nil && !errors.Is(err, vm.ErrNoAdapter) {
		t.Fatalf("GPU VM setup failed: %v", err)
	}
	if err != nil {
		if os.Getenv("RTS_REQUIRE_GPU") == "1" {
			t.Fatalf("RTS_REQUIRE_GPU=1 but the GPU VM is unavailable: %v", err)
		}
		t.Skipf("GPU VM unavailable: %v", err)
	}
	return g
}

func suite(t testing.TB) string {
	t.Helper()
	dir, err := SuiteDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func floors(t testing.TB) map[string]Floor {
	t.Helper()
	f, err := os.Open("../testdata/spec_floor.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fl, err := ReadFloors(f)
	if err != nil {
		t.Fatal(err)
	}
	return fl
}

func TestSuiteDir(t *testing.T) {
	dir := suite(t)
	if !strings.Contains(dir, "wazero") {
		t.Errorf("suite dir %s is not inside the wazero module", dir)
	}
	for _, f := range QuickFiles {
		if _, err := os.Stat(filepath.Join(dir, f+".json")); err != nil {
			t.Errorf("quick file %s: %v", f, err)
		}
	}
}

// The quick subset on the embedded shader meets the floors TestSpecMVP keeps.
func TestQuickFiles(t *testing.T) {
	g := testGPU(t)
	res, err := Run(context.Background(), g, suite(t), QuickFiles)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(QuickFiles) {
		t.Fatalf("%d results for %d files", len(res), len(QuickFiles))
	}
	fl := floors(t)
	for i, r := range res {
		if r.Name != QuickFiles[i] {
			t.Errorf("result %d is %s, want %s", i, r.Name, QuickFiles[i])
		}
		f, ok := fl[r.Name]
		if !ok || f.Return == 0 {
			t.Errorf("%s: no floor", r.Name)
		}
		if msg := r.BelowFloor(f); msg != "" {
			t.Error(msg)
		}
		t.Logf("%s: %v", r.Name, r.Duration)
	}
	table := Table(res)
	if !strings.Contains(table, "spec i32 ") || !strings.Contains(table, "TOTAL") {
		t.Errorf("table:\n%s", table)
	}
}

// An edited VM shader runs through the same runner: a copy of the real one
// passes, one with i32.add broken fails i32 with located failures.
func TestCustomShader(t *testing.T) {
	g := testGPU(t)
	dir := suite(t)
	fl := floors(t)["i32"]
	same, err := g.WithShader(shaders.WasmVM + "\n// a saved copy\n")
	if err != nil {
		t.Fatal(err)
	}
	r, err := RunFile(context.Background(), same, dir, "i32.json")
	if err != nil {
		t.Fatal(err)
	}
	if msg := r.BelowFloor(fl); msg != "" {
		t.Errorf("copy of the shader: %s", msg)
	}
	const add = "case 0x6au: { r = x + y; }"
	if strings.Count(shaders.WasmVM, add) != 1 {
		t.Fatalf("shaders/wasm_vm.wgsl no longer has %q once: update the test", add)
	}
	bad, err := g.WithShader(strings.Replace(shaders.WasmVM, add, "case 0x6au: { r = x + y + 1u; }", 1))
	if err != nil {
		t.Fatal(err)
	}
	r, err = RunFile(context.Background(), bad, dir, "i32")
	if err != nil {
		t.Fatal(err)
	}
	if r.BelowFloor(fl) == "" || r.Passed() || len(r.Failures) == 0 {
		t.Fatalf("broken i32.add passed i32: %+v", r)
	}
	f := r.Failures[0]
	if f.File != "i32.wast" || f.Line <= 0 || !strings.Contains(f.Message, "add") {
		t.Errorf("first failure %q: want i32.wast:LINE: add...", f)
	}
}

func TestRunErrors(t *testing.T) {
	g := testGPU(t)
	dir := suite(t)
	if _, err := Run(context.Background(), g, dir, []string{"i32", "no-such-file"}); err == nil {
		t.Error("a missing spec file gave no error")
	}
	if _, err := Run(context.Background(), g, t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "no spec files") {
		t.Errorf("empty dir: %v", err)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "x.json"), []byte("{"), 0o644)
	if _, err := Run(context.Background(), g, bad, nil); err == nil || !strings.Contains(err.Error(), "x.json") {
		t.Errorf("bad JSON: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := Run(ctx, g, dir, QuickFiles); !errors.Is(err, context.Canceled) || len(res) != 0 {
		t.Errorf("cancelled: %d results, %v", len(res), err)
	}
}

func TestReadFloors(t *testing.T) {
	fl, err := ReadFloors(strings.NewReader("# comment\ni32 350 9\n\nf32 2500 0\n"))
	if err != nil || fl["i32"] != (Floor{350, 9}) || fl["f32"] != (Floor{2500, 0}) || len(fl) != 2 {
		t.Errorf("got %v, %v", fl, err)
	}
	if _, err := ReadFloors(strings.NewReader("i32 x 9\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad floor line: %v", err)
	}
	var sb strings.Builder
	WriteFloors(&sb, []FileResult{{Name: "i32", ReturnPass: 3, TrapPass: 1}})
	back, err := ReadFloors(strings.NewReader(sb.String()))
	if err != nil || back["i32"] != (Floor{3, 1}) {
		t.Errorf("round trip: %v, %v", back, err)
	}
}

// BenchmarkQuick runs QuickFiles on the embedded shader (the on-save check).
func BenchmarkQuick(b *testing.B) {
	g := testGPU(b)
	dir := suite(b)
	for b.Loop() {
		if _, err := Run(context.Background(), g, dir, QuickFiles); err != nil {
			b.Fatal(err)
		}
	}
}
