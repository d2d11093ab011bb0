package vm

import (
	"encoding/binary"
	"fmt"
)

// MaxMemoryPages bounds the linear memory of one GPU VM instance (128 MiB,
// llvmpipe's largest storage binding); larger minimums are refused up front.
const MaxMemoryPages = 2048

// Snapshot is the mutable state of a module instance: what a later
// invocation on the same instance starts from.
type Snapshot struct {
	Pages   uint32
	Globals []uint64
	Memory  []byte // Pages * 65536 bytes
}

// InstantiateError is a failure while instantiating (segments out of
// bounds, start function trapping).
type InstantiateError struct{ Msg string }

func (e *InstantiateError) Error() string { return "instantiation: " + e.Msg }

// FreshSnapshot builds the state of a newly instantiated module: globals
// from their initialisers, memory with the data segments applied. It checks
// segment bounds the way instantiation does.
func (p *Program) FreshSnapshot() (*Snapshot, error) {
	m := p.Module
	s := &Snapshot{}
	for _, g := range m.Globals {
		v := g.Init
		if g.InitRef >= 0 && g.InitRef < len(m.Globals) {
			v = m.Globals[g.InitRef].Init
		}
		s.Globals = append(s.Globals, v)
	}
	for i, e := range m.Elems {
		if uint64(e.Offset)+uint64(len(e.Funcs)) > uint64(m.TableMin) {
			return nil, &InstantiateError{fmt.Sprintf("element segment %d out of bounds table access", i)}
		}
	}
	if m.HasMemory {
		if m.MemMin > MaxMemoryPages {
			return nil, fmt.Errorf("memory of %d pages exceeds the GPU VM's limit of %d pages", m.MemMin, MaxMemoryPages)
		}
		s.Pages = m.MemMin
		s.Memory = make([]byte, uint64(m.MemMin)*65536)
	}
	for i, d := range m.Datas {
		if uint64(d.Offset)+uint64(len(d.Bytes)) > uint64(len(s.Memory)) {
			return nil, &InstantiateError{fmt.Sprintf("data segment %d: out of bounds memory access", i)}
		}
		copy(s.Memory[d.Offset:], d.Bytes)
	}
	return s, nil
}

// imageWords encodes a snapshot for the shader's `image` binding:
// [pages, nglobals, memory words used, globals (2 words each), memory words].
func (s *Snapshot) imageWords() []uint32 {
	used := len(s.Memory) / 4
	for used > 0 && binary.LittleEndian.Uint32(s.Memory[4*(used-1):]) == 0 {
		used--
	}
	w := make([]uint32, 0, 3+2*len(s.Globals)+used)
	w = append(w, s.Pages, uint32(len(s.Globals)), uint32(used))
	for _, g := range s.Globals {
		w = append(w, uint32(g), uint32(g>>32))
	}
	for i := 0; i < used; i++ {
		w = append(w, binary.LittleEndian.Uint32(s.Memory[4*i:]))
	}
	return w
}
