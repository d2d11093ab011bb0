package wgsl

import (
	"strings"
	"sync"
)

// stageMask is a set of shader stages.
type stageMask uint8

const (
	stageVertex stageMask = 1 << iota
	stageFragment
	stageCompute
	allStages = stageVertex | stageFragment | stageCompute
)

// builtinFn describes one builtin function: its overloads, the stages that
// may call it, whether its result must be used, and the extension it needs.
type builtinFn struct {
	name      string
	overloads []overload
	stages    stageMask
	mustUse   bool
	enable    string // extension that must be enabled ("" for core)
	// implicitLod marks texture sampling that computes derivatives:
	// fragment-only and subject to uniformity analysis.
	implicitLod bool
	// barrier marks functions that must be called in uniform control flow.
	barrier bool
	// noConst marks functions that are never const-evaluable.
	noConst bool

	// Facts derived from the name by prepare (see predeclaredTable).
	constFn                                  constBuiltinFn // constant evaluation, nil if none
	isWorkgroupUniformLoad, isArrayLength    bool
	isAtomicLoad, isTexture, isTextureGather bool
	nonUniformResult                         bool // the result may differ between invocations
	constArgCheck                            bool // builtinArgChecks has a per-name rule
}

var builtins = map[string]*builtinFn{}

// def registers overloads: each entry is "sig|sets".
func def(name string, opts string, sigs ...string) *builtinFn {
	b := builtins[name]
	if b == nil {
		b = &builtinFn{name: name, stages: allStages, mustUse: true}
		builtins[name] = b
	}
	for _, o := range strings.Fields(opts) {
		switch o {
		case "frag":
			b.stages = stageFragment
		case "compute":
			b.stages = stageCompute
		case "nouse":
			b.mustUse = false
		case "implicit":
			b.implicitLod = true
		case "barrier":
			b.barrier = true
		case "rt":
			b.noConst = true
		case "subgroups":
			b.enable = "subgroups"
		case "f16":
			b.enable = "f16"
		}
	}
	for _, s := range sigs {
		sig, sets, _ := strings.Cut(s, "|")
		b.overloads = append(b.overloads, parseOverload(name+"("+sig, sets))
	}
	return b
}

