// Rename: locals, globals, functions, structs, members, aliases; refusals.
struct Cell { value: f32, count: u32 } //@rename("Cell", "Voxel", "struct Voxel", "array<Voxel, 4>"), rename("count", "hits", "hits: u32", "c.hits")
alias Grid = array<Cell, 4>; //@rename("Grid", "Board", "var<private> grid: Board")
var<private> grid: Grid; //@rename("grid", "cells", "cells[i]")

fn total(n: u32) -> f32 { //@rename("total", "sum", "fn sum(", "= sum(")
  var acc = 0.0; //@rename("acc", "result", "var result = 0.0", "result += c.value", "return result")
  for (var i = 0u; i < n; i++) {
    let c = grid[i]; //@renameerr("c =", "acc", "conflict"), renameerr("c =", "fn", "keyword"), renameerr("c =", "2x", "not a valid")
    acc += c.value * f32(c.count); //@renameerr("f32", "g", "predeclared"), renameerr("* f", "g", "no user declaration")
  }
  return acc;
}

@compute @workgroup_size(1)
fn main() {
  let made = Cell(1.0, 2u); //@rename("Cell(", "Voxel", "let made = Voxel(1.0, 2u)", "struct Voxel {")
  let t = total(4u) + made.value; //@rename("t =", "grid", "let grid = total", "_ = grid")
  _ = t;
}
fn typo() -> f32 { return missing_name; } //@renameerr("missing_name", "other", "not declared in this file"), renameerr("f32", "x", "predeclared")
