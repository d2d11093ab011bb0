// Hover: types, constants, layout, bindings, builtins.
struct Light { //@hover("Light", "struct Light", "size = 32, align = 16; stride in an array = 32")
  pos: vec3<f32>,    //@hover("pos", "pos: vec3<f32>", "offset = 0, size = 12, align = 16")
  power: f32,        //@hover("power", "offset = 12, size = 4, align = 4 in struct `Light`")
  color: vec4<f32>,  //@hover("color", "offset = 16, size = 16, align = 16")
}

const SCALE = 2.5 * 2.0; //@hover("SCALE", "const SCALE: abstract-float = 5.0")
const N: u32 = 4u; //@hover("N", "const N: u32 = 4u")

@group(1) @binding(3) var<storage, read_write> lights: array<Light>; //@hover("lights", "var<storage, read_write> lights: array<Light>", "@group(1) @binding(3)", "address space `storage`", "access `read_write`", "runtime-sized: element stride = 32, align = 16")
@group(0) @binding(0) var<uniform> light: Light; //@hover("light:", "@group(0) @binding(0)", "size = 32, align = 16")

fn shade(n: vec3<f32>, l: Light) -> f32 { //@hover("shade", "fn shade(n: vec3<f32>, l: Light) -> f32")
  let d = dot(n, l.pos); //@hover("d", "let d: f32"), hover("dot", "fn dot(e1: vec3<f32>, e2: vec3<f32>) -> f32", "dot product"), hover("pos)", "offset = 0")
  let m = max(d, 0.0); //@hover("max", "fn max(e1: f32, e2: f32) -> f32", "larger")
  var acc = vec3(0.5); //@hover("acc", "var acc: vec3<f32>")
  let s = acc.zy; //@hover("zy", "zy: vec2<f32>", "Swizzle")
  let k = SCALE * m; //@hover("SCALE", "const SCALE: abstract-float = 5.0"), hover("* m", "f32")
  return k * l.power + s.x + f32(N); //@hover("l.", "parameter", "l: Light"), hover("N)", "const N: u32")
}

@compute @workgroup_size(64) //@hover("compute", "compute shader entry point"), hover("workgroup_size", "workgroup dimensions")
fn main(@builtin(global_invocation_id) id: vec3<u32>) { //@hover("main", "compute shader entry point"), hover("id:", "id: vec3<u32>"), hover("global_invocation_id", "position in the whole dispatch")
  lights[id.x].power = shade(vec3(1.0), light); //@hover("shade(", "fn shade")
  let broken = undefined_thing + 1; //@hover("broken", "let broken"), nohover("undefined_thing")
  _ = broken;
}

alias Color = vec4<f32>; //@hover("Color", "alias Color = vec4<f32>")
var<private> tint: Color; //@hover("Color;", "alias Color"), hover("private", "Address space"), hover("tint", "var<private> tint: vec4<f32>")
fn use_tint() -> f32 { return tint.a; } //@hover("f32 {", "f32", "Predeclared type"), hover("tint.a", "var<private> tint")

struct Buffer { count: u32, data: array<vec3<f32>> } //@hover("Buffer", "size = 32 with one element in its runtime-sized array, align = 16", "data: array<vec3<f32>>, // offset 16, stride 16, align 16 (runtime-sized)")
struct Mat { m: mat3x3<f32>, h: array<f32, 3> } //@hover("Mat", "m: mat3x3<f32>, // offset 0, size 48, align 16", "h: array<f32, 3>, // offset 48, size 12, align 4", "size = 64, align = 16; stride in an array = 64")
