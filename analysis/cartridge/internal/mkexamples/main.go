// Command mkexamples rebuilds examples/cartridges/ from its WAT sources:
// each X.wat is compiled with wat2wasm (from wabt) and encoded by this
// repository's encoder into X.rts.png plus the sidecar X.rts.meta.json. The
// output is reproducible: no timestamps, sorted keys, a fixed zlib level.
// Two extra cartridges carry deliberate mistakes for newcomers to find:
// fib-wrong-hash (its sidecar's data_hash is wrong) and add-bad-test (a test
// invokes a function the module does not export).
//
// Usage, from the repository root:
//
//	go run ./analysis/cartridge/internal/mkexamples [-dir examples/cartridges]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
)

type example struct {
	name, wat, description string
	tests                  []any
	compress               string
	// mistake edits the sidecar text after encoding.
	mistake func(sidecar string) string
}

func test(invoke string, args, expect []any) map[string]any {
	return map[string]any{"invoke": invoke, "args": args, "expect": expect}
}

var examples = []example{
	{name: "fib", wat: "fib.wat", description: "fib(n): the n-th Fibonacci number",
		tests: []any{test("fib", []any{0}, []any{0}), test("fib", []any{10}, []any{55}), test("fib", []any{20}, []any{6765})}},
	{name: "add", wat: "add.wat", description: "add(a, b): 32-bit wrapping addition",
		tests: []any{test("add", []any{2, 3}, []any{5}), test("add", []any{2147483647, 1}, []any{-2147483648})}},
	{name: "fac", wat: "fac.wat", description: "fac(n): n! with i64 arithmetic; div traps on zero", compress: "zlib",
		tests: []any{test("fac", []any{5}, []any{120}), test("fac", []any{20}, []any{int64(2432902008176640000)}),
			map[string]any{"invoke": "div", "args": []any{1, 0}, "expect_trap": "integer divide by zero"}}},
	{name: "memsum", wat: "memsum.wat", description: "fill(n) writes 1..n to memory, sum(n) adds them back",
		tests: []any{test("fill", []any{10}, []any{}), test("sum", []any{10}, []any{55})}},
	{name: "fib-wrong-hash", wat: "fib.wat", description: "Deliberate mistake: the sidecar's data_hash is wrong",
		tests: []any{test("fib", []any{10}, []any{55})},
		mistake: func(s string) string {
			return replaceField(s, "data_hash", `"0000000000000000000000000000000000000000000000000000000000000000"`)
		}},
	{name: "add-bad-test", wat: "add.wat", description: "Deliberate mistake: a test invokes sub, which add.wat does not export",
		tests: []any{test("add", []any{1, 2}, []any{3}), test("sub", []any{5, 3}, []any{2})}},
}

// replaceField replaces the value of a top-level "key": value line of an
// indented sidecar.
func replaceField(sidecar, key, value string) string {
	lines := strings.Split(sidecar, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, `  "`+key+`": `) {
			comma := ""
			if strings.HasSuffix(l, ",") {
				comma = ","
			}
			lines[i] = `  "` + key + `": ` + value + comma
		}
	}
	return strings.Join(lines, "\n")
}

func main() {
	dir := flag.String("dir", "examples/cartridges", "directory holding the .wat sources")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "mkexamples:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	tmp, err := os.MkdirTemp("", "mkexamples")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, ex := range examples {
		wasm := filepath.Join(tmp, ex.name+".wasm")
		cmd := exec.Command("wat2wasm", filepath.Join(dir, ex.wat), "-o", wasm)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("wat2wasm %s: %v (install wabt)", ex.wat, err)
		}
		payload, err := os.ReadFile(wasm)
		if err != nil {
			return err
		}
		enc, err := cartridge.Encode(payload, cartridge.EncodeOptions{
			Name: ex.name, Type: "wasm", ContentVersion: "1", Description: ex.description,
			Compress: ex.compress, Level: 9, Extra: map[string]any{"tests": ex.tests},
		})
		if err != nil {
			return fmt.Errorf("%s: %v", ex.name, err)
		}
		sidecar := string(enc.Sidecar)
		if ex.mistake != nil {
			sidecar = ex.mistake(sidecar)
		}
		base := filepath.Join(dir, ex.name+".rts")
		if err := os.WriteFile(base+".png", enc.PNG, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(base+".meta.json", []byte(sidecar), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s.png: %dx%d, %d-byte payload\n", base, enc.GridSize, enc.GridSize, len(payload))
	}
	return nil
}
