// large_2500.wgsl: the editor-latency benchmark shader (2,500 lines).
//
// A renderer's shader module of the kind editors meet: a forward+ fragment
// path with physically based materials and clustered lights, a vertex
// path with skinning, a set of post-processing compute passes (bloom,
// tone mapping, temporal resolve, histogram), a particle simulation and a
// family of material variants. Written for the rts-lsp latency benches;
// it checks clean with `rts-lsp check`.

const PI: f32 = 3.14159265358979;
const TAU: f32 = 6.28318530717959;
const INV_PI: f32 = 0.31830988618379;
const EPSILON: f32 = 0.0001;
const MAX_LIGHTS: u32 = 256u;
const CLUSTER_X: u32 = 16u;
const CLUSTER_Y: u32 = 9u;
const CLUSTER_Z: u32 = 24u;
const MAX_LIGHTS_PER_CLUSTER: u32 = 64u;
const HISTOGRAM_BINS: u32 = 256u;
const WORKGROUP: u32 = 64u;
const TILE: u32 = 16u;
const MAX_BONES: u32 = 128u;

override shadow_bias: f32 = 0.005;
override exposure_bias: f32 = 0.0;
override bloom_threshold: f32 = 1.0;

alias Color = vec3<f32>;
alias Texel = vec4<f32>;

struct Camera {
  view: mat4x4<f32>,
  projection: mat4x4<f32>,
  view_projection: mat4x4<f32>,
  inverse_view_projection: mat4x4<f32>,
  position: vec3<f32>,
  time: f32,
  viewport: vec2<f32>,
  near: f32,
  far: f32,
  jitter: vec2<f32>,
  frame: u32,
  flags: u32,
}

struct Light {
  position: vec3<f32>,
  range: f32,
  color: vec3<f32>,
  intensity: f32,
  direction: vec3<f32>,
  cone_inner: f32,
  cone_outer: f32,
  kind: u32,
  shadow_index: i32,
  padding: u32,
}

struct LightList {
  count: u32,
  lights: array<Light, 256>,
}

struct Cluster {
  offset: u32,
  count: u32,
}

struct ClusterIndices {
  indices: array<u32>,
}

struct Material {
  base_color: vec4<f32>,
  emissive: vec3<f32>,
  metallic: f32,
  roughness: f32,
  occlusion_strength: f32,
  normal_scale: f32,
  alpha_cutoff: f32,
  flags: u32,
  variant: u32,
  padding: vec2<u32>,
}

struct Instance {
  model: mat4x4<f32>,
  normal_matrix: mat4x4<f32>,
  material: u32,
  bone_offset: u32,
  padding: vec2<u32>,
}

struct VertexInput {
  @location(0) position: vec3<f32>,
  @location(1) normal: vec3<f32>,
  @location(2) tangent: vec4<f32>,
  @location(3) uv: vec2<f32>,
  @location(4) joints: vec4<u32>,
  @location(5) weights: vec4<f32>,
}

struct VertexOutput {
  @builtin(position) clip: vec4<f32>,
  @location(0) world_position: vec3<f32>,
  @location(1) normal: vec3<f32>,
  @location(2) tangent: vec4<f32>,
  @location(3) uv: vec2<f32>,
  @location(4) @interpolate(flat) material: u32,
}

struct FragmentOutput {
  @location(0) color: vec4<f32>,
  @location(1) velocity: vec2<f32>,
}

struct Particle {
  position: vec3<f32>,
  age: f32,
  velocity: vec3<f32>,
  lifetime: f32,
  color: vec4<f32>,
  size: f32,
  seed: u32,
  alive: u32,
  padding: u32,
}

struct SimParams {
  gravity: vec3<f32>,
  delta_time: f32,
  wind: vec3<f32>,
  drag: f32,
  emitter: vec3<f32>,
  spawn_rate: f32,
  bounds_min: vec3<f32>,
  count: u32,
  bounds_max: vec3<f32>,
  frame: u32,
}

struct PostParams {
  exposure: f32,
  bloom_strength: f32,
  bloom_radius: f32,
  blend: f32,
  size: vec2<u32>,
  mip: u32,
  tone_operator: u32,
}

@group(0) @binding(0) var<uniform> camera: Camera;
@group(0) @binding(1) var<storage, read> light_list: LightList;
@group(0) @binding(2) var<storage, read> clusters: array<Cluster>;
@group(0) @binding(3) var<storage, read> cluster_indices: ClusterIndices;
@group(0) @binding(4) var shadow_map: texture_depth_2d_array;
@group(0) @binding(5) var shadow_sampler: sampler_comparison;
@group(0) @binding(6) var environment: texture_cube<f32>;
@group(0) @binding(7) var brdf_lut: texture_2d<f32>;

