// Editor end-to-end fixture: parses, but does not type-check.
fn count() -> i32 {
    let n: i32 = 1.5;
    return n;
}
