package vm

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// diffDir keeps modules on which the backends ever disagreed; every file
// there is replayed by TestDifferentialRegressions.
const diffDir = "testdata/diff"

// checkDifferential runs GenModule's module on the GPU VM and on wazero's
// interpreter with several argument lists and reports disagreements. It
// saves a disagreeing module under testdata/diff.
func checkDifferential(t *testing.T, g *GPU, wasm []byte, args [][]uint64, save bool) {
	t.Helper()
	if err := Validate(wasm); err != nil {
		t.Fatalf("generator produced an invalid module: %v", err)
	}
	p, err := Load(wasm)
	if err != nil {
		t.Fatalf("lowering: %v", err)
	}
	fi, ft, err := p.ExportedFunc("f")
	if err != nil {
		t.Fatal(err)
	}
	gpu, err := g.Run(p, &Batch{Func: fi, Args: args, Config: Config{Fuel: 1_000_000, MaxPages: 3}})
	if err != nil {
		t.Fatalf("GPU: %v", err)
	}
	cpu, err := (&CPU{MaxPages: 3}).Run(wasm, "f", args)
	if err != nil {
		t.Fatalf("wazero: %v", err)
	}
	for i := range args {
		if d := Compare(ft.Results, gpu.Results[i], cpu[i]); d != "" {
			name := ""
			if save {
				sum := sha256.Sum256(wasm)
				name = filepath.Join(diffDir, hex.EncodeToString(sum[:8])+".wasm")
				os.MkdirAll(diffDir, 0o755)
				os.WriteFile(name, wasm, 0o644)
			}
			t.Errorf("args %v: %s (module saved as %q)", args[i], d, name)
		}
	}
}

func TestDifferentialRandom(t *testing.T) {
	g := testGPU(t)
	n := 40
	if testing.Short() {
		n = 10
	}
	if s := os.Getenv("RTS_DIFF_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		choices := make([]byte, 512)
		rng.Read(choices)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkDifferential(t, g, GenModule(choices), GenArgs(choices[256:], 8), true)
		})
	}
}

func TestDifferentialRegressions(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(diffDir, "*.wasm"))
	if len(files) == 0 {
		t.Skip("no saved disagreements")
	}
	g := testGPU(t)
	for _, f := range files {
		wasm, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkDifferential(t, g, wasm, GenArgs(wasm, 8), false)
		})
	}
}

func FuzzDifferential(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x03\x02\x01\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c"))
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 4; i++ {
		b := make([]byte, 300)
		rng.Read(b)
		f.Add(b)
	}
	g := testGPU(f)
	f.Fuzz(func(t *testing.T, choices []byte) {
		checkDifferential(t, g, GenModule(choices), GenArgs(choices, 4), true)
	})
}
