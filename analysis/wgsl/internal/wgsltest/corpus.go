// Package wgsltest holds what the WGSL packages' tests share.
package wgsltest

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// corpusDirs are the repository's folders of WGSL sources, from its root.
var corpusDirs = []string{
	"analysis/wgsl/syntax/testdata",
	"analysis/wgsl/ide/testdata",
	"analysis/wgsl/ide/testdata/bench",
	"shaders",
	"examples",
}

// RepoWGSL returns the WGSL sources of the repository (test data, the VM
// shader, the examples), by their path from the repository's root.
func RepoWGSL(tb testing.TB) map[string][]byte {
	tb.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("wgsltest: cannot locate the repository")
	}
	root := filepath.Join(filepath.Dir(here), "..", "..", "..", "..")
	files := map[string][]byte{}
	for _, dir := range corpusDirs {
		names, _ := filepath.Glob(filepath.Join(root, dir, "*.wgsl"))
		for _, n := range names {
			src, err := os.ReadFile(n)
			if err != nil {
				tb.Fatal(err)
			}
			rel, _ := filepath.Rel(root, n)
			files[rel] = src
		}
	}
	if len(files) < 10 {
		tb.Fatalf("wgsltest: found %d WGSL sources under %s", len(files), root)
	}
	return files
}

// Truncated returns each source of files, in the order of their names,
// followed by its prefixes of the lengths cuts gives for its length (at
// most the whole): whole and broken sources of many sizes in turn.
func Truncated(files map[string][]byte, cuts func(n int) []int) [][]byte {
	var out [][]byte
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		out = append(out, src)
		for _, cut := range cuts(len(src)) {
			out = append(out, src[:min(cut, len(src))])
		}
	}
	return out
}
