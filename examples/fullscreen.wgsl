// Draws a texture over the whole viewport with one triangle and no vertex
// buffer: the vertex index picks the corner.

struct VertexOut {
  @builtin(position) position: vec4<f32>,
  @location(0) uv: vec2<f32>,
}

@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var frame_sampler: sampler;

@vertex
fn vs_main(@builtin(vertex_index) index: u32) -> VertexOut {
  // (0,0), (2,0), (0,2): a triangle that covers the [0,1] square.
  let corner = vec2<f32>(f32((index << 1u) & 2u), f32(index & 2u));
  var out: VertexOut;
  out.position = vec4<f32>(corner * 2.0 - 1.0, 0.0, 1.0);
  out.uv = vec2<f32>(corner.x, 1.0 - corner.y);
  return out;
}

@fragment
fn fs_main(in: VertexOut) -> @location(0) vec4<f32> {
  let color = textureSample(frame, frame_sampler, in.uv);
  // Gamma-correct for an sRGB-less swap chain.
  return vec4<f32>(pow(color.rgb, vec3<f32>(1.0 / 2.2)), color.a);
}
