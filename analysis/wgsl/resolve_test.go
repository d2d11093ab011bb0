package wgsl

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// nameFacts renders what a name resolution says, in a form two
// resolutions can be compared by: each declaration (kind, name, span,
// scope, node) and each reference (identifier span -> declaration).
func nameFacts(decls []NameDecl, refs []NameRef) (ds, us []string) {
	for _, d := range decls {
		ds = append(ds, fmt.Sprintf("%v %q %v module=%v node=%T", d.Kind, d.Name, d.NameSpan, d.Module, d.Node))
	}
	for _, r := range refs {
		d := decls[r.Decl]
		us = append(us, fmt.Sprintf("%v -> %v %q %v", r.Span, d.Kind, d.Name, d.NameSpan))
	}
	sort.Strings(ds)
	sort.Strings(us)
	return ds, us
}

// checkerNames is the checker's name resolution (Result.Symbols and
// Refs) in the names pass's form.
func checkerNames(res *Result) ([]NameDecl, []NameRef) {
	var decls []NameDecl
	at := map[*Symbol]int32{}
	for _, s := range res.Symbols {
		at[s] = int32(len(decls))
		decls = append(decls, NameDecl{Kind: s.Kind, Module: s.Module, Name: s.Name, NameSpan: s.NameSpan, Node: s.Node})
	}
	var refs []NameRef
	for id, s := range res.Refs {
		i, ok := at[s]
		if !ok { // a reference to an unlisted symbol (a redeclaration)
			i = int32(len(decls))
			decls = append(decls, NameDecl{Kind: s.Kind, Name: "unlisted " + s.Name, NameSpan: s.NameSpan})
		}
		refs = append(refs, NameRef{Span: id.Name.Span, Decl: i})
	}
	return decls, refs
}

// resolveAgainstAnalyze compares ResolveNames with Analyze on src and
// returns the first difference, or "", and whether the checker accepts
// the program.
func resolveAgainstAnalyze(src []byte) (string, bool) {
	full := Analyze(src)
	n := ResolveNames(full.File)
	wantD, wantU := nameFacts(checkerNames(full))
	gotD, gotU := nameFacts(n.Decls, n.Refs)
	valid := !hasError(full.Diagnostics)
	if d := firstDiff("declaration", gotD, wantD); d != "" {
		return d, valid
	}
	return firstDiff("reference", gotU, wantU), valid
}

func hasError(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

func firstDiff(what string, got, want []string) string {
	for i := 0; i < max(len(got), len(want)); i++ {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("%s %d: names pass %s, checker %s", what, i, g, w)
		}
	}
	return ""
}

// TestResolveNamesAgrees: on the repo's shaders and hand-written programs
// covering every scoping rule, the names pass finds exactly the
// declarations and references the checker does.
func TestResolveNamesAgrees(t *testing.T) {
	cases := map[string]string{
		"shadowing":       `const x = 1; fn f(y: i32) -> i32 { let a = x + y; { let x = 2u; _ = x; } var x = a; x += y; return x; }`,
		"self init":       `const x = 1; fn f() { let x = x + 1; _ = x; }`,
		"loop continuing": `fn f() { var i = 0; loop { let j = i; continuing { i += j; break if i > 3; } } }`,
		"for scope":       `fn f() -> i32 { var s = 0; for (var i = 0; i < 4; i++) { let k = i; s += k; } let i = 9; return s + i; }`,
		"switch":          `const C = 2; fn f(v: i32) { switch v { case 1, C: { let w = v; _ = w; } default: { let w = 3; _ = w; } } }`,
		"types and templates": `struct S { a: array<f32, N>, b: vec3<T> } alias T = f32; const N = 4u;
@group(0) @binding(B) var<storage, read_write> buf: array<S>; const B = 1;
fn g(p: ptr<function, S>) -> T { return (*p).b.x; }
@compute @workgroup_size(W, 1) fn main(@builtin(local_invocation_index) i: u32) { var s: S; _ = g(&s); buf[i] = s; }
const W = 8;`,
		"enumerant names are not looked up": `const position = 1; const flat = 2;
struct O { @builtin(position) p: vec4f, @location(0) @interpolate(flat) f: u32 }
@vertex fn v() -> O { var o: O; o.f = u32(position + flat); return o; }`,
		"user function shadows builtin": `fn min(a: i32, b: i32) -> i32 { return a; } fn f() -> i32 { return min(1, 2); }`,
		"module order free":             `fn f() -> i32 { return g() + K; } fn g() -> i32 { return K; } const K = 3;`,
		"redeclarations":                `const a = 1; const a = 2; fn f() { let b = a; let b = 3; _ = b; } fn f() { let c = 1; }`,
		"const assert":                  `const k = 4; const_assert k > 1; fn f() { const j = k; const_assert j == 4; }`,
		"unresolved":                    `fn f() { let a = nope + 1; let b = vec3(a); _ = b; }`,
		"struct constructor":            `struct P { x: i32 } alias Q = P; fn f() { let p = P(1); let q = Q(2); _ = p.x + q.x; }`,
		"bitcast":                       `alias U = u32; fn f() -> U { return bitcast<U>(1.0f); }`,
	}
	for _, dir := range []string{"../../shaders", "../../examples", "syntax/testdata", "ide/testdata", "ide/testdata/bench"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.wgsl"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cases[f] = string(src)
		}
	}
	if len(cases) < 20 {
		t.Fatalf("only %d cases: the repo's shaders were not found", len(cases))
	}
	for name, src := range cases {
		if d, _ := resolveAgainstAnalyze([]byte(src)); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
}

