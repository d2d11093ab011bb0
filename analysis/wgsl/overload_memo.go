package wgsl

import "unsafe"

// Overload resolution depends only on the builtin and the argument types,
// and a shader calls the same builtins with the same types over and over
// (dot(vec3f, vec3f), max(f32, f32)...): the checker remembers recent
// resolutions in a small direct-mapped table.

// maxMemoArgs is the most arguments a remembered call may have.
const maxMemoArgs = 4

// resolvedOverload is the overload a call resolves to, with its parameter
// and return types instantiated (ret is nil for no return value), or o nil
// when no overload accepts the arguments.
type resolvedOverload struct {
	o      *overload
	params []*Type
	ret    *Type
}

// overloadMemo is one remembered resolution.
type overloadMemo struct {
	fn     *builtinFn
	n      int
	args   [maxMemoArgs]*Type
	o      *overload
	params [maxMemoArgs]*Type
	ret    *Type
}

const (
	overloadMemoBits = 6
	overloadMemoSize = 1 << overloadMemoBits
)

// resolveOverload returns the overload of b that accepts args with the
// lowest conversion rank (the first one among equals). The params slice is
// valid until the next call.
func (c *checker) resolveOverload(b *builtinFn, args []*Type) resolvedOverload {
	if len(args) > maxMemoArgs {
		return resolveOverloadUncached(b, args, nil)
	}
	// The table is keyed by identity: the builtin and the argument types
	// (which the table keeps alive, so their addresses are not reused).
	h := uint64(uintptr(unsafe.Pointer(b)))
	for _, t := range args {
		h = h*31 + uint64(uintptr(unsafe.Pointer(t)))
	}
	h = (h + uint64(len(args))) * 0x9E3779B97F4A7C15
	if c.overloadMemo == nil {
		c.overloadMemo = new([overloadMemoSize]overloadMemo)
	}
	m := &c.overloadMemo[h>>(64-overloadMemoBits)]
	if m.fn == b && m.n == len(args) && m.args == argsArray(args) {
		return resolvedOverload{o: m.o, params: m.params[:len(args)], ret: m.ret}
	}
	// Fill the entry as a whole: o nil (no overload) is remembered too.
	*m = overloadMemo{fn: b, n: len(args), args: argsArray(args)}
	r := resolveOverloadUncached(b, args, m.params[:0])
	m.o, m.ret = r.o, r.ret
	r.params = m.params[:len(r.params)]
	return r
}

// argsArray copies up to maxMemoArgs types into an array (nil-padded).
func argsArray(args []*Type) (a [maxMemoArgs]*Type) {
	copy(a[:], args)
	return a
}

// resolveOverloadUncached is resolveOverload without the table; the
// instantiated parameter types are appended to params.
func resolveOverloadUncached(b *builtinFn, args []*Type, params []*Type) resolvedOverload {
	var scratch, best binding
	var bestO *overload
	bestRank := 1 << 30
	for i := range b.overloads {
		o := &b.overloads[i]
		rank, ok := matchOverload(o, args, &scratch)
		if ok && rank < bestRank {
			best, bestO, bestRank = scratch, o, rank
			if rank == 0 {
				break // no conversion needed: no later overload ranks lower
			}
		}
	}
	if bestO == nil {
		return resolvedOverload{params: params}
	}
	for _, p := range bestO.params {
		params = append(params, best.instantiate(p))
	}
	r := resolvedOverload{o: bestO, params: params}
	if bestO.ret != nil {
		r.ret = best.instantiate(bestO.ret)
	}
	return r
}
