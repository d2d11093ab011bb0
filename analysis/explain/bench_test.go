package explain

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var benchVocabulary = strings.Fields(`workgroup buffer binding group uniform storage texture sampler vertex fragment
compute shader pipeline dispatch cartridge manifest payload hilbert curve pixel module memory stack trap
function return value type vector matrix array struct field alignment size stride offset layout atomic
barrier invocation entry point attribute location builtin interpolate constant override expression`)

// writeBenchWorkspace generates n markdown documents of three sections each.
func writeBenchWorkspace(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	rng := rand.New(rand.NewSource(1))
	sentence := func() string {
		w := make([]string, 12)
		for i := range w {
			w[i] = benchVocabulary[rng.Intn(len(benchVocabulary))]
		}
		return strings.Join(w, " ") + "."
	}
	for i := 0; i < n; i++ {
		var s strings.Builder
		fmt.Fprintf(&s, "# Document %d\n\n%s %s\n\n## Details\n\n%s %s %s\n\n## Notes\n\n%s\n", i, sentence(), sentence(), sentence(), sentence(), sentence(), sentence())
		p := filepath.Join(dir, fmt.Sprintf("d%02d", i%20), fmt.Sprintf("doc%04d.md", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkIndexBuild1000 builds a fresh persistent index of 1,000
// generated documents (3,000 passages) with the default embedder.
func BenchmarkIndexBuild1000(b *testing.B) {
	ws := writeBenchWorkspace(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		ix, err := OpenIndex(dir, NewHashedNgrams(0))
		if err != nil {
			b.Fatal(err)
		}
		st, err := ix.Sync(context.Background(), Sources{Workspace: ws}, nil)
		if err != nil || st.Files != 1000 {
			b.Fatalf("%+v %v", st, err)
		}
		b.ReportMetric(float64(st.Chunks), "passages")
	}
}

// BenchmarkIndexResync1000 re-syncs an unchanged 1,000-document index
// (the cost of opening a workspace again).
func BenchmarkIndexResync1000(b *testing.B) {
	ws := writeBenchWorkspace(b, 1000)
	dir := b.TempDir()
	ix, _ := OpenIndex(dir, NewHashedNgrams(0))
	if _, err := ix.Sync(context.Background(), Sources{Workspace: ws}, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := OpenIndex(dir, NewHashedNgrams(0))
		if err != nil {
			b.Fatal(err)
		}
		if st, err := ix.Sync(context.Background(), Sources{Workspace: ws}, nil); err != nil || st.Unchanged != 1000 {
			b.Fatalf("%+v %v", st, err)
		}
	}
}

// BenchmarkQuery1000 measures one retrieval (embed the query, rank 3,000
// passages, top 5) on the 1,000-document index.
func BenchmarkQuery1000(b *testing.B) {
	ws := writeBenchWorkspace(b, 1000)
	ix, _ := OpenIndex(b.TempDir(), NewHashedNgrams(0))
	if _, err := ix.Sync(context.Background(), Sources{Workspace: ws}, nil); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := ix.Query(ctx, "storage buffer binding alignment must be a multiple of 16", 5)
		if err != nil || len(got) != 5 {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbedPassage embeds one passage-sized text with the default embedder.
func BenchmarkEmbedPassage(b *testing.B) {
	text := strings.Repeat("storage buffer binding alignment must be a multiple of sixteen bytes ", 8)
	h := NewHashedNgrams(0)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		h.Embed(ctx, []string{text})
	}
}
