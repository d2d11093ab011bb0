// Editor end-to-end fixture: the self-test types into this file through the VS Code API and compares the
// semantic tokens VS Code gets for each new version with those of the same text opened from scratch.
struct Particle {
    pos: vec3<f32>,
    vel: vec3<f32>,
}

const gravity = vec3<f32>(0.0, -9.8, 0.0);

@group(0) @binding(0) var<storage, read_write> particles: array<Particle>;

fn step(p: Particle, dt: f32) -> Particle {
    var q = p;
    q.vel += gravity * dt;
    q.pos += q.vel * dt;
    return q;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x;
    particles[i] = step(particles[i], 0.016);
}
