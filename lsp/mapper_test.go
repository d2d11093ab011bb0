package lsp

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

// Line 0: "a🎉b"  (🎉 is 4 bytes, 2 UTF-16 units)
// Line 1: "// 注释 x" after a CRLF (注, 释: 3 bytes, 1 unit each)
// Line 2: "é" after a lone CR, then "\n" and an empty last line 3.
const mapperText = "a🎉b\r\n// 注释 x\ré\n"

func TestMapperPositions(t *testing.T) {
	for _, tc := range []struct {
		offset      int
		utf16, utf8 protocol.Position
	}{
		{0, pos(0, 0), pos(0, 0)},
		{1, pos(0, 1), pos(0, 1)},  // before 🎉
		{5, pos(0, 3), pos(0, 5)},  // after 🎉
		{6, pos(0, 4), pos(0, 6)},  // end of line 0, before \r
		{7, pos(0, 4), pos(0, 6)},  // between \r and \n: still the end of line 0
		{8, pos(1, 0), pos(1, 0)},  // line 1
		{11, pos(1, 3), pos(1, 3)}, // before 注
		{14, pos(1, 4), pos(1, 6)}, // before 释
		{18, pos(1, 6), pos(1, 10)},
		{19, pos(1, 7), pos(1, 11)}, // end of line 1, before \r
		{20, pos(2, 0), pos(2, 0)},  // after the lone \r
		{22, pos(2, 1), pos(2, 2)},  // after é
		{23, pos(3, 0), pos(3, 0)},  // the empty last line
		{2, pos(0, 1), pos(0, 1)},   // inside 🎉: its start
		{12, pos(1, 3), pos(1, 3)},  // inside 注: its start
	} {
		for _, enc := range []struct {
			enc  Encoding
			want protocol.Position
		}{{UTF16, tc.utf16}, {UTF8, tc.utf8}} {
			m := NewMapper([]byte(mapperText), enc.enc)
			got, err := m.Position(tc.offset)
			if err != nil || got != enc.want {
				t.Errorf("%v Position(%d) = %v, %v; want %v", enc.enc, tc.offset, got, err, enc.want)
			}
		}
	}
	m := NewMapper([]byte(mapperText), UTF16)
	if m.Lines() != 4 {
		t.Errorf("Lines() = %d, want 4", m.Lines())
	}
	for _, bad := range []int{-1, len(mapperText) + 1} {
		if _, err := m.Position(bad); err == nil {
			t.Errorf("Position(%d) succeeded, want an out-of-range error", bad)
		}
	}
}

func TestMapperUTF32(t *testing.T) {
	m := NewMapper([]byte(mapperText), UTF32)
	for _, tc := range []struct {
		offset int
		p      protocol.Position
	}{{5, pos(0, 2)}, {6, pos(0, 3)}, {14, pos(1, 4)}, {19, pos(1, 7)}, {22, pos(2, 1)}} {
		got, err := m.Position(tc.offset)
		if err != nil || got != tc.p {
			t.Errorf("Position(%d) = %v, %v; want %v", tc.offset, got, err, tc.p)
		}
		back, err := m.Offset(tc.p)
		if err != nil || back != tc.offset {
			t.Errorf("Offset(%v) = %d, %v; want %d", tc.p, back, err, tc.offset)
		}
	}
	if got := string(m.LineText(1)); got != "// 注释 x" {
		t.Errorf("LineText(1) = %q", got)
	}
	if m.LineText(4) != nil {
		t.Error("LineText past the end is not nil")
	}
}

func TestMapperOffsets(t *testing.T) {
	for _, tc := range []struct {
		enc  Encoding
		p    protocol.Position
		want int
	}{
		{UTF16, pos(0, 1), 1},
		{UTF16, pos(0, 2), 1}, // inside the surrogate pair of 🎉: its start
		{UTF16, pos(0, 3), 5},
		{UTF8, pos(0, 3), 1}, // inside 🎉's bytes: its start
		{UTF8, pos(0, 5), 5},
		{UTF16, pos(0, 99), 6}, // past the line's end: the end, before \r\n
		{UTF8, pos(0, 99), 6},
		{UTF16, pos(1, 4), 14},
		{UTF8, pos(1, 6), 14},
		{UTF16, pos(2, 1), 22},
		{UTF16, pos(3, 0), 23},
		{UTF16, pos(9, 9), 23}, // past the last line: the end of the document
	} {
		m := NewMapper([]byte(mapperText), tc.enc)
		got, err := m.Offset(tc.p)
		if err != nil || got != tc.want {
			t.Errorf("%v Offset(%v) = %d, %v; want %d", tc.enc, tc.p, got, err, tc.want)
		}
	}
}

