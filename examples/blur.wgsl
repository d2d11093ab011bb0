// A horizontal box blur of an image, one row segment per workgroup.
// This file has mistakes for the language server to find: a missing ';',
// a call with an unclosed argument list, and a value of the wrong type.

const RADIUS: i32 = 4;

@group(0) @binding(0) var input: texture_2d<f32>;
@group(0) @binding(1) var output: texture_storage_2d<rgba8unorm, write>;

@compute @workgroup_size(128)
fn blur(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(input))
  let pixel = vec2<i32>(id.xy);
  if (pixel.x >= size.x || pixel.y >= size.y) {
    return;
  }
  var sum = vec4<f32>(0.0);
  for (var dx = -RADIUS; dx <= RADIUS; dx++) {
    let x = clamp(pixel.x + dx, 0, size.x - 1;
    sum += textureLoad(input, vec2<i32>(x, pixel.y), 0);
  }
  let weight: f32 = 2 * RADIUS + 1;
  textureStore(output, pixel, sum / weight);
}
