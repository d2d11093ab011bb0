package vm

import (
	"encoding/binary"
	"math"
)

// GenModule builds a random valid module from a stream of choices (fuzz
// input or PRNG bytes): one exported function "f" (param i32 i64 f32 f64)
// returning i32, i64, f32 or f64, with locals, nested blocks, bounded loops,
// br_if, selects, integer and float arithmetic, conversions and loads/stores
// into its one-page memory. Integer division, float-to-int truncation and
// occasional out-of-range addresses make traps as well as values.
//
// NaN bits are never observed as integers or signs (values are
// canonicalised to 0 before reinterpretation, storage or copysign's sign
// operand): NaN payloads and signs legitimately differ between engines.
func GenModule(choices []byte) []byte {
	g := &gen{in: choices}
	g.nLocals = [4]int{2 + g.n(3), 1 + g.n(3), 1 + g.n(3), 1 + g.n(3)}
	result := g.n(4)
	body := g.block(result, 4)
	return g.module(result, body)
}

type gen struct {
	in      []byte
	pos     int
	nLocals [4]int // extra locals per type (i32, i64, f32, f64), after the 4 params
	loops   int    // loop counters in use
	budget  int    // instructions left to generate
}

var genTypes = [4]byte{typeI32, typeI64, typeF32, typeF64}

const (
	genLoopCounters = 3 // i32 locals reserved for loop counters
	genMaxInstr     = 400
)

// n returns a choice in [0, k).
func (g *gen) n(k int) int {
	if k <= 1 {
		return 0
	}
	var b byte
	if g.pos < len(g.in) {
		b = g.in[g.pos]
	}
	g.pos++
	return int(b) % k
}

func (g *gen) u32() uint32 {
	var v uint32
	for i := 0; i < 4; i++ {
		v = v<<8 | uint32(g.n(256))
	}
	return v
}

// local returns a local index of type t that random code may write.
// Layout: params 0 i32, 1 i64, 2 f32, 3 f64; then loop counters; then
// i32, i64, f32, f64 locals.
func (g *gen) local(t int) uint32 {
	k := g.n(g.nLocals[t] + 1)
	if k == 0 {
		return uint32(t) // the parameter
	}
	base := 4 + genLoopCounters
	for i := 0; i < t; i++ {
		base += g.nLocals[i]
	}
	return uint32(base + k - 1)
}