func TestMapperSpans(t *testing.T) {
	m := NewMapper([]byte(mapperText), UTF16)
	r, err := m.Range(diag.Span{Start: 1, End: 14})
	if err != nil || r != (protocol.Range{Start: pos(0, 1), End: pos(1, 4)}) {
		t.Errorf("Range = %v, %v", r, err)
	}
	s, err := m.Span(r)
	if err != nil || s != (diag.Span{Start: 1, End: 14}) {
		t.Errorf("Span(Range) = %v, %v; want [1, 14)", s, err)
	}
	if _, err := m.Range(diag.Span{Start: 5, End: 1}); err == nil {
		t.Error("Range of a reversed span succeeded")
	}
	if _, err := m.Span(protocol.Range{Start: pos(1, 0), End: pos(0, 0)}); err == nil {
		t.Error("Span of a reversed range succeeded")
	}
}

// utf16Oracle counts UTF-16 units with the standard library, independently
// of the mapper.
func utf16Oracle(s string) int { return len(utf16.Encode([]rune(s))) }

// checkRoundTrip: every character boundary maps to a position and back, and
// the UTF-16 column agrees with the standard library's encoding.
func checkRoundTrip(t *testing.T, text string) {
	if !utf8.ValidString(text) {
		return // LSP text is JSON, hence valid UTF-8
	}
	for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
		m := NewMapper([]byte(text), enc)
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			if off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n' {
				continue // inside a CRLF: maps to the line end, before \r
			}
			p, err := m.Position(off)
			if err != nil {
				t.Fatalf("%v Position(%d) of %q: %v", enc, off, text, err)
			}
			back, err := m.Offset(p)
			if err != nil || back != off {
				t.Fatalf("%v %q: offset %d -> %v -> %d, %v", enc, text, off, p, back, err)
			}
			lineStart := strings.LastIndexAny(text[:off], "\r\n") + 1
			want := map[Encoding]int{
				UTF16: utf16Oracle(text[lineStart:off]),
				UTF8:  off - lineStart,
				UTF32: utf8.RuneCountInString(text[lineStart:off]),
			}[enc]
			if int(p.Character) != want {
				t.Fatalf("%q offset %d: %v column %d, want %d", text, off, enc, p.Character, want)
			}
		}
	}
}

func TestMapperRoundTrip(t *testing.T) {
	for _, text := range []string{"", "x", mapperText, "\n\n", "\r\r\n\n", "🎉🎉\n𝄞 music\r\n注释注释", "fn main() {}\n"} {
		checkRoundTrip(t, text)
	}
}

func FuzzMapperRoundTrip(f *testing.F) {
	f.Add(mapperText)
	f.Add("a\r\n🎉\rb\n")
	f.Fuzz(checkRoundTrip)
}

// refLineStarts is the line index by the definition: a line ends after
// LF, CRLF or a lone CR.
func refLineStarts(content []byte) (starts []int, ascii bool) {
	starts, ascii = []int{0}, true
	for i := 0; i < len(content); i++ {
		switch b := content[i]; {
		case b == '\n':
			starts = append(starts, i+1)
		case b == '\r':
			if i+1 < len(content) && content[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case b >= 0x80:
			ascii = false
		}
	}
	return starts, ascii
}

// FuzzMapperLineIndex holds NewMapper's fast paths (no CR; eight bytes at
// a time for ASCII) to the definition.
func FuzzMapperLineIndex(f *testing.F) {
	for _, s := range []string{"", "a", "\n", "a\nb", "a\r\nb\rc\n", "\r", "\r\n", "\n\r", "héllo\nwörld", "12345678\n12345678é", "x\n\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		m := NewMapper(content, UTF16)
		starts, ascii := refLineStarts(content)
		if !slices.Equal(m.lineStart, starts) || m.ascii != ascii {
			t.Fatalf("%q: lines %v ascii %v, want %v %v", content, m.lineStart, m.ascii, starts, ascii)
		}
	})
}

// BenchmarkNewMapper indexes the 2,500-line benchmark shader, as every
// edit does.
func BenchmarkNewMapper(b *testing.B) {
	src, err := os.ReadFile("../analysis/wgsl/ide/testdata/bench/large_2500.wgsl")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		NewMapper(src, UTF16)
	}
}
