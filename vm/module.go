package vm

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Value types as encoded in the WebAssembly binary format.
const (
	typeI32     byte = 0x7f
	typeI64     byte = 0x7e
	typeF32     byte = 0x7d
	typeF64     byte = 0x7c
	typeFuncRef byte = 0x70
)

// FuncType is a function signature.
type FuncType struct {
	Params, Results []byte
}

func (t FuncType) key() string { return string(t.Params) + "|" + string(t.Results) }

// Import is one entry of the import section.
type Import struct {
	Module, Name string
	Kind         byte // 0 func, 1 table, 2 memory, 3 global
}

// Export is one entry of the export section.
type Export struct {
	Name  string
	Kind  byte
	Index uint32
}

// Global is a module-defined global with a constant initialiser.
type Global struct {
	Type    byte
	Mutable bool
	Init    uint64 // bit pattern of the constant
	InitRef int    // >= 0: initialised by global.get of that global index
}

// Elem is an active element segment of table 0.
type Elem struct {
	Offset uint32
	Funcs  []uint32
}

// Data is an active data segment of memory 0.
type Data struct {
	Offset uint32
	Bytes  []byte
}

// Code is a function body: local declarations expanded, and the raw expression.
type Code struct {
	Locals []byte
	Body   []byte
	Start  int // byte offset of Body in the module (for diagnostics)
}

// Module is the subset of a decoded WebAssembly module the GPU VM needs.
// It is produced from bytes already validated by wazero, so its reader only
// checks what it must to stay in bounds.
type Module struct {
	Types     []FuncType
	Imports   []Import
	Funcs     []uint32 // type index of each defined function
	HasTable  bool
	TableMin  uint32
	HasMemory bool
	MemMin    uint32
	MemMax    uint32 // math.MaxUint32 when absent
	Globals   []Global
	Exports   []Export
	Start     int // -1 when absent
	Elems     []Elem
	Datas     []Data
	Codes     []Code
}

type reader struct {
	b   []byte
	pos int
}

type decodeError struct {
	off int
	msg string
}

func (e *decodeError) Error() string { return fmt.Sprintf("wasm offset %d: %s", e.off, e.msg) }

func (r *reader) fail(msg string) { panic(&decodeError{r.pos, msg}) }

func (r *reader) byte() byte {
	if r.pos >= len(r.b) {
		r.fail("unexpected end")
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || r.pos+n > len(r.b) {
		r.fail("unexpected end")
	}
	s := r.b[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *reader) u32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return uint32(v)
		}
	}
	r.fail("bad LEB128")
	return 0
}

func (r *reader) s64(bits int) int64 {
	var v int64
	shift := 0
	for {
		c := r.byte()
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v
		}
		if shift > bits+7 {
			r.fail("bad LEB128")
		}
	}
}

func (r *reader) name() string { return string(r.bytes(int(r.u32()))) }

func (r *reader) f32() uint32 { return binary.LittleEndian.Uint32(r.bytes(4)) }
func (r *reader) f64() uint64 { return binary.LittleEndian.Uint64(r.bytes(8)) }

// constExpr reads a constant expression: value bits, or a global index (>= 0).
func (r *reader) constExpr() (uint64, int) {
	var v uint64
	ref := -1
	switch op := r.byte(); op {
	case 0x41:
		v = uint64(uint32(int32(r.s64(32))))
	case 0x42:
		v = uint64(r.s64(64))
	case 0x43:
		v = uint64(r.f32())
	case 0x44:
		v = r.f64()
	case 0x23:
		ref = int(r.u32())
	case 0xd0:
		r.byte()
		v = math.MaxUint32
	case 0xd2:
		v = uint64(r.u32())
	default:
		r.fail(fmt.Sprintf("unsupported constant expression opcode 0x%02x", op))
	}
	if r.byte() != 0x0b {
		r.fail("constant expression longer than one instruction")
	}
	return v, ref
}

