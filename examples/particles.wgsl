// Particle simulation: one invocation advances one particle by one time step.
// Bind group 0 holds the simulation parameters and the particle buffer.

struct SimParams {
  dt: f32,
  gravity: vec2<f32>,
  damping: f32,
  count: u32,
}

struct Particle {
  pos: vec2<f32>,
  vel: vec2<f32>,
}

@group(0) @binding(0) var<uniform> params: SimParams;
@group(0) @binding(1) var<storage, read_write> particles: array<Particle>;

// Reflect a particle off the walls of the [-1, 1] square.
fn bounce(p: Particle) -> Particle {
  var q = p;
  if (abs(q.pos.x) > 1.0) {
    q.pos.x = clamp(q.pos.x, -1.0, 1.0);
    q.vel.x = -q.vel.x * params.damping;
  }
  if (abs(q.pos.y) > 1.0) {
    q.pos.y = clamp(q.pos.y, -1.0, 1.0);
    q.vel.y = -q.vel.y * params.damping;
  }
  return q;
}

@compute @workgroup_size(64)
fn step(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) {
    return;
  }
  var p = particles[i];
  p.vel = p.vel + params.gravity * params.dt;
  p.pos = p.pos + p.vel * params.dt;
  particles[i] = bounce(p);
}
