package wgsl

import (
	"strconv"
	"strings"
	"unsafe"
)

// Kind classifies a Type.
type Kind uint8

// The kinds of WGSL types. Invalid is the error type: it converts to and from
// everything silently, so one mistake yields one diagnostic.
const (
	Invalid Kind = iota
	Void
	Bool
	AbstractInt
	AbstractFloat
	I32
	U32
	F32
	F16
	Vector
	Matrix
	Array
	Struct
	Atomic
	Pointer
	Reference
	Sampler
	SamplerComparison
	Texture
	// FrexpResult and ModfResult are the builtin result structs; they use
	// Struct with a predeclared StructInfo, so no separate kind.
)

// AddressSpace is where a variable lives.
type AddressSpace uint8

// Address spaces; NoSpace is "not given".
const (
	NoSpace AddressSpace = iota
	Function
	Private
	Workgroup
	Uniform
	Storage
	Handle
	Immediate
)

var spaceNames = [...]string{"", "function", "private", "workgroup", "uniform", "storage", "handle", "immediate"}

func (s AddressSpace) String() string { return spaceNames[s] }

// AccessMode is how a memory view may be used.
type AccessMode uint8

// Access modes; NoAccess is "not given".
const (
	NoAccess AccessMode = iota
	Read
	Write
	ReadWrite
)

var accessNames = [...]string{"", "read", "write", "read_write"}

func (a AccessMode) String() string { return accessNames[a] }

// TextureKind distinguishes the texture families.
type TextureKind uint8

// Texture families.
const (
	TexSampled TextureKind = iota + 1
	TexMultisampled
	TexDepth
	TexDepthMultisampled
	TexStorage
	TexExternal
)

// TexDim is a texture's dimensionality.
type TexDim uint8

// Texture dimensions.
const (
	Dim1D TexDim = iota + 1
	Dim2D
	Dim2DArray
	Dim3D
	DimCube
	DimCubeArray
)

// Type is a WGSL type. Scalars, vectors and matrices of scalars are
// interned, so two of them are identical exactly when the pointers are equal;
// use Identical for the general case.
type Type struct {
	Kind Kind
	// Elem is the component type of a vector, matrix, array or atomic, the
	// store type of a pointer or reference, and the sampled type of a
	// sampled or multisampled texture.
	Elem *Type
	// N is a vector's width, a matrix's column count or a fixed array's
	// element count (0 for a runtime-sized or override-sized array).
	N int
	// Rows is a matrix's row count.
	Rows int
	// OverrideCount names the override expression of an override-sized
	// array (identity by the declaration that spells it).
	OverrideCount any
	// Space and Access describe pointers, references and storage textures
	// (Access only).
	Space  AddressSpace
	Access AccessMode
	// Struct describes a structure type.
	Struct *StructInfo
	// Texture fields.
	Tex    TextureKind
	Dim    TexDim
	Format string
	// Stride is an explicit array stride; 0 means the natural one.
	Stride int
}

// StructInfo describes a structure's members. Two structure types are the
// same only if they are the same declaration (pointer identity).
type StructInfo struct {
	Name    string
	Members []Member
	// Decl is the declaring node, nil for builtin result structs.
	Decl any
}

// Member is one structure member with its explicit layout attributes
// (zero when absent).
type Member struct {
	Name  string
	Type  *Type
	Align int
	Size  int
	// Attr data used by entry-point IO validation.
	Location  int // -1 when absent
	Builtin   string
	Invariant bool
	Interp    string
	BlendSrc  int // -1 when absent
	Decl      any
}

var (
	tInvalid = &Type{Kind: Invalid}
	tVoid    = &Type{Kind: Void}
	tBool    = &Type{Kind: Bool}
	tAInt    = &Type{Kind: AbstractInt}
	tAFloat  = &Type{Kind: AbstractFloat}
	tI32     = &Type{Kind: I32}
	tU32     = &Type{Kind: U32}
	tF32     = &Type{Kind: F32}
	tF16     = &Type{Kind: F16}
	tSampler = &Type{Kind: Sampler}
	tSampCmp = &Type{Kind: SamplerComparison}

	vecCache, matCache = buildTypeCaches()
)

