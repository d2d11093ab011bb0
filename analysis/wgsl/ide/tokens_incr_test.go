package ide

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// fullState is a version's token state made the slow way: a full parse.
func fullState(src []byte) *TokenState {
	file, ds := syntax.Parse(src)
	return NewTokenState(src, file, ds, wgsl.ResolveNames(file), nil)
}

// checkReclassify reclassifies next from st and, when st accepts, holds
// the result to the full classification of next. It returns the new
// state (nil when declined).
func checkReclassify(t testing.TB, name string, st *TokenState, next []byte) *TokenState {
	t.Helper()
	got, ok := st.Reclassify(next)
	if !ok {
		return nil
	}
	file, _ := syntax.Parse(next)
	want := ClassifyParsed(next, file)
	if !slices.Equal(got.Tokens, want) {
		for i := range min(len(got.Tokens), len(want)) {
			if got.Tokens[i] != want[i] {
				t.Fatalf("%s: token %d: reclassified %+v %q, full %+v %q\n--- new text:\n%s", name, i,
					got.Tokens[i], next[got.Tokens[i].Span.Start:got.Tokens[i].Span.End],
					want[i], next[want[i].Span.Start:want[i].Span.End], next)
			}
		}
		t.Fatalf("%s: reclassified %d tokens, full %d\n--- new text:\n%s", name, len(got.Tokens), len(want), next)
	}
	return got
}

// incrEdits are what the edits insert: plain typing, and text that
// breaks a body's structure (braces, comments, template brackets,
// declarations, non-ASCII).
var incrEdits = []string{
	" ", "x", "1", "\n", ";", "let zz = 1;", "var<function> q: vec2<f32>;", "{", "}", "{}", "/*", "*/", "//",
	"<", ">", "a<b", "fn", "fn g() {}", "@", ".", ".x", "é", "struct", "const c = 1;", "return;",
	"_ = zz;", "let", "(", ")", "[", "]", "\x00", "0x1p", "if true {", "} else {",
}

// bodyOffsets returns the offsets strictly inside the function bodies of
// src (after '{', up to the '}').
func bodyOffsets(src []byte) []int {
	file, _ := syntax.Parse(src)
	var at []int
	for _, d := range file.Decls {
		if f, ok := d.(*syntax.FuncDecl); ok && f.Body != nil && f.Body.Span.Len() >= 2 {
			for p := f.Body.Span.Start + 1; p < f.Body.Span.End; p++ {
				at = append(at, p)
			}
		}
	}
	return at
}

// TestReclassifyMatchesFull edits every WGSL source of the repository at
// random places (half of them inside function bodies), chains a few edits on the
// reclassified state, and holds every accepted result to the full
// classification; it also requires that plain typing is accepted.
func TestReclassifyMatchesFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	accepted, tried := 0, 0
	for name, src := range corpus(t) {
		base := fullState(src)
		offs := bodyOffsets(src)
		if len(offs) == 0 {
			continue
		}
		for round := 0; round < 40; round++ {
			st, text := base, src
			for step := 0; step < 3 && st != nil; step++ {
				at := rng.IntN(len(text) + 1)
				if offs := bodyOffsets(text); len(offs) > 0 && rng.IntN(2) == 0 {
					at = offs[rng.IntN(len(offs))]
				}
				del := 0
				if rng.IntN(3) == 0 {
					del = min(rng.IntN(6), len(text)-at)
				}
				ins := incrEdits[rng.IntN(len(incrEdits))]
				next := slices.Concat(text[:at], []byte(ins), text[at+del:])
				tried++
				st, text = checkReclassify(t, name, st, next), next
				if st != nil {
					accepted++
				}
			}
		}
		// Typing a space after the first ';' of a body is always accepted
		// when the file parsed cleanly.
		if _, ds := syntax.Parse(src); len(ds) == 0 && base.scope != nil {
			for _, at := range offs {
				if src[at-1] == ';' {
					next := slices.Concat(src[:at], []byte(" "), src[at:])
					if checkReclassify(t, name, base, next) == nil {
						t.Errorf("%s: a space typed after ';' at %d was not reclassified", name, at)
					}
					break
				}
			}
		}
	}
	t.Logf("%d of %d edits reclassified", accepted, tried)
	if accepted < tried/4 {
		t.Fatalf("only %d of %d edits were reclassified", accepted, tried)
	}
}

