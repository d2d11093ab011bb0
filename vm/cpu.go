package vm

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
)

// Validate compiles the module with wazero and returns its error message
// unchanged when the module is invalid or malformed (after a structural
// precheck that keeps hostile section counts away from wazero's decoder).
func Validate(wasm []byte) error {
	if err := precheck(wasm); err != nil {
		return err
	}
	ctx := context.Background()
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter())
	defer r.Close(ctx)
	cm, err := r.CompileModule(ctx, wasm)
	if err != nil {
		return err
	}
	return cm.Close(ctx)
}

// ValidateLine is Validate with the message folded onto one line (wazero's
// messages span lines: "have ()\n\twant (i32)"), as editors and the
// compiler-style CLI output show it. It is the cartridge checker's
// ValidateWasm hook.
func ValidateLine(wasm []byte) error {
	if err := Validate(wasm); err != nil {
		return errors.New(strings.Join(strings.Fields(err.Error()), " "))
	}
	return nil
}

// Load validates wasm with wazero, then decodes and lowers it for the GPU VM.
func Load(wasm []byte) (*Program, error) {
	if err := Validate(wasm); err != nil {
		return nil, err
	}
	m, err := DecodeModule(wasm)
	if err != nil {
		return nil, err
	}
	return Lower(m)
}

// CPU runs modules on wazero, the reference the GPU VM is checked against.
type CPU struct {
	Compiler bool          // wazero's compiler instead of its interpreter
	MaxPages uint32        // memory limit in pages (0: wazero's default)
	Timeout  time.Duration // per invocation (0: DefaultTimeout)
}

// Run invokes the exported function name on a fresh instance per argument
// list. Errors are about the module or the call; traps are in the results.
func (c *CPU) Run(wasm []byte, name string, args [][]uint64) ([]Result, error) {
	return c.RunContext(context.Background(), wasm, name, args)
}

// RunContext is Run ending early, with ctx's error, when ctx ends: a call
// in flight is stopped where it is.
func (c *CPU) RunContext(ctx context.Context, wasm []byte, name string, args [][]uint64) ([]Result, error) {
	cfg := wazero.NewRuntimeConfigInterpreter()
	if c.Compiler {
		cfg = wazero.NewRuntimeConfigCompiler()
	}
	cfg = cfg.WithCloseOnContextDone(true)
	if c.MaxPages != 0 {
		cfg = cfg.WithMemoryLimitPages(c.MaxPages)
	}
	if err := precheck(wasm); err != nil {
		return nil, err
	}
	r := wazero.NewRuntimeWithConfig(ctx, cfg)
	defer r.Close(ctx)
	cm, err := r.CompileModule(ctx, wasm)
	if err != nil {
		return nil, err
	}
	if imps := cm.ImportedFunctions(); len(imps) > 0 {
		var names []string
		for _, f := range imps {
			mod, n, _ := f.Import()
			names = append(names, fmt.Sprintf("%q.%q", mod, n))
		}
		return nil, fmt.Errorf("module imports functions no backend provides: %s", strings.Join(names, ", "))
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	var out []Result
	for i, a := range args {
		res, err := c.runOne(ctx, r, cm, name, a, timeout, i)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

func (c *CPU) runOne(parent context.Context, r wazero.Runtime, cm wazero.CompiledModule, name string, args []uint64, timeout time.Duration, i int) (Result, error) {
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	// The module's start section runs during instantiation.
	mod, err := r.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return Result{}, &InstantiateError{err.Error()}
	}
	defer mod.Close(ctx)
	f := mod.ExportedFunction(name)
	if f == nil {
		return Result{}, fmt.Errorf("no exported function %q", name)
	}
	if len(args) != len(f.Definition().ParamTypes()) {
		return Result{}, fmt.Errorf("instance %d: %d arguments given, %q takes %d", i, len(args), name, len(f.Definition().ParamTypes()))
	}
	vals, err := f.Call(ctx, args...)
	if err != nil {
		if cause := context.Cause(parent); cause != nil {
			return Result{}, cause // stopped from outside: no trap of the module's
		}
		return Result{Trap: TrapFromError(err)}, nil
	}
	return Result{Values: vals}, nil
}

// TrapFromError maps a wazero runtime error to a TrapKind.
func TrapFromError(err error) TrapKind {
	if errors.Is(err, context.DeadlineExceeded) {
		return TrapFuelExhausted
	}
	msg := err.Error()
	for _, m := range []struct {
		s string
		k TrapKind
	}{
		{"integer divide by zero", TrapDivByZero},
		{"integer overflow", TrapIntOverflow},
		{"invalid conversion to integer", TrapInvalidConversion},
		{"out of bounds memory access", TrapMemoryOOB},
		{"invalid table access", TrapUndefinedElement},
		{"indirect call type mismatch", TrapIndirectTypeMismatch},
		{"stack overflow", TrapStackExhausted},
		{"unreachable", TrapUnreachable},
		{"deadline exceeded", TrapFuelExhausted},
		{"closed", TrapFuelExhausted},
	} {
		if strings.Contains(msg, m.s) {
			return m.k
		}
	}
	return TrapOther
}

// SameTrap reports whether two trap kinds are the same condition as far as
// wazero can tell them apart (it reports both kinds of bad table slot as
// "invalid table access").
func SameTrap(a, b TrapKind) bool {
	norm := func(k TrapKind) TrapKind {
		if k == TrapUninitializedElement {
			return TrapUndefinedElement
		}
		return k
	}
	return norm(a) == norm(b)
}
