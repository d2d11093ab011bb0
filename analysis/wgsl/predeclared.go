package wgsl

import (
	"strings"
	"sync"
)

// predeclKind tells apart the predeclared names a call may name.
type predeclKind uint8

const (
	predeclNone    predeclKind = iota
	predeclType                // a type or type generator: a value constructor
	predeclBitcast             // bitcast<T>(e)
	predeclBuiltin             // a builtin function
)

// predecl is what a predeclared callee name means.
type predecl struct {
	kind predeclKind
	fn   *builtinFn // set for predeclBuiltin
	// t is the type of a plain type name (f32) or predeclared alias
	// (vec3f, alias set); nil for a type generator (vec3, array).
	t     *Type
	alias bool
}

// predeclaredCallee returns what name means as a callee when no user
// declaration shadows it, with one map lookup instead of one per table.
// The table is built on first use, after every package init has filled the
// builtin and type tables.
func predeclaredCallee(name string) predecl {
	if p := predeclaredRef(name); p != nil {
		return *p
	}
	return predecl{}
}

// noPredecl is what predeclaredRef's callers may use for "not predeclared".
var noPredecl = &predecl{}

// predeclaredRef is predeclaredCallee as a pointer into the (immutable)
// table, nil when name is not predeclared.
func predeclaredRef(name string) *predecl { return predeclaredTable()[name] }

var predeclaredTable = sync.OnceValue(func() map[string]*predecl {
	m := make(map[string]*predecl, len(builtins)+len(plainTypes)+len(predeclaredAliases)+len(typeGenerators)+1)
	for name, b := range builtins {
		b.prepare()
		m[name] = &predecl{kind: predeclBuiltin, fn: b}
	}
	// Later tables win: plain types over aliases over generators over
	// builtins, the order in which typeIdent and call0 consult them.
	for name, ok := range typeGenerators {
		if ok {
			m[name] = &predecl{kind: predeclType}
		}
	}
	for name, t := range predeclaredAliases {
		if t != nil {
			m[name] = &predecl{kind: predeclType, t: t, alias: true}
		}
	}
	for name, t := range plainTypes {
		if t != nil {
			m[name] = &predecl{kind: predeclType, t: t}
		}
	}
	if _, ok := m["bitcast"]; !ok {
		m["bitcast"] = &predecl{kind: predeclBitcast}
	}
	return m
})

// prepare fills the facts builtinCall derives from the name, so that a
// call compares no strings.
func (b *builtinFn) prepare() {
	n := b.name
	b.constFn = constBuiltins[n]
	b.isWorkgroupUniformLoad = n == "workgroupUniformLoad"
	b.isArrayLength = n == "arrayLength"
	b.isAtomicLoad = n == "atomicLoad"
	b.isTexture = strings.HasPrefix(n, "texture")
	b.isTextureGather = n == "textureGather"
	b.nonUniformResult = strings.HasPrefix(n, "atomic") || strings.HasPrefix(n, "subgroup") || strings.HasPrefix(n, "quad") ||
		(b.isTexture && n != "textureDimensions" && n != "textureNumLayers" && n != "textureNumLevels" && n != "textureNumSamples")
	switch n {
	case "smoothstep", "clamp", "extractBits", "insertBits", "ldexp":
		b.constArgCheck = true
	}
}
