// Quick fixes, each applied and re-checked.
@group(0) @binding(0) var<uniform> a: vec4<f32>;
@group(0) @binding(1) var<storage> b: array<u32>;
var<uniform> c: vec4<f32>; //@fix("c:", "duplicate-binding", "@group(0) @binding(2) var<uniform> c")
@group(0) var<storage> d: array<f32>; //@fix("d:", "duplicate-binding", "@group(0) @binding(2) var<storage> d")

fn f(x: f32) -> f32 {
  let unused = 1; //@fix("unused", "unused-variable", "let _unused = 1;")
  var counter = 2; //@fix("counter", "unused-variable", "var _counter = 2;")
  let y: f32 = 2u; //@fix("2u", "type-mismatch", "let y: f32 = 2f;")
  let z: u32 = 7i; //@fix("7i", "type-mismatch", "let z: u32 = 7u;")
  if x > 0.0 {
    return x + y + f32(z) + a.x + f32(b[0]) + c.x + d[0];
  }
} //@fix("}", "missing-return", "  return f32();\n}")

fn g(h: f16) -> f16 { //@fix("f16", "extension-required", "enable f16;")
  return h;
}
