package syntax

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unsafe"
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
		for slab, fallbacks := range map[string]int{
			"idents": a.idents.fallbacks, "lits": a.lits.fallbacks, "binaries": a.binaries.fallbacks,
			"unaries": a.unaries.fallbacks, "calls": a.calls.fallbacks,
			"indexes": a.indexes.fallbacks, "assigns": a.assigns.fallbacks, "vars": a.vars.fallbacks,
			"blocks": a.blocks.fallbacks, "attrs": a.attrs.fallbacks, "tmpls": a.tmpls.fallbacks,
			"parens": a.parens.fallbacks, "returns": a.returns.fallbacks, "ifs": a.ifs.fallbacks,
			"params": a.params.fallbacks, "cases": a.cases.fallbacks, "funcs": a.funcs.fallbacks,
			"structs": a.structs.fallbacks, "structMembers": a.structMembers.fallbacks, "memberExprs": a.memberExprs.fallbacks,
			"incdecs": a.incdecs.fallbacks, "fors": a.fors.fallbacks,
		} {
			if fallbacks > 0 {
				t.Errorf("%s: the %s bound was too low (%d fallback chunks)", name, slab, fallbacks)
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

// slabUse returns the bytes of the nodes s handed out and of the slots it
// allocated but never handed out, given the limit plan gave it.
func slabUse[T any](s *slab[T], planned int) (used, idle int) {
	size := int(unsafe.Sizeof(*new(T)))
	made := planned - s.limit // slots allocated (plan's bound minus what is left of it)
	left := len(s.buf) - s.next
	return (made - left) * size, left * size
}

// TestArenaPlanTight: on the benchmark shaders, the bounds of arena.plan
// are close enough to the node counts that chunks left partly unused
// waste under 4% of the node bytes (bounds from plain token counts wasted
// 7-10%). Nodes are most of what Parse allocates, so this is most of its
// garbage-collection cost.
func TestArenaPlanTight(t *testing.T) {
	for _, name := range []string{"testdata/large_compute.wgsl", "../ide/testdata/bench/large_2500.wgsl"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var p parser
		p.parseSource(src)
		l := lexer{src: src}
		l.run()
		var plan arena
		plan.plan(&l.stats)
		a := &p.arena
		used, idle := 0, 0
		add := func(u, i int) { used, idle = used+u, idle+i }
		add(slabUse(&a.idents, plan.idents.limit))
		add(slabUse(&a.lits, plan.lits.limit))
		add(slabUse(&a.binaries, plan.binaries.limit))
		add(slabUse(&a.unaries, plan.unaries.limit))
		add(slabUse(&a.calls, plan.calls.limit))
		add(slabUse(&a.memberExprs, plan.memberExprs.limit))
		add(slabUse(&a.indexes, plan.indexes.limit))
		add(slabUse(&a.assigns, plan.assigns.limit))
		add(slabUse(&a.vars, plan.vars.limit))
		add(slabUse(&a.blocks, plan.blocks.limit))
		add(slabUse(&a.attrs, plan.attrs.limit))
		add(slabUse(&a.tmpls, plan.tmpls.limit))
		add(slabUse(&a.parens, plan.parens.limit))
		add(slabUse(&a.returns, plan.returns.limit))
		add(slabUse(&a.ifs, plan.ifs.limit))
		add(slabUse(&a.params, plan.params.limit))
		add(slabUse(&a.cases, plan.cases.limit))
		add(slabUse(&a.funcs, plan.funcs.limit))
		add(slabUse(&a.structs, plan.structs.limit))
		add(slabUse(&a.structMembers, plan.structMembers.limit))
		add(slabUse(&a.incdecs, plan.incdecs.limit))
		add(slabUse(&a.fors, plan.fors.limit))
		if used == 0 || idle*25 > used {
			t.Errorf("%s: %d node bytes used, %d allocated but unused", name, used, idle)
		}
		t.Logf("%s: %d node bytes used, %d allocated but unused", name, used, idle)
	}
}

// TestLongLists: lists longer than smallList, with nested lists parsed
// while they are spilled, keep every element in source order.
func TestLongLists(t *testing.T) {
	var b strings.Builder
	b.WriteString("struct S {")
	for i := range 11 {
		fmt.Fprintf(&b, " @align(16) m%d: f32,", i)
	}
	b.WriteString(" }\nfn f(")
	for i := range 10 {
		fmt.Fprintf(&b, "p%d: i32, ", i)
	}
	b.WriteString(") {\n")
	for i := range 12 {
		// The 9th argument onwards is a call with a long list of its own.
		fmt.Fprintf(&b, "  g%d(0, 1, 2, 3, 4, 5, 6, 7, h(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), 9);\n", i)
	}
	b.WriteString("}\n")
	f, ds := Parse([]byte(b.String()))
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagList(ds))
	}
	s := f.Decls[0].(*StructDecl)
	fn := f.Decls[1].(*FuncDecl)
	if len(s.Members) != 11 || len(fn.Params) != 10 || len(fn.Body.Stmts) != 12 {
		t.Fatalf("got %d members, %d params, %d statements", len(s.Members), len(fn.Params), len(fn.Body.Stmts))
	}
	for i, m := range s.Members {
		if m.Name.Name != fmt.Sprintf("m%d", i) || len(m.Attrs) != 1 {
			t.Errorf("member %d: %s with %d attributes", i, m.Name.Name, len(m.Attrs))
		}
	}
	for i, prm := range fn.Params {
		if prm.Name.Name != fmt.Sprintf("p%d", i) {
			t.Errorf("param %d: %s", i, prm.Name.Name)
		}
	}
	for i, st := range fn.Body.Stmts {
		call := st.(*CallStmt).Call
		if call.Callee.Name.Name != fmt.Sprintf("g%d", i) || len(call.Args) != 10 {
			t.Fatalf("statement %d: %s with %d arguments", i, call.Callee.Name.Name, len(call.Args))
		}
		for j, arg := range call.Args {
			want := fmt.Sprint(j)
			if j == 8 {
				inner := arg.(*CallExpr)
				var got []string
				for _, x := range inner.Args {
					got = append(got, x.(*LiteralExpr).Text)
				}
				if g := strings.Join(got, " "); g != "10 11 12 13 14 15 16 17 18 19" {
					t.Errorf("statement %d: inner arguments %s", i, g)
				}
				continue
			}
			if lit := arg.(*LiteralExpr); lit.Text != want {
				t.Errorf("statement %d argument %d: %s", i, j, lit.Text)
			}
		}
	}
}
