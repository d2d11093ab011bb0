package vm

import (
	"fmt"
	"math"
	"strings"
)

// Code buffer header word indices (mirrored in shaders/wasm_vm.wgsl).
const (
	hdrInstr     = 0  // word offset of the instruction array (4 words per instruction)
	hdrFuncs     = 1  // word offset of the function table (funcWords per function)
	hdrNumFuncs  = 2  //
	hdrTable     = 3  // word offset of table 0 (function index or 0xffffffff per slot)
	hdrTableSize = 4  //
	hdrData      = 5  // word offset of the data segments
	hdrNumData   = 6  //
	hdrGlobals   = 7  // word offset of global initial values (2 words each)
	hdrNumGlobal = 8  //
	hdrMemMin    = 9  // initial pages
	hdrMemMax    = 10 // maximum pages (module maximum, 65536 when absent)
	hdrHasMemory = 11
	hdrWords     = 16

	funcWords = 8 // entry pc, params, extra locals, results, type id, max height, 0, 0
)

// Program is a module lowered for the GPU VM: the code buffer the shader
// reads, plus what the host needs to call into it and explain traps.
type Program struct {
	Code    []uint32
	Module  *Module
	Funcs   []FuncInfo // indexed by function index (no imports: lowering rejects them)
	Exports map[string]uint32
	// PCOffset maps an instruction index to the byte offset of the
	// WebAssembly instruction it came from.
	PCOffset []uint32
	// NumInstr is the number of lowered instructions.
	NumInstr int
}

// FuncInfo describes one lowered function.
type FuncInfo struct {
	Type      FuncType
	EntryPC   uint32
	Locals    int // locals beyond the parameters
	MaxHeight int // parameters + locals + deepest operand stack, in slots
}

// UnsupportedImportsError lists imports the GPU VM cannot provide.
type UnsupportedImportsError struct{ Imports []Import }

func (e *UnsupportedImportsError) Error() string {
	var names []string
	for _, im := range e.Imports {
		kind := [...]string{"func", "table", "memory", "global"}[im.Kind&3]
		names = append(names, fmt.Sprintf("%s %q.%q", kind, im.Module, im.Name))
	}
	return "the GPU VM provides no imports; module needs: " + strings.Join(names, ", ")
}

const maxTableSize = 1 << 20

type ctrlFrame struct {
	kind        byte // 0x02 block, 0x03 loop, 0x04 if, 0 function
	start       int  // operand height (above locals) at entry, params excluded
	params      int
	results     int
	loopPC      int
	fixups      []int // instruction words whose a field gets the end pc
	brtFixups   []int // br_table entry words that get the end pc
	elseFixup   int   // opBrUnless of an if, -1 once patched
	unreachable bool
}

type lowerer struct {
	m       *Module
	p       *Program
	instr   []uint32 // 4 words per instruction
	brt     []uint32 // br_table entries, 3 words each, offsets relative to brt start
	brtRefs []int    // instruction indices whose a field is relative to brt start
	offsets []uint32
	typeIDs map[string]uint32
}

// Lower translates a decoded module into a Program. The module must already
// be valid (wazero validated it); Lower still reports what it does not
// support (imports, non-MVP segments) as errors instead of panicking.
func Lower(m *Module) (p *Program, err error) {
	if len(m.Imports) > 0 {
		return nil, &UnsupportedImportsError{m.Imports}
	}
	defer func() {
		if r := recover(); r != nil {
			if de, ok := r.(*decodeError); ok {
				p, err = nil, de
				return
			}
			// Only reachable with a module wazero did not validate.
			p, err = nil, fmt.Errorf("lowering failed on a malformed module: %v", r)
		}
	}()
	l := &lowerer{m: m, p: &Program{Module: m, Exports: map[string]uint32{}}, typeIDs: map[string]uint32{}}
	if m.TableMin > maxTableSize {
		return nil, fmt.Errorf("table of %d elements exceeds the GPU VM's limit of %d", m.TableMin, maxTableSize)
	}
	if len(m.Codes) != len(m.Funcs) {
		return nil, fmt.Errorf("function and code section sizes differ")
	}
	for i, ti := range m.Funcs {
		l.p.Funcs = append(l.p.Funcs, FuncInfo{Type: m.Types[ti]})
		_ = i
	}
	for i := range m.Funcs {
		l.function(uint32(i))
	}
	for _, e := range m.Exports {
		if e.Kind == 0 {
			l.p.Exports[e.Name] = e.Index
		}
	}
	l.assemble()
	return l.p, nil
}

