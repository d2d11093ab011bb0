// Signature help.
fn blend(a: vec4<f32>, b: vec4<f32>, t: f32) -> vec4<f32> {
  return mix(a, b, t); //@signature("a, b^", "fn mix(e1: T, e2: T, e3: T) -> T", 1), signature("mix(^", "fn mix(e1: T, e2: T, e3: T) -> T", 0)
}

fn use_it() -> vec4<f32> {
  let x = blend(vec4(0.0), vec4(clamp(1.0, 0.0, 2.0)), 0.5); //@signature("0.5^", "fn blend(a: vec4<f32>, b: vec4<f32>, t: f32) -> vec4<f32>", 2), signature("0.0, 2^", "fn clamp(e: T, low: T, high: T) -> T", 2), signature("vec4(0.0)^,", "fn blend(a: vec4<f32>, b: vec4<f32>, t: f32) -> vec4<f32>", 0)
  let y = blend(x, //@signature("x, ^", "fn blend(a: vec4<f32>, b: vec4<f32>, t: f32) -> vec4<f32>", 1)
  return x;
}