// DecodeModule reads the sections of a WebAssembly binary.
func DecodeModule(b []byte) (m *Module, err error) {
	defer func() {
		if p := recover(); p != nil {
			de, ok := p.(*decodeError)
			if !ok {
				panic(p)
			}
			m, err = nil, de
		}
	}()
	r := &reader{b: b}
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, fmt.Errorf("not a WebAssembly binary (bad magic)")
	}
	r.pos = 8
	m = &Module{Start: -1, MemMax: math.MaxUint32}
	for r.pos < len(b) {
		id := r.byte()
		size := int(r.u32())
		end := r.pos + size
		if end > len(b) {
			r.fail("section runs past the end")
		}
		s := &reader{b: b[:end], pos: r.pos}
		switch id {
		case 1:
			for n := s.u32(); n > 0; n-- {
				if s.byte() != 0x60 {
					s.fail("bad function type")
				}
				var t FuncType
				t.Params = append([]byte{}, s.bytes(int(s.u32()))...)
				t.Results = append([]byte{}, s.bytes(int(s.u32()))...)
				m.Types = append(m.Types, t)
			}
		case 2:
			for n := s.u32(); n > 0; n-- {
				im := Import{Module: s.name(), Name: s.name(), Kind: s.byte()}
				switch im.Kind {
				case 0:
					s.u32()
				case 1:
					s.byte()
					s.limits()
				case 2:
					s.limits()
				case 3:
					s.byte()
					s.byte()
				}
				m.Imports = append(m.Imports, im)
			}
		case 3:
			for n := s.u32(); n > 0; n-- {
				m.Funcs = append(m.Funcs, s.u32())
			}
		case 4:
			for n := s.u32(); n > 0; n-- {
				s.byte()
				min, _ := s.limits()
				if !m.HasTable {
					m.HasTable, m.TableMin = true, min
				}
			}
		case 5:
			for n := s.u32(); n > 0; n-- {
				min, max := s.limits()
				if !m.HasMemory {
					m.HasMemory, m.MemMin, m.MemMax = true, min, max
				}
			}
		case 6:
			for n := s.u32(); n > 0; n-- {
				g := Global{Type: s.byte(), Mutable: s.byte() == 1}
				g.Init, g.InitRef = s.constExpr()
				m.Globals = append(m.Globals, g)
			}
		case 7:
			for n := s.u32(); n > 0; n-- {
				m.Exports = append(m.Exports, Export{Name: s.name(), Kind: s.byte(), Index: s.u32()})
			}
		case 8:
			m.Start = int(s.u32())
		case 9:
			for n := s.u32(); n > 0; n-- {
				flags := s.u32()
				if flags != 0 {
					s.fail(fmt.Sprintf("element segment kind %d is not supported by the GPU VM", flags))
				}
				off, ref := s.constExpr()
				if ref >= 0 {
					s.fail("element offset from an imported global is not supported by the GPU VM")
				}
				e := Elem{Offset: uint32(off)}
				for k := s.u32(); k > 0; k-- {
					e.Funcs = append(e.Funcs, s.u32())
				}
				m.Elems = append(m.Elems, e)
			}
		case 10:
			for n := s.u32(); n > 0; n-- {
				sz := int(s.u32())
				cend := s.pos + sz
				if cend > len(s.b) {
					s.fail("function body runs past the section")
				}
				c := &reader{b: s.b[:cend], pos: s.pos}
				var code Code
				for k := c.u32(); k > 0; k-- {
					cnt := c.u32()
					t := c.byte()
					if cnt > 50000 || len(code.Locals)+int(cnt) > 50000 {
						c.fail("too many locals")
					}
					for ; cnt > 0; cnt-- {
						code.Locals = append(code.Locals, t)
					}
				}
				code.Start = c.pos
				code.Body = s.b[c.pos:cend]
				m.Codes = append(m.Codes, code)
				s.pos = cend
			}
		case 11:
			for n := s.u32(); n > 0; n-- {
				flags := s.u32()
				if flags != 0 {
					s.fail(fmt.Sprintf("data segment kind %d is not supported by the GPU VM", flags))
				}
				off, ref := s.constExpr()
				if ref >= 0 {
					s.fail("data offset from an imported global is not supported by the GPU VM")
				}
				m.Datas = append(m.Datas, Data{Offset: uint32(off), Bytes: s.bytes(int(s.u32()))})
			}
		}
		r.pos = end
	}
	return m, nil
}

func (r *reader) limits() (uint32, uint32) {
	flag := r.byte()
	min := r.u32()
	max := uint32(math.MaxUint32)
	if flag&1 != 0 {
		max = r.u32()
	}
	return min, max
}

// funcType returns the signature of function index fi (imports first).
func (m *Module) funcType(fi uint32) (FuncType, bool) {
	n := uint32(0)
	for _, im := range m.Imports {
		if im.Kind == 0 {
			n++
		}
	}
	if fi < n {
		return FuncType{}, false
	}
	if int(fi-n) >= len(m.Funcs) {
		return FuncType{}, false
	}
	return m.Types[m.Funcs[fi-n]], true
}

// precheck rejects modules whose section element counts exceed the bytes
// of their section. wazero v1.12.0 allocates a vector of the declared
// count before reading it, so a 10-byte module can ask for gigabytes; this
// runs first so hostile input gets an error instead of exhausting memory.
func precheck(b []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			de, ok := r.(*decodeError)
			if !ok {
				panic(r)
			}
			err = de
		}
	}()
	if len(b) < 8 {
		return nil // wazero reports it
	}
	r := &reader{b: b, pos: 8}
	for r.pos < len(b) {
		id := r.byte()
		size := int(r.u32())
		start := r.pos
		if size > len(b)-start {
			size = len(b) - start // wazero reports the overrun; counts must still fit
		}
		if id >= 1 && id <= 11 && id != 8 && size > 0 {
			s := &reader{b: b[:start+size], pos: start}
			n := s.u32()
			if uint64(n) > uint64(size) {
				return &decodeError{start, fmt.Sprintf("section %d declares %d entries in %d bytes", id, n, size)}
			}
			switch id {
			case 1: // function types: parameter and result vectors
				for ; n > 0; n-- {
					s.byte()
					for k := 0; k < 2; k++ {
						c := s.u32()
						if int(c) > len(s.b)-s.pos {
							return &decodeError{s.pos, fmt.Sprintf("function type declares %d values in %d bytes", c, len(s.b)-s.pos)}
						}
						s.pos += int(c)
					}
				}
			case 10: // bodies: sizes and local counts
				for ; n > 0; n-- {
					sz := int(s.u32())
					if sz > len(s.b)-s.pos {
						return &decodeError{s.pos, "function body runs past the code section"}
					}
					c := &reader{b: s.b[:s.pos+sz], pos: s.pos}
					total := uint64(0)
					for g := c.u32(); g > 0; g-- {
						total += uint64(c.u32())
						c.byte()
						if total > 50000 {
							return &decodeError{c.pos, "too many locals (more than 50000)"}
						}
					}
					s.pos += sz
				}
			}
		}
		r.pos = start + size
	}
	return nil
}
