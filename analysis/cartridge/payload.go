package cartridge

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PayloadKind is what a payload looks like.
type PayloadKind string

const (
	KindWasm    PayloadKind = "wasm"
	KindELF     PayloadKind = "elf"
	KindText    PayloadKind = "text"
	KindUnknown PayloadKind = "unknown"
)

// PayloadInfo summarises a payload. Only the fields of its Kind are set.
type PayloadInfo struct {
	Kind    PayloadKind
	Size    int
	Entropy float64 // Shannon entropy in bits per byte, 0..8

	Wasm *WasmInfo
	ELF  *ELFInfo
	// TextPreview is the start of a UTF-8 text payload.
	TextPreview string
}

// WasmInfo is what a light read of a module's sections found.
type WasmInfo struct {
	Version   uint32
	Imports   []WasmImport
	Exports   []WasmExport
	Functions int // defined (not imported) functions
	Memories  []WasmLimits
	// Err is the first structural problem met (the read stops there); the
	// full validation is Options.ValidateWasm's job.
	Err string
}

// WasmImport is one import, with its signature for functions.
type WasmImport struct {
	Module, Name, Kind string // Kind: func, table, memory, global
	Signature          string // "(i32, i32) -> i32" for functions
}

// WasmExport is one export; Signature is set for functions.
type WasmExport struct {
	Name, Kind string
	Index      uint32
	Signature  string
	Params     []string
	Results    []string
}

// WasmLimits is a memory's limits in 64 KiB pages (Max < 0: none).
type WasmLimits struct{ Min, Max int64 }

// ELFInfo is an ELF header's gist.
type ELFInfo struct {
	Class   int // 32 or 64
	Endian  string
	Type    string
	Machine string
	Entry   uint64
}

// DetectPayload recognises WebAssembly, ELF and UTF-8 text payloads and
// measures the entropy of any payload.
func DetectPayload(b []byte) PayloadInfo {
	info := PayloadInfo{Kind: KindUnknown, Size: len(b), Entropy: Entropy(b)}
	switch {
	case bytes.HasPrefix(b, []byte("\x00asm")):
		info.Kind, info.Wasm = KindWasm, ReadWasm(b)
	case bytes.HasPrefix(b, []byte("\x7fELF")):
		if e := readELF(b); e != nil {
			info.Kind, info.ELF = KindELF, e
		}
	default:
		if p, ok := textPreview(b, 400); ok {
			info.Kind, info.TextPreview = KindText, p
		}
	}
	return info
}

// Entropy is the Shannon entropy of b in bits per byte.
func Entropy(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	var counts [256]int
	for _, c := range b {
		counts[c]++
	}
	h, n := 0.0, float64(len(b))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

func textPreview(b []byte, max int) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	head := b[:min(len(b), 4096)]
	// Don't reject a text cut in the middle of a rune at the window's end.
	for i := 0; i < 3 && !utf8.Valid(head) && len(head) > 0; i++ {
		head = head[:len(head)-1]
	}
	if !utf8.Valid(head) {
		return "", false
	}
	bad := 0
	for _, r := range string(head) {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			bad++
		}
	}
	if bad*50 > len(head) { // more than 2% control characters
		return "", false
	}
	s := string(head)
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return s, true
}

var elfMachines = map[uint16]string{3: "x86", 8: "MIPS", 20: "PowerPC", 21: "PowerPC64", 40: "ARM", 62: "x86-64", 183: "AArch64", 243: "RISC-V", 258: "LoongArch"}

func readELF(b []byte) *ELFInfo {
	if len(b) < 24 {
		return nil
	}
	e := &ELFInfo{}
	var bo binary.ByteOrder
	switch b[5] {
	case 1:
		bo, e.Endian = binary.LittleEndian, "little-endian"
	case 2:
		bo, e.Endian = binary.BigEndian, "big-endian"
	default:
		return nil
	}
	switch b[4] {
	case 1:
		e.Class = 32
		if len(b) >= 28 {
			e.Entry = uint64(bo.Uint32(b[24:]))
		}
	case 2:
		e.Class = 64
		if len(b) >= 32 {
			e.Entry = bo.Uint64(b[24:])
		}
	default:
		return nil
	}
	e.Type = map[uint16]string{1: "relocatable", 2: "executable", 3: "shared object", 4: "core"}[bo.Uint16(b[16:])]
	if e.Type == "" {
		e.Type = fmt.Sprintf("type %d", bo.Uint16(b[16:]))
	}
	m := bo.Uint16(b[18:])
	if e.Machine = elfMachines[m]; e.Machine == "" {
		e.Machine = fmt.Sprintf("machine %d", m)
	}
	return e
}