@group(1) @binding(0) var<storage, read> materials: array<Material>;
@group(1) @binding(1) var<storage, read> instances: array<Instance>;
@group(1) @binding(2) var<storage, read> bones: array<mat4x4<f32>>;
@group(1) @binding(3) var base_color_map: texture_2d<f32>;
@group(1) @binding(4) var normal_map: texture_2d<f32>;
@group(1) @binding(5) var orm_map: texture_2d<f32>;
@group(1) @binding(6) var emissive_map: texture_2d<f32>;
@group(1) @binding(7) var material_sampler: sampler;

@group(2) @binding(0) var<uniform> post: PostParams;
@group(2) @binding(1) var hdr_input: texture_2d<f32>;
@group(2) @binding(2) var history: texture_2d<f32>;
@group(2) @binding(3) var ldr_output: texture_storage_2d<rgba8unorm, write>;
@group(2) @binding(4) var bloom_output: texture_storage_2d<rgba16float, write>;
@group(2) @binding(5) var linear_sampler: sampler;
@group(2) @binding(6) var<storage, read_write> histogram: array<atomic<u32>, 256>;
@group(2) @binding(7) var<storage, read_write> luminance: array<f32>;

@group(3) @binding(0) var<uniform> sim: SimParams;
@group(3) @binding(1) var<storage, read_write> particles: array<Particle>;
@group(3) @binding(2) var<storage, read_write> alive_count: atomic<u32>;

var<workgroup> tile_luminance: array<f32, 256>;
var<workgroup> tile_bins: array<atomic<u32>, 256>;
var<workgroup> tile_colors: array<vec4<f32>, 324>;
var<private> rng_state: u32;

// ---------------------------------------------------------------------------
// Hashing and noise.