// TestResolveNamesCTS compares the names pass with the checker on the
// WebGPU CTS shader-validation cases when ../shared/conformance is
// present: exactly on every program the checker accepts; the invalid
// ones may differ where the checker stopped early, and are only counted.
func TestResolveNamesCTS(t *testing.T) {
	f, err := os.Open("../../../shared/conformance/wgsl-cts.jsonl")
	if err != nil {
		t.Skip("no ../shared/conformance (it is not part of the repo)")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var valid, invalid, invalidDiff int
	for sc.Scan() {
		var c struct {
			ID   string `json:"id"`
			WGSL string `json:"wgsl"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		d, ok := resolveAgainstAnalyze([]byte(c.WGSL))
		switch {
		case ok:
			valid++
			if d != "" {
				t.Errorf("%s: %s", c.ID, d)
			}
		default:
			invalid++
			if d != "" {
				invalidDiff++
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d valid programs agree; %d of %d invalid ones differ", valid, invalidDiff, invalid)
}

// TestResolveNamesConcurrent: the names pass only reads the tree, so it
// may run while the checker analyses the same parse (the language server
// does this; run with -race).
func TestResolveNamesConcurrent(t *testing.T) {
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		t.Fatal(err)
	}
	file, ds := syntax.Parse(src)
	var wg sync.WaitGroup
	var res *Result
	wg.Add(1)
	go func() {
		defer wg.Done()
		res = AnalyzeParsed(context.Background(), src, file, ds)
	}()
	n := ResolveNames(file)
	wg.Wait()
	if len(n.Refs) != len(res.Refs) || len(n.Decls) != len(res.Symbols) {
		t.Errorf("names pass: %d declarations, %d refs; checker: %d, %d", len(n.Decls), len(n.Refs), len(res.Symbols), len(res.Refs))
	}
	if strings.Contains(fmt.Sprint(res.Diagnostics), "internal error") {
		t.Errorf("checker: %v", res.Diagnostics)
	}
}

// FuzzResolveNames: on any input the names pass does not panic and, when
// the checker accepts the program, agrees with it.
func FuzzResolveNames(f *testing.F) {
	f.Add([]byte(`const x = 1; fn f() { let x = x; loop { let y = x; continuing { break if y > 0; } } }`))
	f.Add([]byte(`struct S { a: array<f32, N> } const N = 2u; fn g(s: S) -> f32 { return s.a[0]; }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if d, ok := resolveAgainstAnalyze(src); ok && d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	})
}

// BenchmarkResolveNames measures the names pass alone on the 2,497-line
// renderer shader, parsed beforehand (BenchmarkCheck2500 is the full check
// of the same file).
func BenchmarkResolveNames(b *testing.B) {
	src, err := os.ReadFile("ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	file, _ := syntax.Parse(src)
	benchLines(b, src, func() { ResolveNames(file) })
}
