// Editor end-to-end fixture: valid WGSL whose hover shows inferred types.
fn scale(v: vec3<f32>, k: f32) -> vec3<f32> {
    let scaled = v * k;
    return scaled;
}
