// Inlay hints: inferred types, member offsets of host-shared structs.
struct Params { //@loc(params, "Params")
  size: vec3<u32>, //@inlay("size", "@offset(0)")
  scale: f32,      //@inlay("scale", "@offset(12)")
  tint: vec4<f32>, //@inlay("tint", "@offset(16)")
}
struct Local { a: f32 }
@group(0) @binding(0) var<uniform> params: Params;
const LIMIT = 10u; //@inlay("^ = 10u", ": u32")

@compute @workgroup_size(1)
fn main() {
  let k = params.scale * 2.0; //@inlay("^ = params", ": f32")
  var v = vec2(1, 2); //@inlay("^ = vec2", ": vec2<i32>")
  let w: f32 = k; // no hint for a written type
  var l = Local(w);
  _ = v; _ = l;
}
