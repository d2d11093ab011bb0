package vm

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWatSourcesMatch keeps every testdata/*.wasm in step with the .wat it
// was built from (wabt's wat2wasm; skipped where it is not installed).
func TestWatSourcesMatch(t *testing.T) {
	wat2wasm, err := exec.LookPath("wat2wasm")
	if err != nil {
		t.Skip("wat2wasm not installed")
	}
	wats, _ := filepath.Glob("testdata/*.wat")
	if len(wats) == 0 {
		t.Fatal("no .wat files in testdata")
	}
	for _, wat := range wats {
		out := filepath.Join(t.TempDir(), "out.wasm")
		if msg, err := exec.Command(wat2wasm, wat, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", wat, err, msg)
		}
		want, _ := os.ReadFile(out)
		got, err := os.ReadFile(strings.TrimSuffix(wat, ".wat") + ".wasm")
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: the .wasm beside it is stale; run: wat2wasm %s -o %s", wat, wat, strings.TrimSuffix(wat, ".wat")+".wasm")
		}
	}
}
