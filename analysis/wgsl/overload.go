package wgsl

import (
	"strconv"
	"strings"
)

// This file implements the small pattern language the builtin table is
// written in, and overload matching with the WGSL conversion ranks.
//
// A pattern is a type spelled as in WGSL in which upper-case names are
// variables: scalar variables (S, T, C, L, A, ST...) range over a set given
// with the overload, N, M, K stand for vector widths and matrix sizes, and
// F and AM for a storage texel format and access mode. `ptr<SP,X,AM>` binds
// SP to an address space. A leading `const ` on a parameter requires a
// const-expression argument.

type patKind uint8

const (
	pScalar    patKind = iota + 1 // concrete scalar
	pScalarVar                    // scalar type variable
	pVec                          // vecN<elem>
	pMat                          // matCxR<elem>
	pArray                        // array<elem> (runtime sized)
	pAtomic                       // atomic<elem>
	pPtr                          // ptr<space, elem, access>
	pTexture                      // texture family/dim with elem (sampled) or format
	pSampler
	pSamplerCmp
	pFrexp // frexp/modf/atomic-compare result (ret only)
	pModf
	pCmpXchg
)

type pattern struct {
	kind   patKind
	scalar *Type  // pScalar
	v      string // variable name for pScalarVar / size var / format var
	n      int    // fixed size (0: variable in v2)
	nv     string // size variable (vectors: width, matrices: columns)
	rv     string // matrix rows variable
	rows   int
	elem   *pattern
	// textures
	tex   TextureKind
	dim   TexDim
	space AddressSpace
	// isConst marks parameters that must be const-expressions.
	isConst bool
}

type overload struct {
	params []*pattern
	ret    *pattern // nil: no return value
	sets   map[string][]*Type
	text   string
}

var scalarSets = map[string][]*Type{
	"float":   {tAFloat, tF32, tF16},
	"f32":     {tF32},
	"num":     {tAInt, tAFloat, tI32, tU32, tF32, tF16},
	"signed":  {tAInt, tAFloat, tI32, tF32, tF16},
	"cint":    {tI32, tU32},
	"int":     {tAInt, tI32, tU32},
	"aint":    {tAInt, tI32},
	"i32":     {tI32},
	"any":     {tBool, tAInt, tAFloat, tI32, tU32, tF32, tF16},
	"sampled": {tF32, tI32, tU32},
	"atomic":  {tI32, tU32},
	"concf":   {tF32, tF16},
}

// parseOverload reads "name(p1, p2) -> ret" with variable sets
// "S:float N:any".
func parseOverload(sig string, sets string) overload {
	o := overload{text: sig, sets: setsCache[sets]}
	if o.sets == nil {
		o.sets = map[string][]*Type{}
		for _, kv := range strings.Fields(sets) {
			k, v, _ := strings.Cut(kv, ":")
			o.sets[k] = scalarSets[v]
		}
		if setsCache != nil {
			setsCache[sets] = o.sets
		}
	}
	open := strings.IndexByte(sig, '(')
	close := strings.LastIndexByte(sig, ')')
	args := sig[open+1 : close]
	if strings.TrimSpace(args) != "" {
		for _, a := range splitTop(args) {
			o.params = append(o.params, parsePattern(strings.TrimSpace(a)))
		}
	}
	if i := strings.Index(sig[close:], "->"); i >= 0 {
		o.ret = parsePattern(strings.TrimSpace(sig[close+i+2:]))
	}
	return o
}

// splitTop splits on commas outside angle brackets.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			depth++
		case '>':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

