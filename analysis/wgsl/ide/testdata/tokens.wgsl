// Semantic tokens. //@token("// Semantic", "comment", "")
struct Vertex { //@token("struct", "keyword", ""), token("Vertex", "struct", "declaration")
  @location(0) pos: vec2<f32>, //@token("@location", "decorator", ""), token("pos", "property", "declaration"), token("vec2", "type", "defaultLibrary"), token("0", "number", "")
}
@group(0) @binding(0) var<uniform> scale: f32; //@token("uniform", "enumMember", "defaultLibrary"), token("scale", "variable", "declaration")
const K = 3; //@token("K", "variable", "declaration readonly")

@vertex
fn vs(v: Vertex) -> @builtin(position) vec4<f32> { //@token("vs", "function", "declaration"), token("v:", "parameter", "declaration readonly"), token("Vertex)", "struct", ""), token("position", "enumMember", "defaultLibrary")
  let p = v.pos * scale * f32(K); //@token("v.", "parameter", "readonly"), token("pos *", "property", ""), token("scale *", "variable", ""), token("K)", "variable", "readonly"), token("f32", "type", "defaultLibrary")
  return vec4(normalize(p), 0.0, 1.0); //@token("normalize", "function", "defaultLibrary"), token("p)", "variable", "readonly"), token("return", "keyword", "")
}