func init() {
	float1 := []string{"S) -> S|S:float", "vecN<S>) -> vecN<S>|S:float"}
	for _, n := range []string{"acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh",
		"tan", "tanh", "exp", "exp2", "log", "log2", "sqrt", "inverseSqrt", "ceil", "floor", "round", "trunc",
		"fract", "degrees", "radians", "saturate"} {
		def(n, "", float1...)
	}
	def("abs", "", "S) -> S|S:num", "vecN<S>) -> vecN<S>|S:num")
	def("sign", "", "S) -> S|S:signed", "vecN<S>) -> vecN<S>|S:signed")
	def("quantizeToF16", "", "f32) -> f32", "vecN<f32>) -> vecN<f32>")
	float2 := []string{"S, S) -> S|S:float", "vecN<S>, vecN<S>) -> vecN<S>|S:float"}
	for _, n := range []string{"atan2", "pow", "step"} {
		def(n, "", float2...)
	}
	num2 := []string{"S, S) -> S|S:num", "vecN<S>, vecN<S>) -> vecN<S>|S:num"}
	def("min", "", num2...)
	def("max", "", num2...)
	def("clamp", "", "S, S, S) -> S|S:num", "vecN<S>, vecN<S>, vecN<S>) -> vecN<S>|S:num")
	float3 := []string{"S, S, S) -> S|S:float", "vecN<S>, vecN<S>, vecN<S>) -> vecN<S>|S:float"}
	def("smoothstep", "", float3...)
	def("fma", "", float3...)
	def("mix", "", append(float3, "vecN<S>, vecN<S>, S) -> vecN<S>|S:float")...)
	def("cross", "", "vec3<S>, vec3<S>) -> vec3<S>|S:float")
	def("distance", "", "S, S) -> S|S:float", "vecN<S>, vecN<S>) -> S|S:float")
	def("length", "", "S) -> S|S:float", "vecN<S>) -> S|S:float")
	def("normalize", "", "vecN<S>) -> vecN<S>|S:float")
	def("dot", "", "vecN<S>, vecN<S>) -> S|S:num")
	def("faceForward", "", "vecN<S>, vecN<S>, vecN<S>) -> vecN<S>|S:float")
	def("reflect", "", "vecN<S>, vecN<S>) -> vecN<S>|S:float")
	def("refract", "", "vecN<S>, vecN<S>, S) -> vecN<S>|S:float")
	def("determinant", "", "matNxN<S>) -> S|S:float")
	def("transpose", "", "matCxR<S>) -> matRxC<S>|S:float")
	def("ldexp", "", "S, I) -> S|S:float I:aint", "vecN<S>, vecN<I>) -> vecN<S>|S:float I:aint")
	def("frexp", "", "S) -> frexp_result<S>|S:float", "vecN<S>) -> frexp_result<vecN<S>>|S:float")
	def("modf", "", "S) -> modf_result<S>|S:float", "vecN<S>) -> modf_result<vecN<S>>|S:float")
	for _, n := range []string{"countLeadingZeros", "countOneBits", "countTrailingZeros", "firstLeadingBit",
		"firstTrailingBit", "reverseBits"} {
		def(n, "", "S) -> S|S:cint", "vecN<S>) -> vecN<S>|S:cint")
	}
	def("extractBits", "", "S, u32, u32) -> S|S:cint", "vecN<S>, u32, u32) -> vecN<S>|S:cint")
	def("insertBits", "", "S, S, u32, u32) -> S|S:cint", "vecN<S>, vecN<S>, u32, u32) -> vecN<S>|S:cint")
	def("select", "", "S, S, bool) -> S|S:any", "vecN<S>, vecN<S>, bool) -> vecN<S>|S:any",
		"vecN<S>, vecN<S>, vecN<bool>) -> vecN<S>|S:any")
	def("all", "", "bool) -> bool", "vecN<bool>) -> bool")
	def("any", "", "bool) -> bool", "vecN<bool>) -> bool")
	def("arrayLength", "rt", "ptr<storage, array<E>, AM>) -> u32")
	def("dot4I8Packed", "", "u32, u32) -> i32")
	def("dot4U8Packed", "", "u32, u32) -> u32")
	def("pack4x8snorm", "", "vec4<f32>) -> u32")
	def("pack4x8unorm", "", "vec4<f32>) -> u32")
	def("pack2x16snorm", "", "vec2<f32>) -> u32")
	def("pack2x16unorm", "", "vec2<f32>) -> u32")
	def("pack2x16float", "", "vec2<f32>) -> u32")
	def("pack4xI8", "", "vec4<i32>) -> u32")
	def("pack4xU8", "", "vec4<u32>) -> u32")
	def("pack4xI8Clamp", "", "vec4<i32>) -> u32")
	def("pack4xU8Clamp", "", "vec4<u32>) -> u32")
	def("unpack4x8snorm", "", "u32) -> vec4<f32>")
	def("unpack4x8unorm", "", "u32) -> vec4<f32>")
	def("unpack2x16snorm", "", "u32) -> vec2<f32>")
	def("unpack2x16unorm", "", "u32) -> vec2<f32>")
	def("unpack2x16float", "", "u32) -> vec2<f32>")
	def("unpack4xI8", "", "u32) -> vec4<i32>")
	def("unpack4xU8", "", "u32) -> vec4<u32>")

	for _, n := range []string{"dpdx", "dpdxCoarse", "dpdxFine", "dpdy", "dpdyCoarse", "dpdyFine",
		"fwidth", "fwidthCoarse", "fwidthFine"} {
		def(n, "frag rt implicit", "f32) -> f32", "vecN<f32>) -> vecN<f32>")
	}

	atomicPtr := "ptr<SP, atomic<T>, RW>"
	def("atomicLoad", "rt nouse", atomicPtr+") -> T|T:atomic")
	def("atomicStore", "rt nouse", atomicPtr+", T)|T:atomic")
	for _, n := range []string{"atomicAdd", "atomicSub", "atomicMax", "atomicMin", "atomicAnd", "atomicOr",
		"atomicXor", "atomicExchange"} {
		def(n, "rt nouse", atomicPtr+", T) -> T|T:atomic")
	}
	def("atomicCompareExchangeWeak", "rt nouse", atomicPtr+", T, T) -> cmpxchg_result<T>|T:atomic")
	// Atomic builtins must not be used in a vertex shader.
	for n, b := range builtins {
		if len(n) > 6 && n[:6] == "atomic" {
			b.stages = stageFragment | stageCompute
		}
	}

	def("storageBarrier", "compute rt nouse barrier", ")")
	def("workgroupBarrier", "compute rt nouse barrier", ")")
	def("textureBarrier", "compute rt nouse barrier", ")")
	// workgroupUniformLoad is checked by hand (any constructible store type).
	def("workgroupUniformLoad", "compute rt barrier")

	defTextures()
	defSubgroups()
	// The table is complete: let the interning maps go.
	patternCache, setsCache = nil, nil
}

