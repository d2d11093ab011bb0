package ide

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// benchShader is the 2,500-line editor benchmark shader (a renderer's
// fragment, vertex and compute passes).
func benchShader(b *testing.B) []byte {
	src, err := os.ReadFile("testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// benchLatency runs op at many cursor positions and reports p50/p99
// latency in ms. Features derive what they need from a snapshot on first
// use: with fresh, each iteration gets a new snapshot of a new analysis
// (made outside the timing), as the first request after an edit does;
// without, all share one warmed snapshot.
func benchLatency(b *testing.B, fresh bool, op func(s *Snapshot, offset int)) {
	src := benchShader(b)
	res := wgsl.Analyze(src)
	// Cursors on identifiers spread over the file.
	var offsets []int
	for i := 0; i < len(src) && len(offsets) < 512; i += len(src) / 512 {
		j := bytes.IndexAny(src[i:], "abcdefghijklmnopqrstuvwxyz")
		if j >= 0 {
			offsets = append(offsets, i+j)
		}
	}
	s := New(src, res)
	s.index()
	s.lexed()
	s.Tokens(diag.Span{})
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if fresh {
			b.StopTimer()
			s = Analyze(src)
			b.StartTimer()
		}
		start := time.Now()
		op(s, offsets[i%len(offsets)])
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

func BenchmarkHover(b *testing.B) {
	benchLatency(b, false, func(s *Snapshot, off int) { s.Hover(off) })
}

func BenchmarkHoverFreshSnapshot(b *testing.B) {
	benchLatency(b, true, func(s *Snapshot, off int) { s.Hover(off) })
}

func BenchmarkCompletion(b *testing.B) {
	benchLatency(b, false, func(s *Snapshot, off int) { s.Complete(off) })
}

func BenchmarkSemanticTokensFull(b *testing.B) {
	benchLatency(b, false, func(s *Snapshot, _ int) { s.Tokens(diag.Span{Start: 0, End: len(s.Src)}) })
}

func BenchmarkSemanticTokensFullFresh(b *testing.B) {
	benchLatency(b, true, func(s *Snapshot, _ int) { s.Tokens(diag.Span{Start: 0, End: len(s.Src)}) })
}

// BenchmarkClassifyParsed measures the semantic tokens of a new version
// from its parse (names pass and classification), as the language server
// computes them after an edit without waiting for the full check.
func BenchmarkClassifyParsed(b *testing.B) {
	src := benchShader(b)
	file, _ := syntax.Parse(src)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ClassifyParsed(src, file)
	}
}

// BenchmarkTokensOfNewVersion measures what the language server computes
// for the first semantic tokens of a new version, the way it does: the
// scan on a second goroutine while it parses and resolves names, then
// Classify (the LSP encoding is lsp's BenchmarkWGSLEncodeTokens).
func BenchmarkTokensOfNewVersion(b *testing.B) {
	src := benchShader(b)
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		scan := make(chan *Scan, 1)
		go func() { scan <- ScanSource(src) }()
		file, _ := syntax.Parse(src)
		names := wgsl.ResolveNames(file)
		(<-scan).Classify(names)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// BenchmarkTokensAfterEdit is the tokens of a new version made from the
// last one's state (TokenState.Reclassify) after the one-character edit
// the editor benches make (a digit of a literal in a function body,
// toggled), beside BenchmarkTokensOfNewVersion's full classification.
func BenchmarkTokensAfterEdit(b *testing.B) {
	src := benchShader(b)
	at := bytes.Index(src[len(src)/2:], []byte(" 0.5"))
	if at < 0 {
		b.Fatal("no literal 0.5 in the second half of the benchmark shader")
	}
	at += len(src)/2 + 3
	versions := [2][]byte{slices.Clone(src), slices.Clone(src)}
	versions[1][at] = '6'
	st := fullState(versions[0])
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		next, ok := st.Reclassify(versions[(i+1)%2])
		if !ok {
			b.Fatal("the edit was not reclassified")
		}
		lat = append(lat, time.Since(start))
		st = next
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// reportLatency reports the p50 and p99 of lat in ms, sorting lat.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
}
