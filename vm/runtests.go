package vm

import (
	"context"
	"fmt"
	"strings"
)

// Test is one test of a cartridge manifest: call the export Invoke with
// Args and expect Expect, or a trap.
type Test struct {
	Name   string   // shown in results; "" : "invoke(arg, ...)"
	Invoke string   // exported function
	Args   []string // one per parameter, in ParseValue syntax
	// Expect lists the expected results (ParseValue syntax, per result
	// type). With no Expect and no trap expected, the call only has to
	// return without trapping.
	Expect []string
	// HasTrap expects a trap whose name contains ExpectTrap (ignoring
	// case; "" : any trap).
	HasTrap    bool
	ExpectTrap string
}

// TestResult is the outcome of one Test on the GPU VM and on wazero.
type TestResult struct {
	Name string
	Pass bool   // both engines ran it, met the expectation and agree
	Want string // the expectation, e.g. "[i32:55]", "trap: divide by zero", "a trap", "no trap"
	// GPU and CPU are each engine's result; nil when that engine did not
	// run the test (no GPU given, or the test could not be prepared). A
	// GPU result with Trap TrapNeedsCPU means the GPU VM handed it back.
	GPU, CPU *Result
	// Got renders the result judged: the GPU's when it gave one, else
	// wazero's.
	Got string
	// Message says why it failed ("" when it passed), e.g.
	// "expected [i32:55], GPU gave [i32:54], wazero gave [i32:55]".
	Message string
}

// RunTests runs tests on gpu (all in one batch) and on wazero, the
// reference; gpu may be nil to run on wazero alone. Per test problems (no
// such export, unreadable arguments or expectations) are failing results.
// The error is for the whole run: a module that can't be loaded, a GPU run
// that failed (a custom shader with a different interface, a timeout),
// wazero refusing the module, or ctx ending (between steps, and during a
// wazero call).
func RunTests(ctx context.Context, gpu *GPU, wasm []byte, tests []Test) ([]TestResult, error) {
	prog, err := Load(wasm)
	if err != nil {
		return nil, fmt.Errorf("the module can't run on the VM: %w", err)
	}
	out := make([]TestResult, len(tests))
	types := make([]FuncType, len(tests))
	args := make([][]uint64, len(tests))
	ok := make([]bool, len(tests))
	var batch Batch
	var inBatch []int
	for i, t := range tests {
		r := &out[i]
		r.Name = t.Name
		if r.Name == "" {
			r.Name = fmt.Sprintf("%s(%s)", t.Invoke, strings.Join(t.Args, ", "))
		}
		fn, ft, err := prog.ExportedFunc(t.Invoke)
		if err == nil {
			args[i], err = ParseArgs(ft.Params, t.Args)
		}
		if err != nil {
			r.Message = err.Error()
			continue
		}
		types[i], ok[i] = ft, true
		batch.Funcs = append(batch.Funcs, fn)
		batch.Args = append(batch.Args, args[i])
		inBatch = append(inBatch, i)
	}
	if gpu != nil && len(inBatch) > 0 {
		batch.Func = batch.Funcs[0]
		br, err := gpu.Run(prog, &batch)
		if err != nil {
			return nil, fmt.Errorf("GPU VM: %w", err)
		}
		for k, i := range inBatch {
			r := br.Results[k]
			out[i].GPU = &r
		}
	}
	cpu := &CPU{}
	for _, i := range inBatch {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res, err := cpu.RunContext(ctx, wasm, tests[i].Invoke, [][]uint64{args[i]})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("wazero: %w", err)
		}
		out[i].CPU = &res[0]
	}
	for i := range tests {
		if ok[i] {
			judge(&out[i], tests[i], types[i].Results)
		}
	}
	return out, ctx.Err()
}

// judge fills Pass, Want, Got and Message from the engines' results.
func judge(r *TestResult, t Test, results []byte) {
	want, meets, err := expectation(t, results)
	r.Want = want
	if err != nil {
		r.Message = err.Error()
		return
	}
	cpuOK := meets(*r.CPU)
	judged := *r.CPU
	gpuRan := r.GPU != nil && r.GPU.Trap != TrapNeedsCPU
	gpuOK, agree := true, true
	if gpuRan {
		judged = *r.GPU
		gpuOK = meets(*r.GPU)
		agree = Compare(results, *r.GPU, *r.CPU) == ""
	}
	r.Got = judged.Describe(results)
	r.Pass = cpuOK && gpuOK && agree
	if r.Pass {
		return
	}
	gpuSays := "GPU not run"
	switch {
	case gpuRan:
		gpuSays = "GPU gave " + r.GPU.Describe(results)
	case r.GPU != nil:
		gpuSays = "GPU handed it to the CPU"
	}
	r.Message = fmt.Sprintf("expected %s, %s, wazero gave %s", want, gpuSays, r.CPU.Describe(results))
	if cpuOK && gpuOK && !agree {
		r.Message = "the engines disagree: " + r.Message
	}
}

// expectation describes what t expects of a function with the given result
// types and returns the predicate for it; the error is an expectation that
// can't be read.
func expectation(t Test, results []byte) (string, func(Result) bool, error) {
	if t.HasTrap {
		want, desc := strings.ToLower(t.ExpectTrap), "trap: "+t.ExpectTrap
		if t.ExpectTrap == "" {
			desc = "a trap"
		}
		return desc, func(r Result) bool {
			return r.Trap != TrapNone && strings.Contains(strings.ToLower(r.Trap.String()), want)
		}, nil
	}
	if len(t.Expect) == 0 {
		return "no trap", func(r Result) bool { return r.Trap == TrapNone }, nil
	}
	if len(t.Expect) != len(results) {
		return "[" + strings.Join(t.Expect, ", ") + "]", nil,
			fmt.Errorf("%d expected values, the function returns %d %s", len(t.Expect), len(results), typeList(results))
	}
	vals := make([]uint64, len(t.Expect))
	var ws []string
	for i, e := range t.Expect {
		v, err := ParseValue(results[i], e)
		if err != nil {
			return e, nil, fmt.Errorf("expected value %d: %w", i+1, err)
		}
		vals[i] = v
		ws = append(ws, FormatValue(results[i], v))
	}
	return "[" + strings.Join(ws, ", ") + "]", func(r Result) bool {
		if r.Trap != TrapNone || len(r.Values) != len(vals) {
			return false
		}
		for i, v := range vals {
			if !SameValue(results[i], v, r.Values[i]) {
				return false
			}
		}
		return true
	}, nil
}