// buildTypeCaches interns every vector and matrix of scalars. It runs as a
// variable initializer so that other package-level variables may use vecOf.
func buildTypeCaches() (vc *[Texture + 1][5]*Type, mc *[Texture + 1][5][5]*Type) {
	vc, mc = new([Texture + 1][5]*Type), new([Texture + 1][5][5]*Type)
	for _, s := range []*Type{tBool, tAInt, tAFloat, tI32, tU32, tF32, tF16} {
		for n := 2; n <= 4; n++ {
			vc[s.Kind][n] = &Type{Kind: Vector, Elem: s, N: n}
			for r := 2; r <= 4; r++ {
				mc[s.Kind][n][r] = &Type{Kind: Matrix, Elem: s, N: n, Rows: r}
			}
		}
	}
	return vc, mc
}

// vecOf returns the interned vecN<s>.
func vecOf(n int, s *Type) *Type {
	if s.Kind == Invalid || n < 2 || n > 4 || !s.IsScalar() {
		return tInvalid
	}
	return vecCache[s.Kind][n]
}

// matOf returns the interned matCxR<s>.
func matOf(c, r int, s *Type) *Type {
	if s.Kind == Invalid || c < 2 || c > 4 || r < 2 || r > 4 || !s.IsScalar() {
		return tInvalid
	}
	return matCache[s.Kind][c][r]
}

func ptrOf(space AddressSpace, store *Type, access AccessMode) *Type {
	return &Type{Kind: Pointer, Space: space, Elem: store, Access: access}
}

type refKey struct {
	space  AddressSpace
	access AccessMode
	store  *Type
}

// refOf returns the reference type, interned per analysis: references are
// made for every variable use. The cache belongs to the checker, not the
// package, so that it never keeps an earlier document's types (and, through
// them, its tree) alive.
//
// A small direct-mapped cache of recent answers sits in front of the map
// (whose hashing of the three-part key is the expensive part).
func (c *checker) refOf(space AddressSpace, store *Type, access AccessMode) *Type {
	h := (uint64(uintptr(unsafe.Pointer(store))) ^ uint64(space)<<3 ^ uint64(access)<<6) * 0x9E3779B97F4A7C15
	slot := &c.refCache[h>>(64-refCacheBits)]
	if t := *slot; t != nil && t.Elem == store && t.Space == space && t.Access == access {
		return t
	}
	k := refKey{space, access, store}
	t := c.refTypes[k]
	if t == nil {
		if c.refTypes == nil {
			c.refTypes = make(map[refKey]*Type, 32)
		}
		t = &Type{Kind: Reference, Space: space, Elem: store, Access: access}
		c.refTypes[k] = t
	}
	*slot = t
	return t
}

// refCacheBits sizes checker.refCache.
const refCacheBits = 6

// IsScalar reports bool, integer and floating-point types (abstract included).
func (t *Type) IsScalar() bool { return t.Kind >= Bool && t.Kind <= F16 }

// IsAbstract reports a type whose leaves are abstract numbers.
func (t *Type) IsAbstract() bool {
	switch t.Kind {
	case AbstractInt, AbstractFloat:
		return true
	case Vector, Matrix, Array:
		return t.Elem.IsAbstract()
	}
	return false
}

// IsInt reports an integer scalar (abstract included).
func (t *Type) IsInt() bool { return t.Kind == AbstractInt || t.Kind == I32 || t.Kind == U32 }

// IsFloat reports a floating-point scalar (abstract included).
func (t *Type) IsFloat() bool {
	return t.Kind == AbstractFloat || t.Kind == F32 || t.Kind == F16
}

// IsNumeric reports a numeric scalar.
func (t *Type) IsNumeric() bool { return t.IsInt() || t.IsFloat() }

// IsSigned reports a signed numeric scalar.
func (t *Type) IsSigned() bool { return t.IsNumeric() && t.Kind != U32 }

// Leaf is the scalar at the bottom of a vector or matrix, else t itself.
func (t *Type) Leaf() *Type {
	if t.Kind == Vector || t.Kind == Matrix {
		return t.Elem
	}
	return t
}

