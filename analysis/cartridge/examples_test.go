package cartridge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleCartridges checks the bundled examples: the good ones are clean,
// the deliberate mistakes give the diagnostics a newcomer should see.
func TestExampleCartridges(t *testing.T) {
	sidecars, _ := filepath.Glob("../../examples/cartridges/*.rts.meta.json")
	if len(sidecars) < 4 {
		t.Fatalf("examples missing: %v", sidecars)
	}
	wantCodes := map[string]string{"fib-wrong-hash": "cart-data-hash", "add-bad-test": "cart-test-export"}
	for _, side := range sidecars {
		name := strings.TrimSuffix(filepath.Base(side), ".rts.meta.json")
		src, err := os.ReadFile(side)
		if err != nil {
			t.Fatal(err)
		}
		ds := CheckManifest(src, side, os.ReadFile, Options{Stat: os.Stat})
		code := wantCodes[name]
		switch {
		case code == "" && len(ds) != 0:
			t.Errorf("%s should be clean:\n%s", name, dump(ds))
		case code != "" && (len(ds) != 1 || ds[0].Code != code):
			t.Errorf("%s: want one %s, got:\n%s", name, code, dump(ds))
		}
		png, _ := os.ReadFile(ImagePathFor(side))
		if _, ds, err := CheckEmbedded(png, Options{}); err != nil || (code == "" && len(ds) != 0) {
			t.Errorf("%s embedded: %v\n%s", name, err, dump(ds))
		}
	}
}
