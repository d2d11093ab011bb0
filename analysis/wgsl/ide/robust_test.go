package ide

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// brokenSources are half-typed shaders: every feature must answer without
// panicking at every offset.
var brokenSources = []string{
	"",
	"fn",
	"fn f(",
	"fn f(a: ) -> { let x = a.; return",
	"struct S { a: f32, b: } var<uniform> u: S; fn g() { u. }",
	"@group(0) @binding( var<storage, > x: array<;",
	"fn f() { let v = vec3(1.0, 2.0).; let w = max(v, ; }",
	"enable f16, ; fn h(x: f16) -> f16 { return x + 1; ",
	"fn f() { for (var i = 0; i < 4; i++) { let j = i + ; } }",
	"alias A = array<f32, 4>; fn f(a: A) -> f32 { return a[0] + a.length; }",
	"/* unterminated comment fn f() {",
	"fn f() { let x: f32 = 1u; }\nfn g() -> i32 { }\nvar<uniform> c: f32;",
	"struct S { @size(3) a: f32 }\n@group(0) @binding(0) var<storage> s: array<S>;",
	"fn f() { textureSample(",
	"@compute @workgroup_size(1) fn main(@builtin(",
}

func exerciseAll(t *testing.T, name string, src []byte, step int) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: panic: %v", name, r)
		}
	}()
	s := Analyze(src)
	all := diag.Span{Start: 0, End: len(src)}
	s.Tokens(all)
	s.InlayHints(all)
	s.Fixes(all)
	for off := 0; off <= len(src); off += step {
		s.Hover(off)
		s.Definition(off)
		s.TypeDefinition(off)
		s.References(off, true)
		if _, err := s.PrepareRename(off); err == nil {
			s.Rename(off, "renamed_x")
		}
		s.Complete(off)
		s.SignatureHelp(off)
		s.Fixes(diag.Span{Start: off, End: off})
		s.Tokens(diag.Span{Start: off, End: off + 10})
	}
}

func TestNoPanicOnBrokenCode(t *testing.T) {
	for _, src := range brokenSources {
		exerciseAll(t, src, []byte(src), 1)
	}
	files, _ := filepath.Glob("testdata/*.wgsl")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		exerciseAll(t, f, src, 3)
		// Every prefix of a file is a plausible state while typing.
		for cut := 0; cut < len(src); cut += 97 {
			exerciseAll(t, f, src[:cut], 29)
		}
	}
}

// FuzzFeatures runs every feature over arbitrary input at a fuzzed offset.
func FuzzFeatures(f *testing.F) {
	for _, s := range brokenSources {
		f.Add(s, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, src string, off int) {
		if len(src) > 4096 {
			return
		}
		if off < 0 {
			off = -off
		}
		off %= len(src) + 1
		s := Analyze([]byte(src))
		s.Hover(off)
		s.Definition(off)
		s.TypeDefinition(off)
		s.References(off, true)
		s.Rename(off, "renamed_x")
		s.Complete(off)
		s.SignatureHelp(off)
		s.Fixes(diag.Span{Start: 0, End: len(src)})
		s.InlayHints(diag.Span{Start: 0, End: len(src)})
		s.Tokens(diag.Span{Start: off, End: len(src)})
	})
}

// TestConcurrentQueries shares one snapshot between goroutines, as the
// server does between requests on one version (run with -race).
func TestConcurrentQueries(t *testing.T) {
	src, err := os.ReadFile("testdata/hover.wgsl")
	if err != nil {
		t.Fatal(err)
	}
	s := Analyze(src)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func(g int) {
			defer func() { done <- struct{}{} }()
			for off := g; off < len(src); off += 7 {
				s.Hover(off)
				s.Complete(off)
				s.Tokens(diag.Span{Start: off, End: off + 40})
				s.InlayHints(diag.Span{Start: off, End: off + 40})
			}
		}(g)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
