package explain

import (
	"fmt"
	"strings"
)

// LineCol converts a byte offset of src to a 1-based line and a 1-based
// byte column. Offsets past the end are clamped to the end.
func LineCol(src []byte, off int) (line, col int) {
	off = max(0, min(off, len(src)))
	line = 1
	lineStart := 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, off - lineStart + 1
}

// Offset converts a 1-based line and byte column to a byte offset of src.
// A column past the end of its line is clamped to the line's end; it
// returns an error when the line does not exist.
func Offset(src []byte, line, col int) (int, error) {
	if line < 1 || col < 1 {
		return 0, fmt.Errorf("position %d:%d: lines and columns start at 1", line, col)
	}
	start := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(string(src[start:]), '\n')
		if i < 0 {
			return 0, fmt.Errorf("position %d:%d: the file has only %d lines", line, col, l)
		}
		start += i + 1
	}
	end := len(src)
	if i := strings.IndexByte(string(src[start:]), '\n'); i >= 0 {
		end = start + i
	}
	return min(start+col-1, end), nil
}

// maxContextLine bounds each code line shown (minified sources).
const maxContextLine = 300

// codeContext renders the lines around [start, end) of src, n lines each
// side, numbered, with the diagnostic's lines marked by ">".
func codeContext(src []byte, start, end, n int) string {
	lines := splitLines(string(src))
	first, _ := LineCol(src, start)
	last, _ := LineCol(src, max(start, end-1))
	if len(lines) > 1 && lines[len(lines)-1] == "" && last < len(lines) {
		lines = lines[:len(lines)-1] // the empty "line" after a final newline
	}
	from, to := max(1, first-n), min(len(lines), last+n)
	width := len(fmt.Sprint(to))
	var b strings.Builder
	for l := from; l <= to; l++ {
		mark := " "
		if l >= first && l <= last {
			mark = ">"
		}
		text := strings.TrimRight(lines[l-1], " \t\r")
		if len(text) > maxContextLine {
			text = strings.ToValidUTF8(text[:maxContextLine], "") + " …"
		}
		fmt.Fprintf(&b, "%s %*d | %s\n", mark, width, l, text)
	}
	return b.String()
}
