package syntax

import "testing"

// TestIdentIndexDense: Parse numbers identifier expressions 0..NumIdents-1,
// each once.
func TestIdentIndexDense(t *testing.T) {
	src := "alias A = array<vec3<f32>, 4>;\nfn f(a: A) -> f32 { let x = a[0].y + g(1); return x; }\nfn g(i: i32) -> f32 { return f32(i); }"
	f, _ := Parse([]byte(src))
	seen := make([]bool, f.NumIdents())
	n := 0
	Inspect(f, func(nd Node) bool {
		if id, ok := nd.(*IdentExpr); ok {
			n++
			i := id.Index()
			if i < 0 || i >= len(seen) || seen[i] {
				t.Fatalf("ident %q: index %d out of range or repeated (NumIdents %d)", id.Name.Name, i, f.NumIdents())
			}
			seen[i] = true
		}
		return true
	})
	if n != f.NumIdents() || n == 0 {
		t.Errorf("visited %d identifiers, NumIdents %d", n, f.NumIdents())
	}
}
