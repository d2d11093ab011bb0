package lsptest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// TextEdit is an LSP TextEdit.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// Offset converts p, in UTF-16 code units (or UTF-8 bytes when utf8 is
// set), to a byte offset in text, as a client would.
func Offset(text string, p Position, utf8Units bool) (int, error) {
	lines := strings.SplitAfter(text, "\n")
	if p.Line >= len(lines) {
		if p.Line == len(lines) && p.Character == 0 {
			return len(text), nil
		}
		return 0, fmt.Errorf("line %d past the end (%d lines)", p.Line, len(lines))
	}
	off := 0
	for _, l := range lines[:p.Line] {
		off += len(l)
	}
	line := strings.TrimRight(lines[p.Line], "\r\n")
	units := 0
	for i, r := range line {
		if units >= p.Character {
			return off + i, nil
		}
		if utf8Units {
			units += utf8.RuneLen(r)
		} else {
			units += len(utf16.Encode([]rune{r}))
		}
	}
	if units == p.Character {
		return off + len(line), nil
	}
	return 0, fmt.Errorf("character %d past the end of line %d", p.Character, p.Line)
}

// ApplyEdits applies non-overlapping edits (ranges in UTF-16 units) to text,
// as a client applies a WorkspaceEdit's changes to one document.
func ApplyEdits(text string, edits []TextEdit) (string, error) {
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		s, err := Offset(text, e.Range.Start, false)
		if err != nil {
			return "", err
		}
		en, err := Offset(text, e.Range.End, false)
		if err != nil {
			return "", err
		}
		spans = append(spans, span{s, en, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.start < pos || s.end < s.start {
			return "", fmt.Errorf("overlapping or inverted edits")
		}
		b.WriteString(text[pos:s.start])
		b.WriteString(s.text)
		pos = s.end
	}
	b.WriteString(text[pos:])
	return b.String(), nil
}