func (l *lowerer) typeID(t FuncType) uint32 {
	k := t.key()
	id, ok := l.typeIDs[k]
	if !ok {
		id = uint32(len(l.typeIDs))
		l.typeIDs[k] = id
	}
	return id
}

func (l *lowerer) emit(off int, op, a, b, c uint32) int {
	pc := len(l.instr) / 4
	l.instr = append(l.instr, op, a, b, c)
	l.offsets = append(l.offsets, uint32(off))
	return pc
}

func (l *lowerer) blockType(r *reader) (params, results int) {
	c := r.b[r.pos]
	if c == 0x40 {
		r.pos++
		return 0, 0
	}
	if c == typeI32 || c == typeI64 || c == typeF32 || c == typeF64 || c == typeFuncRef || c == 0x6f {
		r.pos++
		return 0, 1
	}
	idx := r.s64(33)
	if idx < 0 || int(idx) >= len(l.m.Types) {
		r.fail("bad block type")
	}
	t := l.m.Types[idx]
	return len(t.Params), len(t.Results)
}

func (l *lowerer) function(fi uint32) {
	f := &l.p.Funcs[fi]
	code := l.m.Codes[fi]
	nParams := len(f.Type.Params)
	f.Locals = len(code.Locals)
	base := nParams + f.Locals // operand heights are relative to fp; operands start here
	f.EntryPC = uint32(len(l.instr) / 4)
	r := &reader{b: code.Body}
	height := 0
	maxH := 0
	ctrl := []*ctrlFrame{{kind: 0, results: len(f.Type.Results), elseFixup: -1}}
	push := func(n int) {
		height += n
		if height > maxH {
			maxH = height
		}
	}
	pop := func(n int) { height -= n }
	skip := 0 // nesting depth inside unreachable code
	branch := func(depth uint32) (target uint32, h uint32, arity uint32, fr *ctrlFrame) {
		if int(depth) >= len(ctrl) {
			r.fail("branch depth out of range")
		}
		fr = ctrl[len(ctrl)-1-int(depth)]
		arity = uint32(fr.results)
		if fr.kind == 0x03 {
			arity = uint32(fr.params)
			target = uint32(fr.loopPC)
		}
		return target, uint32(base + fr.start), arity, fr
	}
	setUnreachable := func() {
		top := ctrl[len(ctrl)-1]
		top.unreachable = true
		height = top.start
	}
	for r.pos < len(r.b) {
		off := code.Start + r.pos
		op := uint32(r.byte())
		top := ctrl[len(ctrl)-1]
		if top.unreachable {
			// Dead code: decode to find the matching else/end, emit nothing.
			switch op {
			case 0x02, 0x03, 0x04:
				skip++
				l.blockType(r)
				continue
			case 0x05:
				if skip > 0 {
					continue
				}
			case 0x0b:
				if skip > 0 {
					skip--
					continue
				}
			default:
				l.skipImmediates(r, op)
				continue
			}
		}
		switch op {
		case 0x00:
			l.emit(off, opUnreachable, 0, 0, 0)
			setUnreachable()
		case 0x01: // nop
		case 0x02, 0x03:
			np, nr := l.blockType(r)
			ctrl = append(ctrl, &ctrlFrame{kind: byte(op), start: height - np, params: np, results: nr, loopPC: len(l.instr) / 4, elseFixup: -1})
		case 0x04:
			np, nr := l.blockType(r)
			pop(1)
			pc := l.emit(off, opBrUnless, 0, 0, 0)
			ctrl = append(ctrl, &ctrlFrame{kind: 0x04, start: height - np, params: np, results: nr, elseFixup: pc})
		case 0x05:
			fr := ctrl[len(ctrl)-1]
			if !fr.unreachable {
				fr.fixups = append(fr.fixups, l.emit(off, opJump, 0, 0, 0))
			}
			l.instr[fr.elseFixup*4+1] = uint32(len(l.instr) / 4)
			fr.elseFixup = -1
			fr.unreachable = false
			fr.kind = 0x02 // the else arm ends like a block
			height = fr.start + fr.params
		case 0x0b:
			fr := ctrl[len(ctrl)-1]
			if fr.kind == 0 {
				// Branches to the function's label land on its return.
				end := uint32(l.emit(off, opReturn, 0, 0, 0))
				for _, pc := range fr.fixups {
					l.instr[pc*4+1] = end
				}
				for _, w := range fr.brtFixups {
					l.brt[w] = end
				}
				ctrl = ctrl[:0]
				break
			}
			end := uint32(len(l.instr) / 4)
			for _, pc := range fr.fixups {
				l.instr[pc*4+1] = end
			}
			for _, w := range fr.brtFixups {
				l.brt[w] = end
			}
			if fr.elseFixup >= 0 {
				l.instr[fr.elseFixup*4+1] = end
			}
			height = fr.start + fr.results
			if height > maxH {
				maxH = height
			}
			ctrl = ctrl[:len(ctrl)-1]
		case 0x0c, 0x0d:
			depth := r.u32()
			if op == 0x0d {
				pop(1)
			}
			target, h, arity, fr := branch(depth)
			if op == 0x0c && int(h)+int(arity) == base+height && fr.kind == 0x03 {
				l.emit(off, opJump, target, 0, 0)
			} else {
				pc := l.emit(off, op, target, h, arity)
				if fr.kind != 0x03 {
					fr.fixups = append(fr.fixups, pc)
				}
			}
			if op == 0x0c {
				setUnreachable()
			}
		case 0x0e:
			n := r.u32()
			if n > 1<<20 {
				r.fail("br_table too large")
			}
			pop(1)
			start := len(l.brt)
			for i := uint32(0); i <= n; i++ {
				var depth uint32
				depth = r.u32()
				target, h, arity, fr := branch(depth)
				w := len(l.brt)
				l.brt = append(l.brt, target, h, arity)
				if fr.kind != 0x03 {
					fr.brtFixups = append(fr.brtFixups, w)
				}
			}
			pc := l.emit(off, opBrTable, uint32(start), n, 0)
			l.brtRefs = append(l.brtRefs, pc)
			setUnreachable()
		case 0x0f:
			l.emit(off, opReturn, 0, 0, 0)
			setUnreachable()
		case 0x10:
			callee := r.u32()
			t, ok := l.m.funcType(callee)
			if !ok {
				r.fail("call to an imported or unknown function")
			}
			l.emit(off, opCall, callee, 0, 0)
			pop(len(t.Params))
			push(len(t.Results))
		case 0x11:
			ti := r.u32()
			r.u32() // table index (0 in MVP)
			t := l.m.Types[ti]
			l.emit(off, opCallIndirect, l.typeID(t), 0, 0)
			pop(1 + len(t.Params))
			push(len(t.Results))
		case 0x1a:
			l.emit(off, opDrop, 0, 0, 0)
			pop(1)
		case 0x1b, 0x1c:
			if op == 0x1c {
				for n := r.u32(); n > 0; n-- {
					r.byte()
				}
			}
			l.emit(off, opSelect, 0, 0, 0)
			pop(2)
		case 0x20, 0x21, 0x22:
			idx := r.u32()
			l.emit(off, op, idx, 0, 0)
			switch op {
			case 0x20:
				push(1)
			case 0x21:
				pop(1)
			}
		case 0x23, 0x24:
			idx := r.u32()
			l.emit(off, op, idx, 0, 0)
			if op == 0x23 {
				push(1)
			} else {
				pop(1)
			}
		case 0x3f, 0x40:
			r.byte()
			l.emit(off, op, 0, 0, 0)
			if op == 0x3f {
				push(1)
			}
		case 0x41:
			l.emit(off, op, uint32(int32(r.s64(32))), 0, 0)
			push(1)
		case 0x42:
			v := uint64(r.s64(64))
			l.emit(off, op, uint32(v), uint32(v>>32), 0)
			push(1)
		case 0x43:
			l.emit(off, op, r.f32(), 0, 0)
			push(1)
		case 0x44:
			v := r.f64()
			l.emit(off, op, uint32(v), uint32(v>>32), 0)
			push(1)
		case 0xfc:
			sub := r.u32()
			if sub > 7 {
				r.fail(fmt.Sprintf("instruction 0xfc %d is not supported by the GPU VM", sub))
			}
			l.emit(off, opTruncSat+sub, 0, 0, 0)
		default:
			switch {
			case op >= 0x28 && op <= 0x3e:
				r.u32()
				memOff := r.u32()
				l.emit(off, op, memOff, 0, 0)
				if op >= 0x36 {
					pop(2)
				}
			case op >= 0x45 && op <= 0xc4:
				l.emit(off, op, 0, 0, 0)
				if isBinary(op) {
					pop(1)
				}
			default:
				r.fail(fmt.Sprintf("opcode 0x%02x is not supported by the GPU VM", op))
			}
		}
		if len(ctrl) == 0 {
			break
		}
	}
	f.MaxHeight = base + maxH + 1
}