func defTextures() {
	// Sets: ST sampled type, C coordinates, L level, A array index.
	const ix = "|ST:sampled C:cint L:cint A:cint"
	def("textureDimensions", "rt",
		"texture_1d<ST>) -> u32"+ix, "texture_1d<ST>, L) -> u32"+ix,
		"texture_2d<ST>) -> vec2<u32>"+ix, "texture_2d<ST>, L) -> vec2<u32>"+ix,
		"texture_2d_array<ST>) -> vec2<u32>"+ix, "texture_2d_array<ST>, L) -> vec2<u32>"+ix,
		"texture_3d<ST>) -> vec3<u32>"+ix, "texture_3d<ST>, L) -> vec3<u32>"+ix,
		"texture_cube<ST>) -> vec2<u32>"+ix, "texture_cube<ST>, L) -> vec2<u32>"+ix,
		"texture_cube_array<ST>) -> vec2<u32>"+ix, "texture_cube_array<ST>, L) -> vec2<u32>"+ix,
		"texture_multisampled_2d<ST>) -> vec2<u32>"+ix,
		"texture_depth_2d) -> vec2<u32>", "texture_depth_2d, L) -> vec2<u32>"+ix,
		"texture_depth_2d_array) -> vec2<u32>", "texture_depth_2d_array, L) -> vec2<u32>"+ix,
		"texture_depth_cube) -> vec2<u32>", "texture_depth_cube, L) -> vec2<u32>"+ix,
		"texture_depth_cube_array) -> vec2<u32>", "texture_depth_cube_array, L) -> vec2<u32>"+ix,
		"texture_depth_multisampled_2d) -> vec2<u32>",
		"texture_storage_1d<F, AM>) -> u32", "texture_storage_2d<F, AM>) -> vec2<u32>",
		"texture_storage_2d_array<F, AM>) -> vec2<u32>", "texture_storage_3d<F, AM>) -> vec3<u32>",
		"texture_external) -> vec2<u32>")
	def("textureGather", "rt",
		"const C, texture_2d<ST>, sampler, vec2<f32>) -> vec4<ST>"+ix,
		"const C, texture_2d<ST>, sampler, vec2<f32>, const vec2<i32>) -> vec4<ST>"+ix,
		"const C, texture_2d_array<ST>, sampler, vec2<f32>, A) -> vec4<ST>"+ix,
		"const C, texture_2d_array<ST>, sampler, vec2<f32>, A, const vec2<i32>) -> vec4<ST>"+ix,
		"const C, texture_cube<ST>, sampler, vec3<f32>) -> vec4<ST>"+ix,
		"const C, texture_cube_array<ST>, sampler, vec3<f32>, A) -> vec4<ST>"+ix,
		"texture_depth_2d, sampler, vec2<f32>) -> vec4<f32>",
		"texture_depth_2d, sampler, vec2<f32>, const vec2<i32>) -> vec4<f32>",
		"texture_depth_2d_array, sampler, vec2<f32>, A) -> vec4<f32>"+ix,
		"texture_depth_2d_array, sampler, vec2<f32>, A, const vec2<i32>) -> vec4<f32>"+ix,
		"texture_depth_cube, sampler, vec3<f32>) -> vec4<f32>",
		"texture_depth_cube_array, sampler, vec3<f32>, A) -> vec4<f32>"+ix)
	def("textureGatherCompare", "rt",
		"texture_depth_2d, sampler_comparison, vec2<f32>, f32) -> vec4<f32>",
		"texture_depth_2d, sampler_comparison, vec2<f32>, f32, const vec2<i32>) -> vec4<f32>",
		"texture_depth_2d_array, sampler_comparison, vec2<f32>, A, f32) -> vec4<f32>"+ix,
		"texture_depth_2d_array, sampler_comparison, vec2<f32>, A, f32, const vec2<i32>) -> vec4<f32>"+ix,
		"texture_depth_cube, sampler_comparison, vec3<f32>, f32) -> vec4<f32>",
		"texture_depth_cube_array, sampler_comparison, vec3<f32>, A, f32) -> vec4<f32>"+ix)
	def("textureLoad", "rt",
		"texture_1d<ST>, C, L) -> vec4<ST>"+ix,
		"texture_2d<ST>, vec2<C>, L) -> vec4<ST>"+ix,
		"texture_2d_array<ST>, vec2<C>, A, L) -> vec4<ST>"+ix,
		"texture_3d<ST>, vec3<C>, L) -> vec4<ST>"+ix,
		"texture_multisampled_2d<ST>, vec2<C>, L) -> vec4<ST>"+ix,
		"texture_depth_2d, vec2<C>, L) -> f32"+ix,
		"texture_depth_2d_array, vec2<C>, A, L) -> f32"+ix,
		"texture_depth_multisampled_2d, vec2<C>, L) -> f32"+ix,
		"texture_external, vec2<C>) -> vec4<f32>"+ix,
		"texture_storage_1d<ST, R>, C) -> vec4<ST>"+ix,
		"texture_storage_2d<ST, R>, vec2<C>) -> vec4<ST>"+ix,
		"texture_storage_2d_array<ST, R>, vec2<C>, A) -> vec4<ST>"+ix,
		"texture_storage_3d<ST, R>, vec3<C>) -> vec4<ST>"+ix)
	def("textureNumLayers", "rt",
		"texture_2d_array<ST>) -> u32"+ix, "texture_cube_array<ST>) -> u32"+ix,
		"texture_depth_2d_array) -> u32", "texture_depth_cube_array) -> u32",
		"texture_storage_2d_array<F, AM>) -> u32")
	def("textureNumLevels", "rt",
		"texture_1d<ST>) -> u32"+ix, "texture_2d<ST>) -> u32"+ix, "texture_2d_array<ST>) -> u32"+ix,
		"texture_3d<ST>) -> u32"+ix, "texture_cube<ST>) -> u32"+ix, "texture_cube_array<ST>) -> u32"+ix,
		"texture_depth_2d) -> u32", "texture_depth_2d_array) -> u32", "texture_depth_cube) -> u32",
		"texture_depth_cube_array) -> u32")
	def("textureNumSamples", "rt",
		"texture_multisampled_2d<ST>) -> u32"+ix, "texture_depth_multisampled_2d) -> u32")
	def("textureSample", "rt frag implicit",
		"texture_1d<f32>, sampler, f32) -> vec4<f32>",
		"texture_2d<f32>, sampler, vec2<f32>) -> vec4<f32>",
		"texture_2d<f32>, sampler, vec2<f32>, const vec2<i32>) -> vec4<f32>",
		"texture_2d_array<f32>, sampler, vec2<f32>, A) -> vec4<f32>"+ix,
		"texture_2d_array<f32>, sampler, vec2<f32>, A, const vec2<i32>) -> vec4<f32>"+ix,
		"texture_3d<f32>, sampler, vec3<f32>) -> vec4<f32>",
		"texture_3d<f32>, sampler, vec3<f32>, const vec3<i32>) -> vec4<f32>",
		"texture_cube<f32>, sampler, vec3<f32>) -> vec4<f32>",
		"texture_cube_array<f32>, sampler, vec3<f32>, A) -> vec4<f32>"+ix,
		"texture_depth_2d, sampler, vec2<f32>) -> f32",
		"texture_depth_2d, sampler, vec2<f32>, const vec2<i32>) -> f32",
		"texture_depth_2d_array, sampler, vec2<f32>, A) -> f32"+ix,
		"texture_depth_2d_array, sampler, vec2<f32>, A, const vec2<i32>) -> f32"+ix,
		"texture_depth_cube, sampler, vec3<f32>) -> f32",
		"texture_depth_cube_array, sampler, vec3<f32>, A) -> f32"+ix)
	def("textureSampleBias", "rt frag implicit",
		"texture_2d<f32>, sampler, vec2<f32>, f32) -> vec4<f32>",
		"texture_2d<f32>, sampler, vec2<f32>, f32, const vec2<i32>) -> vec4<f32>",
		"texture_2d_array<f32>, sampler, vec2<f32>, A, f32) -> vec4<f32>"+ix,
		"texture_2d_array<f32>, sampler, vec2<f32>, A, f32, const vec2<i32>) -> vec4<f32>"+ix,
		"texture_3d<f32>, sampler, vec3<f32>, f32) -> vec4<f32>",
		"texture_3d<f32>, sampler, vec3<f32>, f32, const vec3<i32>) -> vec4<f32>",
		"texture_cube<f32>, sampler, vec3<f32>, f32) -> vec4<f32>",
		"texture_cube_array<f32>, sampler, vec3<f32>, A, f32) -> vec4<f32>"+ix)
	def("textureSampleCompare", "rt frag implicit",
		"texture_depth_2d, sampler_comparison, vec2<f32>, f32) -> f32",
		"texture_depth_2d, sampler_comparison, vec2<f32>, f32, const vec2<i32>) -> f32",
		"texture_depth_2d_array, sampler_comparison, vec2<f32>, A, f32) -> f32"+ix,
		"texture_depth_2d_array, sampler_comparison, vec2<f32>, A, f32, const vec2<i32>) -> f32"+ix,
		"texture_depth_cube, sampler_comparison, vec3<f32>, f32) -> f32",
		"texture_depth_cube_array, sampler_comparison, vec3<f32>, A, f32) -> f32"+ix)
	def("textureSampleCompareLevel", "rt",
		"texture_depth_2d, sampler_comparison, vec2<f32>, f32) -> f32",
		"texture_depth_2d, sampler_comparison, vec2<f32>, f32, const vec2<i32>) -> f32",
		"texture_depth_2d_array, sampler_comparison, vec2<f32>, A, f32) -> f32"+ix,
		"texture_depth_2d_array, sampler_comparison, vec2<f32>, A, f32, const vec2<i32>) -> f32"+ix,
		"texture_depth_cube, sampler_comparison, vec3<f32>, f32) -> f32",
		"texture_depth_cube_array, sampler_comparison, vec3<f32>, A, f32) -> f32"+ix)
	def("textureSampleGrad", "rt",
		"texture_2d<f32>, sampler, vec2<f32>, vec2<f32>, vec2<f32>) -> vec4<f32>",
		"texture_2d<f32>, sampler, vec2<f32>, vec2<f32>, vec2<f32>, const vec2<i32>) -> vec4<f32>",
		"texture_2d_array<f32>, sampler, vec2<f32>, A, vec2<f32>, vec2<f32>) -> vec4<f32>"+ix,
		"texture_2d_array<f32>, sampler, vec2<f32>, A, vec2<f32>, vec2<f32>, const vec2<i32>) -> vec4<f32>"+ix,
		"texture_3d<f32>, sampler, vec3<f32>, vec3<f32>, vec3<f32>) -> vec4<f32>",
		"texture_3d<f32>, sampler, vec3<f32>, vec3<f32>, vec3<f32>, const vec3<i32>) -> vec4<f32>",
		"texture_cube<f32>, sampler, vec3<f32>, vec3<f32>, vec3<f32>) -> vec4<f32>",
		"texture_cube_array<f32>, sampler, vec3<f32>, A, vec3<f32>, vec3<f32>) -> vec4<f32>"+ix)
	def("textureSampleLevel", "rt",
		"texture_1d<f32>, sampler, f32, f32) -> vec4<f32>",
		"texture_2d<f32>, sampler, vec2<f32>, f32) -> vec4<f32>",
		"texture_2d<f32>, sampler, vec2<f32>, f32, const vec2<i32>) -> vec4<f32>",
		"texture_2d_array<f32>, sampler, vec2<f32>, A, f32) -> vec4<f32>"+ix,
		"texture_2d_array<f32>, sampler, vec2<f32>, A, f32, const vec2<i32>) -> vec4<f32>"+ix,
		"texture_3d<f32>, sampler, vec3<f32>, f32) -> vec4<f32>",
		"texture_3d<f32>, sampler, vec3<f32>, f32, const vec3<i32>) -> vec4<f32>",
		"texture_cube<f32>, sampler, vec3<f32>, f32) -> vec4<f32>",
		"texture_cube_array<f32>, sampler, vec3<f32>, A, f32) -> vec4<f32>"+ix,
		"texture_depth_2d, sampler, vec2<f32>, L) -> f32"+ix,
		"texture_depth_2d, sampler, vec2<f32>, L, const vec2<i32>) -> f32"+ix,
		"texture_depth_2d_array, sampler, vec2<f32>, A, L) -> f32"+ix,
		"texture_depth_2d_array, sampler, vec2<f32>, A, L, const vec2<i32>) -> f32"+ix,
		"texture_depth_cube, sampler, vec3<f32>, L) -> f32"+ix,
		"texture_depth_cube_array, sampler, vec3<f32>, A, L) -> f32"+ix)
	def("textureSampleBaseClampToEdge", "rt",
		"texture_2d<f32>, sampler, vec2<f32>) -> vec4<f32>",
		"texture_external, sampler, vec2<f32>) -> vec4<f32>")
	def("textureStore", "rt nouse",
		"texture_storage_1d<ST, W>, C, vec4<ST>)"+ix,
		"texture_storage_2d<ST, W>, vec2<C>, vec4<ST>)"+ix,
		"texture_storage_2d_array<ST, W>, vec2<C>, A, vec4<ST>)"+ix,
		"texture_storage_3d<ST, W>, vec3<C>, vec4<ST>)"+ix)
}

