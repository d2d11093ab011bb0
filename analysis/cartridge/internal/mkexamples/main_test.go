package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestExamplesAreReproducible rebuilds the examples in a temporary directory
// and compares them byte for byte with the committed ones.
func TestExamplesAreReproducible(t *testing.T) {
	if _, err := exec.LookPath("wat2wasm"); err != nil {
		t.Skip("wat2wasm (wabt) not installed")
	}
	src := "../../../../examples/cartridges"
	dir := t.TempDir()
	wats, _ := filepath.Glob(filepath.Join(src, "*.wat"))
	for _, w := range wats {
		b, _ := os.ReadFile(w)
		os.WriteFile(filepath.Join(dir, filepath.Base(w)), b, 0o644)
	}
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		for _, suffix := range []string{".rts.png", ".rts.meta.json"} {
			got, _ := os.ReadFile(filepath.Join(dir, ex.name+suffix))
			want, err := os.ReadFile(filepath.Join(src, ex.name+suffix))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s%s differs from the committed file (run go run ./analysis/cartridge/internal/mkexamples): %v", ex.name, suffix, err)
			}
		}
	}
}