var texPatNames = map[string]struct {
	k TextureKind
	d TexDim
}{
	"texture_1d": {TexSampled, Dim1D}, "texture_2d": {TexSampled, Dim2D}, "texture_2d_array": {TexSampled, Dim2DArray},
	"texture_3d": {TexSampled, Dim3D}, "texture_cube": {TexSampled, DimCube}, "texture_cube_array": {TexSampled, DimCubeArray},
	"texture_multisampled_2d": {TexMultisampled, Dim2D},
	"texture_depth_2d":        {TexDepth, Dim2D}, "texture_depth_2d_array": {TexDepth, Dim2DArray},
	"texture_depth_cube": {TexDepth, DimCube}, "texture_depth_cube_array": {TexDepth, DimCubeArray},
	"texture_depth_multisampled_2d": {TexDepthMultisampled, Dim2D},
	"texture_storage_1d":            {TexStorage, Dim1D}, "texture_storage_2d": {TexStorage, Dim2D},
	"texture_storage_2d_array": {TexStorage, Dim2DArray}, "texture_storage_3d": {TexStorage, Dim3D},
	"texture_external": {TexExternal, Dim2D},
}

// The builtin table is built once, at init, and never changed: identical
// pattern texts and scalar-set lists share one value, which keeps the table
// (live for the whole run, so scanned at every garbage collection) small.
var (
	patternCache = map[string]*pattern{}
	setsCache    = map[string]map[string][]*Type{}
)

// parsePattern returns the (shared, immutable) pattern for s.
func parsePattern(s string) *pattern {
	if p := patternCache[s]; p != nil {
		return p
	}
	p := newPattern(s)
	if patternCache != nil {
		patternCache[s] = p
	}
	return p
}

func newPattern(s string) *pattern {
	p := &pattern{}
	if strings.HasPrefix(s, "const ") {
		*p = *parsePattern(strings.TrimSpace(s[6:]))
		p.isConst = true
		return p
	}
	name, targs := s, ""
	if i := strings.IndexByte(s, '<'); i >= 0 {
		name, targs = s[:i], s[i+1:len(s)-1]
	}
	var ta []string
	if targs != "" {
		for _, a := range splitTop(targs) {
			ta = append(ta, strings.TrimSpace(a))
		}
	}
	switch {
	case name == "f32" || name == "i32" || name == "u32" || name == "bool" || name == "f16":
		p.kind = pScalar
		p.scalar = map[string]*Type{"f32": tF32, "i32": tI32, "u32": tU32, "bool": tBool, "f16": tF16}[name]
	case strings.HasPrefix(name, "vec"):
		p.kind = pVec
		if n, err := strconv.Atoi(name[3:]); err == nil {
			p.n = n
		} else {
			p.nv = name[3:]
		}
		p.elem = parsePattern(ta[0])
	case strings.HasPrefix(name, "mat"):
		p.kind = pMat
		c, r, _ := strings.Cut(name[3:], "x")
		p.nv, p.rv = c, r
		p.elem = parsePattern(ta[0])
	case name == "array":
		p.kind = pArray
		p.elem = parsePattern(ta[0])
	case name == "atomic":
		p.kind = pAtomic
		p.elem = parsePattern(ta[0])
	case name == "ptr":
		p.kind = pPtr
		switch ta[0] {
		case "storage":
			p.space = Storage
		case "workgroup":
			p.space = Workgroup
		default:
			p.v = ta[0] // space variable: storage or workgroup
		}
		p.elem = parsePattern(ta[1])
		if len(ta) > 2 {
			p.rv = ta[2]
		}
	case name == "sampler":
		p.kind = pSampler
	case name == "sampler_comparison":
		p.kind = pSamplerCmp
	case name == "frexp_result":
		p.kind = pFrexp
		p.elem = parsePattern(ta[0])
	case name == "modf_result":
		p.kind = pModf
		p.elem = parsePattern(ta[0])
	case name == "cmpxchg_result":
		p.kind = pCmpXchg
		p.elem = parsePattern(ta[0])
	default:
		if tk, ok := texPatNames[name]; ok {
			p.kind = pTexture
			p.tex, p.dim = tk.k, tk.d
			if len(ta) > 0 {
				if tk.k == TexStorage {
					p.v = ta[0] // format variable
					if len(ta) > 1 {
						p.rv = ta[1]
					}
				} else {
					p.elem = parsePattern(ta[0])
				}
			}
			return p
		}
		p.kind = pScalarVar
		p.v = name
	}
	return p
}

