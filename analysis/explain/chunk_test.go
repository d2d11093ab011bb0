package explain

import (
	"strings"
	"testing"
)

func TestChunkMarkdownByHeading(t *testing.T) {
	src := "Intro text before any heading.\n\n# Title\n\nFirst section.\n\n```md\n# not a heading inside a fence\n```\n\n## Second\n\nSecond section.\n#hashtag is not a heading\n"
	got := ChunkMarkdown("doc/a.md", []byte(src))
	want := []Chunk{
		{Path: "doc/a.md", Line: 1, Title: "a.md", Text: "Intro text before any heading."},
		{Path: "doc/a.md", Line: 3, Title: "Title", Text: "# Title\n\nFirst section.\n\n```md\n# not a heading inside a fence\n```"},
		{Path: "doc/a.md", Line: 11, Title: "Second", Text: "## Second\n\nSecond section.\n#hashtag is not a heading"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d chunks: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("chunk %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestChunkMarkdownSplitsLongSections(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Long\n\n")
	for i := 0; i < 40; i++ {
		b.WriteString(strings.Repeat("word ", 20) + "\n\n")
	}
	got := ChunkMarkdown("long.md", []byte(b.String()))
	if len(got) < 3 {
		t.Fatalf("a %d-byte section should be split, got %d chunks", b.Len(), len(got))
	}
	for i, c := range got {
		if len(c.Text) > maxChunkBytes+200 || c.Title != "Long" {
			t.Errorf("chunk %d: %d bytes, title %q", i, len(c.Text), c.Title)
		}
		if i > 0 && c.Line <= got[i-1].Line {
			t.Errorf("chunk lines not increasing: %d after %d", c.Line, got[i-1].Line)
		}
		if !strings.HasPrefix(strings.Split(b.String(), "\n")[c.Line-1], strings.SplitN(c.Text, "\n", 2)[0]) {
			t.Errorf("chunk %d: line %d does not hold its first line", i, c.Line)
		}
	}
}

func TestChunkWGSLComments(t *testing.T) {
	src := "// Particle update pass.\n// Runs once per frame.\n@compute @workgroup_size(64)\nfn update() {\n    let x = 1; // trailing comments are code lines\n}\n\n/* Block\n   comment */\nstruct P { v: f32 }\n"
	got := ChunkWGSL("s.wgsl", []byte(src))
	want := []Chunk{
		{Path: "s.wgsl", Line: 1, Title: "@compute @workgroup_size(64)", Text: "Particle update pass.\nRuns once per frame."},
		{Path: "s.wgsl", Line: 8, Title: "struct P { v: f32 }", Text: "Block\ncomment"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("chunk %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if ChunkFile("x.txt", []byte("hello")) != nil || len(ChunkFile("X.MD", []byte("# a\n\nb"))) != 1 {
		t.Error("ChunkFile should pick chunkers by extension")
	}
}

// FuzzChunkers: any input chunks without panicking, every chunk's line lies
// in the file and its text is non-empty.
func FuzzChunkers(f *testing.F) {
	f.Add("# a\n\ntext\n```\n# b\n")
	f.Add("/* open\n// x\n*/ fn f() {}\n// tail")
	f.Add("\r\n\r\n#\n##x\n/*/*/")
	f.Fuzz(func(t *testing.T, src string) {
		lines := len(splitLines(src))
		for _, c := range append(ChunkMarkdown("a.md", []byte(src)), ChunkWGSL("a.wgsl", []byte(src))...) {
			if c.Line < 1 || c.Line > lines || strings.TrimSpace(c.Text) == "" {
				t.Fatalf("bad chunk %+v for %q", c, src)
			}
		}
		NewHashedNgrams(64).vector(src)
	})
}
