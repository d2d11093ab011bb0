// Literal suffix fixes in other contexts.
fn take(x: u32) -> u32 { return x; }

fn r() -> u32 {
  return 3i; //@fix("3i", "type-mismatch", "return 3u;")
}

fn call() -> u32 {
  return take(5i); //@fix("5i", "type-mismatch", "take(5u)")
}

fn bin(a: f32) -> f32 {
  var b = a;
  b = 2u; //@fix("2u", "type-mismatch", "b = 2f;")
  return b;
}
