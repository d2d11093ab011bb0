package wgsl

import (
	"reflect"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/internal/wgsltest"
)

// reuseCorpus is the repository's WGSL, whole and cut short (broken files),
// large and small in turn.
func reuseCorpus(t testing.TB) [][]byte {
	return wgsltest.Truncated(wgsltest.RepoWGSL(t), func(n int) []int { return []int{n / 3, 2 * n / 3} })
}

// TestCheckerMatchesCheck holds the diagnostics of a reused Checker to
// Check's on a run of different files, twice over.
func TestCheckerMatchesCheck(t *testing.T) {
	var k Checker
	inputs := reuseCorpus(t)
	errs := 0
	for round := 0; round < 2; round++ {
		for i, src := range inputs {
			want := Check(src)
			got := k.Check(src)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d input %d (%d bytes): Checker.Check\n%v\nCheck\n%v", round, i, len(src), got, want)
			}
			errs += len(want)
		}
	}
	if errs == 0 {
		t.Fatal("no diagnostics at all: the cut files should have some")
	}
}

// TestCheckerKeepsNoSource checks that the diagnostics of a Checker stay
// valid when the source they came from is overwritten.
func TestCheckerKeepsNoSource(t *testing.T) {
	var k Checker
	src := []byte("fn f() { let unused_name = 1; let x: i32 = 1.5; }")
	ds := k.Check(src)
	want := Check(src)
	for i := range src {
		src[i] = '#'
	}
	k.Check([]byte("fn g() {}"))
	if !reflect.DeepEqual(ds, want) || len(ds) == 0 {
		t.Fatalf("diagnostics changed with the source:\n%v\nwant\n%v", ds, want)
	}
}

// FuzzChecker checks each input with one Checker shared by the whole run
// and holds the diagnostics to Check's.
func FuzzChecker(f *testing.F) {
	for _, src := range reuseCorpus(f) {
		if len(src) < 8192 {
			f.Add(src)
		}
	}
	var k Checker
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := k.Check(src), Check(src); !reflect.DeepEqual(got, want) {
			t.Fatalf("Checker.Check\n%v\nCheck\n%v", got, want)
		}
	})
}
