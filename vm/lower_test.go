package vm

import (
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Lowering needs no GPU: these tests run everywhere.

func TestLowerResolvesBranches(t *testing.T) {
	p, _ := loadFile(t, "testdata/basic.wasm")
	if p.NumInstr == 0 || len(p.PCOffset) != p.NumInstr {
		t.Fatalf("NumInstr %d, PCOffset %d", p.NumInstr, len(p.PCOffset))
	}
	base := int(p.Code[hdrInstr])
	for pc := 0; pc < p.NumInstr; pc++ {
		op, a := p.Code[base+4*pc], p.Code[base+4*pc+1]
		switch op {
		case opBr, opBrIf, opJump, opBrUnless:
			if int(a) >= p.NumInstr {
				t.Errorf("pc %d: op 0x%x targets %d beyond %d instructions", pc, op, a, p.NumInstr)
			}
		}
	}
	for _, name := range []string{"fib", "sum", "div", "loop", "rec", "glob", "f32"} {
		if _, _, err := p.ExportedFunc(name); err != nil {
			t.Error(err)
		}
	}
	if _, _, err := p.ExportedFunc("nope"); err == nil || !strings.Contains(err.Error(), "exports:") {
		t.Errorf("missing export error %v should list the exports", err)
	}
}

func TestDecodeTruncatedModules(t *testing.T) {
	wasm, err := os.ReadFile("testdata/basic.wasm")
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(wasm); n++ {
		if _, err := DecodeModule(wasm[:n]); err == nil && n < 8 {
			t.Errorf("prefix of %d bytes decoded without error", n)
		}
	}
}

func TestParseValues(t *testing.T) {
	cases := []struct {
		t    byte
		s    string
		want uint64
	}{
		{typeI32, "-1", 0xffffffff}, {typeI32, "4294967295", 0xffffffff}, {typeI32, "0x10", 16},
		{typeI64, "-2", 0xfffffffffffffffe}, {typeF32, "1.5", 0x3fc00000}, {typeF32, "0x7fc00001", 0x7fc00001},
		{typeF64, "-0", 1 << 63}, {typeF64, "inf", 0x7ff0000000000000},
	}
	for _, c := range cases {
		got, err := ParseValue(c.t, c.s)
		if err != nil || got != c.want {
			t.Errorf("ParseValue(%s, %q) = 0x%x, %v; want 0x%x", typeName(c.t), c.s, got, err, c.want)
		}
	}
	if _, err := ParseValue(typeI32, "4294967296"); err == nil {
		t.Error("i32 out of range accepted")
	}
}

// FuzzLoad: arbitrary bytes never panic the decoder or the lowering, and
// every module wazero accepts either lowers or is refused with a reason.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.wasm")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 8; i++ {
		c := make([]byte, 400)
		rng.Read(c)
		f.Add(GenModule(c))
	}
	f.Fuzz(func(t *testing.T, wasm []byte) {
		m, derr := DecodeModule(wasm)
		if Validate(wasm) != nil {
			return
		}
		if derr != nil {
			if !strings.Contains(derr.Error(), "not supported") {
				t.Fatalf("wazero accepts the module but the decoder fails: %v", derr)
			}
			return
		}
		p, err := Lower(m)
		var ui *UnsupportedImportsError
		if err != nil && !errors.As(err, &ui) && !strings.Contains(err.Error(), "not supported") {
			t.Fatalf("valid module failed to lower: %v", err)
		}
		if err == nil {
			if _, err := p.FreshSnapshot(); err != nil {
				var ie *InstantiateError
				if !errors.As(err, &ie) {
					t.Fatal(err)
				}
			}
		}
	})
}
