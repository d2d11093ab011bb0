package vm

// Instruction stream opcodes. Most are the WebAssembly opcode byte itself
// (0x28 i32.load ... 0xc4 i64.extend32_s), so the shader's switch reads like
// the spec's opcode table. Internal opcodes use values above 0xff.
const (
	opUnreachable  = 0x00
	opBr           = 0x0c // a: target pc, b: height to restore (slots above fp), c: arity
	opBrIf         = 0x0d // as opBr, after popping the condition
	opBrTable      = 0x0e // a: entry offset in the code buffer, b: label count (default at index b)
	opReturn       = 0x0f
	opCall         = 0x10 // a: function index
	opCallIndirect = 0x11 // a: canonical type id
	opDrop         = 0x1a
	opSelect       = 0x1b
	opLocalGet     = 0x20 // a: local index
	opLocalSet     = 0x21
	opLocalTee     = 0x22
	opGlobalGet    = 0x23 // a: global index
	opGlobalSet    = 0x24
	opMemorySize   = 0x3f
	opMemoryGrow   = 0x40
	opI32Const     = 0x41  // a: value
	opI64Const     = 0x42  // a: low word, b: high word
	opF32Const     = 0x43  // a: bits
	opF64Const     = 0x44  // a: low word, b: high word
	opTruncSat     = 0xe0  // 0xe0+k: 0xfc k (k = 0..7), the saturating truncations
	opJump         = 0x100 // a: target pc
	opBrUnless     = 0x101 // a: target pc taken when the popped condition is zero (if)
)

// Trap kinds reported by the VM (both backends map onto these).
type TrapKind uint32

const (
	TrapNone TrapKind = iota
	TrapUnreachable
	TrapDivByZero
	TrapIntOverflow
	TrapInvalidConversion
	TrapMemoryOOB
	TrapUndefinedElement
	TrapUninitializedElement
	TrapIndirectTypeMismatch
	TrapStackExhausted
	TrapFuelExhausted
	TrapOther
	// TrapNeedsCPU: the instance reached an instruction the shader does not
	// implement; callers rerun the call on wazero. Not a Wasm trap. (No MVP
	// instruction gets here today; it guards future lowering additions.)
	TrapNeedsCPU
)

var trapNames = [...]string{
	TrapNone:                 "none",
	TrapUnreachable:          "unreachable",
	TrapDivByZero:            "integer divide by zero",
	TrapIntOverflow:          "integer overflow",
	TrapInvalidConversion:    "invalid conversion to integer",
	TrapMemoryOOB:            "out of bounds memory access",
	TrapUndefinedElement:     "undefined element",
	TrapUninitializedElement: "uninitialized element",
	TrapIndirectTypeMismatch: "indirect call type mismatch",
	TrapStackExhausted:       "call stack exhausted",
	TrapFuelExhausted:        "fuel exhausted",
	TrapOther:                "trap",
	TrapNeedsCPU:             "instruction not supported by the GPU VM (needs the CPU backend)",
}

// String is the spec suite's wording of the trap.
func (k TrapKind) String() string {
	if int(k) < len(trapNames) {
		return trapNames[k]
	}
	return "trap"
}
