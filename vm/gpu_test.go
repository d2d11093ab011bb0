package vm

import (
	"testing"
)

// TestShaderAccepted: the bundled wgpu-native compiles shaders/wasm_vm.wgsl
// and builds its compute pipeline (OpenGPU fails otherwise).
func TestShaderAccepted(t *testing.T) {
	g := testGPU(t)
	t.Logf("adapter: %s", g.Describe())
}

func TestBasicPrograms(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/basic.wasm")
	cases := []struct {
		fn   string
		args [][]uint64
		want []Result
	}{
		{"fib", [][]uint64{{0}, {1}, {10}, {20}}, []Result{{Values: []uint64{0}}, {Values: []uint64{1}}, {Values: []uint64{55}}, {Values: []uint64{6765}}}},
		{"sum", [][]uint64{{0}, {100}}, []Result{{Values: []uint64{0}}, {Values: []uint64{4950}}}},
		{"div", [][]uint64{{7, 2}, {7, 0}, {0x80000000, 0xffffffff}}, []Result{{Values: []uint64{3}}, {Trap: TrapDivByZero}, {Trap: TrapIntOverflow}}},
		{"loop", [][]uint64{{}}, []Result{{Trap: TrapFuelExhausted}}},
		{"rec", [][]uint64{{1}}, []Result{{Trap: TrapStackExhausted}}},
		{"glob", [][]uint64{{}, {}}, []Result{{Values: []uint64{8}}, {Values: []uint64{8}}}},
		{"f32", [][]uint64{{0x3f800000, 0x40000000}}, []Result{{Values: []uint64{0x40400000}}}},
	}
	for _, c := range cases {
		fi, ok := p.Exports[c.fn]
		if !ok {
			t.Fatalf("no export %s", c.fn)
		}
		res, err := g.Run(p, &Batch{Func: fi, Args: c.args, Config: Config{Fuel: 1_000_000}})
		if err != nil {
			t.Fatalf("%s: %v", c.fn, err)
		}
		for i, r := range res.Results {
			w := c.want[i]
			if r.Trap != w.Trap || len(r.Values) != len(w.Values) || (len(w.Values) > 0 && r.Values[0] != w.Values[0]) {
				t.Errorf("%s%v = %+v, want %+v", c.fn, c.args[i], r, w)
			}
		}
	}
}

// A run cut into many small dispatches (FuelSlice) resumes from the saved
// registers and ends exactly where one long run would.
func TestResumeAcrossDispatches(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/basic.wasm")
	fi, _, _ := p.ExportedFunc("fib")
	res, err := g.Run(p, &Batch{Func: fi, Args: [][]uint64{{15}, {16}}, Config: Config{FuelSlice: 997}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dispatches < 10 {
		t.Errorf("only %d dispatches with a 997-instruction slice", res.Dispatches)
	}
	if res.Results[0].Values[0] != 610 || res.Results[1].Values[0] != 987 {
		t.Errorf("fib(15), fib(16) = %+v", res.Results)
	}
}

// A batch whose memories exceed the adapter's largest binding is split.
func TestLargeBatchIsSplit(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/hostile.wasm")
	fi, _, _ := p.ExportedFunc("oob")
	n := int(g.limits.MaxStorageBufferBindingSize/65536) + 100
	if n > 20000 {
		t.Skipf("binding limit %d too large to exceed cheaply", g.limits.MaxStorageBufferBindingSize)
	}
	args := make([][]uint64, n)
	for i := range args {
		args[i] = []uint64{uint64(i % 2 * 65533)}
	}
	res, err := g.Run(p, &Batch{Func: fi, Args: args, Config: Config{MaxPages: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res.Results {
		want := TrapNone
		if i%2 == 1 {
			want = TrapMemoryOOB
		}
		if r.Trap != want {
			t.Fatalf("instance %d of %d: %+v, want trap %v", i, n, r, want)
		}
	}
}