func isBinary(op uint32) bool {
	return (op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x66) || (op >= 0x6a && op <= 0x78) ||
		(op >= 0x7c && op <= 0x8a) || (op >= 0x92 && op <= 0x98) || (op >= 0xa0 && op <= 0xa6)
}

// skipImmediates advances past the immediates of op in dead code.
func (l *lowerer) skipImmediates(r *reader, op uint32) {
	switch {
	case op == 0x0c || op == 0x0d || op == 0x10 || (op >= 0x20 && op <= 0x24) || op == 0xd2:
		r.u32()
	case op == 0x0e:
		for n := r.u32() + 1; n > 0; n-- {
			r.u32()
		}
	case op == 0x11:
		r.u32()
		r.u32()
	case op == 0x1c:
		for n := r.u32(); n > 0; n-- {
			r.byte()
		}
	case op >= 0x28 && op <= 0x3e:
		r.u32()
		r.u32()
	case op == 0x3f || op == 0x40 || op == 0xd0:
		r.byte()
	case op == 0x41:
		r.s64(32)
	case op == 0x42:
		r.s64(64)
	case op == 0x43:
		r.bytes(4)
	case op == 0x44:
		r.bytes(8)
	case op == 0xfc:
		r.u32()
	}
}

// assemble lays out the code buffer.
func (l *lowerer) assemble() {
	m, p := l.m, l.p
	code := make([]uint32, hdrWords)
	code[hdrInstr] = uint32(len(code))
	code = append(code, l.instr...)
	brtBase := uint32(len(code))
	code = append(code, l.brt...)
	for _, pc := range l.brtRefs {
		code[int(code[hdrInstr])+pc*4+1] += brtBase
	}
	code[hdrFuncs] = uint32(len(code))
	code[hdrNumFuncs] = uint32(len(p.Funcs))
	for _, f := range p.Funcs {
		code = append(code, f.EntryPC, uint32(len(f.Type.Params)), uint32(f.Locals), uint32(len(f.Type.Results)),
			l.typeID(f.Type), uint32(f.MaxHeight), 0, 0)
	}
	code[hdrTable] = uint32(len(code))
	table := make([]uint32, m.TableMin)
	for i := range table {
		table[i] = math.MaxUint32
	}
	for _, e := range m.Elems {
		for i, fi := range e.Funcs {
			if k := uint64(e.Offset) + uint64(i); k < uint64(len(table)) {
				table[k] = fi
			}
		}
	}
	code[hdrTableSize] = uint32(len(table))
	code = append(code, table...)
	code[hdrData] = uint32(len(code))
	code[hdrNumData] = uint32(len(m.Datas))
	for _, d := range m.Datas {
		code = append(code, d.Offset, uint32(len(d.Bytes)))
		for i := 0; i < len(d.Bytes); i += 4 {
			var w uint32
			for k := 0; k < 4 && i+k < len(d.Bytes); k++ {
				w |= uint32(d.Bytes[i+k]) << (8 * k)
			}
			code = append(code, w)
		}
	}
	code[hdrGlobals] = uint32(len(code))
	code[hdrNumGlobal] = uint32(len(m.Globals))
	for _, g := range m.Globals {
		v := g.Init
		if g.InitRef >= 0 && g.InitRef < len(m.Globals) {
			v = m.Globals[g.InitRef].Init
		}
		code = append(code, uint32(v), uint32(v>>32))
	}
	if m.HasMemory {
		code[hdrHasMemory] = 1
		code[hdrMemMin] = m.MemMin
		code[hdrMemMax] = 65536
		if m.MemMax < 65536 {
			code[hdrMemMax] = m.MemMax
		}
	}
	p.Code = code
	p.PCOffset = l.offsets
	p.NumInstr = len(l.instr) / 4
}