fn pcg(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn pcg2(v: vec2<u32>) -> vec2<u32> {
  var p = v * 1664525u + 1013904223u;
  p.x += p.y * 1664525u;
  p.y += p.x * 1664525u;
  p = p ^ (p >> vec2<u32>(16u));
  p.x += p.y * 1664525u;
  p.y += p.x * 1664525u;
  return p ^ (p >> vec2<u32>(16u));
}

fn seed_rng(pixel: vec2<u32>, frame: u32) {
  rng_state = pcg(pixel.x + pcg(pixel.y + pcg(frame)));
}

fn random_f32() -> f32 {
  rng_state = pcg(rng_state);
  return f32(rng_state) / 4294967295.0;
}

fn hash21(p: vec2<f32>) -> f32 {
  let h = pcg2(vec2<u32>(bitcast<u32>(p.x), bitcast<u32>(p.y)));
  return f32(h.x ^ h.y) / 4294967295.0;
}

fn value_noise(p: vec2<f32>) -> f32 {
  let i = floor(p);
  let f = fract(p);
  let u = f * f * (3.0 - 2.0 * f);
  let a = hash21(i);
  let b = hash21(i + vec2<f32>(1.0, 0.0));
  let c = hash21(i + vec2<f32>(0.0, 1.0));
  let d = hash21(i + vec2<f32>(1.0, 1.0));
  return mix(mix(a, b, u.x), mix(c, d, u.x), u.y);
}

fn fbm(p: vec2<f32>, octaves: i32) -> f32 {
  var sum = 0.0;
  var amplitude = 0.5;
  var q = p;
  for (var i = 0; i < octaves; i++) {
    sum += amplitude * value_noise(q);
    q = q * 2.03 + vec2<f32>(17.0, 31.0);
    amplitude *= 0.5;
  }
  return sum;
}

fn random_unit_vector() -> vec3<f32> {
  let z = random_f32() * 2.0 - 1.0;
  let a = random_f32() * TAU;
  let r = sqrt(max(0.0, 1.0 - z * z));
  return vec3<f32>(r * cos(a), r * sin(a), z);
}

// ---------------------------------------------------------------------------
// Color.

fn luminance_of(c: Color) -> f32 {
  return dot(c, vec3<f32>(0.2126, 0.7152, 0.0722));
}

fn srgb_to_linear(c: Color) -> Color {
  let low = c / 12.92;
  let high = pow((c + 0.055) / 1.055, vec3<f32>(2.4));
  return select(high, low, c <= vec3<f32>(0.04045));
}

fn linear_to_srgb(c: Color) -> Color {
  let low = c * 12.92;
  let high = 1.055 * pow(c, vec3<f32>(1.0 / 2.4)) - 0.055;
  return select(high, low, c <= vec3<f32>(0.0031308));
}

fn rgb_to_ycocg(c: Color) -> Color {
  let y = dot(c, vec3<f32>(0.25, 0.5, 0.25));
  let co = dot(c, vec3<f32>(0.5, 0.0, -0.5));
  let cg = dot(c, vec3<f32>(-0.25, 0.5, -0.25));
  return vec3<f32>(y, co, cg);
}

fn ycocg_to_rgb(c: Color) -> Color {
  let t = c.x - c.z;
  return vec3<f32>(t + c.y, c.x + c.z, t - c.y);
}

fn tonemap_reinhard(c: Color) -> Color {
  return c / (1.0 + luminance_of(c));
}

fn tonemap_aces(c: Color) -> Color {
  let a = 2.51;
  let b = 0.03;
  let cc = 2.43;
  let d = 0.59;
  let e = 0.14;
  return clamp((c * (a * c + b)) / (c * (cc * c + d) + e), vec3<f32>(0.0), vec3<f32>(1.0));
}

fn uncharted_partial(x: Color) -> Color {
  let a = 0.15;
  let b = 0.50;
  let c = 0.10;
  let d = 0.20;
  let e = 0.02;
  let f = 0.30;
  return ((x * (a * x + c * b) + d * e) / (x * (a * x + b) + d * f)) - e / f;
}

fn tonemap_uncharted(c: Color) -> Color {
  let white = uncharted_partial(vec3<f32>(11.2));
  return uncharted_partial(c * 2.0) / white;
}

fn apply_tonemap(c: Color, tone_operator: u32) -> Color {
  switch tone_operator {
    case 0u: {
      return tonemap_reinhard(c);
    }
    case 1u: {
      return tonemap_aces(c);
    }
    case 2u: {
      return tonemap_uncharted(c);
    }
    default: {
      return clamp(c, vec3<f32>(0.0), vec3<f32>(1.0));
    }
  }
}

// ---------------------------------------------------------------------------
// Physically based shading.

struct SurfacePoint {
  position: vec3<f32>,
  normal: vec3<f32>,
  view: vec3<f32>,
  albedo: Color,
  metallic: f32,
  roughness: f32,
  occlusion: f32,
  emissive: Color,
  f0: Color,
}

fn distribution_ggx(n_dot_h: f32, roughness: f32) -> f32 {
  let a = roughness * roughness;
  let a2 = a * a;
  let d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
  return a2 / max(PI * d * d, EPSILON);
}

fn geometry_schlick_ggx(n_dot_v: f32, roughness: f32) -> f32 {
  let r = roughness + 1.0;
  let k = r * r / 8.0;
  return n_dot_v / (n_dot_v * (1.0 - k) + k);
}

fn geometry_smith(n_dot_v: f32, n_dot_l: f32, roughness: f32) -> f32 {
  return geometry_schlick_ggx(n_dot_v, roughness) * geometry_schlick_ggx(n_dot_l, roughness);
}

fn fresnel_schlick(cos_theta: f32, f0: Color) -> Color {
  return f0 + (vec3<f32>(1.0) - f0) * pow(clamp(1.0 - cos_theta, 0.0, 1.0), 5.0);
}

fn fresnel_schlick_roughness(cos_theta: f32, f0: Color, roughness: f32) -> Color {
  let r = max(vec3<f32>(1.0 - roughness), f0);
  return f0 + (r - f0) * pow(clamp(1.0 - cos_theta, 0.0, 1.0), 5.0);
}

fn brdf(surface: SurfacePoint, l: vec3<f32>, radiance: Color) -> Color {
  let h = normalize(surface.view + l);
  let n_dot_v = max(dot(surface.normal, surface.view), EPSILON);
  let n_dot_l = max(dot(surface.normal, l), 0.0);
  let n_dot_h = max(dot(surface.normal, h), 0.0);
  let h_dot_v = max(dot(h, surface.view), 0.0);
  let d = distribution_ggx(n_dot_h, surface.roughness);
  let g = geometry_smith(n_dot_v, n_dot_l, surface.roughness);
  let f = fresnel_schlick(h_dot_v, surface.f0);
  let specular = d * g * f / max(4.0 * n_dot_v * n_dot_l, EPSILON);
  let k_d = (vec3<f32>(1.0) - f) * (1.0 - surface.metallic);
  return (k_d * surface.albedo * INV_PI + specular) * radiance * n_dot_l;
}

fn attenuation(distance: f32, range: f32) -> f32 {
  let ratio = distance / max(range, EPSILON);
  let falloff = clamp(1.0 - ratio * ratio * ratio * ratio, 0.0, 1.0);
  return falloff * falloff / (distance * distance + 1.0);
}

fn spot_factor(light: Light, l: vec3<f32>) -> f32 {
  let cos_angle = dot(normalize(light.direction), -l);
  return smoothstep(light.cone_outer, light.cone_inner, cos_angle);
}

fn shadow_factor(light: Light, world: vec3<f32>) -> f32 {
  if (light.shadow_index < 0) {
    return 1.0;
  }
  let clip = camera.view_projection * vec4<f32>(world, 1.0);
  let ndc = clip.xyz / clip.w;
  let uv = ndc.xy * vec2<f32>(0.5, -0.5) + vec2<f32>(0.5);
  let depth = ndc.z - shadow_bias;
  var sum = 0.0;
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let offset = vec2<f32>(f32(x), f32(y)) / 2048.0;
      sum += textureSampleCompareLevel(shadow_map, shadow_sampler, uv + offset, light.shadow_index, depth);
    }
  }
  return sum / 9.0;
}

