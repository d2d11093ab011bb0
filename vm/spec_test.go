package vm_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/vm"
	"github.com/rts-lsp/rts-lsp/vm/spectest"
)

// specGPU is testGPU for this external test package: the shared GPU, or a
// skip (a failure under RTS_REQUIRE_GPU=1) without a WebGPU adapter.
func specGPU(t *testing.T) *vm.GPU {
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

// specFloorPath holds the minimum pass counts per file; the test fails
// below them. RTS_SPEC_UPDATE_FLOOR=1 rewrites it from the current run.
const specFloorPath = "testdata/spec_floor.txt"

// TestSpecMVP runs the MVP spec suite on the GPU VM (vm/spectest), one
// subtest per file. RTS_SPEC_FILES=i32,loop limits the files
// (comma-separated base names); RTS_SPEC_VERBOSE=1 logs every failure.
func TestSpecMVP(t *testing.T) {
	g := specGPU(t)
	dir, err := spectest.SuiteDir()
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(paths) == 0 {
		t.Fatalf("no spec files under %s", dir)
	}
	only := map[string]bool{}
	if s := os.Getenv("RTS_SPEC_FILES"); s != "" {
		for _, n := range strings.Split(s, ",") {
			only[n] = true
		}
	}
	f, err := os.Open(specFloorPath)
	if err != nil {
		t.Fatal(err)
	}
	floors, err := spectest.ReadFloors(f)
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", specFloorPath, err)
	}
	var rows []spectest.FileResult
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		if len(only) > 0 && !only[name] {
			continue
		}
		t.Run(name, func(t *testing.T) {
			r, err := spectest.RunFile(context.Background(), g, dir, name)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
			if os.Getenv("RTS_SPEC_VERBOSE") != "" {
				for _, f := range r.Failures {
					t.Log(f)
				}
			}
			if fl, ok := floors[name]; ok {
				if msg := r.BelowFloor(fl); msg != "" {
					for i, f := range r.Failures {
						if i < 20 {
							t.Log(f)
						}
					}
					t.Error(msg)
				}
			}
		})
	}
	fmt.Print(spectest.Table(rows))
	if os.Getenv("RTS_SPEC_UPDATE_FLOOR") == "1" && len(only) == 0 {
		sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
		var sb strings.Builder
		if err := spectest.WriteFloors(&sb, rows); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(specFloorPath, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
