// Tone mapping of an HDR colour buffer (ACES filmic approximation).
// Mistakes: a name that is not declared, and a function that forgets to
// return its value on one path.

@group(0) @binding(0) var hdr: texture_2d<f32>;
@group(0) @binding(1) var<uniform> exposure: f32;

fn aces(x: vec3<f32>) -> vec3<f32> {
  let a = 2.51;
  let b = 0.03;
  let c = 2.43;
  let d = 0.59;
  let e = 0.14;
  return clamp((x * (a * x + b)) / (x * (c * x + d) + e), vec3<f32>(0.0), vec3<f32>(1.0));
}

fn luminance(c: vec3<f32>) -> f32 {
  if (all(c == vec3<f32>(0.0))) {
    return 0.0;
  }
}

@fragment
fn main(@builtin(position) pos: vec4<f32>) -> @location(0) vec4<f32> {
  let texel = textureLoad(hdr, vec2<i32>(pos.xy), 0);
  let mapped = aces(texel.rgb * exposure * brightness);
  return vec4<f32>(mapped, luminance(mapped));
}
