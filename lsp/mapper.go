package lsp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// Encoding is the unit in which Position.Character counts, negotiated at
// initialize (LSP 3.17 general.positionEncodings).
type Encoding int

const (
	// UTF16 counts UTF-16 code units: the LSP default, mandatory for every
	// client. A character outside the Basic Multilingual Plane (an emoji)
	// counts 2.
	UTF16 Encoding = iota
	// UTF8 counts bytes.
	UTF8
	// UTF32 counts characters (code points): the columns compilers print.
	UTF32
)

func (e Encoding) String() string {
	switch e {
	case UTF8:
		return string(protocol.PositionEncodingKindUTF8)
	case UTF32:
		return string(protocol.PositionEncodingKindUTF32)
	}
	return string(protocol.PositionEncodingKindUTF16)
}

// Mapper converts between byte offsets into one immutable document content
// and LSP positions in one encoding. It is the only place in the server that
// knows how lines and characters are counted: everything inside the server
// and below it speaks byte offsets.
//
// Lines end at "\n", "\r\n" or "\r" (the LSP rule). Bytes that are not valid
// UTF-8 count as one character (one UTF-16 unit) each, the same way in both
// directions.
type Mapper struct {
	content   []byte
	lineStart []int // byte offset where each line starts; lineStart[0] == 0
	enc       Encoding
	ascii     bool // content is pure ASCII: every encoding counts bytes
}

// NewMapper indexes the lines of content. The mapper keeps content, which
// must not be modified afterwards. It runs on every edit, so the common
// case (no CR) finds line breaks with bytes.IndexByte rather than a
// switch per byte.
func NewMapper(content []byte, enc Encoding) *Mapper {
	m := &Mapper{content: content, enc: enc, ascii: isASCII(content)}
	m.lineStart = make([]int, 1, bytes.Count(content, []byte{'\n'})+1)
	if bytes.IndexByte(content, '\r') < 0 {
		for i := 0; ; {
			j := bytes.IndexByte(content[i:], '\n')
			if j < 0 {
				return m
			}
			i += j + 1
			m.lineStart = append(m.lineStart, i)
		}
	}
	for i := 0; i < len(content); i++ {
		switch content[i] {
		case '\n':
			m.lineStart = append(m.lineStart, i+1)
		case '\r':
			if i+1 < len(content) && content[i+1] == '\n' {
				i++
			}
			m.lineStart = append(m.lineStart, i+1)
		}
	}
	return m
}

// isASCII reports whether b has no byte >= 0x80, eight bytes at a time.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Content is the text the mapper indexes.
func (m *Mapper) Content() []byte { return m.content }

// Encoding is the encoding positions are expressed in.
func (m *Mapper) Encoding() Encoding { return m.enc }

// Lines is the number of lines (a document with no newline has one).
func (m *Mapper) Lines() int { return len(m.lineStart) }

// lineEnd is the offset of the end of line's text, before its terminator.
func (m *Mapper) lineEnd(line int) int {
	end := len(m.content)
	if line+1 < len(m.lineStart) {
		end = m.lineStart[line+1]
	}
	if end > m.lineStart[line] && m.content[end-1] == '\n' {
		end--
	}
	if end > m.lineStart[line] && m.content[end-1] == '\r' {
		end--
	}
	return end
}

// LineText is the text of line (0-based), without its terminator, or nil
// past the last line.
func (m *Mapper) LineText(line int) []byte {
	if line < 0 || line >= len(m.lineStart) {
		return nil
	}
	return m.content[m.lineStart[line]:m.lineEnd(line)]
}

// Position converts a byte offset in [0, len(content)] to a position. An
// offset inside a multi-byte character maps to that character's start; an
// offset inside a "\r\n" maps to the end of its line.
func (m *Mapper) Position(offset int) (protocol.Position, error) {
	if offset < 0 || offset > len(m.content) {
		return protocol.Position{}, fmt.Errorf("offset %d out of range [0, %d]", offset, len(m.content))
	}
	line := sort.Search(len(m.lineStart), func(i int) bool { return m.lineStart[i] > offset }) - 1
	start := m.lineStart[line]
	offset = m.charStart(min(offset, m.lineEnd(line)), start)
	return protocol.Position{Line: uint32(line), Character: uint32(m.units(m.content[start:offset]))}, nil
}

// units counts the characters of text, which starts at a line start and ends
// at a character boundary, in m's encoding.
func (m *Mapper) units(text []byte) int {
	if m.ascii || m.enc == UTF8 {
		return len(text)
	}
	count := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		i += size
		count += m.runeUnits(r)
	}
	return count
}

// runeUnits is how many units r counts in m's encoding (not UTF-8).
func (m *Mapper) runeUnits(r rune) int {
	if m.enc == UTF32 {
		return 1
	}
	return utf16Len(r)
}

// charStart moves offset back to the start of the character it falls in
// (at most utf8.UTFMax-1 bytes, never before lo).
func (m *Mapper) charStart(offset, lo int) int {
	for back := 0; back < utf8.UTFMax-1 && offset > lo && offset < len(m.content) && !utf8.RuneStart(m.content[offset]); back++ {
		offset--
	}
	return offset
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// Offset converts a position to a byte offset. Following the LSP, a
// character past the end of its line means the end of the line; a line past
// the last one means the end of the document. A character in the middle of a
// UTF-16 surrogate pair or of a UTF-8 sequence maps to the start of that
// character.
func (m *Mapper) Offset(p protocol.Position) (int, error) {
	line := int(p.Line)
	if line >= len(m.lineStart) {
		return len(m.content), nil
	}
	start, end := m.lineStart[line], m.lineEnd(line)
	want := int(p.Character)
	if m.ascii || m.enc == UTF8 {
		return m.charStart(min(start+want, end), start), nil
	}
	count := 0
	for i := start; i < end; {
		if count >= want {
			return i, nil
		}
		r, size := utf8.DecodeRune(m.content[i:end])
		n := m.runeUnits(r)
		if count+n > want {
			return i, nil // inside a surrogate pair
		}
		count += n
		i += size
	}
	return end, nil
}

// Range converts a byte span to a range.
func (m *Mapper) Range(s diag.Span) (protocol.Range, error) {
	if s.Start > s.End {
		return protocol.Range{}, fmt.Errorf("span [%d, %d) is reversed", s.Start, s.End)
	}
	start, err := m.Position(s.Start)
	if err != nil {
		return protocol.Range{}, err
	}
	end, err := m.Position(s.End)
	if err != nil {
		return protocol.Range{}, err
	}
	return protocol.Range{Start: start, End: end}, nil
}

// Span converts a range to a byte span. It fails if the range's end comes
// before its start.
func (m *Mapper) Span(r protocol.Range) (diag.Span, error) {
	start, err := m.Offset(r.Start)
	if err != nil {
		return diag.Span{}, err
	}
	end, err := m.Offset(r.End)
	if err != nil {
		return diag.Span{}, err
	}
	if end < start {
		return diag.Span{}, fmt.Errorf("range %d:%d-%d:%d ends before it starts",
			r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
	}
	return diag.Span{Start: start, End: end}, nil
}
