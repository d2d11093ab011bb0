package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := dispatch(append([]string{"run"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunCPU(t *testing.T) {
	code, out, errs := runCLI(t, "../../vm/testdata/basic.wasm", "--invoke", "fib", "--args", "10", "--backend", "cpu")
	if code != 0 || !strings.Contains(out, "i32:55") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestRunBothAgree(t *testing.T) {
	code, out, errs := runCLI(t, "../../vm/testdata/basic.wasm", "--invoke", "div", "--args", "7,0", "--backend", "both")
	if strings.Contains(errs, "needs a GPU adapter") && os.Getenv("RTS_REQUIRE_GPU") != "1" {
		t.Skip("no GPU adapter")
	}
	if code != 0 || !strings.Contains(out, "trap: integer divide by zero (both backends)") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestRunBatch(t *testing.T) {
	batch := filepath.Join(t.TempDir(), "args.jsonl")
	os.WriteFile(batch, []byte("[1]\n[\"2\"]\n\n[20]\n"), 0o644)
	code, out, errs := runCLI(t, "../../vm/testdata/basic.wasm", "--invoke", "fib", "--batch", batch, "--backend", "both")
	if strings.Contains(errs, "needs a GPU adapter") && os.Getenv("RTS_REQUIRE_GPU") != "1" {
		t.Skip("no GPU adapter")
	}
	for _, want := range []string{"[0] [i32:1] (both", "[1] [i32:1] (both", "[2] [i32:6765] (both"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in %q (stderr %q)", want, out, errs)
		}
	}
	if code != 0 {
		t.Errorf("code %d", code)
	}
}

func TestRunCartridge(t *testing.T) {
	code, out, errs := runCLI(t, "../../examples/cartridges/fib.rts.png", "--invoke", "fib", "--args", "10", "--backend", "cpu")
	if code != 0 || !strings.Contains(out, "i32:55") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.wasm")
	// A function type section whose function returns i32 but the body is empty.
	os.WriteFile(bad, []byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00\x0a\x04\x01\x02\x00\x0b"), 0o644)
	imp := filepath.Join(dir, "imp.wasm")
	// (import "env" "f" (func)) (func (export "g"))
	os.WriteFile(imp, []byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x02\x09\x01\x03env\x01f\x00\x00\x03\x02\x01\x00\x07\x05\x01\x01g\x00\x01\x0a\x04\x01\x02\x00\x0b"), 0o644)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"../../vm/testdata/basic.wasm"}, 2, "usage"},
		{[]string{"../../vm/testdata/basic.wasm", "--invoke", "nope"}, 1, `no exported function "nope"`},
		{[]string{"../../vm/testdata/basic.wasm", "--invoke", "fib", "--args", "x"}, 2, `"x" is not an i32`},
		{[]string{"../../vm/testdata/basic.wasm", "--invoke", "fib", "--args", "1,2"}, 2, "2 arguments given, the function takes 1"},
		{[]string{"../../vm/testdata/basic.wasm", "--invoke", "fib", "--backend", "tpu"}, 2, "--backend must be"},
		{[]string{bad, "--invoke", "f"}, 1, "invalid module"},
		{[]string{imp, "--invoke", "g"}, 1, `"env"."f"`},
		{[]string{filepath.Join(dir, "missing.wasm"), "--invoke", "f"}, 2, "no such file"},
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs+out, c.msg) {
			t.Errorf("run %v: code %d, output %q %q; want code %d containing %q", c.args, code, out, errs, c.code, c.msg)
		}
	}
}
