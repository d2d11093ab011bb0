// Completion contexts.
enable f16; //@complete("f16", "f16", "subgroups")
struct Ray { origin: vec3<f32>, dir: vec3<f32> }
@group(0) @binding(0) var<storage, read> rays: array<Ray>; //@complete("^storage", "storage", "uniform"), complete("read>", "read", "read_write"), complete("@^group", "group", "binding", "compute")
@group(0) @binding(1) var img: texture_storage_2d<rgba8unorm, write>; //@complete("rgba8unorm", "rgba8unorm", "r32float"), complete("write", "write")
var<private> seed: u32; //@complete(": ^u32", "u32", "Ray", "vec3", "texture_2d")
var<private> hits: array<Ray, 4>; //@complete("<^Ray", "Ray", "f32"), nocomplete("<^Ray", "fn")

fn trace(r: Ray, tmax: f32) -> f32 {
  let early = 1.0;
  let o = r.origin; //@complete("r.^origin", "origin", "dir"), nocomplete("r.^origin", "x")
  let sw = o.x; //@complete("o.^x", "x", "xy", "xyz", "r", "rgb"), nocomplete("o.^x", "w", "origin")
  if tmax > 0.0 {
    let inner = 2.0;
  }
  return o.y + t; //@complete("t;", "tmax", "trace", "textureLoad", "true"), nocomplete("t;", "inner"), complete("o.y^", "y"), complete("return ^o", "o", "early", "r", "rays", "seed", "dot", "let"), nocomplete("return ^o", "later")
}

@fragment
fn fs(@builtin(position) p: vec4<f32>) -> @location(0) vec4<f32> { //@complete("^position", "position", "front_facing")
  let later = 1.0;
  // a comment: no completion here //@complete("a comm^ent")
  return p;
}

fn partial() {
  let q = rays[0].; //@complete("].^", "origin", "dir")
}
