package ide

import "github.com/rts-lsp/rts-lsp/analysis/wgsl"

// Host-shareable memory layout per the WGSL "Memory Layout" rules, derived
// here from the exported type description (the checker's own layout code is
// unexported): AlignOf, SizeOf, member offsets and array strides.

func roundUp(k, n int) int {
	if k <= 0 {
		return n
	}
	return (n + k - 1) / k * k
}

// alignOf is AlignOf(T).
func alignOf(t *wgsl.Type) int {
	switch t.Kind {
	case wgsl.I32, wgsl.U32, wgsl.F32, wgsl.Bool:
		return 4
	case wgsl.Atomic:
		return 4
	case wgsl.F16:
		return 2
	case wgsl.Vector:
		s := alignOf(t.Elem)
		if t.N == 2 {
			return 2 * s
		}
		return 4 * s
	case wgsl.Matrix:
		return alignOf(&wgsl.Type{Kind: wgsl.Vector, Elem: t.Elem, N: t.Rows})
	case wgsl.Array:
		return alignOf(t.Elem)
	case wgsl.Struct:
		a := 1
		for _, m := range t.Struct.Members {
			a = max(a, memberAlign(m))
		}
		return a
	}
	return 1
}

func memberAlign(m wgsl.Member) int {
	if m.Align > 0 {
		return m.Align
	}
	return alignOf(m.Type)
}

func memberSize(m wgsl.Member) int {
	if m.Size > 0 {
		return m.Size
	}
	return sizeOf(m.Type)
}

// strideOf is the element stride of an array of t.
func strideOf(arr *wgsl.Type) int {
	if arr.Stride > 0 {
		return arr.Stride
	}
	return roundUp(alignOf(arr.Elem), sizeOf(arr.Elem))
}

// sizeOf is SizeOf(T); a runtime-sized array counts one element.
func sizeOf(t *wgsl.Type) int {
	switch t.Kind {
	case wgsl.I32, wgsl.U32, wgsl.F32, wgsl.Bool, wgsl.Atomic:
		return 4
	case wgsl.F16:
		return 2
	case wgsl.Vector:
		return t.N * sizeOf(t.Elem)
	case wgsl.Matrix:
		col := &wgsl.Type{Kind: wgsl.Vector, Elem: t.Elem, N: t.Rows}
		return t.N * roundUp(alignOf(col), sizeOf(col))
	case wgsl.Array:
		if t.N == 0 {
			return strideOf(t)
		}
		return t.N * strideOf(t)
	case wgsl.Struct:
		_, end := structLayout(t.Struct)
		return roundUp(alignOf(t), end)
	}
	return 0
}

// structLayout returns each member's offset and the end of the last one.
func structLayout(st *wgsl.StructInfo) (offs []int, end int) {
	offs = make([]int, len(st.Members))
	off := 0
	for i, m := range st.Members {
		off = roundUp(memberAlign(m), off)
		offs[i] = off
		off += memberSize(m)
	}
	return offs, off
}

// layoutKnown reports whether t has a meaningful host-shareable layout
// (no invalid parts, no handles).
func layoutKnown(t *wgsl.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case wgsl.I32, wgsl.U32, wgsl.F32, wgsl.F16, wgsl.Bool, wgsl.Atomic:
		return true
	case wgsl.Vector, wgsl.Matrix:
		return layoutKnown(t.Elem)
	case wgsl.Array:
		return layoutKnown(t.Elem)
	case wgsl.Struct:
		for _, m := range t.Struct.Members {
			if !layoutKnown(m.Type) {
				return false
			}
		}
		return true
	}
	return false
}

// hasRuntimeArray reports a struct ending in a runtime-sized array (or a
// runtime-sized array itself): its size depends on the buffer bound.
func hasRuntimeArray(t *wgsl.Type) bool {
	switch t.Kind {
	case wgsl.Array:
		return t.N == 0 && t.OverrideCount == nil
	case wgsl.Struct:
		ms := t.Struct.Members
		return len(ms) > 0 && hasRuntimeArray(ms[len(ms)-1].Type)
	}
	return false
}
