package vm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ExportedFunc looks up an exported function: its index and signature.
func (p *Program) ExportedFunc(name string) (uint32, FuncType, error) {
	fi, ok := p.Exports[name]
	if !ok {
		var names []string
		for n := range p.Exports {
			names = append(names, n)
		}
		return 0, FuncType{}, fmt.Errorf("no exported function %q (exports: %s)", name, strings.Join(names, ", "))
	}
	if int(fi) >= len(p.Funcs) {
		return 0, FuncType{}, fmt.Errorf("export %q is an imported function", name)
	}
	return fi, p.Funcs[fi].Type, nil
}

// ParseValue reads one argument of Wasm type t: integers in decimal
// (signed or unsigned) or 0x hex, floats as decimal/inf/nan or as raw bits
// written 0x... .
func ParseValue(t byte, s string) (uint64, error) {
	s = strings.TrimSpace(s)
	switch t {
	case typeI32, typeI64:
		bits := 32
		if t == typeI64 {
			bits = 64
		}
		if v, err := strconv.ParseInt(s, 0, bits); err == nil {
			if bits == 32 {
				return uint64(uint32(v)), nil
			}
			return uint64(v), nil
		}
		v, err := strconv.ParseUint(s, 0, bits)
		if err != nil {
			return 0, fmt.Errorf("%q is not an %s", s, typeName(t))
		}
		return v, nil
	case typeF32, typeF64:
		if strings.HasPrefix(s, "0x") {
			v, err := strconv.ParseUint(s[2:], 16, 64)
			if err != nil {
				return 0, fmt.Errorf("%q is not a %s bit pattern", s, typeName(t))
			}
			return v, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a %s", s, typeName(t))
		}
		if t == typeF32 {
			return uint64(math.Float32bits(float32(f))), nil
		}
		return math.Float64bits(f), nil
	}
	return 0, fmt.Errorf("parameters of type %s are not supported", typeName(t))
}

// ParseArgs reads a comma-separated argument list for a function taking params.
func ParseArgs(params []byte, list []string) ([]uint64, error) {
	if len(list) != len(params) {
		return nil, fmt.Errorf("%d arguments given, the function takes %d (%s)", len(list), len(params), typeList(params))
	}
	out := make([]uint64, len(list))
	for i, s := range list {
		v, err := ParseValue(params[i], s)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		out[i] = v
	}
	return out, nil
}

// FormatValue renders a value of type t: signed integers, floats with
// their bits.
func FormatValue(t byte, v uint64) string {
	switch t {
	case typeI32:
		return fmt.Sprintf("i32:%d", int32(v))
	case typeI64:
		return fmt.Sprintf("i64:%d", int64(v))
	case typeF32:
		return fmt.Sprintf("f32:%g (0x%08x)", math.Float32frombits(uint32(v)), uint32(v))
	case typeF64:
		return fmt.Sprintf("f64:%g (0x%016x)", math.Float64frombits(v), v)
	}
	return fmt.Sprintf("0x%x", v)
}

func typeName(t byte) string {
	switch t {
	case typeI32:
		return "i32"
	case typeI64:
		return "i64"
	case typeF32:
		return "f32"
	case typeF64:
		return "f64"
	case typeFuncRef:
		return "funcref"
	}
	return fmt.Sprintf("type 0x%02x", t)
}

func typeList(ts []byte) string {
	var s []string
	for _, t := range ts {
		s = append(s, typeName(t))
	}
	return "(" + strings.Join(s, ", ") + ")"
}

// SameValue compares results of type t; any two NaNs of a float type are
// equal (their payloads are not specified across engines).
func SameValue(t byte, a, b uint64) bool {
	switch t {
	case typeF32:
		fa, fb := uint32(a), uint32(b)
		if fa&0x7fffffff > 0x7f800000 && fb&0x7fffffff > 0x7f800000 {
			return true
		}
		return fa == fb
	case typeF64:
		if a&(1<<63-1) > 0x7ff0000000000000 && b&(1<<63-1) > 0x7ff0000000000000 {
			return true
		}
		return a == b
	case typeI32:
		return uint32(a) == uint32(b)
	}
	return a == b
}

// Compare describes how two results of a function with the given result
// types differ ("" when they agree).
func Compare(results []byte, gpu, cpu Result) string {
	if gpu.Trap != TrapNone || cpu.Trap != TrapNone {
		if !SameTrap(gpu.Trap, cpu.Trap) {
			return fmt.Sprintf("GPU %s, CPU %s", describe(results, gpu), describe(results, cpu))
		}
		return ""
	}
	if len(gpu.Values) != len(cpu.Values) {
		return fmt.Sprintf("GPU %s, CPU %s", describe(results, gpu), describe(results, cpu))
	}
	for i := range gpu.Values {
		if !SameValue(results[i], gpu.Values[i], cpu.Values[i]) {
			return fmt.Sprintf("GPU %s, CPU %s", describe(results, gpu), describe(results, cpu))
		}
	}
	return ""
}

func describe(results []byte, r Result) string {
	if r.Trap != TrapNone {
		return "trap: " + r.Trap.String()
	}
	var s []string
	for i, v := range r.Values {
		t := byte(0)
		if i < len(results) {
			t = results[i]
		}
		s = append(s, FormatValue(t, v))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// Describe renders a result: its values or its trap.
func (r Result) Describe(results []byte) string { return describe(results, r) }
