package syntax

import (
	"os"
	"reflect"
	"testing"
)

// TestParseNoCopyMatchesParse: ParseNoCopy gives the tree and diagnostics
// of Parse, on a large valid shader and on broken input, and its names
// share the source's memory (that is its point).
func TestParseNoCopyMatchesParse(t *testing.T) {
	large, err := os.ReadFile("testdata/large_compute.wgsl")
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range [][]byte{
		large,
		[]byte("fn f( { let x = ; } struct S { a: f32 b: i32 } const c = array<f32, 2>(1.0,"),
		[]byte("@compute @workgroup_size(1) fn main() { var<private> self: u32; loop { break if true; } }"),
		nil,
	} {
		wantFile, wantDiags := Parse(src)
		gotFile, gotDiags := ParseNoCopy(src)
		if Dump(gotFile) != Dump(wantFile) {
			t.Errorf("%.40q: trees differ", src)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%.40q: diagnostics differ:\n%v\n%v", src, gotDiags, wantDiags)
		}
	}
	src := []byte("fn main() { let x = 1; }")
	f, _ := ParseNoCopy(src)
	name := f.Decls[0].(*FuncDecl).Name
	src[name.Span.Start] = 'p'
	if name.Name != "pain" {
		t.Errorf("the name does not share the source: %q", name.Name)
	}
}
