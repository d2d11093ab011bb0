package vm

import (
	"math"
	"math/rand"
	"testing"
)

// randF32 favours subnormals, zeros, infinities and NaNs.
func randF32(rng *rand.Rand) uint32 {
	switch rng.Intn(6) {
	case 0:
		return rng.Uint32() & 0x807fffff // subnormal or zero
	case 1:
		return []uint32{0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00001, 0x00800000, 0x7f7fffff}[rng.Intn(8)]
	default:
		return rng.Uint32()
	}
}

func isNaN32(v uint32) bool { return v&0x7fffffff > 0x7f800000 }

// TestF32BitExact runs thousands of f32 operations in one batch per
// operation and compares every result bit for bit with Go's IEEE float32
// arithmetic, NaNs by the Wasm rules (canonical NaN from non-NaN inputs,
// a quiet NaN otherwise). This is also the denormal check: llvmpipe would
// fail it if it flushed subnormals.
func TestF32BitExact(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/f32ops.wasm")
	rng := rand.New(rand.NewSource(3))
	const n = 4096
	ops := map[string]func(a, b float32) float32{
		"add":     func(a, b float32) float32 { return a + b },
		"sub":     func(a, b float32) float32 { return a - b },
		"mul":     func(a, b float32) float32 { return a * b },
		"div":     func(a, b float32) float32 { return a / b },
		"sqrt":    func(a, _ float32) float32 { return float32(math.Sqrt(float64(a))) },
		"nearest": func(a, _ float32) float32 { return float32(math.RoundToEven(float64(a))) },
	}
	for name, op := range ops {
		fi, _, _ := p.ExportedFunc(name)
		args := make([][]uint64, n)
		for i := range args {
			args[i] = []uint64{uint64(randF32(rng)), uint64(randF32(rng))}
		}
		res, err := g.Run(p, &Batch{Func: fi, Args: args})
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i, r := range res.Results {
			a, b := uint32(args[i][0]), uint32(args[i][1])
			got := uint32(r.Values[0])
			want := math.Float32bits(op(math.Float32frombits(a), math.Float32frombits(b)))
			ok := got == want
			if isNaN32(want) {
				inNaN := isNaN32(a) || (name != "sqrt" && name != "nearest" && isNaN32(b))
				ok = isNaN32(got) && got&0x400000 != 0 && (inNaN || got&0x7fffffff == 0x7fc00000)
			}
			if !ok && bad < 10 {
				bad++
				t.Errorf("%s(0x%08x, 0x%08x) = 0x%08x, want 0x%08x", name, a, b, got, want)
			}
		}
	}
	for _, name := range []string{"from_i64", "from_u64"} {
		fi, _, _ := p.ExportedFunc(name)
		args := make([][]uint64, n)
		for i := range args {
			v := rng.Uint64() >> uint(rng.Intn(64))
			args[i] = []uint64{v}
		}
		res, err := g.Run(p, &Batch{Func: fi, Args: args})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res.Results {
			v := args[i][0]
			want := math.Float32bits(float32(int64(v)))
			if name == "from_u64" {
				want = math.Float32bits(float32(v))
			}
			if uint32(r.Values[0]) != want {
				t.Errorf("%s(%d) = 0x%08x, want 0x%08x", name, v, uint32(r.Values[0]), want)
				break
			}
		}
	}
}

// randF64 favours subnormals, zeros, infinities, NaNs and close exponents.
func randF64(rng *rand.Rand) uint64 {
	switch rng.Intn(6) {
	case 0:
		return rng.Uint64() & 0x800fffffffffffff // subnormal or zero
	case 1:
		return []uint64{0, 1 << 63, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
			0x7ff4000000000001, 0x0010000000000000, 0x7fefffffffffffff, 0x3ff0000000000000}[rng.Intn(9)]
	case 2:
		return math.Float64bits(float64(rng.Int63n(1000)) / float64(1+rng.Intn(7)))
	default:
		return rng.Uint64()
	}
}

func isNaN64(v uint64) bool { return v&(1<<63-1) > 0x7ff0000000000000 }

// TestF64BitExact checks the shader's software f64 (WGSL has no f64)
// against Go's IEEE float64, 4,096 random operands per operation.
func TestF64BitExact(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/f64ops.wasm")
	rng := rand.New(rand.NewSource(5))
	const n = 4096
	ops := map[string]func(a, b float64) float64{
		"add":     func(a, b float64) float64 { return a + b },
		"sub":     func(a, b float64) float64 { return a - b },
		"mul":     func(a, b float64) float64 { return a * b },
		"div":     func(a, b float64) float64 { return a / b },
		"sqrt":    func(a, _ float64) float64 { return math.Sqrt(a) },
		"nearest": func(a, _ float64) float64 { return math.RoundToEven(a) },
		"demote":  func(a, _ float64) float64 { return float64(float32(a)) },
	}
	for name, op := range ops {
		fi, _, _ := p.ExportedFunc(name)
		args := make([][]uint64, n)
		for i := range args {
			a, b := randF64(rng), randF64(rng)
			if i%4 == 0 { // nearby magnitudes: cancellation and rounding ties
				b = a ^ uint64(rng.Intn(1<<20)) ^ uint64(rng.Intn(2))<<63
			}
			args[i] = []uint64{a, b}
		}
		res, err := g.Run(p, &Batch{Func: fi, Args: args})
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i, r := range res.Results {
			a, b := args[i][0], args[i][1]
			got := r.Values[0]
			want := math.Float64bits(op(math.Float64frombits(a), math.Float64frombits(b)))
			ok := got == want
			if isNaN64(want) {
				ok = isNaN64(got) && got&(1<<51) != 0
			}
			if !ok && bad < 10 {
				bad++
				t.Errorf("%s(0x%016x, 0x%016x) = 0x%016x, want 0x%016x", name, a, b, got, want)
			}
		}
	}
}
