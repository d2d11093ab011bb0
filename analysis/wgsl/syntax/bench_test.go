package syntax

import (
	"bytes"
	"os"
	"testing"
)

func readLarge(tb testing.TB) []byte {
	tb.Helper()
	src, err := os.ReadFile("testdata/large_compute.wgsl")
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

// TestLargeShader parses the benchmark shader (valid WGSL per naga 0.19,
// naga 29 and Tint) without any diagnostic.
func TestLargeShader(t *testing.T) {
	src := readLarge(t)
	f, ds := Parse(src)
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagList(ds))
	}
	checkInvariants(t, src, f, ds)
	fns := 0
	for _, d := range f.Decls {
		if _, ok := d.(*FuncDecl); ok {
			fns++
		}
	}
	if fns < 100 {
		t.Errorf("parsed %d functions, want >= 100", fns)
	}
}

func BenchmarkParse(b *testing.B) { benchParse(b, readLarge(b)) }

// BenchmarkParse2500 parses the 2,497-line renderer shader of the ide
// package's benchmarks.
func BenchmarkParse2500(b *testing.B) {
	src, err := os.ReadFile("../ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, src)
}

func benchParse(b *testing.B, src []byte) {
	lines := bytes.Count(src, []byte{'\n'})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPUTime()
	for i := 0; i < b.N; i++ {
		Parse(src)
	}
	cpu := processCPUTime() - cpu0
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	if cpu > 0 {
		// Throughput per CPU second (GC included): wall-clock MB/s is unreliable
		// when other jobs share the cores.
		b.ReportMetric(float64(len(src))*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
		b.ReportMetric(cpu.Seconds()*1e6/float64(b.N), "cpu-µs/op")
	}
}

func BenchmarkLex(b *testing.B) {
	src := readLarge(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Lex(src)
	}
}