// TestReclassifyAcceptsAndDeclines: edits inside one declaration that
// keep its name and kind are reclassified alone; edits that reach outside
// one declaration, rename it, or change what its text parses as are left
// to a full classification.
func TestReclassifyAcceptsAndDeclines(t *testing.T) {
	src := "enable f16;\nconst k = 2;\nstruct S { a: f32 }\nalias A = S;\nfn f() -> i32 {\n  return k;\n}\n\nfn g(s: S) {\n  let a = f();\n}\nconst_assert k > 1;\n"
	st := fullState([]byte(src))
	if st.scope == nil {
		t.Fatal("a clean file gave no incremental state")
	}
	edit := func(pairs ...string) []byte {
		out := src
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(out, pairs[i]) {
				t.Fatalf("%q is not in the source", pairs[i])
			}
			out = strings.Replace(out, pairs[i], pairs[i+1], 1)
		}
		return []byte(out)
	}
	for _, c := range []struct {
		name   string
		next   []byte
		accept bool
	}{
		{"a constant's value", edit("k = 2", "k = S(1.0).a"), true},
		{"a function's header", edit("-> i32", "-> u32"), true},
		{"a body", edit("return k;", "let b = k;\n  return b;"), true},
		{"a body broken", edit("return k;", "return k +;"), true},
		{"a struct's members", edit("a: f32 }", "a: f32, b: A }"), true},
		{"an alias's type", edit("A = S", "A = array<S, 4>"), true},
		{"a parameter renamed", edit("g(s: S)", "g(t: S)"), true},

		{"a declaration renamed", edit("const k", "const q"), false},
		{"a function renamed", edit("fn f()", "fn ff()"), false},
		{"a kind changed", edit("const k = 2;", "override k = 2;"), false},
		{"two declarations", edit("return k", "return 1", "a = f()", "b = f()"), false},
		{"a closing brace", edit("k;\n}", "k;\n"), false},
		{"an extra brace", edit("return k;", "return k; }"), false},
		{"an open comment", edit("return k;", "return k; /*"), false},
		{"an open template list", edit("return k;", "return k < 1"), false},
		{"a const_assert", edit("k > 1", "k > 0"), false},
		{"between declarations", edit("}\n\nfn g", "}\n;\nfn g"), false},
		{"a directive", edit("f16", "f16, subgroups"), false},
		{"a terminator", edit("alias A = S;", "alias A = S"), false},
		{"a syntax error outside a body", edit("a: f32 }", "a: f32 b: i32 }"), false},
		{"a broken header", edit("fn g(s: S)", "fn g(s: S"), false},
	} {
		if c.accept {
			if checkReclassify(t, c.name, st, c.next) == nil {
				t.Errorf("%s: declined", c.name)
			}
		} else if _, ok := st.Reclassify(c.next); ok {
			t.Errorf("%s: reclassified", c.name)
		}
	}
	// An error on the first or last token of a declaration, or between
	// declarations, leaves no incremental state.
	for _, broken := range [][]byte{edit("alias A = S;", "alias A = S"), edit("const_assert", "x const_assert")} {
		if fullState(broken).scope != nil {
			t.Errorf("%q kept the incremental state", broken)
		}
	}
}

// FuzzReclassify holds Reclassify to the full classification for any
// source and any edit, applied twice (the second on the reclassified
// state).
func FuzzReclassify(f *testing.F) {
	f.Add("fn f() { let a = 1; }\nfn g() -> f32 { return 1.0; }", 12, 0, "x")
	f.Add("struct S { a: f32 }\n@compute @workgroup_size(1) fn main() { var s: S; s.a = 2.0; }", 70, 3, "b<c")
	f.Add("const k = 1;\nfn f() { let x = k; /* c */ }\nfn f() { let y = k; }", 50, 1, "}")
	f.Fuzz(func(t *testing.T, src string, at, del int, ins string) {
		if len(src) > 4000 || len(ins) > 64 {
			return
		}
		st := fullState([]byte(src))
		text := []byte(src)
		for step := 0; step < 2 && st != nil; step++ {
			if len(text) == 0 {
				return
			}
			a := ((at % len(text)) + len(text)) % len(text)
			d := min(((del%8)+8)%8, len(text)-a)
			next := slices.Concat(text[:a], []byte(ins), text[a+d:])
			st, text = checkReclassify(t, "fuzz", st, next), next
		}
	})
}