// IsConstructible reports whether values of t may be built by constructors
// and held by let/const (no runtime arrays, atomics, pointers, handles).
func (t *Type) IsConstructible() bool {
	switch t.Kind {
	case Bool, AbstractInt, AbstractFloat, I32, U32, F32, F16, Vector, Matrix, Invalid:
		return true
	case Array:
		return t.N > 0 && t.OverrideCount == nil && t.Elem.IsConstructible()
	case Struct:
		for _, m := range t.Struct.Members {
			if !m.Type.IsConstructible() {
				return false
			}
		}
		return true
	}
	return false
}

// IsStorable reports a type that memory can hold.
func (t *Type) IsStorable() bool {
	switch t.Kind {
	case Void, Pointer, Reference:
		return false
	case AbstractInt, AbstractFloat:
		return false
	}
	return !t.IsAbstract()
}

// HasFixedFootprint reports a type of statically known size (no runtime
// array anywhere).
func (t *Type) HasFixedFootprint() bool {
	switch t.Kind {
	case Array:
		return t.N > 0 || t.OverrideCount != nil
	case Struct:
		ms := t.Struct.Members
		return len(ms) == 0 || ms[len(ms)-1].Type.HasFixedFootprint()
	}
	return true
}

// IsHostShareable reports a type that may be shared with the host
// (uniform/storage buffers).
func (t *Type) IsHostShareable() bool {
	switch t.Kind {
	case I32, U32, F32, F16, Atomic:
		return true
	case Vector, Matrix:
		return t.Elem.IsHostShareable()
	case Array:
		return t.OverrideCount == nil && t.Elem.IsHostShareable()
	case Struct:
		for _, m := range t.Struct.Members {
			if !m.Type.IsHostShareable() {
				return false
			}
		}
		return true
	}
	return false
}

// ContainsAtomic reports an atomic anywhere inside t.
func (t *Type) ContainsAtomic() bool {
	switch t.Kind {
	case Atomic:
		return true
	case Array:
		return t.Elem.ContainsAtomic()
	case Struct:
		for _, m := range t.Struct.Members {
			if m.Type.ContainsAtomic() {
				return true
			}
		}
	}
	return false
}

// ContainsF16 reports f16 anywhere inside t.
func (t *Type) ContainsF16() bool {
	switch t.Kind {
	case F16:
		return true
	case Vector, Matrix, Array, Atomic, Pointer, Reference:
		return t.Elem != nil && t.Elem.ContainsF16()
	case Struct:
		for _, m := range t.Struct.Members {
			if m.Type.ContainsF16() {
				return true
			}
		}
	}
	return false
}

// IsHandle reports textures and samplers.
func (t *Type) IsHandle() bool {
	return t.Kind == Texture || t.Kind == Sampler || t.Kind == SamplerComparison
}

// Identical reports whether a and b are the same type.
func Identical(a, b *Type) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Vector, Matrix:
		return a.N == b.N && a.Rows == b.Rows && Identical(a.Elem, b.Elem)
	case Array:
		if a.N != b.N || a.Stride != b.Stride || !Identical(a.Elem, b.Elem) {
			return false
		}
		if a.OverrideCount != nil || b.OverrideCount != nil {
			return a.OverrideCount == b.OverrideCount
		}
		return true
	case Struct:
		return a.Struct == b.Struct
	case Atomic:
		return Identical(a.Elem, b.Elem)
	case Pointer, Reference:
		return a.Space == b.Space && a.Access == b.Access && Identical(a.Elem, b.Elem)
	case Texture:
		return a.Tex == b.Tex && a.Dim == b.Dim && a.Format == b.Format && a.Access == b.Access &&
			((a.Elem == nil) == (b.Elem == nil)) && (a.Elem == nil || Identical(a.Elem, b.Elem))
	}
	return true
}

// String spells t the way WGSL source does.
func (t *Type) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

var scalarNames = map[Kind]string{
	Invalid: "<error>", Void: "void", Bool: "bool", AbstractInt: "abstract-int",
	AbstractFloat: "abstract-float", I32: "i32", U32: "u32", F32: "f32", F16: "f16",
	Sampler: "sampler", SamplerComparison: "sampler_comparison",
}

