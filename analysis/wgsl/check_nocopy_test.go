package wgsl

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// TestCheckDiagnosticsOutliveSource: Check parses without copying the
// source, yet its diagnostics are those of Analyze and stay the same once
// the caller overwrites the source.
func TestCheckDiagnosticsOutliveSource(t *testing.T) {
	for _, text := range []string{
		"fn f() -> i32 { return undefined_name; }",
		"fn f( { let x = ; }\nstruct S { a: f32 b: i32 }",
		"var<private> self: u32; const c: u32 = -1;",
		"@compute @workgroup_size(1) fn main() { let unused = textureDimensions; }",
		"alias A = B; alias B = A; fn g() { _ = A(); }",
	} {
		src := []byte(text)
		want := Analyze([]byte(text)).Diagnostics
		got := Check(src)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: Check gives\n%v\nAnalyze gives\n%v", text, got, want)
			continue
		}
		saved := render(text, got)
		for i := range src {
			src[i] = '#'
		}
		if after := render(text, got); after != saved {
			t.Errorf("%q: diagnostics changed with the source:\n%s\nwas\n%s", text, after, saved)
		}
	}
}

// TestDetachStrings: strings sharing the source's memory are copied, the
// others are kept as they are.
func TestDetachStrings(t *testing.T) {
	src := []byte("let name = 1;")
	shared := unsafe.String(&src[4], 4) // "name"
	other := strings.Repeat("x", 3)
	ds := []diag.Diagnostic{{
		Code: other, Message: shared,
		Related: []diag.Related{{Message: shared, URI: other}},
		Tags:    []string{shared, other},
	}}
	detachStrings(ds, src)
	copy(src, "############")
	d := ds[0]
	if d.Message != "name" || d.Related[0].Message != "name" || d.Tags[0] != "name" {
		t.Errorf("shared strings were not copied: %+v", d)
	}
	if unsafe.StringData(d.Code) != unsafe.StringData(other) || unsafe.StringData(d.Tags[1]) != unsafe.StringData(other) {
		t.Errorf("an unshared string was copied")
	}
}