func defSubgroups() {
	num := []string{"S) -> S|S:numc", "vecN<S>) -> vecN<S>|S:numc"}
	scalarSets["numc"] = []*Type{tI32, tU32, tF32, tF16}
	scalarSets["intc"] = []*Type{tI32, tU32}
	for _, n := range []string{"subgroupAdd", "subgroupExclusiveAdd", "subgroupInclusiveAdd", "subgroupMul",
		"subgroupExclusiveMul", "subgroupInclusiveMul", "subgroupMax", "subgroupMin", "subgroupBroadcastFirst"} {
		def(n, "rt subgroups barrier", num...)
	}
	for _, n := range []string{"subgroupAnd", "subgroupOr", "subgroupXor"} {
		def(n, "rt subgroups barrier", "S) -> S|S:intc", "vecN<S>) -> vecN<S>|S:intc")
	}
	def("subgroupAll", "rt subgroups barrier", "bool) -> bool")
	def("subgroupAny", "rt subgroups barrier", "bool) -> bool")
	def("subgroupBallot", "rt subgroups barrier", "bool) -> vec4<u32>")
	def("subgroupElect", "rt subgroups barrier", ") -> bool")
	for _, n := range []string{"subgroupBroadcast", "subgroupShuffle", "subgroupShuffleXor", "subgroupShuffleUp",
		"subgroupShuffleDown", "quadBroadcast"} {
		def(n, "rt subgroups barrier", "S, I) -> S|S:numc I:cint", "vecN<S>, I) -> vecN<S>|S:numc I:cint")
	}
	for _, n := range []string{"quadSwapX", "quadSwapY", "quadSwapDiagonal"} {
		def(n, "rt subgroups barrier", num...)
	}
}