func (t *Type) write(b *strings.Builder) {
	if t == nil {
		b.WriteString("<nil>")
		return
	}
	switch t.Kind {
	case Vector:
		b.WriteString("vec" + strconv.Itoa(t.N) + "<")
		t.Elem.write(b)
		b.WriteString(">")
	case Matrix:
		b.WriteString("mat" + strconv.Itoa(t.N) + "x" + strconv.Itoa(t.Rows) + "<")
		t.Elem.write(b)
		b.WriteString(">")
	case Array:
		b.WriteString("array<")
		t.Elem.write(b)
		if t.N > 0 {
			b.WriteString(", " + strconv.Itoa(t.N))
		} else if t.OverrideCount != nil {
			b.WriteString(", <override>")
		}
		b.WriteString(">")
	case Struct:
		b.WriteString(t.Struct.Name)
	case Atomic:
		b.WriteString("atomic<")
		t.Elem.write(b)
		b.WriteString(">")
	case Pointer, Reference:
		if t.Kind == Pointer {
			b.WriteString("ptr<")
		} else {
			b.WriteString("ref<")
		}
		b.WriteString(t.Space.String() + ", ")
		t.Elem.write(b)
		if t.Access != NoAccess {
			b.WriteString(", " + t.Access.String())
		}
		b.WriteString(">")
	case Texture:
		b.WriteString(textureName(t))
	default:
		b.WriteString(scalarNames[t.Kind])
	}
}

var dimSuffix = map[TexDim]string{Dim1D: "1d", Dim2D: "2d", Dim2DArray: "2d_array", Dim3D: "3d", DimCube: "cube", DimCubeArray: "cube_array"}

func textureName(t *Type) string {
	switch t.Tex {
	case TexSampled:
		return "texture_" + dimSuffix[t.Dim] + "<" + t.Elem.String() + ">"
	case TexMultisampled:
		return "texture_multisampled_2d<" + t.Elem.String() + ">"
	case TexDepth:
		return "texture_depth_" + dimSuffix[t.Dim]
	case TexDepthMultisampled:
		return "texture_depth_multisampled_2d"
	case TexStorage:
		return "texture_storage_" + dimSuffix[t.Dim] + "<" + t.Format + ", " + t.Access.String() + ">"
	case TexExternal:
		return "texture_external"
	}
	return "texture"
}

// texelFormats maps each storage texel format to its channel type.
var texelFormats = map[string]*Type{
	"rgba8unorm": tF32, "rgba8snorm": tF32, "rgba8uint": tU32, "rgba8sint": tI32,
	"rgba16uint": tU32, "rgba16sint": tI32, "rgba16float": tF32,
	"r32uint": tU32, "r32sint": tI32, "r32float": tF32,
	"rg32uint": tU32, "rg32sint": tI32, "rg32float": tF32,
	"rgba32uint": tU32, "rgba32sint": tI32, "rgba32float": tF32,
	"bgra8unorm": tF32,
	// texture-formats-tier1 (language extension) formats.
	"r8unorm": tF32, "r8snorm": tF32, "r8uint": tU32, "r8sint": tI32,
	"rg8unorm": tF32, "rg8snorm": tF32, "rg8uint": tU32, "rg8sint": tI32,
	"r16unorm": tF32, "r16snorm": tF32, "r16uint": tU32, "r16sint": tI32, "r16float": tF32,
	"rg16unorm": tF32, "rg16snorm": tF32, "rg16uint": tU32, "rg16sint": tI32, "rg16float": tF32,
	"rgba16unorm": tF32, "rgba16snorm": tF32,
	"rgb10a2uint": tU32, "rgb10a2unorm": tF32, "rg11b10ufloat": tF32,
}

// coreTexelFormats are the formats available without an extension.
var coreTexelFormats = map[string]bool{
	"rgba8unorm": true, "rgba8snorm": true, "rgba8uint": true, "rgba8sint": true,
	"rgba16uint": true, "rgba16sint": true, "rgba16float": true,
	"r32uint": true, "r32sint": true, "r32float": true,
	"rg32uint": true, "rg32sint": true, "rg32float": true,
	"rgba32uint": true, "rgba32sint": true, "rgba32float": true, "bgra8unorm": true,
}

// texDims returns the coordinate dimension count of a texture dimension.
func texDims(d TexDim) int {
	switch d {
	case Dim1D:
		return 1
	case Dim2D, Dim2DArray:
		return 2
	}
	return 3
}