fn light_contribution(surface: SurfacePoint, light: Light) -> Color {
  var l = -normalize(light.direction);
  var radiance = light.color * light.intensity;
  if (light.kind != 0u) {
    let to_light = light.position - surface.position;
    let distance = length(to_light);
    l = to_light / max(distance, EPSILON);
    radiance *= attenuation(distance, light.range);
    if (light.kind == 2u) {
      radiance *= spot_factor(light, l);
    }
  }
  return brdf(surface, l, radiance) * shadow_factor(light, surface.position);
}

fn cluster_of(frag: vec4<f32>) -> u32 {
  let tile = vec2<u32>(frag.xy / camera.viewport * vec2<f32>(f32(CLUSTER_X), f32(CLUSTER_Y)));
  let depth = clamp(frag.w, camera.near, camera.far);
  let slice = u32(log(depth / camera.near) / log(camera.far / camera.near) * f32(CLUSTER_Z));
  let x = min(tile.x, CLUSTER_X - 1u);
  let y = min(tile.y, CLUSTER_Y - 1u);
  let z = min(slice, CLUSTER_Z - 1u);
  return x + y * CLUSTER_X + z * CLUSTER_X * CLUSTER_Y;
}

fn shade_clustered(surface: SurfacePoint, frag: vec4<f32>) -> Color {
  let cluster = clusters[cluster_of(frag)];
  var color = vec3<f32>(0.0);
  let count = min(cluster.count, MAX_LIGHTS_PER_CLUSTER);
  for (var i = 0u; i < count; i++) {
    let index = cluster_indices.indices[cluster.offset + i];
    if (index >= light_list.count) {
      continue;
    }
    color += light_contribution(surface, light_list.lights[index]);
  }
  return color;
}

fn ambient(surface: SurfacePoint) -> Color {
  let n_dot_v = max(dot(surface.normal, surface.view), 0.0);
  let f = fresnel_schlick_roughness(n_dot_v, surface.f0, surface.roughness);
  let r = reflect(-surface.view, surface.normal);
  let mip = surface.roughness * 8.0;
  let prefiltered = textureSampleLevel(environment, linear_sampler, r, mip).rgb;
  let irradiance = textureSampleLevel(environment, linear_sampler, surface.normal, 8.0).rgb;
  let lut = textureSampleLevel(brdf_lut, linear_sampler, vec2<f32>(n_dot_v, surface.roughness), 0.0).rg;
  let specular = prefiltered * (f * lut.x + lut.y);
  let k_d = (vec3<f32>(1.0) - f) * (1.0 - surface.metallic);
  return (k_d * irradiance * surface.albedo + specular) * surface.occlusion;
}

fn perturb_normal(input: VertexOutput, sampled: vec3<f32>, scale: f32) -> vec3<f32> {
  let n = normalize(input.normal);
  let t = normalize(input.tangent.xyz - n * dot(n, input.tangent.xyz));
  let b = cross(n, t) * input.tangent.w;
  let tbn = mat3x3<f32>(t, b, n);
  let m = vec3<f32>(sampled.xy * 2.0 - 1.0, sampled.z * 2.0 - 1.0) * vec3<f32>(scale, scale, 1.0);
  return normalize(tbn * m);
}