func uleb(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func sleb(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

var interestingI32 = []int64{0, 1, -1, 2, 7, 31, 32, 0x7fffffff, -0x80000000, 0xff, 0x8000, 1000}
var interestingF32 = []uint32{0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x00000001,
	0x80000001, 0x007fffff, 0x7f7fffff, 0x3f000000, 0x4f000000, 0xcf000000, 0x5f000000, 0x40490fdb, 0x4b000001}

func (g *gen) constant(b []byte, t int) []byte {
	switch t {
	case 0:
		v := interestingI32[g.n(len(interestingI32))]
		if g.n(2) == 0 {
			v = int64(int32(g.u32()))
		}
		return sleb(append(b, 0x41), v)
	case 1:
		v := interestingI32[g.n(len(interestingI32))]
		if g.n(2) == 0 {
			v = int64(uint64(g.u32())<<32 | uint64(g.u32()))
		}
		return sleb(append(b, 0x42), v)
	case 2:
		v := interestingF32[g.n(len(interestingF32))]
		if g.n(3) == 0 {
			v = g.u32()
		}
		return binary.LittleEndian.AppendUint32(append(b, 0x43), v)
	default:
		v := interestingF64[g.n(len(interestingF64))]
		if g.n(3) == 0 {
			v = uint64(g.u32())<<32 | uint64(g.u32())
		}
		return binary.LittleEndian.AppendUint64(append(b, 0x44), v)
	}
}

var interestingF64 = []uint64{0, 1 << 63, 0x3ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
	0x7ff8000000000000, 1, 0x800fffffffffffff, 0x7fefffffffffffff, 0x3fe0000000000000, 0x41e0000000000000,
	0xc3e0000000000000, 0x43f0000000000000, 0x400921fb54442d18, 0x4330000000000001, 0x36a0000000000000}

// canonF32 leaves an f32 on the stack with NaN replaced by 0 (uses the
// scratch local: the last f32 local).
func (g *gen) canonF32(b []byte) []byte {
	scratch := uint32(4 + genLoopCounters + g.nLocals[0] + g.nLocals[1] + g.nLocals[2] - 1)
	b = uleb(append(b, 0x22), uint64(scratch)) // local.tee
	b = binary.LittleEndian.AppendUint32(append(b, 0x43), 0)
	b = uleb(append(b, 0x20), uint64(scratch))
	b = uleb(append(b, 0x20), uint64(scratch))
	b = append(b, 0x5b) // f32.eq: false for NaN
	return append(b, 0x1b)
}

// canonF64 is canonF32 for f64 (scratch: the last f64 local).
func (g *gen) canonF64(b []byte) []byte {
	scratch := uint32(4 + genLoopCounters + g.nLocals[0] + g.nLocals[1] + g.nLocals[2] + g.nLocals[3] - 1)
	b = uleb(append(b, 0x22), uint64(scratch))
	b = binary.LittleEndian.AppendUint64(append(b, 0x44), 0)
	b = uleb(append(b, 0x20), uint64(scratch))
	b = uleb(append(b, 0x20), uint64(scratch))
	b = append(b, 0x61) // f64.eq: false for NaN
	return append(b, 0x1b)
}

// address pushes an i32 address for an access of size bytes: in bounds
// mostly, sometimes near or past the end of the 64 KiB page.
func (g *gen) address(b []byte, depth int) []byte {
	b = g.expr(b, 0, depth-1)
	if g.n(16) == 0 {
		return b // anything: likely out of bounds
	}
	mask := int64(0xfff8)
	if g.n(8) == 0 {
		mask = 0xffff
	}
	b = sleb(append(b, 0x41), mask)
	return append(b, 0x71) // i32.and
}

var (
	i32Bin  = []byte{0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78}
	i64Bin  = []byte{0x7c, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a}
	f32Bin  = []byte{0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98}
	f32Un   = []byte{0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91}
	i32Cmp  = []byte{0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f}
	i64Cmp  = []byte{0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a}
	f32Cmp  = []byte{0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60}
	f64Cmp  = []byte{0x61, 0x62, 0x63, 0x64, 0x65, 0x66}
	f64Bin  = []byte{0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6}
	f64Un   = []byte{0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f}
	i32Load = []byte{0x28, 0x2c, 0x2d, 0x2e, 0x2f}
	i64Load = []byte{0x29, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35}
)

// expr appends code leaving one value of type t (0 i32, 1 i64, 2 f32).
func (g *gen) expr(b []byte, t int, depth int) []byte {
	g.budget++
	if depth <= 0 || g.budget > genMaxInstr {
		if g.n(2) == 0 {
			return g.constant(b, t)
		}
		return uleb(append(b, 0x20), uint64(g.local(t)))
	}
	switch g.n(12) {
	case 0:
		return g.constant(b, t)
	case 1, 2:
		return uleb(append(b, 0x20), uint64(g.local(t)))
	case 3: // block with a result, maybe left early by br_if
		b = append(b, 0x02, genTypes[t])
		b = g.stmts(b, depth-1)
		if g.n(2) == 0 {
			b = g.expr(b, t, depth-1)
			b = g.expr(b, 0, depth-1)
			b = append(b, 0x0d, 0x00, 0x1a) // br_if 0; drop the value when not taken
		}
		b = g.expr(b, t, depth-1)
		return append(b, 0x0b)
	case 4: // if/else
		b = g.expr(b, 0, depth-1)
		b = append(b, 0x04, genTypes[t])
		b = g.expr(b, t, depth-1)
		b = append(b, 0x05)
		b = g.expr(b, t, depth-1)
		return append(b, 0x0b)
	case 5: // select
		b = g.expr(b, t, depth-1)
		b = g.expr(b, t, depth-1)
		b = g.expr(b, 0, depth-1)
		return append(b, 0x1b)
	case 6: // local.tee
		b = g.expr(b, t, depth-1)
		return uleb(append(b, 0x22), uint64(g.local(t)))
	case 7: // the global of this type
		return uleb(append(b, 0x23), uint64(t))
	}
	switch t {
	case 0:
		switch g.n(9) {
		case 0, 1, 2:
			b = g.expr(b, 0, depth-1)
			b = g.expr(b, 0, depth-1)
			return append(b, i32Bin[g.n(len(i32Bin))])
		case 3:
			b = g.expr(b, 0, depth-1)
			return append(b, []byte{0x45, 0x67, 0x68, 0x69, 0xc0, 0xc1}[g.n(6)])
		case 4:
			k := g.n(4)
			cmps := [][]byte{i32Cmp, i64Cmp, f32Cmp, f64Cmp}[k]
			b = g.expr(b, k, depth-1)
			b = g.expr(b, k, depth-1)
			return append(b, cmps[g.n(len(cmps))])
		case 5:
			b = g.expr(b, 1, depth-1)
			return append(b, []byte{0xa7, 0x50}[g.n(2)])
		case 6:
			if g.n(2) == 0 {
				b = g.expr(b, 3, depth-1)
				if g.n(2) == 0 {
					return append(b, 0xfc, 2+byte(g.n(2))) // saturating
				}
				return append(b, 0xaa+byte(g.n(2)))
			}
			b = g.expr(b, 2, depth-1)
			if g.n(3) == 0 {
				return append(g.canonF32(b), 0xbc) // i32.reinterpret_f32
			}
			if g.n(2) == 0 {
				return append(b, 0xfc, byte(g.n(2))) // saturating
			}
			return append(b, 0xa8+byte(g.n(2)))
		case 7:
			b = g.address(b, depth)
			return uleb(append(b, i32Load[g.n(len(i32Load))], 0), uint64(g.n(5)))
		default:
			switch g.n(5) {
			case 0:
				return append(b, 0x3f, 0x00) // memory.size
			case 1:
				b = g.expr(b, 0, depth-1)
				return append(b, 0x41, 0x01, 0x71, 0x40, 0x00) // memory.grow (x & 1)
			case 2: // call a helper (i32, i64) -> i32
				b = g.expr(b, 0, depth-1)
				b = g.expr(b, 1, depth-1)
				return append(b, 0x10, byte(1+g.n(3)))
			case 3: // call_indirect through the 3-slot table; slot 3 traps
				b = g.expr(b, 0, depth-1)
				b = g.expr(b, 1, depth-1)
				b = g.expr(b, 0, depth-1)
				return append(b, 0x41, 0x03, 0x71, 0x11, 0x01, 0x00)
			default: // br_table choosing one of two constants
				b = append(b, 0x02, typeI32, 0x02, 0x40, 0x02, 0x40)
				b = g.expr(b, 0, depth-1)
				b = append(b, 0x0e, 0x02, byte(g.n(2)), byte(g.n(2)), byte(g.n(2)), 0x0b)
				b = g.constant(b, 0)
				b = append(b, 0x0c, 0x01, 0x0b)
				b = g.constant(b, 0)
				return append(b, 0x0b)
			}
		}
	case 1:
		switch g.n(7) {
		case 0, 1, 2:
			b = g.expr(b, 1, depth-1)
			b = g.expr(b, 1, depth-1)
			return append(b, i64Bin[g.n(len(i64Bin))])
		case 3:
			b = g.expr(b, 1, depth-1)
			return append(b, []byte{0x79, 0x7a, 0x7b, 0xc2, 0xc3, 0xc4}[g.n(6)])
		case 4:
			b = g.expr(b, 0, depth-1)
			return append(b, 0xac+byte(g.n(2)))
		case 5:
			if g.n(2) == 0 {
				b = g.expr(b, 3, depth-1)
				switch g.n(3) {
				case 0:
					return append(g.canonF64(b), 0xbd) // i64.reinterpret_f64
				case 1:
					return append(b, 0xfc, 6+byte(g.n(2)))
				}
				return append(b, 0xb0+byte(g.n(2)))
			}
			b = g.expr(b, 2, depth-1)
			if g.n(2) == 0 {
				return append(b, 0xfc, 4+byte(g.n(2)))
			}
			return append(b, 0xae+byte(g.n(2)))
		default:
			b = g.address(b, depth)
			return uleb(append(b, i64Load[g.n(len(i64Load))], 0), uint64(g.n(5)))
		}
	case 3:
		switch g.n(7) {
		case 0, 1, 2:
			b = g.expr(b, 3, depth-1)
			b = g.expr(b, 3, depth-1)
			op := f64Bin[g.n(len(f64Bin))]
			if op == 0xa6 {
				b = g.canonF64(b) // copysign would read a NaN's unspecified sign
			}
			return append(b, op)
		case 3:
			b = g.expr(b, 3, depth-1)
			return append(b, f64Un[g.n(len(f64Un))])
		case 4:
			k := g.n(3)
			b = g.expr(b, k, depth-1)
			return append(b, []byte{0xb7 + byte(g.n(2)), 0xb9 + byte(g.n(2)), 0xbb}[k])
		case 5:
			b = g.expr(b, 1, depth-1)
			return append(b, 0xbf) // f64.reinterpret_i64
		default:
			b = g.address(b, depth)
			return uleb(append(b, 0x2b, 0), uint64(g.n(5)))
		}
	default:
		switch g.n(7) {
		case 0, 1, 2:
			if g.n(4) == 0 {
				b = g.expr(b, 3, depth-1)
				return append(b, 0xb6) // f32.demote_f64
			}
			b = g.expr(b, 2, depth-1)
			b = g.expr(b, 2, depth-1)
			op := f32Bin[g.n(len(f32Bin))]
			if op == 0x98 {
				b = g.canonF32(b) // copysign would read a NaN's unspecified sign
			}
			return append(b, op)
		case 3:
			b = g.expr(b, 2, depth-1)
			return append(b, f32Un[g.n(len(f32Un))])
		case 4:
			b = g.expr(b, 0, depth-1)
			return append(b, 0xb2+byte(g.n(2)))
		case 5:
			b = g.expr(b, 1, depth-1)
			return append(b, 0xb4+byte(g.n(2)))
		default:
			if g.n(2) == 0 {
				b = g.expr(b, 0, depth-1)
				return append(b, 0xbe) // f32.reinterpret_i32
			}
			b = g.address(b, depth)
			return uleb(append(b, 0x2a, 0), uint64(g.n(5)))
		}
	}
}

// stmts appends zero or more statements leaving the stack unchanged.
func (g *gen) stmts(b []byte, depth int) []byte {
	for k := g.n(4); k > 0 && g.budget < genMaxInstr; k-- {
		g.budget++
		switch g.n(6) {
		case 5: // global.set
			t := g.n(4)
			b = g.expr(b, t, depth)
			b = uleb(append(b, 0x24), uint64(t))
		case 0, 1:
			t := g.n(4)
			b = g.expr(b, t, depth)
			b = uleb(append(b, 0x21), uint64(g.local(t)))
		case 2: // store
			t := g.n(4)
			b = g.address(b, depth)
			b = g.expr(b, t, depth)
			switch t {
			case 0:
				b = append(b, []byte{0x36, 0x3a, 0x3b}[g.n(3)])
			case 1:
				b = append(b, []byte{0x37, 0x3c, 0x3d, 0x3e}[g.n(4)])
			case 2:
				b = append(g.canonF32(b), 0x38)
			default:
				b = append(g.canonF64(b), 0x39)
			}
			b = uleb(append(b, 0), uint64(g.n(5)))
		case 3: // bounded loop on a reserved counter
			if g.loops >= genLoopCounters || depth <= 0 {
				continue
			}
			c := uint64(4 + g.loops)
			g.loops++
			iters := int64(1 + g.n(6))
			b = append(b, 0x41, 0x00)
			b = uleb(append(b, 0x21), c) // counter = 0
			b = append(b, 0x02, 0x40, 0x03, 0x40)
			b = uleb(append(b, 0x20), c)
			b = sleb(append(b, 0x41), iters)
			b = append(b, 0x4e, 0x0d, 0x01) // i32.ge_s; br_if 1 (exit)
			b = g.stmts(b, depth-1)
			b = uleb(append(b, 0x20), c)
			b = append(b, 0x41, 0x01, 0x6a)
			b = uleb(append(b, 0x21), c)
			b = append(b, 0x0c, 0x00, 0x0b, 0x0b) // br 0; end loop; end block
			g.loops--
		default: // block left early by br_if
			b = append(b, 0x02, 0x40)
			b = g.stmts(b, depth-1)
			b = g.expr(b, 0, depth-1)
			b = append(b, 0x0d, 0x00)
			b = g.stmts(b, depth-1)
			b = append(b, 0x0b)
		}
	}
	return b
}

func (g *gen) block(result int, depth int) []byte {
	b := g.stmts(nil, depth)
	b = g.expr(b, result, depth)
	return append(b, 0x0b)
}

func (g *gen) module(result int, body []byte) []byte {
	section := func(m []byte, id byte, content []byte) []byte {
		m = append(m, id)
		m = uleb(m, uint64(len(content)))
		return append(m, content...)
	}
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = section(m, 1, []byte{2, 0x60, 4, typeI32, typeI64, typeF32, typeF64, 1, genTypes[result],
		0x60, 2, typeI32, typeI64, 1, typeI32})
	m = section(m, 3, []byte{4, 0, 1, 1, 1})
	m = section(m, 4, []byte{1, typeFuncRef, 1, 3, 3}) // table: 3 slots
	m = section(m, 5, []byte{1, 1, 1, 3})              // memory: min 1, max 3
	m = section(m, 6, []byte{4,                        // one mutable global per type, zero
		typeI32, 1, 0x41, 0, 0x0b, typeI64, 1, 0x42, 0, 0x0b,
		typeF32, 1, 0x43, 0, 0, 0, 0, 0x0b, typeF64, 1, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b})
	m = section(m, 7, []byte{1, 1, 'f', 0, 0})
	m = section(m, 9, []byte{1, 0, 0x41, 0, 0x0b, 3, 1, 2, 3})
	var fn []byte
	fn = uleb(fn, 4)
	fn = append(uleb(fn, uint64(genLoopCounters+g.nLocals[0])), typeI32)
	fn = append(uleb(fn, uint64(g.nLocals[1])), typeI64)
	fn = append(uleb(fn, uint64(g.nLocals[2])), typeF32)
	fn = append(uleb(fn, uint64(g.nLocals[3])), typeF64)
	fn = append(fn, body...)
	code := uleb([]byte{4}, uint64(len(fn)))
	code = append(code, fn...)
	for _, h := range genHelpers {
		code = uleb(code, uint64(len(h)))
		code = append(code, h...)
	}
	m = section(m, 10, code)
	return m
}

// genHelpers are the bodies of functions 1-3, all (i32, i64) -> i32:
// plain arithmetic, an early return from inside an if, and a recursion of
// depth at most 15.
var genHelpers = [][]byte{
	// (i32.add (local.get 0) (i32.wrap_i64 (local.get 1)))
	{0, 0x20, 0, 0x20, 1, 0xa7, 0x6a, 0x0b},
	// (if (local.get 0) (then (return (i32.xor (local.get 0) (i32.const 0x55)))))
	// (i32.wrap_i64 (i64.rotl (local.get 1) (i64.const 13)))
	{0, 0x20, 0, 0x04, 0x40, 0x20, 0, 0x41, 0xd5, 0x00, 0x73, 0x0f, 0x0b,
		0x20, 1, 0x42, 13, 0x89, 0xa7, 0x0b},
	// (if (result i32) (i32.le_s (i32.and (local.get 0) (i32.const 15)) (i32.const 0))
	//   (then (i32.const 1))
	//   (else (i32.add (call 3 (i32.sub (i32.and (local.get 0) (i32.const 15)) (i32.const 1)) (local.get 1))
	//                  (i32.const 3))))
	{0, 0x20, 0, 0x41, 15, 0x71, 0x41, 0, 0x4c, 0x04, typeI32, 0x41, 1, 0x05,
		0x20, 0, 0x41, 15, 0x71, 0x41, 1, 0x6b, 0x20, 1, 0x10, 3, 0x41, 3, 0x6a, 0x0b, 0x0b},
}

// GenArgs derives argument lists for GenModule's (i32, i64, f32, f64) function.
func GenArgs(choices []byte, n int) [][]uint64 {
	g := &gen{in: choices}
	out := make([][]uint64, n)
	for i := range out {
		a := uint64(uint32(interestingI32[g.n(len(interestingI32))]))
		if g.n(2) == 0 {
			a = uint64(g.u32())
		}
		f := uint64(interestingF32[g.n(len(interestingF32))])
		if g.n(4) == 0 {
			f = uint64(math.Float32bits(float32(i) * 1.5))
		}
		d := interestingF64[g.n(len(interestingF64))]
		if g.n(3) == 0 {
			d = math.Float64bits(float64(i) * 0.1)
		}
		out[i] = []uint64{a, uint64(g.u32())<<32 | uint64(g.u32()), f, d}
	}
	return out
}
