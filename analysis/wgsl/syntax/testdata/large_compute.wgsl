// large_compute.wgsl: a benchmark corpus for the WGSL front end.
//
// A set of compute kernels in one module: a small stack-machine interpreter,
// a particle and spring physics step, image filters (separable blur,
// Sobel edges, histogram, tone mapping) and a family of generated
// convolution and reduction kernels. It is valid WGSL (checked with naga
// 0.19 and naga 29) and uses only features naga 0.19 accepts.

const WORKGROUP_SIZE: u32 = 64u;
const STACK_DEPTH: u32 = 32u;
const MAX_STEPS: u32 = 4096u;
const PI: f32 = 3.14159265358979;
const EPSILON: f32 = 0.00001;

const OP_NOP: u32 = 0u;
const OP_PUSH: u32 = 1u;
const OP_POP: u32 = 2u;
const OP_ADD: u32 = 3u;
const OP_SUB: u32 = 4u;
const OP_MUL: u32 = 5u;
const OP_DIV: u32 = 6u;
const OP_REM: u32 = 7u;
const OP_AND: u32 = 8u;
const OP_OR: u32 = 9u;
const OP_XOR: u32 = 10u;
const OP_SHL: u32 = 11u;
const OP_SHR: u32 = 12u;
const OP_EQ: u32 = 13u;
const OP_LT: u32 = 14u;
const OP_GT: u32 = 15u;
const OP_JMP: u32 = 16u;
const OP_JZ: u32 = 17u;
const OP_DUP: u32 = 18u;
const OP_SWAP: u32 = 19u;
const OP_LOAD: u32 = 20u;
const OP_STORE: u32 = 21u;
const OP_HALT: u32 = 22u;

struct Instruction {
  opcode: u32,
  operand: u32,
}

struct Machine {
  pc: u32,
  sp: u32,
  steps: u32,
  status: u32,
  stack: array<u32, 32>,
}

struct Particle {
  position: vec3<f32>,
  mass: f32,
  velocity: vec3<f32>,
  radius: f32,
  force: vec3<f32>,
  flags: u32,
}

struct Spring {
  a: u32,
  b: u32,
  rest_length: f32,
  stiffness: f32,
}

struct SimParams {
  dt: f32,
  damping: f32,
  gravity: vec3<f32>,
  particle_count: u32,
  spring_count: u32,
  bounds_min: vec3<f32>,
  bounds_max: vec3<f32>,
}

struct ImageParams {
  width: u32,
  height: u32,
  exposure: f32,
  gamma: f32,
}

alias Histogram = array<atomic<u32>, 256>;

@group(0) @binding(0) var<storage, read> program: array<Instruction>;
@group(0) @binding(1) var<storage, read_write> machines: array<Machine>;
@group(0) @binding(2) var<storage, read_write> vm_memory: array<u32>;

@group(1) @binding(0) var<storage, read_write> particles: array<Particle>;
@group(1) @binding(1) var<storage, read> springs: array<Spring>;
@group(1) @binding(2) var<uniform> sim: SimParams;

@group(2) @binding(0) var<storage, read> image_in: array<vec4<f32>>;
@group(2) @binding(1) var<storage, read_write> image_out: array<vec4<f32>>;
@group(2) @binding(2) var<storage, read_write> histogram: Histogram;
@group(2) @binding(3) var<uniform> image: ImageParams;
@group(2) @binding(4) var<storage, read_write> scratch: array<f32>;

var<workgroup> tile: array<vec4<f32>, 256>;
var<workgroup> partial_sums: array<f32, 64>;
var<private> rng_state: u32;

// ---- utilities ----

fn hash_u32(x_in: u32) -> u32 {
  var x = x_in;
  x = x ^ (x >> 16u);
  x = x * 0x7feb352du;
  x = x ^ (x >> 15u);
  x = x * 0x846ca68bu;
  x = x ^ (x >> 16u);
  return x;
}

fn seed_rng(id: u32) {
  rng_state = hash_u32(id * 747796405u + 2891336453u);
}