fn surface_of(input: VertexOutput, material: Material) -> SurfacePoint {
  var s: SurfacePoint;
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let orm = textureSample(orm_map, material_sampler, input.uv);
  let sampled_normal = textureSample(normal_map, material_sampler, input.uv).xyz;
  s.position = input.world_position;
  s.normal = perturb_normal(input, sampled_normal, material.normal_scale);
  s.view = normalize(camera.position - input.world_position);
  s.albedo = base.rgb;
  s.metallic = orm.b * material.metallic;
  s.roughness = clamp(orm.g * material.roughness, 0.045, 1.0);
  s.occlusion = mix(1.0, orm.r, material.occlusion_strength);
  s.emissive = textureSample(emissive_map, material_sampler, input.uv).rgb * material.emissive;
  s.f0 = mix(vec3<f32>(0.04), s.albedo, s.metallic);
  return s;
}

// ---------------------------------------------------------------------------
// Vertex stage.

fn skin_matrix(input: VertexInput, offset: u32) -> mat4x4<f32> {
  var m = mat4x4<f32>();
  for (var i = 0u; i < 4u; i++) {
    let joint = min(input.joints[i], MAX_BONES - 1u);
    m += bones[offset + joint] * input.weights[i];
  }
  return m;
}

@vertex
fn vs_main(input: VertexInput, @builtin(instance_index) instance_index: u32) -> VertexOutput {
  let instance = instances[instance_index];
  let skin = skin_matrix(input, instance.bone_offset);
  let model = instance.model * skin;
  let world = model * vec4<f32>(input.position, 1.0);
  var out: VertexOutput;
  out.clip = camera.view_projection * world;
  out.world_position = world.xyz;
  out.normal = normalize((instance.normal_matrix * skin * vec4<f32>(input.normal, 0.0)).xyz);
  out.tangent = vec4<f32>(normalize((model * vec4<f32>(input.tangent.xyz, 0.0)).xyz), input.tangent.w);
  out.uv = input.uv;
  out.material = instance.material;
  return out;
}

@vertex
fn vs_fullscreen(@builtin(vertex_index) index: u32) -> @builtin(position) vec4<f32> {
  let uv = vec2<f32>(f32((index << 1u) & 2u), f32(index & 2u));
  return vec4<f32>(uv * 2.0 - 1.0, 0.0, 1.0);
}

// ---------------------------------------------------------------------------
// Packing.

fn oct_wrap(v: vec2<f32>) -> vec2<f32> {
  return (1.0 - abs(v.yx)) * select(vec2<f32>(-1.0), vec2<f32>(1.0), v >= vec2<f32>(0.0));
}

fn encode_normal(n: vec3<f32>) -> vec2<f32> {
  var p = n.xy / (abs(n.x) + abs(n.y) + abs(n.z));
  if (n.z < 0.0) {
    p = oct_wrap(p);
  }
  return p * 0.5 + 0.5;
}

fn decode_normal(e: vec2<f32>) -> vec3<f32> {
  let f = e * 2.0 - 1.0;
  var n = vec3<f32>(f, 1.0 - abs(f.x) - abs(f.y));
  let t = clamp(-n.z, 0.0, 1.0);
  n.x += select(t, -t, n.x >= 0.0);
  n.y += select(t, -t, n.y >= 0.0);
  return normalize(n);
}

fn quat_rotate(q: vec4<f32>, v: vec3<f32>) -> vec3<f32> {
  let t = 2.0 * cross(q.xyz, v);
  return v + q.w * t + cross(q.xyz, t);
}

fn quat_mul(a: vec4<f32>, b: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(a.w * b.xyz + b.w * a.xyz + cross(a.xyz, b.xyz), a.w * b.w - dot(a.xyz, b.xyz));
}

// Material variant 0: clearcoat.
@fragment
fn fs_clearcoat_0(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_0 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_0) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let coat = fresnel_schlick(max(dot(s.normal, s.view), 0.0), vec3<f32>(0.04)) * 0.736;
  color = color * (vec3<f32>(1.0) - coat) + coat * ambient(s);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 3.
fn blur_weight_1(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.1666;
}

