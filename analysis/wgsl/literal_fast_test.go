package wgsl

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestSimpleFloatMatchesGeneral: the plain-decimal fast path gives exactly
// what the general literal parser gives, for every input it accepts.
func TestSimpleFloatMatchesGeneral(t *testing.T) {
	cases := []string{"0.0", "1.0", "0.5", "1.", ".5", "3.14159", "0.1f", "0.1h", "65504.0h", "65520.0h",
		"70000.0h", "123456789012345.0", "0.000000000000001", "99999999999999.9f", "1.5e3", "1.0F", ".", "1", "1u"}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		s := strconv.FormatInt(rng.Int63n(1_000_000_000_000_000), 10)
		s = s[:1+rng.Intn(len(s))]
		p := rng.Intn(len(s) + 1)
		s = s[:p] + "." + s[p:]
		switch rng.Intn(3) {
		case 1:
			s += "f"
		case 2:
			s += "h"
		}
		cases = append(cases, s)
	}
	accepted := 0
	for _, s := range cases {
		fast, ok := parseSimpleFloat(s)
		if !ok {
			continue
		}
		accepted++
		want, err := parseLiteralGeneral(s)
		if err != nil {
			t.Fatalf("%q: fast path accepted what the general parser rejects: %v", s, err)
		}
		if fast.T != want.T || math.Float64bits(fast.F) != math.Float64bits(want.F) || fast.I != want.I {
			t.Fatalf("%q: fast path gives %s (%v), general %s (%v)", s, fast, fast.T, want, want.T)
		}
	}
	if accepted < 10000 {
		t.Fatalf("fast path accepted only %d of %d inputs", accepted, len(cases))
	}
}

// TestConstCachesMatch: the checker's cached makeFloat, convertValue and
// parseLiteral give values equal to the uncached ones (and the same
// errors), however often a value repeats.
func TestConstCachesMatch(t *testing.T) {
	c := &checker{}
	same := func(what string, got, want *Value, gotErr, wantErr error) {
		t.Helper()
		if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
			t.Fatalf("%s: error %v, want %v", what, gotErr, wantErr)
		}
		if (got == nil) != (want == nil) {
			t.Fatalf("%s: value %v, want %v", what, got, want)
		}
		if got != nil && (got.T != want.T || got.I != want.I || math.Float64bits(got.F) != math.Float64bits(want.F)) {
			t.Fatalf("%s: value %s (%v), want %s (%v)", what, got, got.T, want, want.T)
		}
	}
	rng := rand.New(rand.NewSource(2))
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.1, 65504, 65520, 1e39, -1e39, math.Inf(1), math.NaN(), 3.4e38, 1e-8}
	for range 3000 {
		xs = append(xs, float64(rng.Intn(200)-100)/float64(1+rng.Intn(16)))
	}
	for round := range 2 { // the second round hits the cache
		for _, x := range xs {
			for _, ty := range []*Type{tAFloat, tF32, tF16} {
				got, gerr := c.makeFloat(ty, x)
				want, werr := makeFloat(ty, x)
				same(fmtFloat(x)+" as "+ty.String(), got, want, gerr, werr)
			}
			for _, src := range []*Value{{T: tAFloat, F: x}, {T: tAInt, I: int64(x)}, {T: tI32, I: int64(x)}, {T: tBool, I: 1}} {
				for _, ty := range []*Type{tAFloat, tF32, tF16, tI32, tU32, tBool, vecOf(2, tF32)} {
					got, gerr := c.convertValue(src, ty)
					want, werr := convertValue(src, ty)
					same(src.String()+" to "+ty.String(), got, want, gerr, werr)
				}
			}
		}
		for _, s := range []string{"1.5", "0.25f", "1e3", "0x1p4", "70000.0h", "3", "4294967296u", "true", "1.5"} {
			got, gerr := c.parseLiteral(s)
			want, werr := parseLiteral(s)
			same(s+" (round "+strconv.Itoa(round)+")", got, want, gerr, werr)
		}
	}
}