fn next_random() -> f32 {
  rng_state = rng_state * 747796405u + 2891336453u;
  let word = ((rng_state >> ((rng_state >> 28u) + 4u)) ^ rng_state) * 277803737u;
  return f32((word >> 22u) ^ word) / 4294967295.0;
}

fn luminance(c: vec3<f32>) -> f32 {
  return dot(c, vec3<f32>(0.2126, 0.7152, 0.0722));
}

fn clamp_coord(x: i32, y: i32) -> u32 {
  let cx = clamp(x, 0, i32(image.width) - 1);
  let cy = clamp(y, 0, i32(image.height) - 1);
  return u32(cy) * image.width + u32(cx);
}

fn sample_image(x: i32, y: i32) -> vec4<f32> {
  return image_in[clamp_coord(x, y)];
}

fn safe_div(a: f32, b: f32) -> f32 {
  if abs(b) < EPSILON {
    return 0.0;
  }
  return a / b;
}

fn smooth_falloff(d: f32, radius: f32) -> f32 {
  let t = clamp(1.0 - d / radius, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

fn rotate2(v: vec2<f32>, angle: f32) -> vec2<f32> {
  let c = cos(angle);
  let s = sin(angle);
  return vec2<f32>(c * v.x - s * v.y, s * v.x + c * v.y);
}

// ---- stack machine ----

fn vm_push(m: ptr<function, Machine>, value: u32) -> bool {
  if (*m).sp >= STACK_DEPTH {
    (*m).status = 2u;
    return false;
  }
  (*m).stack[(*m).sp] = value;
  (*m).sp += 1u;
  return true;
}

fn vm_pop(m: ptr<function, Machine>) -> u32 {
  if (*m).sp == 0u {
    (*m).status = 3u;
    return 0u;
  }
  (*m).sp -= 1u;
  return (*m).stack[(*m).sp];
}

fn vm_binary(opcode: u32, a: u32, b: u32) -> u32 {
  switch opcode {
    case 3u: { return a + b; }
    case 4u: { return a - b; }
    case 5u: { return a * b; }
    case 6u: {
      if b == 0u {
        return 0u;
      }
      return a / b;
    }
    case 7u: {
      if b == 0u {
        return 0u;
      }
      return a % b;
    }
    case 8u: { return a & b; }
    case 9u: { return a | b; }
    case 10u: { return a ^ b; }
    case 11u: { return a << (b & 31u); }
    case 12u: { return a >> (b & 31u); }
    case 13u: { return select(0u, 1u, a == b); }
    case 14u: { return select(0u, 1u, a < b); }
    case 15u: { return select(0u, 1u, a > b); }
    default: { return 0u; }
  }
}

fn vm_step(m: ptr<function, Machine>) {
  let count = arrayLength(&program);
  if (*m).pc >= count {
    (*m).status = 1u;
    return;
  }
  let ins = program[(*m).pc];
  (*m).pc += 1u;
  (*m).steps += 1u;
  switch ins.opcode {
    case 0u: {
    }
    case 1u: {
      _ = vm_push(m, ins.operand);
    }
    case 2u: {
      _ = vm_pop(m);
    }
    case 16u: {
      (*m).pc = ins.operand;
    }
    case 17u: {
      let v = vm_pop(m);
      if v == 0u {
        (*m).pc = ins.operand;
      }
    }
    case 18u: {
      let v = vm_pop(m);
      _ = vm_push(m, v);
      _ = vm_push(m, v);
    }
    case 19u: {
      let b = vm_pop(m);
      let a = vm_pop(m);
      _ = vm_push(m, b);
      _ = vm_push(m, a);
    }
    case 20u: {
      let addr = vm_pop(m);
      let len = arrayLength(&vm_memory);
      if addr < len {
        _ = vm_push(m, vm_memory[addr]);
      } else {
        (*m).status = 4u;
      }
    }
    case 21u: {
      let value = vm_pop(m);
      let addr = vm_pop(m);
      let len = arrayLength(&vm_memory);
      if addr < len {
        vm_memory[addr] = value;
      } else {
        (*m).status = 4u;
      }
    }
    case 22u: {
      (*m).status = 1u;
    }
    default: {
      if ins.opcode >= OP_ADD && ins.opcode <= OP_GT {
        let b = vm_pop(m);
        let a = vm_pop(m);
        _ = vm_push(m, vm_binary(ins.opcode, a, b));
      } else {
        (*m).status = 5u;
      }
    }
  }
}

@compute @workgroup_size(64)
fn run_machines(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  m.status = 0u;
  loop {
    if m.status != 0u || m.steps >= MAX_STEPS {
      break;
    }
    vm_step(&m);
    continuing {
      if m.steps % 256u == 0u {
        m.stack[0] = m.stack[0] + 0u;
      }
    }
  }
  machines[index] = m;
}

// ---- physics ----

fn spring_force(p: vec3<f32>, q: vec3<f32>, rest: f32, k: f32) -> vec3<f32> {
  let d = q - p;
  let len = length(d);
  if len < EPSILON {
    return vec3<f32>(0.0, 0.0, 0.0);
  }
  return d / len * ((len - rest) * k);
}

fn collide_bounds(p: ptr<function, Particle>) {
  for (var axis = 0; axis < 3; axis++) {
    let lo = sim.bounds_min[axis] + (*p).radius;
    let hi = sim.bounds_max[axis] - (*p).radius;
    if (*p).position[axis] < lo {
      (*p).position[axis] = lo;
      (*p).velocity[axis] = -(*p).velocity[axis] * 0.5;
    } else if (*p).position[axis] > hi {
      (*p).position[axis] = hi;
      (*p).velocity[axis] = -(*p).velocity[axis] * 0.5;
    }
  }
}

@compute @workgroup_size(64)
fn accumulate_springs(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.spring_count {
    return;
  }
  let s = springs[i];
  let pa = particles[s.a].position;
  let pb = particles[s.b].position;
  let f = spring_force(pa, pb, s.rest_length, s.stiffness);
  particles[s.a].force += f;
  particles[s.b].force -= f;
}

@compute @workgroup_size(64)
fn integrate(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  var p = particles[i];
  if (p.flags & 1u) != 0u {
    return;
  }
  let inv_mass = safe_div(1.0, p.mass);
  let accel = p.force * inv_mass + sim.gravity;
  p.velocity = (p.velocity + accel * sim.dt) * (1.0 - sim.damping);
  p.position += p.velocity * sim.dt;
  p.force = vec3<f32>(0.0);
  collide_bounds(&p);
  particles[i] = p;
}

// ---- image processing ----

@compute @workgroup_size(16, 16)
fn sobel(@builtin(global_invocation_id) gid: vec3<u32>) {
  if gid.x >= image.width || gid.y >= image.height {
    return;
  }
  let x = i32(gid.x);
  let y = i32(gid.y);
  var gx = 0.0;
  var gy = 0.0;
  for (var dy = -1; dy <= 1; dy++) {
    for (var dx = -1; dx <= 1; dx++) {
      let l = luminance(sample_image(x + dx, y + dy).rgb);
      let wx = f32(dx) * select(1.0, 2.0, dy == 0);
      let wy = f32(dy) * select(1.0, 2.0, dx == 0);
      gx += l * wx;
      gy += l * wy;
    }
  }
  let magnitude = sqrt(gx * gx + gy * gy);
  image_out[gid.y * image.width + gid.x] = vec4<f32>(vec3<f32>(magnitude), 1.0);
}

@compute @workgroup_size(256)
fn build_histogram(@builtin(global_invocation_id) gid: vec3<u32>) {
  let count = image.width * image.height;
  if gid.x >= count {
    return;
  }
  let l = clamp(luminance(image_in[gid.x].rgb), 0.0, 1.0);
  let bucket = min(u32(l * 255.0), 255u);
  atomicAdd(&histogram[bucket], 1u);
}

fn aces(x: vec3<f32>) -> vec3<f32> {
  let a = 2.51;
  let b = 0.03;
  let c = 2.43;
  let d = 0.59;
  let e = 0.14;
  return clamp((x * (a * x + b)) / (x * (c * x + d) + e), vec3<f32>(0.0), vec3<f32>(1.0));
}

@compute @workgroup_size(256)
fn tone_map(@builtin(global_invocation_id) gid: vec3<u32>) {
  let count = image.width * image.height;
  if gid.x >= count {
    return;
  }
  let c = image_in[gid.x];
  let mapped = aces(c.rgb * image.exposure);
  let corrected = pow(mapped, vec3<f32>(1.0 / image.gamma));
  image_out[gid.x] = vec4<f32>(corrected, c.a);
}

@compute @workgroup_size(64)
fn reduce_sum(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let base = wid.x * 64u;
  let n = arrayLength(&scratch);
  var v = 0.0;
  if base + lid < n {
    v = scratch[base + lid];
  }
  partial_sums[lid] = v;
  workgroupBarrier();
  var stride = 32u;
  while stride > 0u {
    if lid < stride {
      partial_sums[lid] += partial_sums[lid + stride];
    }
    workgroupBarrier();
    stride = stride >> 1u;
  }
  if lid == 0u && base < n {
    scratch[base] = partial_sums[0];
  }
}

// Separable Gaussian blur, radius 1, sigma 0.80 (generated variant 0).
fn blur_weight_0(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 0.8000 * 0.8000));
}