@compute @workgroup_size(16, 16)
fn blur_v_1(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -3; k <= 3; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_1(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 2.
fn spawn_2(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 2u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 3.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 2u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_2(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_2(index);
    }
  } else {
    let force = sim.wind;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 3.
fn neighborhood_clamp_3(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_3(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_3(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 3u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 4.
fn combine_max_4(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_4(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_4(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 4u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 5.
fn bin_of_5(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 15.0) / 25.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_5(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_5(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 6: toon.
@fragment
fn fs_toon_6(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_6 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_6) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let bands = floor(luminance_of(color) * 0.842 * 4.0) / (0.842 * 4.0);
  color = normalize(color + vec3<f32>(EPSILON)) * bands;
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 4.
fn blur_weight_7(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.5666;
}

@compute @workgroup_size(16, 16)
fn blur_v_7(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -4; k <= 4; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_7(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 8.
fn spawn_8(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 8u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 1.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 8u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_8(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_8(index);
    }
  } else {
    let force = sim.gravity;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 9.
fn neighborhood_clamp_9(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_9(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_9(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 9u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 10.
fn combine_max_10(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_10(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_10(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 10u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 11.
fn bin_of_11(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 21.0) / 31.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_11(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_11(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 12: rim.
@fragment
fn fs_rim_12(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_12 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_12) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let rim = smoothstep(0.5, 1.0, 1.0 - max(dot(s.normal, s.view), 0.0)) * 0.359;
  color += rim * vec3<f32>(0.3, 0.5, 1.0);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 5.
fn blur_weight_13(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.9;
}

@compute @workgroup_size(16, 16)
fn blur_v_13(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -5; k <= 5; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_13(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 14.
fn spawn_14(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 14u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 3.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 14u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_14(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_14(index);
    }
  } else {
    let force = sim.gravity;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 15.
fn neighborhood_clamp_15(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_15(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_15(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 15u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 16.
fn combine_max_16(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_16(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_16(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 16u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 17.
fn bin_of_17(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 27.0) / 37.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_17(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_17(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 18: dither.
@fragment
fn fs_dither_18(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_18 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_18) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let noise = hash21(input.clip.xy + vec2<f32>(camera.time)) * 0.799;
  color += vec3<f32>(noise / 255.0);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 6.
fn blur_weight_19(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 4.1858;
}

@compute @workgroup_size(16, 16)
fn blur_v_19(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -6; k <= 6; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_19(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 20.
fn spawn_20(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 20u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 1.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 20u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_20(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_20(index);
    }
  } else {
    let force = sim.gravity;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 21.
fn neighborhood_clamp_21(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_21(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_21(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 21u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 22.
fn combine_max_22(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_22(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_22(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 22u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 23.
fn bin_of_23(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 33.0) / 43.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_23(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_23(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 24: clearcoat.
@fragment
fn fs_clearcoat_24(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_24 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_24) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let coat = fresnel_schlick(max(dot(s.normal, s.view), 0.0), vec3<f32>(0.04)) * 1.615;
  color = color * (vec3<f32>(1.0) - coat) + coat * ambient(s);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 2.
fn blur_weight_25(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 2.6666;
}

@compute @workgroup_size(16, 16)
fn blur_v_25(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -2; k <= 2; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_25(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 26.
fn spawn_26(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 26u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 3.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 26u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_26(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_26(index);
    }
  } else {
    let force = sim.wind;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 27.
fn neighborhood_clamp_27(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_27(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_27(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 27u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 28.
fn combine_max_28(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_28(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_28(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 28u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 29.
fn bin_of_29(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 39.0) / 49.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_29(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_29(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 30: toon.
@fragment
fn fs_toon_30(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_30 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_30) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let bands = floor(luminance_of(color) * 0.306 * 4.0) / (0.306 * 4.0);
  color = normalize(color + vec3<f32>(EPSILON)) * bands;
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 3.
fn blur_weight_31(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.1666;
}

@compute @workgroup_size(16, 16)
fn blur_v_31(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -3; k <= 3; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_31(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 32.
fn spawn_32(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 32u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 1.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 32u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_32(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_32(index);
    }
  } else {
    let force = -sim.gravity * 0.5;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 33.
fn neighborhood_clamp_33(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_33(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_33(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 33u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 34.
fn combine_max_34(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_34(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_34(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 34u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 35.
fn bin_of_35(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 45.0) / 55.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_35(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_35(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 36: rim.
@fragment
fn fs_rim_36(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_36 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_36) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let rim = smoothstep(0.5, 1.0, 1.0 - max(dot(s.normal, s.view), 0.0)) * 0.877;
  color += rim * vec3<f32>(0.3, 0.5, 1.0);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 4.
fn blur_weight_37(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.5666;
}

@compute @workgroup_size(16, 16)
fn blur_v_37(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -4; k <= 4; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_37(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 38.
fn spawn_38(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 38u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 3.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 38u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_38(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_38(index);
    }
  } else {
    let force = sim.wind;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 39.
fn neighborhood_clamp_39(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_39(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_39(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 39u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 40.
fn combine_max_40(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_40(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_40(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 40u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 41.
fn bin_of_41(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 51.0) / 61.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_41(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_41(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 42: dither.
@fragment
fn fs_dither_42(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_42 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_42) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let noise = hash21(input.clip.xy + vec2<f32>(camera.time)) * 0.386;
  color += vec3<f32>(noise / 255.0);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 5.
fn blur_weight_43(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.9;
}

@compute @workgroup_size(16, 16)
fn blur_v_43(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -5; k <= 5; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_43(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 44.
fn spawn_44(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 44u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 1.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 44u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_44(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_44(index);
    }
  } else {
    let force = -sim.gravity * 0.5;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 45.
fn neighborhood_clamp_45(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_45(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_45(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 45u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 46.
fn combine_max_46(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_46(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_46(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 46u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 47.
fn bin_of_47(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 57.0) / 67.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_47(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_47(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 48: clearcoat.
@fragment
fn fs_clearcoat_48(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_48 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_48) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let coat = fresnel_schlick(max(dot(s.normal, s.view), 0.0), vec3<f32>(0.04)) * 0.339;
  color = color * (vec3<f32>(1.0) - coat) + coat * ambient(s);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 6.
fn blur_weight_49(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 4.1858;
}

@compute @workgroup_size(16, 16)
fn blur_v_49(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -6; k <= 6; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_49(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 50.
fn spawn_50(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 50u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 3.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 50u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_50(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_50(index);
    }
  } else {
    let force = sim.gravity;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 51.
fn neighborhood_clamp_51(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_51(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_51(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 51u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 52.
fn combine_max_52(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_52(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_52(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 52u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 53.
fn bin_of_53(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 63.0) / 73.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_53(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_53(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 54: toon.
@fragment
fn fs_toon_54(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_54 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_54) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let bands = floor(luminance_of(color) * 1.671 * 4.0) / (1.671 * 4.0);
  color = normalize(color + vec3<f32>(EPSILON)) * bands;
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 2.
fn blur_weight_55(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 2.6666;
}

@compute @workgroup_size(16, 16)
fn blur_v_55(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -2; k <= 2; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_55(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 56.
fn spawn_56(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 56u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 1.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 56u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_56(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_56(index);
    }
  } else {
    let force = sim.gravity;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 57.
fn neighborhood_clamp_57(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_57(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_57(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 57u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 58.
fn combine_max_58(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_58(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_58(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 58u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 59.
fn bin_of_59(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 69.0) / 79.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_59(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_59(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 60: rim.
@fragment
fn fs_rim_60(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_60 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_60) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let rim = smoothstep(0.5, 1.0, 1.0 - max(dot(s.normal, s.view), 0.0)) * 1.116;
  color += rim * vec3<f32>(0.3, 0.5, 1.0);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 3.
fn blur_weight_61(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.1666;
}

@compute @workgroup_size(16, 16)
fn blur_v_61(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -3; k <= 3; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_61(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 62.
fn spawn_62(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 62u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 3.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 62u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_62(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_62(index);
    }
  } else {
    let force = -sim.gravity * 0.5;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 63.
fn neighborhood_clamp_63(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_63(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_63(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 63u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}

// Luminance reduction (max), variant 64.
fn combine_max_64(a: f32, b: f32) -> f32 {
  return max(a, b);
}

@compute @workgroup_size(256)
fn reduce_max_64(@builtin(local_invocation_index) local: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  let index = group.x * 256u + local;
  var value = -1e30;
  if (index < size.x * size.y) {
    let p = vec2<u32>(index % size.x, index / size.x);
    value = log(max(luminance_of(textureLoad(hdr_input, p, 0).rgb), EPSILON));
  }
  tile_luminance[local] = value;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (local < stride) {
      tile_luminance[local] = combine_max_64(tile_luminance[local], tile_luminance[local + stride]);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    luminance[group.x + 64u * 1024u] = tile_luminance[0];
  }
}

// Luminance histogram, variant 65.
fn bin_of_65(l: f32) -> u32 {
  if (l < EPSILON) {
    return 0u;
  }
  let t = clamp((log2(l) + 75.0) / 85.0, 0.0, 1.0);
  return u32(t * 254.0 + 1.0);
}

@compute @workgroup_size(16, 16)
fn histogram_65(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  atomicStore(&tile_bins[local], 0u);
  workgroupBarrier();
  let size = textureDimensions(hdr_input);
  if (id.x < size.x && id.y < size.y) {
    let l = luminance_of(textureLoad(hdr_input, id.xy, 0).rgb);
    atomicAdd(&tile_bins[bin_of_65(l)], 1u);
  }
  workgroupBarrier();
  atomicAdd(&histogram[local], atomicLoad(&tile_bins[local]));
}

// Material variant 66: dither.
@fragment
fn fs_dither_66(input: VertexOutput) -> FragmentOutput {
  let material = materials[input.material];
  let base = textureSample(base_color_map, material_sampler, input.uv) * material.base_color;
  let alpha_cutoff_66 = material.alpha_cutoff;
  if (base.a < alpha_cutoff_66) {
    discard;
  }
  let s = surface_of(input, material);
  var color = shade_clustered(s, input.clip) + ambient(s) + s.emissive;
  let noise = hash21(input.clip.xy + vec2<f32>(camera.time)) * 0.324;
  color += vec3<f32>(noise / 255.0);
  var out: FragmentOutput;
  out.color = vec4<f32>(color, base.a);
  let previous = camera.view_projection * vec4<f32>(s.position, 1.0);
  out.velocity = (input.clip.xy / camera.viewport) - (previous.xy / previous.w * 0.5 + 0.5);
  return out;
}

// Separable blur, radius 4.
fn blur_weight_67(offset: i32) -> f32 {
  return 1.0 / (1.0 + f32(abs(offset))) / 3.5666;
}

@compute @workgroup_size(16, 16)
fn blur_v_67(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(hdr_input);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  var sum = vec3<f32>(0.0);
  for (var k = -4; k <= 4; k++) {
    let offset = vec2<i32>(0, k);
    let p = clamp(vec2<i32>(id.xy) + offset, vec2<i32>(0), vec2<i32>(size) - 1);
    sum += textureLoad(hdr_input, p, 0).rgb * blur_weight_67(k);
  }
  textureStore(bloom_output, vec2<i32>(id.xy), vec4<f32>(sum * post.bloom_strength, 1.0));
}

// Particle step, emitter 68.
fn spawn_68(index: u32) -> Particle {
  seed_rng(vec2<u32>(index, 68u), sim.frame);
  var p: Particle;
  p.position = sim.emitter + random_unit_vector() * 0.1;
  p.velocity = random_unit_vector() * (1.0 + random_f32());
  p.age = 0.0;
  p.lifetime = 1.0 + random_f32() * 1.0;
  p.color = vec4<f32>(random_f32(), random_f32(), random_f32(), 1.0);
  p.size = 0.05 + random_f32() * 0.1;
  p.seed = pcg(index + 68u);
  p.alive = 1u;
  return p;
}

@compute @workgroup_size(64)
fn simulate_68(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= sim.count) {
    return;
  }
  var p = particles[index];
  if (p.alive == 0u) {
    if (random_f32() < sim.spawn_rate * sim.delta_time) {
      p = spawn_68(index);
    }
  } else {
    let force = sim.wind;
    p.velocity += (force - p.velocity * sim.drag) * sim.delta_time;
    p.position += p.velocity * sim.delta_time;
    let below = p.position < sim.bounds_min;
    let above = p.position > sim.bounds_max;
    p.velocity = select(p.velocity, -p.velocity * 0.6, below | above);
    p.position = clamp(p.position, sim.bounds_min, sim.bounds_max);
    p.age += sim.delta_time;
    p.color.a = 1.0 - p.age / p.lifetime;
    if (p.age >= p.lifetime) {
      p.alive = 0u;
    } else {
      atomicAdd(&alive_count, 1u);
    }
  }
  particles[index] = p;
}

// Tone mapping and temporal resolve, variant 69.
fn neighborhood_clamp_69(p: vec2<i32>, size: vec2<i32>, current: Color, previous: Color) -> Color {
  var lo = vec3<f32>(1e30);
  var hi = vec3<f32>(-1e30);
  for (var y = -1; y <= 1; y++) {
    for (var x = -1; x <= 1; x++) {
      let q = clamp(p + vec2<i32>(x, y), vec2<i32>(0), size - 1);
      let c = rgb_to_ycocg(textureLoad(hdr_input, q, 0).rgb);
      lo = min(lo, c);
      hi = max(hi, c);
    }
  }
  let clamped = clamp(rgb_to_ycocg(previous), lo, hi);
  return mix(ycocg_to_rgb(clamped), current, post.blend);
}

@compute @workgroup_size(8, 8)
fn resolve_69(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = vec2<i32>(textureDimensions(hdr_input));
  let p = vec2<i32>(id.xy);
  if (p.x >= size.x || p.y >= size.y) {
    return;
  }
  let current = textureLoad(hdr_input, p, 0).rgb;
  let previous = textureLoad(history, p, 0).rgb;
  let resolved = neighborhood_clamp_69(p, size, current, previous);
  let average = exp(luminance[0]);
  let exposure = post.exposure * exp2(exposure_bias) / max(average, EPSILON);
  let mapped = apply_tonemap(resolved * exposure, (post.tone_operator + 69u) % 4u);
  textureStore(ldr_output, p, vec4<f32>(linear_to_srgb(mapped), 1.0));
}
