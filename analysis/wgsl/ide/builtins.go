package ide

import "strings"

// builtinDoc describes one builtin function for hover, completion and
// signature help: its generic signatures (T stands for the component type,
// vecN for any vector width) and a paragraph written for this server.
type builtinDoc struct {
	name string
	sigs []string // "(e1: T, e2: T) -> T"
	doc  string
}

// builtinTable lists the builtin functions the editor features describe.
// The checker's own overload table is unexported; the signatures here are
// written from the WGSL specification's function definitions.
var builtinTable = map[string]*builtinDoc{}

func init() {
	for _, b := range builtinList {
		builtinTable[b.name] = b
	}
}

// params returns the parameter names and types of sig.
func sigParams(sig string) []string {
	open, close := strings.IndexByte(sig, '('), strings.LastIndex(sig, ")")
	if open < 0 || close < open {
		return nil
	}
	inner := strings.TrimSpace(sig[open+1 : close])
	if inner == "" {
		return nil
	}
	var out []string
	depth, start := 0, 0
	for i, r := range inner {
		switch r {
		case '<':
			depth++
		case '>':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(inner[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(inner[start:]))
}

var builtinList = []*builtinDoc{
	// Numeric.
	{"abs", []string{"(e: T) -> T"}, "The absolute value of e, component-wise for vectors. For signed integers the most negative value maps to itself."},
	{"acos", []string{"(e: T) -> T"}, "The principal arc cosine of e in radians; e must lie in [-1, 1]."},
	{"acosh", []string{"(e: T) -> T"}, "The inverse hyperbolic cosine of e; e must be at least 1."},
	{"asin", []string{"(e: T) -> T"}, "The principal arc sine of e in radians; e must lie in [-1, 1]."},
	{"asinh", []string{"(e: T) -> T"}, "The inverse hyperbolic sine of e."},
	{"atan", []string{"(e: T) -> T"}, "The principal arc tangent of e in radians, in [-π/2, π/2]."},
	{"atanh", []string{"(e: T) -> T"}, "The inverse hyperbolic tangent of e; |e| must be below 1."},
	{"atan2", []string{"(y: T, x: T) -> T"}, "The angle in radians whose tangent is y/x, using the signs of both to pick the quadrant; the result lies in [-π, π]."},
	{"ceil", []string{"(e: T) -> T"}, "Rounds e up to the nearest integral value."},
	{"clamp", []string{"(e: T, low: T, high: T) -> T"}, "Restricts e to the range [low, high]: min(max(e, low), high). low should not exceed high."},
	{"cos", []string{"(e: T) -> T"}, "The cosine of e, an angle in radians."},
	{"cosh", []string{"(e: T) -> T"}, "The hyperbolic cosine of e."},
	{"countLeadingZeros", []string{"(e: T) -> T"}, "The number of consecutive zero bits starting from the most significant bit of e (32 when e is zero)."},
	{"countOneBits", []string{"(e: T) -> T"}, "The number of bits set in e (population count)."},
	{"countTrailingZeros", []string{"(e: T) -> T"}, "The number of consecutive zero bits starting from the least significant bit of e (32 when e is zero)."},
	{"cross", []string{"(a: vec3<T>, b: vec3<T>) -> vec3<T>"}, "The cross product of two 3-component float vectors: a vector perpendicular to both, with length |a||b|sin θ."},
	{"degrees", []string{"(e: T) -> T"}, "Converts e from radians to degrees."},
	{"determinant", []string{"(e: matNxN<T>) -> T"}, "The determinant of a square matrix."},
	{"distance", []string{"(e1: T, e2: T) -> T"}, "The Euclidean distance between two points: length(e1 - e2)."},
	{"dot", []string{"(e1: vecN<T>, e2: vecN<T>) -> T"}, "The dot product of two vectors: the sum of the products of their components."},
	{"dot4U8Packed", []string{"(e1: u32, e2: u32) -> u32"}, "The dot product of the four unsigned 8-bit integers packed in e1 and in e2."},
	{"dot4I8Packed", []string{"(e1: u32, e2: u32) -> i32"}, "The dot product of the four signed 8-bit integers packed in e1 and in e2."},
	{"exp", []string{"(e: T) -> T"}, "The natural exponential of e (e raised to the power e)."},
	{"exp2", []string{"(e: T) -> T"}, "2 raised to the power e."},
	{"extractBits", []string{"(e: T, offset: u32, count: u32) -> T"}, "Reads count bits of e starting at bit offset; signed inputs are sign-extended from the last bit read."},
	{"faceForward", []string{"(e1: vecN<T>, e2: vecN<T>, e3: vecN<T>) -> vecN<T>"}, "Returns e1 if dot(e2, e3) is negative, else -e1: orients a normal to face the viewer."},
	{"firstLeadingBit", []string{"(e: T) -> T"}, "The position of the most significant bit of e that differs from the sign bit (for signed) or is set (for unsigned); -1 (all ones) if there is none."},
	{"firstTrailingBit", []string{"(e: T) -> T"}, "The position of the least significant set bit of e; -1 (all ones) if e is zero."},
	{"floor", []string{"(e: T) -> T"}, "Rounds e down to the nearest integral value."},
	{"fma", []string{"(e1: T, e2: T, e3: T) -> T"}, "Fused multiply-add: e1 * e2 + e3, possibly with a single rounding."},
	{"fract", []string{"(e: T) -> T"}, "The fractional part of e: e - floor(e)."},
	{"frexp", []string{"(e: T) -> __frexp_result<T>"}, "Splits e into a significand in [0.5, 1) and an integral power of two: e = fract * 2^exp; returns a structure with members fract and exp."},
	{"insertBits", []string{"(e: T, newbits: T, offset: u32, count: u32) -> T"}, "Replaces count bits of e starting at bit offset with the low bits of newbits."},
	{"inverseSqrt", []string{"(e: T) -> T"}, "The reciprocal of the square root of e; e must be positive."},
	{"ldexp", []string{"(e1: T, e2: I) -> T"}, "Scales e1 by a power of two: e1 * 2^e2."},
	{"length", []string{"(e: T) -> S"}, "The length (Euclidean norm) of a vector, or the absolute value of a scalar."},
	{"log", []string{"(e: T) -> T"}, "The natural logarithm of e; e must be positive."},
	{"log2", []string{"(e: T) -> T"}, "The base-2 logarithm of e; e must be positive."},
	{"max", []string{"(e1: T, e2: T) -> T"}, "The larger of e1 and e2, component-wise."},
	{"min", []string{"(e1: T, e2: T) -> T"}, "The smaller of e1 and e2, component-wise."},
	{"mix", []string{"(e1: T, e2: T, e3: T) -> T", "(e1: vecN<T>, e2: vecN<T>, e3: T) -> vecN<T>"}, "Linear blend of e1 and e2 by e3: e1 * (1 - e3) + e2 * e3."},
	{"modf", []string{"(e: T) -> __modf_result<T>"}, "Splits e into its fractional and whole parts, both with the sign of e; returns a structure with members fract and whole."},
	{"normalize", []string{"(e: vecN<T>) -> vecN<T>"}, "The unit vector in the direction of e; e must not be the zero vector."},
	{"pow", []string{"(e1: T, e2: T) -> T"}, "e1 raised to the power e2; e1 must be non-negative for a well-defined result."},
	{"quantizeToF16", []string{"(e: T) -> T"}, "Rounds an f32 value as if converted to f16 and back, without changing its type."},
	{"radians", []string{"(e: T) -> T"}, "Converts e from degrees to radians."},
	{"reflect", []string{"(e1: vecN<T>, e2: vecN<T>) -> vecN<T>"}, "Reflects the incident direction e1 about a surface with normal e2: e1 - 2 * dot(e2, e1) * e2."},
	{"refract", []string{"(e1: vecN<T>, e2: vecN<T>, e3: T) -> vecN<T>"}, "The refraction of incident direction e1 through a surface with normal e2 for the ratio of indices e3; the zero vector on total internal reflection."},
	{"reverseBits", []string{"(e: T) -> T"}, "Reverses the order of the bits of e."},
	{"round", []string{"(e: T) -> T"}, "Rounds e to the nearest integral value, halfway cases to even."},
	{"saturate", []string{"(e: T) -> T"}, "Clamps e to [0, 1]."},
	{"sign", []string{"(e: T) -> T"}, "-1, 0 or 1 according to the sign of e."},
	{"sin", []string{"(e: T) -> T"}, "The sine of e, an angle in radians."},
	{"sinh", []string{"(e: T) -> T"}, "The hyperbolic sine of e."},
	{"smoothstep", []string{"(low: T, high: T, x: T) -> T"}, "Smooth Hermite interpolation between 0 and 1 as x goes from low to high."},
	{"sqrt", []string{"(e: T) -> T"}, "The square root of e; e must be non-negative."},
	{"step", []string{"(edge: T, x: T) -> T"}, "1.0 where edge <= x, else 0.0."},
	{"tan", []string{"(e: T) -> T"}, "The tangent of e, an angle in radians."},
	{"tanh", []string{"(e: T) -> T"}, "The hyperbolic tangent of e."},
	{"transpose", []string{"(e: matCxR<T>) -> matRxC<T>"}, "The transpose of a matrix."},
	{"trunc", []string{"(e: T) -> T"}, "Rounds e toward zero to an integral value."},
	// Logical, array, bit casting.
	{"all", []string{"(e: vecN<bool>) -> bool", "(e: bool) -> bool"}, "True when every component of e is true."},
	{"any", []string{"(e: vecN<bool>) -> bool", "(e: bool) -> bool"}, "True when at least one component of e is true."},
	{"select", []string{"(f: T, t: T, cond: bool) -> T", "(f: vecN<T>, t: vecN<T>, cond: vecN<bool>) -> vecN<T>"}, "Picks t where cond is true and f where it is false (component-wise for a vector condition). Both operands are evaluated."},
	{"arrayLength", []string{"(p: ptr<storage, array<E>, AM>) -> u32"}, "The number of elements of a runtime-sized array in a storage buffer, computed from the buffer binding's size."},
	{"bitcast", []string{"<T>(e: S) -> T"}, "Reinterprets the bits of e as type T, which must have the same size."},
	// Packing.
	{"pack4x8snorm", []string{"(e: vec4<f32>) -> u32"}, "Packs four floats in [-1, 1] as signed normalized 8-bit integers into one u32."},
	{"pack4x8unorm", []string{"(e: vec4<f32>) -> u32"}, "Packs four floats in [0, 1] as unsigned normalized 8-bit integers into one u32."},
	{"pack2x16snorm", []string{"(e: vec2<f32>) -> u32"}, "Packs two floats in [-1, 1] as signed normalized 16-bit integers into one u32."},
	{"pack2x16unorm", []string{"(e: vec2<f32>) -> u32"}, "Packs two floats in [0, 1] as unsigned normalized 16-bit integers into one u32."},
	{"pack2x16float", []string{"(e: vec2<f32>) -> u32"}, "Packs two floats as IEEE half-precision numbers into one u32."},
	{"unpack4x8snorm", []string{"(e: u32) -> vec4<f32>"}, "Unpacks four signed normalized 8-bit integers from e into floats in [-1, 1]."},
	{"unpack4x8unorm", []string{"(e: u32) -> vec4<f32>"}, "Unpacks four unsigned normalized 8-bit integers from e into floats in [0, 1]."},
	{"unpack2x16snorm", []string{"(e: u32) -> vec2<f32>"}, "Unpacks two signed normalized 16-bit integers from e into floats in [-1, 1]."},
	{"unpack2x16unorm", []string{"(e: u32) -> vec2<f32>"}, "Unpacks two unsigned normalized 16-bit integers from e into floats in [0, 1]."},
	{"unpack2x16float", []string{"(e: u32) -> vec2<f32>"}, "Unpacks two IEEE half-precision numbers from e into f32 values."},
	// Derivatives (fragment stage).
	{"dpdx", []string{"(e: T) -> T"}, "The partial derivative of e along window x, estimated from neighbouring fragments. Fragment stage only; must be called in uniform control flow."},
	{"dpdy", []string{"(e: T) -> T"}, "The partial derivative of e along window y. Fragment stage only; must be called in uniform control flow."},
	{"fwidth", []string{"(e: T) -> T"}, "abs(dpdx(e)) + abs(dpdy(e)). Fragment stage only; must be called in uniform control flow."},
	{"dpdxCoarse", []string{"(e: T) -> T"}, "A coarse (possibly per-quad) derivative of e along x. Fragment stage only."},
	{"dpdyCoarse", []string{"(e: T) -> T"}, "A coarse derivative of e along y. Fragment stage only."},
	{"dpdxFine", []string{"(e: T) -> T"}, "A fine (per-fragment) derivative of e along x. Fragment stage only."},
	{"dpdyFine", []string{"(e: T) -> T"}, "A fine derivative of e along y. Fragment stage only."},
	// Textures.
	{"textureDimensions", []string{"(t: T) -> vecN<u32>", "(t: T, level: L) -> vecN<u32>"}, "The size in texels of texture t (of mip level level when given)."},
	{"textureLoad", []string{"(t: T, coords: C, level: L) -> vec4<S>", "(t: T, coords: C, array_index: A, level: L) -> vec4<S>"}, "Reads one texel without sampling or filtering; out-of-bounds coordinates give an implementation-chosen texel."},
	{"textureSample", []string{"(t: texture_2d<f32>, s: sampler, coords: vec2<f32>) -> vec4<f32>", "(t: T, s: sampler, coords: C, offset: vec2<i32>) -> vec4<f32>"}, "Samples texture t with sampler s at coords, with implicit level-of-detail from derivatives. Fragment stage only; must be called in uniform control flow."},
	{"textureSampleLevel", []string{"(t: T, s: sampler, coords: C, level: f32) -> vec4<f32>"}, "Samples t at an explicit mip level; usable in every stage."},
	{"textureSampleBias", []string{"(t: T, s: sampler, coords: C, bias: f32) -> vec4<f32>"}, "Samples t with the implicit level-of-detail shifted by bias. Fragment stage only."},
	{"textureSampleGrad", []string{"(t: T, s: sampler, coords: C, ddx: C, ddy: C) -> vec4<f32>"}, "Samples t with explicit gradients for level-of-detail selection."},
	{"textureSampleCompare", []string{"(t: texture_depth_2d, s: sampler_comparison, coords: vec2<f32>, depth_ref: f32) -> f32"}, "Samples a depth texture and compares against depth_ref, returning the filtered pass ratio in [0, 1]. Fragment stage only."},
	{"textureSampleCompareLevel", []string{"(t: texture_depth_2d, s: sampler_comparison, coords: vec2<f32>, depth_ref: f32) -> f32"}, "Like textureSampleCompare at mip level 0; usable in every stage."},
	{"textureSampleBaseClampToEdge", []string{"(t: T, s: sampler, coords: vec2<f32>) -> vec4<f32>"}, "Samples level 0 of t with coordinates clamped half a texel from the edges; works on external textures."},
	{"textureGather", []string{"(component: C, t: T, s: sampler, coords: vec2<f32>) -> vec4<S>"}, "Returns the given component of the four texels a bilinear sample would use."},
	{"textureStore", []string{"(t: texture_storage_2d<F, write>, coords: vec2<C>, value: vec4<S>)"}, "Writes value to one texel of a storage texture."},
	{"textureNumLayers", []string{"(t: T) -> u32"}, "The number of array layers of an arrayed texture."},
	{"textureNumLevels", []string{"(t: T) -> u32"}, "The number of mip levels of a texture."},
	{"textureNumSamples", []string{"(t: T) -> u32"}, "The number of samples per texel of a multisampled texture."},
	// Atomics.
	{"atomicLoad", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>) -> T"}, "Atomically reads the value at atomic_ptr."},
	{"atomicStore", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T)"}, "Atomically writes v to atomic_ptr."},
	{"atomicAdd", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomically adds v and returns the value held before."},
	{"atomicSub", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomically subtracts v and returns the value held before."},
	{"atomicMax", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomically stores the maximum of the current value and v; returns the value held before."},
	{"atomicMin", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomically stores the minimum of the current value and v; returns the value held before."},
	{"atomicAnd", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomic bitwise and; returns the value held before."},
	{"atomicOr", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomic bitwise or; returns the value held before."},
	{"atomicXor", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomic bitwise exclusive or; returns the value held before."},
	{"atomicExchange", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, v: T) -> T"}, "Atomically replaces the value with v and returns the value held before."},
	{"atomicCompareExchangeWeak", []string{"(atomic_ptr: ptr<AS, atomic<T>, read_write>, cmp: T, v: T) -> __atomic_compare_exchange_result<T>"}, "Stores v if the current value equals cmp (may fail spuriously); returns the old value and whether the exchange happened."},
	// Synchronization.
	{"storageBarrier", []string{"()"}, "Orders memory accesses to the storage address space within the workgroup. Compute stage only; uniform control flow."},
	{"workgroupBarrier", []string{"()"}, "Waits until every invocation of the workgroup reaches it and orders workgroup memory accesses. Compute stage only; uniform control flow."},
	{"textureBarrier", []string{"()"}, "Orders accesses to read-write storage textures within the workgroup. Compute stage only."},
	{"workgroupUniformLoad", []string{"(p: ptr<workgroup, T>) -> T"}, "Loads from workgroup memory, returning the same value to every invocation of the workgroup (a barrier is implied). Compute stage only."},
}
