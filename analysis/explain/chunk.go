package explain

import (
	"path"
	"strings"
)

// Chunk is one retrievable passage: a piece of a file with the place it came
// from, so an answer can cite it.
type Chunk struct {
	Path  string // slash-separated, relative to the workspace (or docs/diagnostics/CODE.md)
	Line  int    // 1-based line where the passage starts
	Title string // the heading, code or declaration the passage belongs to
	Text  string
}

// maxChunkBytes bounds a chunk; longer sections are split at paragraphs.
const maxChunkBytes = 1500

// ChunkMarkdown splits a markdown file into sections at headings (outside
// fenced code blocks), and sections longer than maxChunkBytes at blank
// lines. Each chunk's title is its heading (the file name before the first
// heading). Whitespace-only pieces are dropped.
func ChunkMarkdown(file string, src []byte) []Chunk {
	lines := splitLines(string(src))
	var out []Chunk
	title := path.Base(file)
	start := 0
	inFence := false
	flush := func(end int) {
		out = append(out, splitParagraphs(file, title, lines, start, end)...)
	}
	for i, l := range lines {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence || !isHeading(trimmed) {
			continue
		}
		flush(i)
		start = i
		title = strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
	}
	flush(len(lines))
	return out
}

func isHeading(line string) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ')
}

// splitParagraphs turns lines[start:end] into one chunk, or several cut at
// blank lines outside fences when the section is too long.
func splitParagraphs(file, title string, lines []string, start, end int) []Chunk {
	var out []Chunk
	pieceStart := start
	size := 0
	inFence := false
	emit := func(to int) {
		text := strings.TrimSpace(strings.Join(lines[pieceStart:to], "\n"))
		if text != "" {
			first := pieceStart
			for first < to && strings.TrimSpace(lines[first]) == "" {
				first++
			}
			out = append(out, Chunk{Path: file, Line: first + 1, Title: title, Text: text})
		}
		pieceStart = to
		size = 0
	}
	for i := start; i < end; i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
		}
		if t == "" && !inFence && size >= maxChunkBytes {
			emit(i)
		}
		size += len(l) + 1
	}
	emit(end)
	return out
}

// ChunkWGSL extracts the comments of a WGSL file: each run of consecutive
// line comments (//, ///) or one block comment is a chunk, titled by the
// first code line after it (usually the declaration it documents).
func ChunkWGSL(file string, src []byte) []Chunk {
	lines := splitLines(string(src))
	var out []Chunk
	for i := 0; i < len(lines); {
		t := strings.TrimSpace(lines[i])
		var text []string
		start := i
		switch {
		case strings.HasPrefix(t, "//"):
			for i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "//") {
				text = append(text, strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(lines[i]), "/")))
				i++
			}
		case strings.HasPrefix(t, "/*"):
			depth := 0
			for i < len(lines) {
				l := lines[i]
				depth += strings.Count(l, "/*") - strings.Count(l, "*/")
				text = append(text, strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "/*")))
				i++
				if depth <= 0 {
					break
				}
			}
		default:
			i++
			continue
		}
		body := strings.TrimSpace(strings.Join(text, "\n"))
		if body == "" {
			continue
		}
		title := path.Base(file)
		for j := i; j < len(lines); j++ {
			if c := strings.TrimSpace(lines[j]); c != "" {
				if !strings.HasPrefix(c, "//") && !strings.HasPrefix(c, "/*") {
					title = strings.TrimSpace(strings.TrimSuffix(oneLine(c, 80), "{"))
				}
				break
			}
		}
		out = append(out, Chunk{Path: file, Line: start + 1, Title: title, Text: body})
	}
	return out
}

// ChunkFile picks the chunker by extension: .md and .wgsl; other files give
// no chunks.
func ChunkFile(file string, src []byte) []Chunk {
	switch strings.ToLower(path.Ext(file)) {
	case ".md", ".markdown":
		return ChunkMarkdown(file, src)
	case ".wgsl":
		return ChunkWGSL(file, src)
	}
	return nil
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(s, "\n")
}
