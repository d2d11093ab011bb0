package syntax

import (
	"reflect"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/internal/wgsltest"
)

// reuseInputs is the repository's WGSL, whole and cut short at many points
// (broken trees of every size), so that each parse in one Parser reuses
// chunks of a differently shaped tree.
func reuseInputs(t testing.TB) [][]byte {
	return wgsltest.Truncated(wgsltest.RepoWGSL(t), func(n int) []int { return []int{n / 2, n / 7, 3 * n / 4, 40} })
}

// TestParserReuseMatchesParse holds every tree a reused Parser makes to
// Parse of the same text.
func TestParserReuseMatchesParse(t *testing.T) {
	var ps Parser
	inputs := reuseInputs(t)
	for round := 0; round < 2; round++ {
		for i, src := range inputs {
			want, wantDiags := Parse(src)
			got, gotDiags := ps.ParseNoCopy(src)
			if g, w := treeShape(got), treeShape(want); g != w {
				t.Fatalf("round %d input %d (%d bytes): tree differs from Parse\n--- reused:\n%.2000s\n--- parsed:\n%.2000s", round, i, len(src), g, w)
			}
			if !reflect.DeepEqual(gotDiags, wantDiags) {
				t.Fatalf("round %d input %d: diagnostics %v, Parse %v", round, i, gotDiags, wantDiags)
			}
		}
	}
	if n := spareChunks(&ps.p.arena); n == 0 {
		t.Fatal("the parser kept no chunk to reuse")
	}
}

// TestParserReleaseClears checks that Release leaves no pointer in the
// memory it keeps: neither into the released tree nor into its source.
func TestParserReleaseClears(t *testing.T) {
	var ps Parser
	for _, src := range reuseInputs(t)[:10] {
		ps.ParseNoCopy(src)
	}
	ps.Release()
	a := &ps.p.arena
	if !allZero(a.idents.chunks.spare) || !allZero(a.calls.chunks.spare) || !allZero(a.vars.chunks.spare) || !allZero(a.funcs.chunks.spare) ||
		!allZero(a.exprs.chunks.spare) || !allZero(a.stmts.chunks.spare) || !allZero(a.attrLists.chunks.spare) {
		t.Fatal("a kept chunk is not cleared")
	}
	if ps.p.src != "" || ps.p.toks != nil || ps.p.diags != nil {
		t.Fatal("the released parser still refers to the last source")
	}
}

func allZero[T any](chunks [][]T) bool {
	var zero T
	for _, c := range chunks {
		for i := range c {
			if !reflect.DeepEqual(c[i], zero) {
				return false
			}
		}
	}
	return true
}

func spareChunks(a *arena) int {
	return len(a.idents.chunks.spare) + len(a.idents.chunks.used) + len(a.exprs.chunks.spare) + len(a.exprs.chunks.used)
}

// FuzzParserReuse parses each input in one Parser shared by the whole run
// and holds the tree to Parse's: whatever the trees before it were, a reused
// parse is the same.
func FuzzParserReuse(f *testing.F) {
	for _, src := range reuseInputs(f) {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	var ps Parser
	f.Fuzz(func(t *testing.T, src []byte) {
		want, wantDiags := Parse(src)
		got, gotDiags := ps.ParseNoCopy(src)
		if treeShape(got) != treeShape(want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Fatalf("reused parse differs from Parse")
		}
	})
}
