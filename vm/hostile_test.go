package vm

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// Invalid modules fail with wazero's own message.
func TestInvalidModuleGetsWazeroMessage(t *testing.T) {
	// (func (result i32)) with an empty body: a type error.
	bad := []byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00\x0a\x04\x01\x02\x00\x0b")
	want := Validate(bad)
	if want == nil {
		t.Fatal("wazero accepted an invalid module")
	}
	_, err := Load(bad)
	if err == nil || err.Error() != want.Error() {
		t.Fatalf("Load error %v, want wazero's %v", err, want)
	}
	if _, err := Load([]byte("not wasm")); err == nil {
		t.Fatal("Load accepted garbage")
	}
}

func TestMissingImportsAreNamed(t *testing.T) {
	// (import "env" "f" (func)) (import "env" "mem" (memory 1)) (func (export "g"))
	wasm := []byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00" +
		"\x02\x14\x02\x03env\x01f\x00\x00\x03env\x03mem\x02\x00\x01" +
		"\x03\x02\x01\x00\x07\x05\x01\x01g\x00\x01\x0a\x04\x01\x02\x00\x0b")
	_, err := Load(wasm)
	var ui *UnsupportedImportsError
	if !errors.As(err, &ui) || !strings.Contains(err.Error(), `func "env"."f"`) || !strings.Contains(err.Error(), `memory "env"."mem"`) {
		t.Fatalf("got %v, want both imports named", err)
	}
}

func TestHostileModulesEnd(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/hostile.wasm")
	cases := []struct {
		fn   string
		args []uint64
		cfg  Config
		want TrapKind
		vals []uint64
	}{
		{"spin", nil, Config{Fuel: 300_000}, TrapFuelExhausted, nil},
		{"deep", []uint64{0}, Config{Fuel: 10_000_000}, TrapStackExhausted, nil},
		{"grow_forever", nil, Config{Fuel: 10_000_000, MaxPages: 8}, TrapNone, []uint64{8}},
		{"grow_spin", nil, Config{Fuel: 200_000, MaxPages: 4}, TrapFuelExhausted, nil},
		{"oob", []uint64{65533}, Config{}, TrapMemoryOOB, nil},
		{"oob", []uint64{65532}, Config{}, TrapNone, []uint64{0}},
	}
	for _, c := range cases {
		fi, _, err := p.ExportedFunc(c.fn)
		if err != nil {
			t.Fatal(err)
		}
		res, err := g.Run(p, &Batch{Func: fi, Args: [][]uint64{c.args}, Config: c.cfg})
		if err != nil {
			t.Fatalf("%s: %v", c.fn, err)
		}
		r := res.Results[0]
		if r.Trap != c.want || len(r.Values) != len(c.vals) || (len(c.vals) > 0 && r.Values[0] != c.vals[0]) {
			t.Errorf("%s: got %+v, want trap %v values %v", c.fn, r, c.want, c.vals)
		}
		if c.want == TrapFuelExhausted && r.Instructions != c.cfg.Fuel {
			t.Errorf("%s: ran %d instructions, fuel was %d", c.fn, r.Instructions, c.cfg.Fuel)
		}
	}
}

// A run that outlives Config.Timeout returns ErrTimeout instead of hanging,
// and the device stays usable afterwards.
func TestTimeout(t *testing.T) {
	g := testGPU(t)
	p, _ := loadFile(t, "testdata/hostile.wasm")
	fi, _, _ := p.ExportedFunc("spin")
	start := time.Now()
	_, err := g.Run(p, &Batch{Func: fi, Args: [][]uint64{{}}, Config: Config{Fuel: 1 << 40, Timeout: 300 * time.Millisecond}})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("timeout of 300ms took %v", el)
	}
	fi, _, _ = p.ExportedFunc("oob")
	res, err := g.Run(p, &Batch{Func: fi, Args: [][]uint64{{0}}})
	if err != nil || res.Results[0].Trap != TrapNone {
		t.Fatalf("device unusable after a timeout: %v %+v", err, res)
	}
}

// A wazero call stopped from outside (its context cancelled) ends at once
// with the context's error, not as a trap of the module's; RunTests passes
// its context down the same way.
func TestCPUCancel(t *testing.T) {
	wasm, err := os.ReadFile("testdata/hostile.wasm")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	cpu := &CPU{Timeout: time.Minute} // an uncancelled spin would end as a trap after a minute
	res, err := cpu.RunContext(ctx, wasm, "spin", [][]uint64{{}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled spin: results %+v, error %v; want context.Canceled", res, err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	// Stopped inside the call, RunTests has no results to give; a call
	// that ran to its own timeout would have come back as a trap result.
	if out, err := RunTests(ctx, nil, wasm, []Test{{Invoke: "spin"}}); !errors.Is(err, context.Canceled) || out != nil {
		t.Fatalf("RunTests of a cancelled spin: results %+v, error %v; want none and context.Canceled", out, err)
	}
}
