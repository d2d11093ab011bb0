package vm

import (
	"errors"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/shaders"
)

func wantShaderError(t *testing.T, err error, stage string) *ShaderError {
	t.Helper()
	var se *ShaderError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T), want *ShaderError", err, err)
	}
	t.Logf("raw %s error:\n%s", se.Stage, se.Raw)
	if se.Stage != stage {
		t.Errorf("stage %q, want %q", se.Stage, stage)
	}
	return se
}

// A syntax error comes back with naga's position and headline.
func TestWithShaderSyntaxError(t *testing.T) {
	g := testGPU(t)
	src := "@compute @workgroup_size(1)\nfn main() {\n  let x = 1\n  let y = 2;\n}\n"
	_, err := g.WithShader(src)
	se := wantShaderError(t, err, "compile")
	if se.Line != 4 || se.Col != 3 {
		t.Errorf("position %d:%d, want 4:3 (%q)", se.Line, se.Col, se.Message)
	}
	if !strings.Contains(se.Message, "expected") || strings.Contains(se.Message, "\n") {
		t.Errorf("message %q: want naga's one-line headline", se.Message)
	}
}

// A well-formed shader that fails validation (a type mismatch).
func TestWithShaderValidationError(t *testing.T) {
	g := testGPU(t)
	src := "@compute @workgroup_size(1)\nfn main() {\n  var x: u32 = 1u;\n  x = 1.5;\n}\n"
	_, err := g.WithShader(src)
	se := wantShaderError(t, err, "compile")
	if se.Line != 4 {
		t.Errorf("line %d, want 4 (%q)", se.Line, se.Message)
	}
	if !strings.Contains(se.Message, "doesn't match") {
		t.Errorf("message %q: want naga's cause chain", se.Message)
	}
}

// A valid module without the VM's entry point fails at pipeline creation.
func TestWithShaderPipelineError(t *testing.T) {
	g := testGPU(t)
	_, err := g.WithShader("@compute @workgroup_size(1)\nfn other() {}\n")
	se := wantShaderError(t, err, "pipeline")
	if !strings.Contains(se.Message, "entry point 'main'") {
		t.Errorf("empty message: %+v", se)
	}
}

