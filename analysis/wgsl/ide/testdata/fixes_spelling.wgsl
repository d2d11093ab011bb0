// "Did you mean" fixes for undeclared names.
const threshold = 0.5;

fn shade(color: vec3<f32>) -> vec3<f32> {
  let brightness = dot(color, vec3(0.3, 0.6, 0.1));
  if brightnes > treshold { //@fix("brightnes", "undeclared", "if brightness > treshold"), fix("treshold", "undeclared", "brightnes > threshold")
    return normalise(color); //@fix("normalise", "undeclared", "return normalize(color)")
  }
  return colour; //@fix("colour", "undeclared", "return color;")
}
