// Editor end-to-end fixture: a literal of the wrong type, which a quick fix retypes.
const limit: u32 = 4i;

fn clamp_index(i: u32) -> u32 {
    return min(i, limit);
}
