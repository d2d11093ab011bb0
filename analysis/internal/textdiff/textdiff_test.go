package textdiff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// slowPrefix and slowSuffix are the definitions, byte by byte.
func slowPrefix(a, b string) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return p
}

func slowSuffix(a, b string) int {
	s := 0
	for s < len(a) && s < len(b) && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return s
}

// The block comparisons agree with byte-by-byte ones around edits at every
// distance from the ends, including texts shorter than a block.
func TestCommonPrefixSuffix(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 5, 255, 256, 257, 1000, 4096} {
		base := strings.Repeat("abcdefghij", n/10+1)[:n]
		for round := 0; round < 50; round++ {
			at := 0
			if n > 0 {
				at = rng.IntN(n + 1)
			}
			del := min(rng.IntN(4), n-at)
			edited := base[:at] + strings.Repeat("x", rng.IntN(3)) + base[at+del:]
			if got, want := CommonPrefix([]byte(base), []byte(edited)), slowPrefix(base, edited); got != want {
				t.Fatalf("n=%d at=%d: prefix %d, want %d", n, at, got, want)
			}
			if got, want := CommonSuffix([]byte(base), []byte(edited)), slowSuffix(base, edited); got != want {
				t.Fatalf("n=%d at=%d: suffix %d, want %d", n, at, got, want)
			}
		}
	}
}