func isArrayed(d TexDim) bool { return d == Dim2DArray || d == DimCubeArray }

// concretize returns the default concrete type for an abstract type:
// abstract-int becomes i32 and abstract-float becomes f32, componentwise.
func concretize(t *Type) *Type {
	switch t.Kind {
	case AbstractInt:
		return tI32
	case AbstractFloat:
		return tF32
	case Vector:
		return vecOf(t.N, concretize(t.Elem))
	case Matrix:
		return matOf(t.N, t.Rows, concretize(t.Elem))
	case Array:
		if t.Elem.IsAbstract() {
			c := *t
			c.Elem = concretize(t.Elem)
			return &c
		}
	}
	return t
}

// withLeaf returns t with its scalar leaf replaced by s (scalars, vectors,
// matrices and arrays of them).
func withLeaf(t, s *Type) *Type {
	switch t.Kind {
	case Vector:
		return vecOf(t.N, s)
	case Matrix:
		return matOf(t.N, t.Rows, s)
	case Array:
		c := *t
		c.Elem = withLeaf(t.Elem, s)
		return &c
	}
	if t.IsScalar() {
		return s
	}
	return t
}

// scalarLeaf returns the innermost scalar of vectors, matrices and arrays.
func scalarLeaf(t *Type) *Type {
	for t.Kind == Vector || t.Kind == Matrix || t.Kind == Array {
		t = t.Elem
	}
	return t
}

// convRank is the conversion rank from scalar a to scalar b per the WGSL
// overload-resolution table; -1 means no automatic conversion.
func convScalarRank(a, b *Type) int {
	if a.Kind == b.Kind {
		return 0
	}
	switch a.Kind {
	case AbstractFloat:
		switch b.Kind {
		case F32:
			return 1
		case F16:
			return 2
		}
	case AbstractInt:
		switch b.Kind {
		case I32:
			return 3
		case U32:
			return 4
		case AbstractFloat:
			return 5
		case F32:
			return 6
		case F16:
			return 7
		}
	}
	return -1
}

// convRank is the conversion rank from type a to type b (-1 when a does not
// automatically convert to b). References load first (rank 0).
func convRank(a, b *Type) int {
	if a.Kind == Invalid || b.Kind == Invalid {
		return 0
	}
	if a.Kind == Reference {
		if Identical(a.Elem, b) {
			return 0
		}
		return -1
	}
	if Identical(a, b) {
		return 0
	}
	if a.IsScalar() && b.IsScalar() {
		return convScalarRank(a, b)
	}
	switch a.Kind {
	case Vector, Matrix:
		if a.Kind == b.Kind && a.N == b.N && a.Rows == b.Rows {
			return convScalarRank(a.Elem, b.Elem)
		}
	case Array:
		if b.Kind == Array && a.N == b.N && a.N > 0 && b.OverrideCount == nil && a.Stride == b.Stride {
			return convRank(a.Elem, b.Elem)
		}
	}
	return -1
}

// convertible reports whether a value of type a may be used where b is wanted.
func convertible(a, b *Type) bool { return convRank(a, b) >= 0 }

// unref returns the store type of a reference (the load rule), else t.
func unref(t *Type) *Type {
	if t.Kind == Reference {
		return t.Elem
	}
	return t
}

// commonType finds the type that all ts automatically convert to with the
// lowest rank, or nil if none (used by array constructors and switch
// selectors). It is linear in len(ts).
func commonType(ts []*Type) *Type {
	if len(ts) == 0 {
		return nil
	}
	cur := unref(ts[0])
	for _, t := range ts[1:] {
		t = unref(t)
		switch {
		case convRank(t, cur) >= 0:
		case convRank(cur, t) >= 0:
			cur = t
		default:
			// abstract-int and abstract-float meet at abstract-float.
			c := withLeaf(cur, tAFloat)
			if scalarLeaf(cur).IsAbstract() && convRank(cur, c) >= 0 && convRank(t, c) >= 0 {
				cur = c
				continue
			}
			return nil
		}
	}
	for _, t := range ts {
		if convRank(unref(t), cur) < 0 {
			return nil
		}
	}
	return cur
}
