package syntax

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/internal/wgsltest"
)

// treeShape is a whole tree as tests compare it: the rendering, every
// node's span, and every identifier's and var declaration's index.
func treeShape(f *File) string {
	var b strings.Builder
	b.WriteString(Dump(f))
	Inspect(f, func(n Node) bool {
		fmt.Fprint(&b, n.NodeSpan())
		switch n := n.(type) {
		case *IdentExpr:
			fmt.Fprintf(&b, "i%d", n.Index())
		case *VarDecl:
			fmt.Fprintf(&b, "v%d", n.Index())
		}
		return true
	})
	fmt.Fprintf(&b, " idents %d vars %d", f.NumIdents(), f.NumVarDecls())
	return b.String()
}

// checkReparse reparses next from (prevSrc, prev, prevDiags) and, when
// Reparse accepts, holds the result to Parse(next). It returns the new
// tree and diagnostics (prev's again when declined, with ok false).
func checkReparse(t testing.TB, name string, prevSrc []byte, prev *File, prevDiags []diag.Diagnostic, next []byte) (*File, []diag.Diagnostic, bool) {
	t.Helper()
	got, gotDiags, ok := Reparse(prevSrc, prev, prevDiags, next)
	want, wantDiags := Parse(next)
	if !ok {
		return want, wantDiags, false
	}
	if g, w := treeShape(got), treeShape(want); g != w {
		t.Fatalf("%s: reparsed tree differs from Parse\n--- new text:\n%s\n--- reparsed:\n%.2000s\n--- parsed:\n%.2000s", name, next, g, w)
	}
	if len(gotDiags) != len(wantDiags) || (len(gotDiags) > 0 && !reflect.DeepEqual(gotDiags, wantDiags)) {
		t.Fatalf("%s: reparse diagnostics %v, Parse %v\n--- new text:\n%s", name, gotDiags, wantDiags, next)
	}
	return got, gotDiags, true
}

var reparseEdits = []string{
	" ", "x", "1", "\n", ";", "}", "{", "/*", "*/", "//", "<", ">", "a<b", "fn g() {}", "@", ".", "é",
	"let zz = 1;", "const c = 1;", "const_assert 1 > 0;", "enable f16;", "struct T { a: f32 }", "\x00", "fn",
}

// TestReparseMatchesParse makes random edits (chains of three) to every
// WGSL source of the repository and holds every accepted reparse to Parse
// of the new text; most edits must be accepted.
func TestReparseMatchesParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	accepted, tried := 0, 0
	for name, src := range wgsltest.RepoWGSL(t) {
		for round := 0; round < 25; round++ {
			text := src
			file, ds := Parse(text)
			for step := 0; step < 3; step++ {
				at := rng.IntN(len(text) + 1)
				del := min(rng.IntN(3), len(text)-at)
				next := slices.Concat(text[:at], []byte(reparseEdits[rng.IntN(len(reparseEdits))]), text[at+del:])
				var ok bool
				file, ds, ok = checkReparse(t, name, text, file, ds, next)
				text = next
				tried++
				if ok {
					accepted++
				}
			}
		}
	}
	t.Logf("%d of %d edits reparsed", accepted, tried)
	if accepted < tried/3 {
		t.Fatalf("only %d of %d edits were reparsed", accepted, tried)
	}
}

// Reparse declines what it cannot reuse soundly.
func TestReparseDeclines(t *testing.T) {
	src := "enable f16;\nconst a = 1;\nfn f() { let x = a; }\nconst_assert a > 0;\n"
	file, ds := Parse([]byte(src))
	for _, c := range []struct{ name, next string }{
		{"a directive", "enable f16, subgroups;\nconst a = 1;\nfn f() { let x = a; }\nconst_assert a > 0;\n"},
		{"the first declaration", "enable f16;\nconst a = 2;\nfn f() { let x = a; }\nconst_assert a > 0;\n"},
	} {
		if _, _, ok := Reparse([]byte(src), file, ds, []byte(c.next)); ok {
			t.Errorf("%s: reparsed", c.name)
		}
	}
	// A '<' the last reused function leaves open could pair with a '>' of
	// a const_assert the edit adds.
	open := "fn f() { let x = a < b }\nconst k = 1;\n"
	of, ods := Parse([]byte(open))
	if _, _, ok := Reparse([]byte(open), of, ods, []byte("fn f() { let x = a < b }\nconst_assert a > b;\nconst k = 1;\n")); ok {
		t.Error("reparsed after a function that leaves a '<' open")
	}
	// Chains end after maxReparses.
	text := []byte("const a = 1;\nconst b = 2;\n")
	f, d := Parse(text)
	for i := 0; i <= maxReparses; i++ {
		next := slices.Concat(text, []byte(" "))
		var ok bool
		f, d, ok = checkReparse(t, "chain", text, f, d, next)
		if ok != (i < maxReparses) {
			t.Fatalf("reparse %d: ok = %v", i, ok)
		}
		text = next
	}
}

// FuzzReparse holds Reparse to Parse for any source and edit, applied
// twice.
func FuzzReparse(f *testing.F) {
	f.Add("const a = 1;\nfn f() { let x = a; }\n", 20, 0, "y")
	f.Add("struct S { a: f32 }\nfn f() { let s = S(1.0); }\nconst_assert 1 > 0;\n", 40, 2, "b<c")
	f.Add("fn f() { let x = a < b }\nfn g() {}\n", 26, 0, "const_assert 1 > 0;")
	f.Fuzz(func(t *testing.T, src string, at, del int, ins string) {
		if len(src) > 4000 || len(ins) > 64 {
			return
		}
		text := []byte(src)
		file, ds := Parse(text)
		for step := 0; step < 2; step++ {
			if len(text) == 0 {
				return
			}
			a := ((at % len(text)) + len(text)) % len(text)
			d := min(((del%8)+8)%8, len(text)-a)
			next := slices.Concat(text[:a], []byte(ins), text[a+d:])
			file, ds, _ = checkReparse(t, "fuzz", text, file, ds, next)
			text = next
		}
	})
}