// binding is the state of one overload match.
type binding struct {
	scalars assoc[*Type]
	sizes   assoc[int]
	format  string
	access  AccessMode
	space   AddressSpace
}

// assoc is a tiny map for the few variables of one overload (linear scan,
// no allocation for up to four entries).
type assoc[V any] struct {
	keys [4]string
	vals [4]V
	n    int
	more map[string]V
}

func (a *assoc[V]) get(k string) (V, bool) {
	for i := 0; i < a.n; i++ {
		if a.keys[i] == k {
			return a.vals[i], true
		}
	}
	v, ok := a.more[k]
	return v, ok
}

func (a *assoc[V]) set(k string, v V) {
	for i := 0; i < a.n; i++ {
		if a.keys[i] == k {
			a.vals[i] = v
			return
		}
	}
	if a.n < len(a.keys) {
		a.keys[a.n], a.vals[a.n] = k, v
		a.n++
		return
	}
	if a.more == nil {
		a.more = map[string]V{}
	}
	a.more[k] = v
}

func (a *assoc[V]) each(f func(k string, v V)) {
	for i := 0; i < a.n; i++ {
		f(a.keys[i], a.vals[i])
	}
	for k, v := range a.more {
		f(k, v)
	}
}

// matchPat unifies pattern p with argument type t, binding variables.
// Scalar variables may be rebound to a type the earlier binding converts to.
func (b *binding) matchPat(p *pattern, t *Type, o *overload) bool {
	t = unref(t)
	switch p.kind {
	case pScalar:
		return t.IsScalar() && convScalarRank(t, p.scalar) >= 0
	case pScalarVar:
		if !t.IsScalar() {
			return false
		}
		cur, ok := b.scalars.get(p.v)
		if !ok {
			b.scalars.set(p.v, t)
			return true
		}
		switch {
		case cur.Kind == t.Kind:
		case convScalarRank(t, cur) >= 0:
		case convScalarRank(cur, t) >= 0:
			b.scalars.set(p.v, t)
		default:
			return false
		}
		return true
	case pVec:
		if t.Kind != Vector {
			return false
		}
		if !b.matchSize(p.n, p.nv, t.N) {
			return false
		}
		return b.matchPat(p.elem, t.Elem, o)
	case pMat:
		if t.Kind != Matrix {
			return false
		}
		if !b.matchSize(0, p.nv, t.N) || !b.matchSize(0, p.rv, t.Rows) {
			return false
		}
		return b.matchPat(p.elem, t.Elem, o)
	case pArray:
		return t.Kind == Array && t.N == 0 && t.OverrideCount == nil && b.matchStore(p.elem, t.Elem, o)
	case pAtomic:
		if t.Kind != Atomic || !b.matchPat(p.elem, t.Elem, o) {
			return false
		}
		_, ok := b.scalars.get(p.elem.v)
		return ok
	case pPtr:
		if t.Kind != Pointer {
			return false
		}
		if p.space != NoSpace && t.Space != p.space {
			return false
		}
		if p.v != "" && t.Space != Storage && t.Space != Workgroup {
			return false
		}
		if p.rv == "RW" && t.Access != ReadWrite {
			return false
		}
		b.space = t.Space
		return b.matchStore(p.elem, t.Elem, o)
	case pSampler:
		return t.Kind == Sampler
	case pSamplerCmp:
		return t.Kind == SamplerComparison
	case pTexture:
		if t.Kind != Texture || t.Tex != p.tex || (p.tex != TexExternal && t.Dim != p.dim) {
			return false
		}
		if p.tex == TexStorage {
			b.format = t.Format
			b.access = t.Access
			if ch := texelFormats[t.Format]; ch != nil {
				b.scalars.set(p.v, ch)
			}
			switch p.rv {
			case "W":
				return t.Access == Write || t.Access == ReadWrite
			case "R":
				return t.Access == Read || t.Access == ReadWrite
			}
			return true
		}
		if p.elem != nil {
			return t.Elem != nil && b.matchPat(p.elem, t.Elem, o)
		}
		return true
	}
	return false
}

