package vm

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
)

// Workloads of testdata/bench.wat, with small inputs: llvmpipe runs about
// 5,400 VM instructions per instance per dispatch (see RATIONALE.md).
var benchWorkloads = []struct {
	fn  string
	arg uint64
}{
	{"fib", 200},
	{"memloop", 100},
	{"fibrec", 8},
}

// BenchmarkVM compares, per workload, the GPU VM with one instance and with
// a batch of 4,096 instances against wazero's interpreter and compiler
// making the same calls. instr/s counts GPU VM instructions (the lowered
// stream) for all backends, so the figures are directly comparable.
func BenchmarkVM(b *testing.B) {
	wasm, err := os.ReadFile("testdata/bench.wasm")
	if err != nil {
		b.Fatal(err)
	}
	p, err := Load(wasm)
	if err != nil {
		b.Fatal(err)
	}
	g, gpuErr := DefaultGPU()
	for _, w := range benchWorkloads {
		fi, _, _ := p.ExportedFunc(w.fn)
		var perCall uint64
		if gpuErr == nil {
			res, err := g.Run(p, &Batch{Func: fi, Args: [][]uint64{{w.arg}}})
			if err != nil {
				b.Fatal(err)
			}
			perCall = res.Results[0].Instructions
		}
		for _, n := range []int{1, 4096} {
			args := make([][]uint64, n)
			for i := range args {
				args[i] = []uint64{w.arg}
			}
			b.Run(fmt.Sprintf("%s/gpu/n=%d", w.fn, n), func(b *testing.B) {
				if gpuErr != nil {
					b.Skip(gpuErr)
				}
				for i := 0; i < b.N; i++ {
					if _, err := g.Run(p, &Batch{Func: fi, Args: args, Config: Config{MaxPages: 1}}); err != nil {
						b.Fatal(err)
					}
				}
				reportInstr(b, perCall*uint64(n))
			})
			for _, compiler := range []bool{false, true} {
				name := "wazero-interp"
				cfg := wazero.NewRuntimeConfigInterpreter()
				if compiler {
					name, cfg = "wazero-compiler", wazero.NewRuntimeConfigCompiler()
				}
				b.Run(fmt.Sprintf("%s/%s/n=%d", w.fn, name, n), func(b *testing.B) {
					ctx := context.Background()
					r := wazero.NewRuntimeWithConfig(ctx, cfg)
					defer r.Close(ctx)
					mod, err := r.Instantiate(ctx, wasm)
					if err != nil {
						b.Fatal(err)
					}
					f := mod.ExportedFunction(w.fn)
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						for k := 0; k < n; k++ {
							if _, err := f.Call(ctx, w.arg); err != nil {
								b.Fatal(err)
							}
						}
					}
					reportInstr(b, perCall*uint64(n))
				})
			}
		}
	}
}

func reportInstr(b *testing.B, perOp uint64) {
	if perOp == 0 {
		return
	}
	el := b.Elapsed()
	if el <= 0 {
		el = time.Nanosecond
	}
	b.ReportMetric(float64(perOp)*float64(b.N)/el.Seconds(), "instr/s")
}
