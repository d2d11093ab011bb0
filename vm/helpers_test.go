package vm

import (
	"errors"
	"os"
	"testing"
)

// testGPU returns the shared GPU or skips (fails under RTS_REQUIRE_GPU=1)
// when the machine has no WebGPU adapter.
func testGPU(t testing.TB) *GPU {
	t.Helper()
	g, err := DefaultGPU()
	if err != nil && !errors.Is(err, ErrNoAdapter) {
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

func loadFile(t testing.TB, path string) (*Program, []byte) {
	t.Helper()
	wasm, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(wasm)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p, wasm
}
