package ide

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/internal/wgsltest"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// scanCases are sources whose lexing has corners: literal forms, comments
// between '@' or '.' and a name, nesting and unterminated comments, stray
// bytes, reserved words, the phony '_'.
var scanCases = []string{
	"const a = 0x1p-3f + 1e5 + .5 + 1. + 0123 + 1eh + 0xFu + 1.5e+3h + 0x.8p2 + 0xi + 7i + 2e + 0X1P+4h;",
	"@ vertex fn f() {} @/*c*/compute @\n workgroup_size(1) fn g() {}",
	"fn f() { let v = vec3f(1.0); let x = v./*c*/x + v . y + v.0; _ = x; let __y = 1; }",
	"/* outer /* inner */ still */ fn f() {} // line\r\nfn g() {} /* unterminated",
	"var<private> a: array<f32, 4>; fn f() -> f32 { return a[0] >> 1 >= 2 $ # ? ` \\ ' \"; }",
	"struct S { a: i32 } fn f(s: S) -> i32 { return s.a + s.b; } alias T = S; const c = T(1).a;",
	"fn f() { let self = 1; let mod = self; let handle = mod; }",
	"@diagnostic(off, derivative_uniformity) fn f() { @const fn_ = 1; }",
	"// just a comment",
	"",
	"fn f() { for (var i = 0; i < 4; i++) { loop { continuing { break if true; } } } }",
	"enable f16; requires readonly_and_readwrite_storage_textures; diagnostic(off, x.y);",
}

// corpus is the WGSL sources of the repository and the scan cases.
func corpus(t testing.TB) map[string][]byte {
	files := wgsltest.RepoWGSL(t)
	for i, c := range scanCases {
		files[fmt.Sprintf("case %d", i)] = []byte(c)
	}
	return files
}

// nameToksOfOccurrences is nameToksOf for the checker's own names
// (Snapshot.nameOccurrences), which tests compare with.
func nameToksOfOccurrences(occs []occurrence) []nameTok {
	toks := make([]nameTok, len(occs))
	for i, o := range occs {
		toks[i] = nameTok{int32(o.span.Start), int32(o.span.End), o.sym.Kind, o.decl}
	}
	return toks
}

// checkScan compares the scanner with the lexer-driven classification of
// src; it reports whether the scanner answered (src is ASCII outside
// comments).
func checkScan(t testing.TB, name string, src []byte) bool {
	occs := nameToksOfOccurrences(Analyze(src).nameOccurrences())
	got, ok := scanClassify(src, occs)
	if !ok {
		return false
	}
	want := classifyLexed(src, syntax.Lex(src), occs)
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("%s: token %d: scanner %+v %q, lexer %+v %q", name, i, got[i], src[got[i].Span.Start:got[i].Span.End],
					want[i], src[want[i].Span.Start:want[i].Span.End])
			}
		}
		t.Fatalf("%s: scanner has %d tokens, lexer %d", name, len(got), len(want))
	}
	return true
}

// TestScanMatchesLexer holds the scanner to the same tokens as the
// lexer-driven classification on every WGSL source of the repository.
func TestScanMatchesLexer(t *testing.T) {
	scanned := 0
	for name, src := range corpus(t) {
		if checkScan(t, name, src) {
			scanned++
		}
	}
	if scanned < len(scanCases) {
		t.Fatalf("the scanner answered for %d sources only", scanned)
	}
}

// TestTokensFromNamesMatchChecker: Tokens come from the names pass
// (ClassifyParsed), which must colour every source of the repository as
// the checker's own references would.
func TestTokensFromNamesMatchChecker(t *testing.T) {
	for name, src := range corpus(t) {
		s := Analyze(src)
		got := s.Tokens(diag.Span{Start: 0, End: len(src)})
		want := classifyLexed(src, syntax.Lex(src), nameToksOfOccurrences(s.nameOccurrences()))
		if !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("%s: token %d: from names %+v, from the checker %+v", name, i, got[i], want[i])
				}
			}
			t.Fatalf("%s: %d tokens from names, %d from the checker", name, len(got), len(want))
		}
	}
}