fn blur_row_0(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_0(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_0(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_0(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_0(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_0(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_0(x, y);
  let mixed = mix(tile[lid], vertical, 0.25);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 2, sigma 1.15 (generated variant 1).
fn blur_weight_1(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 1.1500 * 1.1500));
}

fn blur_row_1(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_1(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_1(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_1(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_1(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_1(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_1(x, y);
  let mixed = mix(tile[lid], vertical, 0.30);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 3, sigma 1.50 (generated variant 2).
fn blur_weight_2(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 1.5000 * 1.5000));
}

fn blur_row_2(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -3; i <= 3; i++) {
    let wgt = blur_weight_2(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_2(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -3; i <= 3; i++) {
    let wgt = blur_weight_2(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_2(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_2(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_2(x, y);
  let mixed = mix(tile[lid], vertical, 0.35);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 4, sigma 1.85 (generated variant 3).
fn blur_weight_3(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 1.8500 * 1.8500));
}

fn blur_row_3(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -4; i <= 4; i++) {
    let wgt = blur_weight_3(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_3(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -4; i <= 4; i++) {
    let wgt = blur_weight_3(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_3(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_3(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_3(x, y);
  let mixed = mix(tile[lid], vertical, 0.40);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 1, sigma 2.20 (generated variant 4).
fn blur_weight_4(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 2.2000 * 2.2000));
}

fn blur_row_4(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_4(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_4(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_4(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_4(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_4(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_4(x, y);
  let mixed = mix(tile[lid], vertical, 0.45);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 2, sigma 2.55 (generated variant 5).
fn blur_weight_5(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 2.5500 * 2.5500));
}

fn blur_row_5(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_5(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_5(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_5(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_5(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_5(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_5(x, y);
  let mixed = mix(tile[lid], vertical, 0.50);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 3, sigma 2.90 (generated variant 6).
fn blur_weight_6(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 2.9000 * 2.9000));
}

fn blur_row_6(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -3; i <= 3; i++) {
    let wgt = blur_weight_6(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_6(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -3; i <= 3; i++) {
    let wgt = blur_weight_6(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_6(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_6(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_6(x, y);
  let mixed = mix(tile[lid], vertical, 0.55);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 4, sigma 3.25 (generated variant 7).
fn blur_weight_7(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 3.2500 * 3.2500));
}

fn blur_row_7(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -4; i <= 4; i++) {
    let wgt = blur_weight_7(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_7(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -4; i <= 4; i++) {
    let wgt = blur_weight_7(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_7(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_7(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_7(x, y);
  let mixed = mix(tile[lid], vertical, 0.60);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 1, sigma 3.60 (generated variant 8).
fn blur_weight_8(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 3.6000 * 3.6000));
}

fn blur_row_8(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_8(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_8(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_8(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_8(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_8(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_8(x, y);
  let mixed = mix(tile[lid], vertical, 0.65);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 2, sigma 3.95 (generated variant 9).
fn blur_weight_9(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 3.9500 * 3.9500));
}

fn blur_row_9(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_9(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_9(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_9(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_9(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_9(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_9(x, y);
  let mixed = mix(tile[lid], vertical, 0.70);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 3, sigma 4.30 (generated variant 10).
fn blur_weight_10(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 4.3000 * 4.3000));
}

fn blur_row_10(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -3; i <= 3; i++) {
    let wgt = blur_weight_10(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_10(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -3; i <= 3; i++) {
    let wgt = blur_weight_10(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_10(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_10(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_10(x, y);
  let mixed = mix(tile[lid], vertical, 0.75);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 4, sigma 4.65 (generated variant 11).
fn blur_weight_11(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 4.6500 * 4.6500));
}

fn blur_row_11(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -4; i <= 4; i++) {
    let wgt = blur_weight_11(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_11(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -4; i <= 4; i++) {
    let wgt = blur_weight_11(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_11(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_11(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_11(x, y);
  let mixed = mix(tile[lid], vertical, 0.80);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 1, sigma 5.00 (generated variant 12).
fn blur_weight_12(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 5.0000 * 5.0000));
}

fn blur_row_12(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_12(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_12(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -1; i <= 1; i++) {
    let wgt = blur_weight_12(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_12(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_12(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_12(x, y);
  let mixed = mix(tile[lid], vertical, 0.85);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Separable Gaussian blur, radius 2, sigma 5.35 (generated variant 13).
fn blur_weight_13(offset: i32) -> f32 {
  let x = f32(offset);
  return exp(-(x * x) / (2.0 * 5.3500 * 5.3500));
}

fn blur_row_13(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_13(i);
    acc += sample_image(x + i, y) * wgt;
    total += wgt;
  }
  return acc / total;
}

fn blur_column_13(x: i32, y: i32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var i = -2; i <= 2; i++) {
    let wgt = blur_weight_13(i);
    acc += sample_image(x, y + i) * wgt;
    total += wgt;
  }
  return acc / total;
}

@compute @workgroup_size(16, 16)
fn blur_pass_13(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inside = gid.x < image.width && gid.y < image.height;
  let x = i32(gid.x);
  let y = i32(gid.y);
  let horizontal = blur_row_13(x, y);
  tile[lid] = horizontal;
  workgroupBarrier();
  let vertical = blur_column_13(x, y);
  let mixed = mix(tile[lid], vertical, 0.90);
  if inside {
    image_out[gid.y * image.width + gid.x] = vec4<f32>(mixed.rgb, 1.0);
  }
}

// Force field variant 0: a vortex around the Y axis plus a soft attractor.
fn field_0(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.100 + t * 0.5) * (0.500 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 4.0) * 0.100;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 2u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_0(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 0u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_0(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 10.0 {
    p.velocity = normalize(p.velocity) * 10.0;
  }
  particles[i] = p;
}

// Force field variant 1: a vortex around the Y axis plus a soft attractor.
fn field_1(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.200 + t * 0.5) * (0.750 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 5.0) * 0.200;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 3u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_1(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 1000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_1(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 11.0 {
    p.velocity = normalize(p.velocity) * 11.0;
  }
  particles[i] = p;
}

// Force field variant 2: a vortex around the Y axis plus a soft attractor.
fn field_2(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.300 + t * 0.5) * (1.000 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 6.0) * 0.300;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 4u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_2(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 2000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_2(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 12.0 {
    p.velocity = normalize(p.velocity) * 12.0;
  }
  particles[i] = p;
}

// Force field variant 3: a vortex around the Y axis plus a soft attractor.
fn field_3(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.400 + t * 0.5) * (1.250 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 7.0) * 0.400;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 2u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_3(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 3000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_3(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 13.0 {
    p.velocity = normalize(p.velocity) * 13.0;
  }
  particles[i] = p;
}

// Force field variant 4: a vortex around the Y axis plus a soft attractor.
fn field_4(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.500 + t * 0.5) * (1.500 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 8.0) * 0.500;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 3u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_4(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 4000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_4(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 14.0 {
    p.velocity = normalize(p.velocity) * 14.0;
  }
  particles[i] = p;
}

// Force field variant 5: a vortex around the Y axis plus a soft attractor.
fn field_5(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.600 + t * 0.5) * (1.750 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 9.0) * 0.600;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 4u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_5(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 5000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_5(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 15.0 {
    p.velocity = normalize(p.velocity) * 15.0;
  }
  particles[i] = p;
}

// Force field variant 6: a vortex around the Y axis plus a soft attractor.
fn field_6(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.700 + t * 0.5) * (2.000 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 10.0) * 0.700;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 2u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_6(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 6000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_6(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 16.0 {
    p.velocity = normalize(p.velocity) * 16.0;
  }
  particles[i] = p;
}

// Force field variant 7: a vortex around the Y axis plus a soft attractor.
fn field_7(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.800 + t * 0.5) * (2.250 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 11.0) * 0.800;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 3u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_7(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 7000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_7(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 17.0 {
    p.velocity = normalize(p.velocity) * 17.0;
  }
  particles[i] = p;
}

// Force field variant 8: a vortex around the Y axis plus a soft attractor.
fn field_8(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 0.900 + t * 0.5) * (2.500 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 12.0) * 0.900;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 4u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_8(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 8000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_8(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 18.0 {
    p.velocity = normalize(p.velocity) * 18.0;
  }
  particles[i] = p;
}

// Force field variant 9: a vortex around the Y axis plus a soft attractor.
fn field_9(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 1.000 + t * 0.5) * (2.750 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 13.0) * 1.000;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 2u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_9(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 9000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_9(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 19.0 {
    p.velocity = normalize(p.velocity) * 19.0;
  }
  particles[i] = p;
}

// Force field variant 10: a vortex around the Y axis plus a soft attractor.
fn field_10(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 1.100 + t * 0.5) * (3.000 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 14.0) * 1.100;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 3u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_10(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 10000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_10(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 20.0 {
    p.velocity = normalize(p.velocity) * 20.0;
  }
  particles[i] = p;
}

// Force field variant 11: a vortex around the Y axis plus a soft attractor.
fn field_11(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 1.200 + t * 0.5) * (3.250 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 15.0) * 1.200;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 4u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_11(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 11000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_11(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 21.0 {
    p.velocity = normalize(p.velocity) * 21.0;
  }
  particles[i] = p;
}

// Force field variant 12: a vortex around the Y axis plus a soft attractor.
fn field_12(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 1.300 + t * 0.5) * (3.500 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 16.0) * 1.300;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 2u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_12(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 12000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_12(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 22.0 {
    p.velocity = normalize(p.velocity) * 22.0;
  }
  particles[i] = p;
}

// Force field variant 13: a vortex around the Y axis plus a soft attractor.
fn field_13(p: vec3<f32>, t: f32) -> vec3<f32> {
  let radial = vec2<f32>(p.x, p.z);
  let dist = max(length(radial), EPSILON);
  let swirl = rotate2(radial / dist, 1.400 + t * 0.5) * (3.750 / (1.0 + dist));
  let pull = -p * smooth_falloff(length(p), 17.0) * 1.400;
  var noise = vec3<f32>(0.0);
  for (var octave = 0u; octave < 3u; octave++) {
    let scale = f32(1u << octave);
    let h = hash_u32(u32(abs(p.x * scale * 17.0)) ^ (u32(abs(p.z * scale * 31.0)) << 8u));
    noise += vec3<f32>(f32(h & 255u), f32((h >> 8u) & 255u), f32((h >> 16u) & 255u)) / (255.0 * scale);
  }
  return vec3<f32>(swirl.x, 0.0, swirl.y) + pull + (noise - vec3<f32>(0.5)) * 0.01;
}

@compute @workgroup_size(64)
fn apply_field_13(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if i >= sim.particle_count {
    return;
  }
  seed_rng(i + 13000u);
  var p = particles[i];
  let jitter = vec3<f32>(next_random(), next_random(), next_random()) - vec3<f32>(0.5);
  p.force += field_13(p.position, sim.dt * f32(i)) * p.mass + jitter * 0.001;
  if (p.flags & 2u) != 0u && length(p.velocity) > 23.0 {
    p.velocity = normalize(p.velocity) * 23.0;
  }
  particles[i] = p;
}

// Fused instruction sequence 0: OP_OR, OP_MUL, OP_SHL, OP_ADD.
fn fused_0(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_OR, acc, operand); }
      case 1u: { acc = vm_binary(OP_MUL, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHL, acc, operand); }
      default: { acc = vm_binary(OP_ADD, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x9459799u);
}

@compute @workgroup_size(64)
fn run_fused_0(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 8u && m.status == 0u {
    if !fused_0(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 1: OP_SUB, OP_OR, OP_ADD, OP_XOR.
fn fused_1(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_SUB, acc, operand); }
      case 1u: { acc = vm_binary(OP_OR, acc, operand); }
      case 2u: { acc = vm_binary(OP_ADD, acc, operand); }
      default: { acc = vm_binary(OP_XOR, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x4cca86cu);
}

@compute @workgroup_size(64)
fn run_fused_1(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 9u && m.status == 0u {
    if !fused_1(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 2: OP_SUB, OP_SHL, OP_SHL, OP_SUB.
fn fused_2(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_SUB, acc, operand); }
      case 1u: { acc = vm_binary(OP_SHL, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHL, acc, operand); }
      default: { acc = vm_binary(OP_SUB, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x1ece0b92u);
}

@compute @workgroup_size(64)
fn run_fused_2(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 10u && m.status == 0u {
    if !fused_2(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 3: OP_SUB, OP_SHL, OP_ADD, OP_SUB.
fn fused_3(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_SUB, acc, operand); }
      case 1u: { acc = vm_binary(OP_SHL, acc, operand); }
      case 2u: { acc = vm_binary(OP_ADD, acc, operand); }
      default: { acc = vm_binary(OP_SUB, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x7946082eu);
}

@compute @workgroup_size(64)
fn run_fused_3(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 11u && m.status == 0u {
    if !fused_3(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 4: OP_XOR, OP_ADD, OP_SHL, OP_ADD.
fn fused_4(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_XOR, acc, operand); }
      case 1u: { acc = vm_binary(OP_ADD, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHL, acc, operand); }
      default: { acc = vm_binary(OP_ADD, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x7cf5ed66u);
}

@compute @workgroup_size(64)
fn run_fused_4(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 12u && m.status == 0u {
    if !fused_4(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 5: OP_XOR, OP_ADD, OP_MUL, OP_AND.
fn fused_5(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_XOR, acc, operand); }
      case 1u: { acc = vm_binary(OP_ADD, acc, operand); }
      case 2u: { acc = vm_binary(OP_MUL, acc, operand); }
      default: { acc = vm_binary(OP_AND, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x35a65921u);
}

@compute @workgroup_size(64)
fn run_fused_5(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 13u && m.status == 0u {
    if !fused_5(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 6: OP_MUL, OP_SUB, OP_AND, OP_MUL.
fn fused_6(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_MUL, acc, operand); }
      case 1u: { acc = vm_binary(OP_SUB, acc, operand); }
      case 2u: { acc = vm_binary(OP_AND, acc, operand); }
      default: { acc = vm_binary(OP_MUL, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0xd30edf1u);
}

@compute @workgroup_size(64)
fn run_fused_6(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 14u && m.status == 0u {
    if !fused_6(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 7: OP_XOR, OP_OR, OP_SUB, OP_SUB.
fn fused_7(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_XOR, acc, operand); }
      case 1u: { acc = vm_binary(OP_OR, acc, operand); }
      case 2u: { acc = vm_binary(OP_SUB, acc, operand); }
      default: { acc = vm_binary(OP_SUB, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x483d3861u);
}

@compute @workgroup_size(64)
fn run_fused_7(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 15u && m.status == 0u {
    if !fused_7(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 8: OP_ADD, OP_XOR, OP_SHR, OP_SHL.
fn fused_8(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_ADD, acc, operand); }
      case 1u: { acc = vm_binary(OP_XOR, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHR, acc, operand); }
      default: { acc = vm_binary(OP_SHL, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x637c3b8cu);
}

@compute @workgroup_size(64)
fn run_fused_8(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 16u && m.status == 0u {
    if !fused_8(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 9: OP_OR, OP_SHR, OP_SHR, OP_OR.
fn fused_9(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_OR, acc, operand); }
      case 1u: { acc = vm_binary(OP_SHR, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHR, acc, operand); }
      default: { acc = vm_binary(OP_OR, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x265ec3d6u);
}

@compute @workgroup_size(64)
fn run_fused_9(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 17u && m.status == 0u {
    if !fused_9(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 10: OP_XOR, OP_MUL, OP_XOR, OP_SUB.
fn fused_10(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_XOR, acc, operand); }
      case 1u: { acc = vm_binary(OP_MUL, acc, operand); }
      case 2u: { acc = vm_binary(OP_XOR, acc, operand); }
      default: { acc = vm_binary(OP_SUB, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x4986b757u);
}

@compute @workgroup_size(64)
fn run_fused_10(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 18u && m.status == 0u {
    if !fused_10(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 11: OP_AND, OP_SHR, OP_OR, OP_SHR.
fn fused_11(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_AND, acc, operand); }
      case 1u: { acc = vm_binary(OP_SHR, acc, operand); }
      case 2u: { acc = vm_binary(OP_OR, acc, operand); }
      default: { acc = vm_binary(OP_SHR, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x24db2504u);
}

@compute @workgroup_size(64)
fn run_fused_11(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 19u && m.status == 0u {
    if !fused_11(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 12: OP_SUB, OP_SUB, OP_SHL, OP_MUL.
fn fused_12(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_SUB, acc, operand); }
      case 1u: { acc = vm_binary(OP_SUB, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHL, acc, operand); }
      default: { acc = vm_binary(OP_MUL, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x60e9fe7fu);
}

@compute @workgroup_size(64)
fn run_fused_12(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 20u && m.status == 0u {
    if !fused_12(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}

// Fused instruction sequence 13: OP_OR, OP_MUL, OP_SHR, OP_SHL.
fn fused_13(m: ptr<function, Machine>) -> bool {
  if (*m).sp < 5u {
    return false;
  }
  var acc = vm_pop(m);
  var i = 0u;
  loop {
    if i >= 4u {
      break;
    }
    let operand = vm_pop(m);
    switch i {
      case 0u: { acc = vm_binary(OP_OR, acc, operand); }
      case 1u: { acc = vm_binary(OP_MUL, acc, operand); }
      case 2u: { acc = vm_binary(OP_SHR, acc, operand); }
      default: { acc = vm_binary(OP_SHL, acc, operand); }
    }
    continuing {
      i++;
    }
  }
  return vm_push(m, acc ^ 0x504be4bu);
}

@compute @workgroup_size(64)
fn run_fused_13(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if index >= arrayLength(&machines) {
    return;
  }
  var m = machines[index];
  var rounds = 0u;
  while rounds < 21u && m.status == 0u {
    if !fused_13(&m) {
      vm_step(&m);
    }
    rounds += 1u;
  }
  let checksum = (m.stack[0] << 3u) | (m.stack[1] & 7u);
  vm_memory[index % arrayLength(&vm_memory)] = checksum;
  machines[index] = m;
}