// Builtin result structures, interned by their parameter type.
var (
	frexpCache   = map[*Type]*Type{}
	modfCache    = map[*Type]*Type{}
	cmpxchgCache = map[*Type]*Type{}
)

// resultMu guards the result-struct caches (Analyze may run concurrently).
var resultMu sync.Mutex

func resultStruct(cache map[*Type]*Type, name string, t *Type, members ...Member) *Type {
	resultMu.Lock()
	defer resultMu.Unlock()
	if r := cache[t]; r != nil {
		return r
	}
	for i := range members {
		members[i].Location, members[i].BlendSrc = -1, -1
	}
	r := &Type{Kind: Struct, Struct: &StructInfo{Name: name, Members: members}}
	cache[t] = r
	return r
}

func frexpResult(t *Type) *Type {
	exp := tI32
	if t.Leaf().Kind == AbstractFloat {
		exp = tAInt
	}
	if t.Kind == Vector {
		exp = vecOf(t.N, exp)
	}
	return resultStruct(frexpCache, "__frexp_result_"+mangle(t), t, Member{Name: "fract", Type: t}, Member{Name: "exp", Type: exp})
}

func modfResult(t *Type) *Type {
	return resultStruct(modfCache, "__modf_result_"+mangle(t), t, Member{Name: "fract", Type: t}, Member{Name: "whole", Type: t})
}

func cmpxchgResult(t *Type) *Type {
	return resultStruct(cmpxchgCache, "__atomic_compare_exchange_result<"+t.String()+">", t,
		Member{Name: "old_value", Type: t}, Member{Name: "exchanged", Type: tBool})
}

func mangle(t *Type) string {
	if t.Kind == Vector {
		return "vec" + string(rune('0'+t.N)) + "_" + mangle(t.Elem)
	}
	return t.String()
}
