package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addWasm is (module (func (export "add") (param i32 i32) (result i32)
// (i32.add (local.get 0) (local.get 1)))).
var addWasm = []byte("\x00asm\x01\x00\x00\x00" +
	"\x01\x07\x01\x60\x02\x7f\x7f\x01\x7f" +
	"\x03\x02\x01\x00" +
	"\x07\x07\x01\x03add\x00\x00" +
	"\x0a\x09\x01\x07\x00\x20\x00\x20\x01\x6a\x0b")

func runCart(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = dispatch(append([]string{"cart"}, args...), &o, &e)
	return code, o.String(), e.String()
}

func encodeSample(t *testing.T, payload []byte, extra ...string) (dir, png string) {
	dir = t.TempDir()
	in := filepath.Join(dir, "add.wasm")
	if err := os.WriteFile(in, payload, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCart(append([]string{"encode", in}, extra...)...)
	if code != 0 {
		t.Fatalf("encode: %d %s %s", code, out, errs)
	}
	png = filepath.Join(dir, "add.rts.png")
	if !strings.Contains(out, "wrote "+png) {
		t.Fatalf("encode output %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "add.rts.meta.json")); err != nil {
		t.Fatal(err)
	}
	return dir, png
}

func TestCartEncodeDecodeRoundTrip(t *testing.T) {
	for _, flags := range [][]string{nil, {"--compress", "zlib"}, {"--mode", "RGBA-code"}} {
		dir, png := encodeSample(t, addWasm, flags...)
		out := filepath.Join(dir, "out.wasm")
		if code, _, errs := runCart("decode", png, "-o", out); code != 0 {
			t.Fatalf("%v decode: %s", flags, errs)
		}
		if got, _ := os.ReadFile(out); !bytes.Equal(got, addWasm) {
			t.Fatalf("%v: decoded %x", flags, got)
		}
		code, stdout, _ := runCart("decode", png)
		if code != 0 || stdout != string(addWasm) {
			t.Fatalf("%v: decode to stdout %d %q", flags, code, stdout)
		}
	}
}

func TestCartInfo(t *testing.T) {
	_, png := encodeSample(t, addWasm, "--name", "adder")
	code, out, _ := runCart("info", png)
	if code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{"4x4 8-bit RGBA", `name "adder", type "wasm", mode RGBA-dense`, "payload: 41 bytes, wasm", "(matches data_hash)", "export func add(i32, i32) -> i32"} {
		if !strings.Contains(out, want) {
			t.Errorf("info lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCart("info", "--json", png)
	var v struct {
		Width   int
		Payload struct {
			Size   int
			HashOK bool `json:"hash_ok"`
			Wasm   struct {
				Exports []struct{ Name, Signature string }
			}
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v.Width != 4 || v.Payload.Size != 41 || !v.Payload.HashOK || v.Payload.Wasm.Exports[0].Signature != "(i32, i32) -> i32" {
		t.Fatalf("info --json: %d %+v\n%s", code, v, out)
	}
}

func TestCartVerify(t *testing.T) {
	dir, png := encodeSample(t, addWasm)
	if code, out, _ := runCart("verify", png); code != 0 || !strings.Contains(out, "OK (2 metadata source(s) verified)") {
		t.Fatalf("clean verify: %d %s", code, out)
	}
	side := filepath.Join(dir, "add.rts.meta.json")
	src, _ := os.ReadFile(side)
	bad := strings.Replace(string(src), `"data_size": 41`, `"data_size": 40`, 1)
	os.WriteFile(side, []byte(bad), 0o644)
	code, out, _ := runCart("verify", png)
	if code != 1 || !strings.Contains(out, "add.rts.meta.json:") || !strings.Contains(out, "[cart-data-size]") || !strings.Contains(out, "FAILED") {
		t.Fatalf("bad sidecar: %d\n%s", code, out)
	}
	// A payload that is not valid WebAssembly: wazero's message is shown.
	invalid := append(append([]byte(nil), addWasm...), 0x0b, 0x0b)
	_, png2 := encodeSample(t, invalid, "--type", "wasm")
	code, out, _ = runCart("verify", png2)
	if code != 1 || !strings.Contains(out, "does not validate") {
		t.Fatalf("invalid wasm: %d\n%s", code, out)
	}
}

func TestCartUsageErrors(t *testing.T) {
	if code, _, _ := runCart(); code != 2 {
		t.Fatal(code)
	}
	if code, _, errs := runCart("frobnicate"); code != 2 || !strings.Contains(errs, "unknown subcommand") {
		t.Fatal(code, errs)
	}
	if code, _, errs := runCart("info", "/nonexistent.rts.png"); code != 2 || !strings.Contains(errs, "no such file") {
		t.Fatal(code, errs)
	}
	if code, _, errs := runCart("encode", "/nonexistent", "--mode", "RGBA-sparse"); code != 2 || errs == "" {
		t.Fatal(code, errs)
	}
}
