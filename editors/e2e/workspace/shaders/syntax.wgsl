// Editor end-to-end fixture: two syntax errors. The parser must report each where it is
// and keep going after the first one.
@group(0) @binding(0) var<storage, read_write> data: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x
    data[i] = data[i] * 2.0;
}

fn second() -> f32 {
    return 1.0 +;
}
