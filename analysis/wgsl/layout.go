package wgsl

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// Host-shareable memory layout: alignment, size, member offsets and array
// strides per the WGSL "Memory Layout" rules.

func roundUp(k, n int) int {
	if k <= 0 {
		return n
	}
	return (n + k - 1) / k * k
}

// alignOf is AlignOf(T).
func alignOf(t *Type) int {
	switch t.Kind {
	case I32, U32, F32, Atomic, Bool:
		return 4
	case F16:
		return 2
	case Vector:
		s := alignOf(t.Elem)
		if t.N == 2 {
			return 2 * s
		}
		return 4 * s
	case Matrix:
		return alignOf(vecOf(t.Rows, t.Elem))
	case Array:
		return alignOf(t.Elem)
	case Struct:
		a := 1
		for _, m := range t.Struct.Members {
			ma := m.Align
			if ma == 0 {
				ma = alignOf(m.Type)
			}
			a = max(a, ma)
		}
		return a
	}
	return 1
}

// sizeOf is SizeOf(T) (the element stride for a runtime-sized array).
func sizeOf(t *Type) int {
	switch t.Kind {
	case I32, U32, F32, Atomic, Bool:
		return 4
	case F16:
		return 2
	case Vector:
		return t.N * sizeOf(t.Elem)
	case Matrix:
		col := vecOf(t.Rows, t.Elem)
		return t.N * roundUp(alignOf(col), sizeOf(col))
	case Array:
		stride := roundUp(alignOf(t.Elem), sizeOf(t.Elem))
		if t.N == 0 {
			return stride
		}
		return t.N * stride
	case Struct:
		offs, end := structLayout(t)
		_ = offs
		return roundUp(alignOf(t), end)
	}
	return 0
}

// structLayout returns member offsets and the end of the last member.
func structLayout(t *Type) ([]int, int) {
	offs := make([]int, len(t.Struct.Members))
	off := 0
	for i, m := range t.Struct.Members {
		a := m.Align
		if a == 0 {
			a = alignOf(m.Type)
		}
		off = roundUp(a, off)
		offs[i] = off
		sz := m.Size
		if sz == 0 {
			sz = sizeOf(m.Type)
		}
		off += sz
	}
	return offs, off
}

// requiredAlign is RequiredAlignOf(T, space).
func requiredAlign(t *Type, space AddressSpace) int {
	a := alignOf(t)
	if space == Uniform && (t.Kind == Array || t.Kind == Struct) {
		return roundUp(16, a)
	}
	return a
}

// checkLayout validates the layout constraints of a host-shareable type in
// the uniform or storage address space.
func (c *checker) checkLayout(space AddressSpace, t *Type, sp diag.Span) bool {
	seen := map[*StructInfo]bool{}
	var walk func(t *Type) bool
	walk = func(t *Type) bool {
		switch t.Kind {
		case Array:
			if space == Uniform {
				stride := roundUp(alignOf(t.Elem), sizeOf(t.Elem))
				if stride%16 != 0 {
					c.errorf(sp, CodeLayout, "array element stride of %s is %d bytes; arrays in the uniform address space need a multiple of 16", t, stride)
					return false
				}
				if t.N == 0 {
					c.errorf(sp, CodeAddressSpace, "runtime-sized arrays cannot be used in the uniform address space")
					return false
				}
			}
			return walk(t.Elem)
		case Struct:
			if seen[t.Struct] {
				return true
			}
			seen[t.Struct] = true
			offs, _ := structLayout(t)
			for i, m := range t.Struct.Members {
				if m.Type.Kind == Invalid {
					continue
				}
				req := requiredAlign(m.Type, space)
				if offs[i]%req != 0 {
					c.errorf(memberSpan(m, sp), CodeLayout, "member '%s' of '%s' is at offset %d, which is not a multiple of its required alignment %d in the %s address space",
						m.Name, t.Struct.Name, offs[i], req, space)
					return false
				}
				if space == Uniform && i > 0 && t.Struct.Members[i-1].Type.Kind == Struct {
					prev := t.Struct.Members[i-1]
					if offs[i]-offs[i-1] < roundUp(16, sizeOf(prev.Type)) {
						c.errorf(memberSpan(m, sp), CodeLayout, "member '%s' of '%s' must start at least %d bytes after the struct member before it in the uniform address space",
							m.Name, t.Struct.Name, roundUp(16, sizeOf(prev.Type)))
						return false
					}
				}
				if !walk(m.Type) {
					return false
				}
			}
		}
		return true
	}
	return walk(t)
}

func memberSpan(m Member, fallback diag.Span) diag.Span {
	if n, ok := m.Decl.(interface{ NodeSpan() diag.Span }); ok && n != nil {
		return n.NodeSpan()
	}
	return fallback
}
