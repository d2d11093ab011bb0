package cartridge

import "sync"

// d2xy maps the distance d along the Hilbert curve of a side x side square
// (side a power of two) to the cell (x, y). This is the classic iterative
// formulation; the PixelRTS tools use exactly this orientation.
func d2xy(side, d int) (x, y int) {
	t := d
	for s := 1; s < side; s <<= 1 {
		rx := 1 & (t >> 1)
		ry := 1 & (t ^ rx)
		if ry == 0 {
			if rx == 1 {
				x = s - 1 - x
				y = s - 1 - y
			}
			x, y = y, x
		}
		x += s * rx
		y += s * ry
		t >>= 2
	}
	return x, y
}

// hilbertTableMaxSide bounds the sides whose lookup tables are kept: a table
// holds one uint32 per pixel (16 MiB for 2048x2048).
const hilbertTableMaxSide = 2048

var hilbertTables struct {
	sync.Mutex
	bySide map[int][]uint32
}

// hilbertTable returns, for each curve distance d, the row-major pixel index
// y*side+x of d2xy(side, d). Tables for sides up to hilbertTableMaxSide are
// computed once and shared (read-only); larger sides get a fresh table.
func hilbertTable(side int) []uint32 {
	if side > hilbertTableMaxSide {
		return buildHilbertTable(side)
	}
	hilbertTables.Lock()
	defer hilbertTables.Unlock()
	if t, ok := hilbertTables.bySide[side]; ok {
		return t
	}
	t := buildHilbertTable(side)
	if hilbertTables.bySide == nil {
		hilbertTables.bySide = map[int][]uint32{}
	}
	hilbertTables.bySide[side] = t
	return t
}

// buildHilbertTable fills the table quadrant by quadrant: the curve of side
// 2s is four copies of the curve of side s, transformed. Each level costs one
// pass over the entries already computed, so the whole table costs O(n)
// rather than O(n log n) calls of d2xy.
func buildHilbertTable(side int) []uint32 {
	n := side * side
	xs := make([]uint16, n)
	ys := make([]uint16, n)
	// Level s=1 holds the single cell (0,0).
	for s := 1; s < side; s <<= 1 {
		m := s * s // cells in the curve of side s
		// Quadrant q (t&3 at this level) for distances [q*m, (q+1)*m).
		for q := 3; q >= 0; q-- {
			rx := 1 & (q >> 1)
			ry := 1 & (q ^ rx)
			for i := 0; i < m; i++ {
				x, y := int(xs[i]), int(ys[i])
				if ry == 0 {
					if rx == 1 {
						x = s - 1 - x
						y = s - 1 - y
					}
					x, y = y, x
				}
				xs[q*m+i] = uint16(x + s*rx)
				ys[q*m+i] = uint16(y + s*ry)
			}
		}
	}
	t := make([]uint32, n)
	for d := range t {
		t[d] = uint32(int(ys[d])*side + int(xs[d]))
	}
	return t
}
