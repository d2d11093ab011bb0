package wgsl

import (
	"math"
	"unsafe"
)

// Constants repeat: a shader writes the same literals (0.5, 1e-4) and
// converts them to the same concrete types many times over. The checker
// keeps small direct-mapped caches so that repeats parse and allocate
// nothing; values are immutable, so sharing them is safe.

const (
	literalCacheBits = 7
	floatCacheBits   = 8
)

// literalEntry is a cached literal: its text and value.
type literalEntry struct {
	text string
	v    *Value
}

// constCaches are the checker's constant caches, allocated on first use.
type constCaches struct {
	literals [1 << literalCacheBits]literalEntry
	floats   [1 << floatCacheBits]*Value
}

func (c *checker) consts() *constCaches {
	if c.constCache == nil {
		c.constCache = new(constCaches)
	}
	return c.constCache
}

// parseLiteral is the package's parseLiteral with a cache of the literals
// that parsed without error.
func (c *checker) parseLiteral(text string) (*Value, error) {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(text); i++ {
		h = (h ^ uint32(text[i])) * 16777619
	}
	e := &c.consts().literals[h>>(32-literalCacheBits)]
	if e.v != nil && e.text == text {
		return e.v, nil
	}
	v, err := parseLiteral(text)
	if err == nil && v != nil {
		*e = literalEntry{text, v}
	}
	return v, err
}

// convertValue is the package's convertValue, with scalar conversions to a
// floating-point type served from a cache of float values.
func (c *checker) convertValue(v *Value, t *Type) (*Value, error) {
	if v == nil || !v.T.IsScalar() || Identical(v.T, t) {
		return convertValue(v, t)
	}
	switch t.Kind {
	case AbstractFloat, F32, F16:
		x := v.F
		if src := v.T.Kind; src != AbstractFloat && src != F32 && src != F16 {
			x = float64(v.I)
		}
		return c.makeFloat(t, x)
	}
	return convertValue(v, t)
}

// makeFloat is the package's makeFloat, served from the float cache.
func (c *checker) makeFloat(t *Type, x float64) (*Value, error) {
	r := roundTo(t.Kind, x)
	if math.IsInf(r, 0) || math.IsNaN(r) || r == 0 {
		return makeFloat(t, x) // errors, and zeros (shared or signed)
	}
	bits := math.Float64bits(r)
	h := (bits ^ uint64(uintptr(unsafe.Pointer(t)))) * 0x9E3779B97F4A7C15
	slot := &c.consts().floats[h>>(64-floatCacheBits)]
	if v := *slot; v != nil && v.T == t && math.Float64bits(v.F) == bits {
		return v, nil
	}
	v, err := makeFloat(t, x)
	if err == nil && v != nil && v.T == t && math.Float64bits(v.F) == bits {
		*slot = v
	}
	return v, err
}
