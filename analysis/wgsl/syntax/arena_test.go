package syntax

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestArenaPlanBounds: the node counts arena.plan derives from the tokens
// are upper bounds (no slab needs a fallback chunk) on the benchmark
// shader, the repository's shaders and, when $WGSL_CTS names the CTS cases
// file, every CTS case, valid or broken.
func TestArenaPlanBounds(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.wgsl")
	if len(files) == 0 {
		t.Fatal("no test shaders")
	}
	more, _ := filepath.Glob("../../../*/*.wgsl")
	files = append(files, more...)
	srcs := map[string][]byte{"broken": []byte("fn f( { let x = a < b > (c; var<private v = ;; }} @ @ struct { a: array<f32,")}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs[name] = src
	}
	if path := os.Getenv("WGSL_CTS"); path != "" {
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var c struct{ ID, WGSL string }
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			srcs[c.ID] = []byte(c.WGSL)
		}
	}
	for name, src := range srcs {
		var p parser
		p.parseSource(src)
		a := &p.arena
		for slab, limit := range map[string]int{
			"idents": a.idents.limit, "lits": a.lits.limit, "binaries": a.binaries.limit,
			"unaries": a.unaries.limit, "calls": a.calls.limit, "members": a.members.limit,
			"indexes": a.indexes.limit, "assigns": a.assigns.limit, "vars": a.vars.limit,
			"blocks": a.blocks.limit, "attrs": a.attrs.limit, "tmpls": a.tmpls.limit,
			"parens": a.parens.limit, "returns": a.returns.limit, "ifs": a.ifs.limit,
			"params": a.params.limit, "cases": a.cases.limit,
		} {
			if limit < 0 {
				t.Errorf("%s: the %s bound was %d too low", name, slab, -limit)
			}
		}
	}
}

// TestConcurrentParse: concurrent Parse calls share the spare token buffer
// safely (run with -race) and each gets the tree it would alone.
func TestConcurrentParse(t *testing.T) {
	src := readLarge(t)
	want, _ := Parse(src)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				f, ds := Parse(src)
				if len(ds) != 0 || len(f.Decls) != len(want.Decls) || f.NumIdents() != want.NumIdents() {
					t.Errorf("concurrent parse: %d decls, %d idents, %d diagnostics", len(f.Decls), f.NumIdents(), len(ds))
					return
				}
			}
		}()
	}
	wg.Wait()
}
