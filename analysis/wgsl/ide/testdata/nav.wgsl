// Navigation: definition, type definition, references.
struct Particle { //@loc(particle, "Particle")
  pos: vec2<f32>, //@loc(pos, "pos")
  vel: vec2<f32>,
}
alias Pair = vec2<f32>; //@loc(pair, "Pair")

@group(0) @binding(0) var<storage, read_write> ps: array<Particle>; //@loc(ps, "ps"), def("Particle>", particle)

fn step(p: Particle, dt: f32) -> Particle { //@loc(stepdecl, "step"), loc(p, "p:"), loc(dt, "dt"), def("Particle {", particle)
  var q = p; //@loc(q, "q"), loc(p1, "p;"), def("p;", p), typedef("q", particle)
  q.pos = q.pos + q.vel * dt; //@loc(q2, "q.pos ="), loc(q3, "q.pos +"), loc(q4, "q.vel"), loc(pos1, "pos ="), loc(pos2, "pos +"), def("pos +", pos), loc(dt1, "dt;")
  let d: Pair = q.pos; //@def("Pair", pair), loc(q5, "q.pos;"), loc(pos3, "pos;")
  return q; //@loc(q6, "q;"), def("q;", q)
}
//@refs(q, q, q2, q3, q4, q5, q6)
//@refs(pos, pos, pos1, pos2, pos3)
//@refs(dt, dt, dt1)

@compute @workgroup_size(1)
fn main() {
  ps[0] = step(ps[0], 0.1); //@def("step", stepdecl), def("ps[0],", ps), typedef("ps[0],", particle), nodef("0.1")
  let v = max(1.0, 2.0); //@nodef("max")
}

fn counter() -> i32 {
  var n = 0; //@loc(n0, "n =")
  n = n + 1; //@loc(nw1, "n ="), writes(n0, nw1, nw2)
  n++; //@loc(nw2, "n++")
  return n;
}