// matchStore matches a store type exactly (no conversions through memory).
func (b *binding) matchStore(p *pattern, t *Type, o *overload) bool {
	if p.kind == pScalarVar {
		if p.v == "E" { // any element type
			b.scalars.set("E", t)
			return true
		}
		if !t.IsScalar() {
			return false
		}
		if cur, ok := b.scalars.get(p.v); ok && cur.Kind != t.Kind {
			return false
		}
		b.scalars.set(p.v, t)
		return true
	}
	return b.matchPat(p, t, o)
}

func (b *binding) matchSize(fixed int, v string, n int) bool {
	if fixed != 0 {
		return fixed == n
	}
	if cur, ok := b.sizes.get(v); ok {
		return cur == n
	}
	b.sizes.set(v, n)
	return true
}

// instantiate builds the concrete type of a pattern under b.
func (b *binding) instantiate(p *pattern) *Type {
	switch p.kind {
	case pScalar:
		return p.scalar
	case pScalarVar:
		if t, ok := b.scalars.get(p.v); ok && t != nil {
			return t
		}
		return tInvalid
	case pVec:
		n := p.n
		if n == 0 {
			n, _ = b.sizes.get(p.nv)
		}
		return vecOf(n, b.instantiate(p.elem))
	case pMat:
		c, _ := b.sizes.get(p.nv)
		r, _ := b.sizes.get(p.rv)
		return matOf(c, r, b.instantiate(p.elem))
	case pAtomic:
		return &Type{Kind: Atomic, Elem: b.instantiate(p.elem)}
	case pFrexp:
		return frexpResult(b.instantiate(p.elem))
	case pModf:
		return modfResult(b.instantiate(p.elem))
	case pCmpXchg:
		return cmpxchgResult(b.instantiate(p.elem))
	case pSampler:
		return tSampler
	case pSamplerCmp:
		return tSampCmp
	}
	return tInvalid
}

// resolveAbstract replaces scalar variables bound to abstract types that
// their set does not allow with the best-ranked allowed type.
func (b *binding) resolveAbstract(o *overload) bool {
	ok := true
	for i := 0; i < b.scalars.n; i++ {
		v, t := b.scalars.keys[i], b.scalars.vals[i]
		set, found := o.sets[v]
		if !found {
			if v == "E" {
				continue
			}
			set = scalarSets["any"]
		}
		best, bestRank := (*Type)(nil), 100
		for _, c := range set {
			if r := convScalarRank(t, c); r >= 0 && r < bestRank {
				best, bestRank = c, r
			}
		}
		if best == nil {
			ok = false
			break
		}
		b.scalars.vals[i] = best
	}
	return ok
}

// matchOverload tries o against the argument types, filling b (which it
// resets). It returns the total conversion rank, or ok false.
func matchOverload(o *overload, args []*Type, b *binding) (rank int, ok bool) {
	if len(args) != len(o.params) {
		return 0, false
	}
	*b = binding{}
	for i, p := range o.params {
		if !b.matchPat(p, args[i], o) {
			return 0, false
		}
	}
	if !b.resolveAbstract(o) {
		return 0, false
	}
	for i, p := range o.params {
		if p.kind == pPtr || p.kind == pTexture || p.kind == pArray {
			continue
		}
		pt := b.instantiate(p)
		r := convRank(args[i], pt)
		if r < 0 {
			return 0, false
		}
		rank += r
	}
	return rank, true
}
