package syntax

import (
	"fmt"
	"strings"
	"testing"
)

func TestInspectOrder(t *testing.T) {
	src := "@compute @workgroup_size(1) fn f(a: i32) { if a > 0 { g(a); } }"
	f, ds := Parse([]byte(src))
	if len(ds) != 0 {
		t.Fatal(diagList(ds))
	}
	var got []string
	Inspect(f, func(n Node) bool {
		s := n.NodeSpan()
		got = append(got, fmt.Sprintf("%T:%s", n, src[s.Start:s.End]))
		return true
	})
	want := []string{
		"*syntax.File:" + src,
		"*syntax.FuncDecl:" + src,
		"*syntax.Attribute:@compute",
		"*syntax.Attribute:@workgroup_size(1)",
		"*syntax.LiteralExpr:1",
		"*syntax.Param:a: i32",
		"*syntax.IdentExpr:i32",
		"*syntax.BlockStmt:{ if a > 0 { g(a); } }",
		"*syntax.IfStmt:if a > 0 { g(a); }",
		"*syntax.BinaryExpr:a > 0",
		"*syntax.IdentExpr:a",
		"*syntax.LiteralExpr:0",
		"*syntax.BlockStmt:{ g(a); }",
		"*syntax.CallStmt:g(a);",
		"*syntax.CallExpr:g(a)",
		"*syntax.IdentExpr:g",
		"*syntax.IdentExpr:a",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Returning false prunes the subtree.
	n := 0
	Inspect(f, func(nd Node) bool { n++; _, isFn := nd.(*FuncDecl); return !isFn })
	if n != 2 {
		t.Errorf("pruned walk visited %d nodes, want 2", n)
	}
}

func TestLiterals(t *testing.T) {
	tests := []struct {
		src    string
		kind   LitKind
		suffix byte
		hex    bool
	}{
		{"1", LitInt, 0, false}, {"1i", LitInt, 'i', false}, {"0x1Fu", LitInt, 'u', true},
		{"1.5", LitFloat, 0, false}, {"2f", LitFloat, 'f', false}, {"1e3h", LitFloat, 'h', false},
		{"0x1.fp1", LitFloat, 0, true}, {"0x1p-2f", LitFloat, 'f', true}, {"0xf", LitInt, 0, true},
		{"true", LitBool, 0, false},
	}
	for _, tc := range tests {
		f, ds := Parse([]byte("const c = " + tc.src + ";"))
		if len(ds) != 0 {
			t.Errorf("%s: %s", tc.src, diagList(ds))
			continue
		}
		lit := f.Decls[0].(*VarDecl).Init.(*LiteralExpr)
		if lit.Kind != tc.kind || lit.Suffix != tc.suffix || lit.Hex != tc.hex || lit.Text != tc.src {
			t.Errorf("%s: got %+v", tc.src, *lit)
		}
	}
}

// TestAttributePositions covers every place the grammar allows attributes.
func TestAttributePositions(t *testing.T) {
	src := `@group(0) @binding(0) var<storage, read_write> b: array<u32>;
@id(1) override o: u32 = 1u;
struct S { @size(16) @align(16) a: f32 }
@diagnostic(off, derivative_uniformity) @fragment
fn f(@builtin(position) @invariant p: vec4f, @location(0) @interpolate(perspective, centroid,) c: vec4f) -> @location(0) @blend_src(0) vec4f {
  @diagnostic(off, x) { }
  @diagnostic(off, x) if true @diagnostic(off, y) { } else @diagnostic(off, z) { }
  @diagnostic(off, x) switch 1 @diagnostic(off, y) { case 1 @diagnostic(off, z) { } default { } }
  @diagnostic(off, x) loop @diagnostic(off, y) { continuing @diagnostic(off, z) { break if true; } }
  @diagnostic(off, x) for (;;) @diagnostic(off, y) { break; }
  @diagnostic(off, x) while true @diagnostic(off, y) { break; }
  return c;
}
`
	f, ds := Parse([]byte(src))
	if len(ds) != 0 {
		t.Fatal(diagList(ds))
	}
	n := 0
	Inspect(f, func(nd Node) bool {
		if _, ok := nd.(*Attribute); ok {
			n++
		}
		return true
	})
	if n != 27 {
		t.Errorf("found %d attributes, want 27", n)
	}
}