// The real VM shader through WithShader (a different source, so a
// different pipeline) runs fib, also after failed compiles; the original
// GPU is unaffected.
func TestWithShaderRunsFib(t *testing.T) {
	g := testGPU(t)
	if _, err := g.WithShader("fn ("); err == nil {
		t.Fatal("broken shader accepted")
	}
	src := shaders.WasmVM + "\n// edited copy\n"
	cg, err := g.WithShader(src)
	if err != nil {
		t.Fatal(err)
	}
	if cg.ShaderHash() == "" || g.ShaderHash() != "" {
		t.Errorf("hashes: custom %q, default %q", cg.ShaderHash(), g.ShaderHash())
	}
	again, err := g.WithShader(src)
	if err != nil || again.ShaderHash() != cg.ShaderHash() {
		t.Fatalf("second WithShader of the same source: %v", err)
	}
	p, _ := loadFile(t, "testdata/basic.wasm")
	fi, _, _ := p.ExportedFunc("fib")
	for _, gpu := range []*GPU{cg, g} {
		res, err := gpu.Run(p, &Batch{Func: fi, Args: [][]uint64{{10}, {20}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := []uint64{res.Results[0].Values[0], res.Results[1].Values[0]}; got[0] != 55 || got[1] != 6765 {
			t.Errorf("shader %q: fib(10), fib(20) = %v, want 55, 6765", gpu.ShaderHash(), got)
		}
	}
}

func TestParseShaderError(t *testing.T) {
	cases := []struct {
		raw       string
		line, col int
		nlocs     int
		msg       string
	}{
		// As wgpu-native v0.23 words them (see the tests above).
		{"wgpu.(*Device).CreateShaderModule(): Validation Error\n\nCaused by:\n    In wgpuDeviceCreateShaderModule\n      note: label = `wasm_vm.wgsl`\n    \nShader 'wasm_vm.wgsl' parsing error: expected ';', found 'let'\n  ┌─ wgsl:4:3\n  │\n4 │   let y = 2;\n  │   ^^^ expected ';'\n\n\n    expected ';', found 'let'\n", 4, 3, 1, "expected ';', found 'let'"},
		{"wgpu.(*Device).CreateShaderModule(): Validation Error\n\nCaused by:\n    In wgpuDeviceCreateShaderModule\n\nShader validation error: \n  ┌─ wasm_vm.wgsl:12:7\n  │\n12 │   x = 1.5;\n  │       ^^^ naga::Expression [3]\n  ┌─ wasm_vm.wgsl:30:1\n\n\n    Entry point main at Compute is invalid\n    The type of [3] doesn't match\n", 12, 7, 2, "Entry point main at Compute is invalid: The type of [3] doesn't match"},
		{"wgpu.(*Device).CreateComputePipeline(): Validation Error\n\nCaused by:\n    In wgpuDeviceCreateComputePipeline\n      note: label = `wasm_vm`\n    Error matching shader requirements against the pipeline\n    Unable to find entry point 'main'\n", 0, 0, 0, "Error matching shader requirements against the pipeline: Unable to find entry point 'main'"},
		// Only a headline; a bare location; nothing.
		{"Shader 'x' parsing error: unknown type 'f16' at wgsl:2:9", 2, 9, 1, "unknown type 'f16' at wgsl:2:9"},
		{"something odd", 0, 0, 0, "something odd"},
		{"", 0, 0, 0, "shader rejected without a message"},
	}
	for _, c := range cases {
		e := ParseShaderError(c.raw)
		if e.Line != c.line || e.Col != c.col || len(e.Locations) != c.nlocs || e.Message != c.msg || e.Raw != c.raw {
			t.Errorf("ParseShaderError(%q) = %d:%d %d locs %q, want %d:%d %d locs %q", c.raw, e.Line, e.Col, len(e.Locations), e.Message, c.line, c.col, c.nlocs, c.msg)
		}
	}
}

// A view whose pipeline was evicted from the cache recompiles it on its
// next run.
func TestWithShaderEviction(t *testing.T) {
	g := testGPU(t)
	a, err := g.WithShader(shaders.WasmVM + "\n// evicted copy\n")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i <= maxCustomPipelines; i++ {
		src := "@compute @workgroup_size(1)\nfn main() {}\n// filler " + strings.Repeat("x", i) + "\n"
		if _, err := g.WithShader(src); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := loadFile(t, "testdata/basic.wasm")
	fi, _, _ := p.ExportedFunc("fib")
	res, err := a.Run(p, &Batch{Func: fi, Args: [][]uint64{{10}}})
	if err != nil {
		t.Fatal(err)
	}
	if v := res.Results[0].Values; len(v) != 1 || v[0] != 55 {
		t.Errorf("fib(10) = %v after eviction", v)
	}
}

// A shader whose bindings differ from the VM's interface is refused when
// its pipeline is built, and one without any binding does not bring the
// process down.
func TestWithShaderWrongBindings(t *testing.T) {
	g := testGPU(t)
	src := "@group(0) @binding(0) var<storage, read_write> code: array<u32>;\n@compute @workgroup_size(1)\nfn main() { code[0] = 1u; }\n"
	_, err := g.WithShader(src)
	se := wantShaderError(t, err, "pipeline")
	if !strings.Contains(se.Message, "binding: 0") {
		t.Errorf("message %q: want the binding named", se.Message)
	}
	if _, err := g.WithShader("@compute @workgroup_size(1)\nfn main() {}\n"); err != nil {
		t.Errorf("shader without bindings: %v", err)
	}
}
