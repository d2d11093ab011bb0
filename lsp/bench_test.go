package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// largeShader is the shared large test shader when the parser's testdata
// has it, else a generated one of about the same shape.
func largeShader(b *testing.B) string {
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "analysis", "wgsl", "syntax", "testdata", "large_compute.wgsl")
	if src, err := os.ReadFile(p); err == nil {
		return string(src)
	}
	var sb strings.Builder
	sb.WriteString("// generated: many small compute kernels over one storage buffer\n")
	sb.WriteString("@group(0) @binding(0) var<storage, read_write> data: array<f32>;\n\n")
	for i := range 400 {
		fmt.Fprintf(&sb, `fn kernel_%d(i: u32, scale: f32) -> f32 {
  var acc = 0.0;
  for (var k = 0u; k < 8u; k++) {
    let v = data[(i + k) %% arrayLength(&data)];
    acc = acc + v * scale + f32(k);
  }
  if (acc > 1000.0) {
    acc = acc / 2.0;
  }
  return acc;
}

`, i)
	}
	sb.WriteString("@compute @workgroup_size(64)\nfn main(@builtin(global_invocation_id) id: vec3<u32>) {\n")
	for i := range 400 {
		fmt.Fprintf(&sb, "  data[id.x] = kernel_%d(id.x, %d.0);\n", i, i)
	}
	sb.WriteString("}\n")
	return sb.String()
}

// BenchmarkDidChangeToDiagnostics measures, from a client over pipes, the
// time from sending a one-character didChange on a large shader to
// receiving the publishDiagnostics for that version, with no debounce: the
// document store, the analysis and the conversion and transport of the
// result.
func BenchmarkDidChangeToDiagnostics(b *testing.B) {
	src := largeShader(b)
	s := startSession(b)
	if _, err := s.Initialize(nil, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	const uri = "file:///bench/large_compute.wgsl"
	if err := s.DidOpen(uri, "wgsl", 1, "// x\n"+src); err != nil {
		b.Fatal(err)
	}
	if _, err := s.WaitDiagnostics(uri, 1, lsptest.Timeout); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(src)), "bytes/doc")
	lat := make([]time.Duration, 0, b.N)
	version := 1
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		version++
		// Flip the comment's character: "// x" <-> "// y".
		ch := "y"
		if i%2 == 1 {
			ch = "x"
		}
		at := lsptest.Rng(0, 3, 0, 4)
		start := time.Now()
		if err := s.DidChange(uri, version, lsptest.Edit{Range: &at, Text: ch}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.WaitDiagnostics(uri, version, lsptest.Timeout); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	var total time.Duration
	for _, d := range lat {
		total += d
	}
	b.ReportMetric(ms(total)/float64(len(lat)), "ms/op")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
}