// ReadWasm reads the sections of a WebAssembly binary that describe its
// interface: types, imports, functions, memories and exports. It never
// fails: a structural problem stops the read and is recorded in Err.
func ReadWasm(b []byte) *WasmInfo {
	w := &WasmInfo{}
	r := &wasmReader{b: b}
	if len(b) < 8 {
		w.Err = "truncated header"
		return w
	}
	w.Version = binary.LittleEndian.Uint32(b[4:8])
	r.pos = 8
	var types [][2][]string
	var funcTypes []uint32 // type index of every function, imports first
	for r.pos < len(b) && r.err == "" {
		id := r.byte()
		size := r.u32()
		if r.err != "" {
			break
		}
		if int(size) > len(b)-r.pos {
			r.fail("section %d: size %d runs past the end (byte %d)", id, size, r.pos)
			break
		}
		end := r.pos + int(size)
		sec := &wasmReader{b: b[:end], pos: r.pos}
		switch id {
		case 1: // type
			for i, n := 0, sec.u32(); i < int(n) && sec.err == ""; i++ {
				if sec.byte() != 0x60 {
					sec.fail("type %d is not a function type", i)
					break
				}
				var ft [2][]string
				for k := 0; k < 2 && sec.err == ""; k++ {
					for j, m := 0, sec.u32(); j < int(m) && sec.err == ""; j++ {
						ft[k] = append(ft[k], valType(sec.byte()))
					}
				}
				types = append(types, ft)
			}
		case 2: // import
			for i, n := 0, sec.u32(); i < int(n) && sec.err == ""; i++ {
				im := WasmImport{Module: sec.name(), Name: sec.name()}
				switch kind := sec.byte(); kind {
				case 0:
					im.Kind = "func"
					t := sec.u32()
					funcTypes = append(funcTypes, t)
					if int(t) < len(types) {
						im.Signature = signature(types[t])
					}
				case 1:
					im.Kind = "table"
					sec.byte()
					sec.limits()
				case 2:
					im.Kind = "memory"
					sec.limits()
				case 3:
					im.Kind = "global"
					sec.byte()
					sec.byte()
				default:
					sec.fail("import %d has unknown kind %d", i, kind)
				}
				w.Imports = append(w.Imports, im)
			}
		case 3: // function
			n := sec.u32()
			for i := 0; i < int(n) && sec.err == ""; i++ {
				funcTypes = append(funcTypes, sec.u32())
			}
			w.Functions = int(n)
		case 5: // memory
			for i, n := 0, sec.u32(); i < int(n) && sec.err == ""; i++ {
				w.Memories = append(w.Memories, sec.limits())
			}
		case 7: // export
			for i, n := 0, sec.u32(); i < int(n) && sec.err == ""; i++ {
				ex := WasmExport{Name: sec.name()}
				kind := sec.byte()
				ex.Index = sec.u32()
				ex.Kind = map[byte]string{0: "func", 1: "table", 2: "memory", 3: "global"}[kind]
				if kind == 0 && int(ex.Index) < len(funcTypes) && int(funcTypes[ex.Index]) < len(types) {
					ft := types[funcTypes[ex.Index]]
					ex.Params, ex.Results, ex.Signature = ft[0], ft[1], signature(ft)
				}
				w.Exports = append(w.Exports, ex)
			}
		}
		if sec.err != "" {
			r.err = fmt.Sprintf("section %d: %s", id, sec.err)
		}
		r.pos = end
	}
	w.Err = r.err
	return w
}

func signature(ft [2][]string) string {
	s := "(" + strings.Join(ft[0], ", ") + ")"
	switch len(ft[1]) {
	case 0:
		return s
	case 1:
		return s + " -> " + ft[1][0]
	}
	return s + " -> (" + strings.Join(ft[1], ", ") + ")"
}

func valType(b byte) string {
	switch b {
	case 0x7f:
		return "i32"
	case 0x7e:
		return "i64"
	case 0x7d:
		return "f32"
	case 0x7c:
		return "f64"
	case 0x7b:
		return "v128"
	case 0x70:
		return "funcref"
	case 0x6f:
		return "externref"
	}
	return fmt.Sprintf("type(0x%02x)", b)
}

type wasmReader struct {
	b   []byte
	pos int
	err string
}

func (r *wasmReader) fail(format string, args ...any) {
	if r.err == "" {
		r.err = fmt.Sprintf(format, args...)
	}
}

func (r *wasmReader) byte() byte {
	if r.err != "" {
		return 0
	}
	if r.pos >= len(r.b) {
		r.fail("unexpected end at byte %d", r.pos)
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *wasmReader) u32() uint32 {
	var v uint32
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		if r.err != "" {
			return 0
		}
		v |= uint32(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
	}
	r.fail("LEB128 integer too long at byte %d", r.pos)
	return 0
}

func (r *wasmReader) name() string {
	n := r.u32()
	if r.err != "" {
		return ""
	}
	if int(n) > len(r.b)-r.pos {
		r.fail("name of %d bytes runs past the end at byte %d", n, r.pos)
		return ""
	}
	s := string(r.b[r.pos : r.pos+int(n)])
	r.pos += int(n)
	return s
}

func (r *wasmReader) limits() WasmLimits {
	flag := r.byte()
	l := WasmLimits{Min: int64(r.u32()), Max: -1}
	if flag&1 != 0 {
		l.Max = int64(r.u32())
	}
	return l
}