// TestScanNonASCII checks that non-ASCII code falls back to the lexer (and
// non-ASCII comments do not), with the same tokens either way.
func TestScanNonASCII(t *testing.T) {
	for _, tc := range []struct {
		src     string
		scanned bool
	}{
		{"// héllo\nfn f() {}", true},
		{"/* ∑ */ fn f() {}", true},
		{"// a\u2028fn f() {}", true},
		{"fn f() { let é = 1; let x = é; }", false},
		{"fn f() { let a\u0085= 1; }", true},
		{"fn f() { let a = 1; } \u00a0", false},
		{"fn f() { let aé = 1; }", false},
	} {
		src := []byte(tc.src)
		if got := checkScan(t, tc.src, src); got != tc.scanned {
			t.Errorf("%q: scanned %v, want %v", tc.src, got, tc.scanned)
		}
		s := Analyze(src)
		all := s.Tokens(diag.Span{Start: 0, End: len(src)})
		want := classifyLexed(src, syntax.Lex(src), nameToksOfOccurrences(s.nameOccurrences()))
		if !slices.Equal(all, want) {
			t.Errorf("%q: Tokens %v, want %v", tc.src, all, want)
		}
	}
}

// TestNameOccurrencesSorted checks the name table against the checker's:
// every declaration and reference, once, in source order.
func TestNameOccurrencesSorted(t *testing.T) {
	for name, src := range corpus(t) {
		res := wgsl.Analyze(src)
		occs := New(src, res).nameOccurrences()
		if !slices.IsSortedFunc(occs, func(a, b occurrence) int { return a.span.Start - b.span.Start }) {
			t.Fatalf("%s: occurrences not sorted", name)
		}
		refs := 0
		for _, o := range occs {
			if !o.decl {
				refs++
				continue
			}
			if o.sym.NameSpan != o.span {
				t.Fatalf("%s: declaration at %v names %s declared at %v", name, o.span, o.sym.Name, o.sym.NameSpan)
			}
		}
		if refs != len(res.Refs) {
			t.Fatalf("%s: %d references, the checker has %d", name, refs, len(res.Refs))
		}
	}
}

// FuzzScanMatchesLexer compares the scanner with the lexer on any input.
func FuzzScanMatchesLexer(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c)
	}
	f.Add("fn f() -> vec4<f32> { return vec4f(1.0, 2e-3, 0x1p1, 4u); }")
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Count(src, "\n") > 200 {
			return
		}
		checkScan(t, "fuzz", []byte(src))
	})
}

// TestPredeclaredTable checks the scanner's hash table against the map it
// is built from, for every predeclared word and for near misses.
func TestPredeclaredTable(t *testing.T) {
	for w, c := range wordClasses {
		if got := predeclared.class([]byte(w)); got != c {
			t.Errorf("%q: class %d, want %d", w, got, c)
		}
		for _, miss := range []string{w + "x", "x" + w, w[:len(w)-1] + "_", strings.ToUpper(w)} {
			if got, want := predeclared.class([]byte(miss)), wordClasses[miss]; got != want {
				t.Errorf("%q: class %d, want %d", miss, got, want)
			}
		}
	}
	if len(wordClasses) < 200 || wordClasses["textureSample"] != wordBuiltin || wordClasses["vec3f"] != wordType ||
		wordClasses["read_write"] != wordEnumerant || wordClasses["fn"] != wordKeyword {
		t.Fatalf("predeclared words incomplete (%d)", len(wordClasses))
	}
}

// TestIndexMatchesTreeWalk checks the index, built from the checker's
// tables, against a walk of the tree: every identifier the walk finds
// naming a declaration, a reference or a struct member is an occurrence,
// and nothing else.
func TestIndexMatchesTreeWalk(t *testing.T) {
	for name, src := range corpus(t) {
		s := Analyze(src)
		res := s.Res
		ix := s.index()
		var want []occurrence
		syntax.Inspect(res.File, func(n syntax.Node) bool {
			if sym := ix.byNode[n]; sym != nil && sym.NameSpan.Len() > 0 {
				want = append(want, occurrence{span: sym.NameSpan, sym: sym, decl: true})
			}
			switch n := n.(type) {
			case *syntax.IdentExpr:
				if sym := res.Refs[n]; sym != nil {
					want = append(want, occurrence{span: n.Name.Span, sym: sym})
				}
			case *syntax.MemberExpr:
				if m := ix.member(res.TypeOf(n.X), n); m != nil {
					want = append(want, occurrence{span: n.Member.Span, sym: m})
				}
			}
			return true
		})
		want = sortOccurrences(want, len(src))
		if !slices.Equal(ix.occs, want) {
			t.Fatalf("%s: index has %d occurrences, the walk %d", name, len(ix.occs), len(want))
		}
	}
}
