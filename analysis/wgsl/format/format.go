// Package format pretty-prints WGSL source.
//
// The formatter works on the token stream (comments included) and only ever
// changes the blankspace between tokens: the sequence of tokens, with their
// exact text, is the same before and after. It is checked on every call: if
// the output would lex differently from the input, Format returns an error
// instead of the output.
//
// What it does:
//   - indents by brace depth (4 spaces per level by default; see Options), and
//     by one more level for a line continued inside parentheses, brackets or
//     template lists, or a statement continued on the next line;
//   - puts one statement per line, struct members one per line, `{` at the
//     end of the line that opens it (`fn f() {`, `} else {`), an empty body as
//     `{}`;
//   - normalises spaces: none inside `( )`, `[ ]`, `< >` of template lists,
//     before `,` `;` `:` or after `@` `.` and unary operators; one after `,`
//     `:` and around binary and assignment operators and `->`;
//   - keeps the author's line breaks inside expressions and argument lists
//     (with continuation indent), and the author's blank lines between
//     declarations and statements, collapsing runs to one blank line and
//     dropping blank lines just after `{` or before `}`;
//   - keeps comments where they are: a comment that followed code on the same
//     line stays there (one space before it), a comment on its own line stays
//     on its own line, re-indented; block comment text is never touched.
//
// Files with syntax errors are refused with a *SyntaxError: on broken code the
// brace structure that drives indentation cannot be trusted, and a formatter
// must never make a file worse. Callers (the CLI, the language server) report
// the error and leave the document as it is.
package format

import (
	"bytes"
	"fmt"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Options controls indentation. The zero value means 4 spaces per level.
type Options struct {
	// UseTabs indents with one tab per level instead of spaces.
	UseTabs bool
	// IndentWidth is the number of spaces per level when UseTabs is false;
	// 0 (or less) means 4.
	IndentWidth int
}

func (o Options) indentUnit() string {
	if o.UseTabs {
		return "\t"
	}
	w := o.IndentWidth
	if w <= 0 {
		w = 4
	}
	return string(bytes.Repeat([]byte{' '}, w))
}

// Edit replaces the bytes of Span in the original source with NewText.
// Edits returned by this package are sorted and do not overlap.
type Edit struct {
	Span    diag.Span
	NewText string
}

// SyntaxError is returned for a source that does not parse. Diagnostics
// holds the parser's errors (sorted); Line and Column (1-based, column in
// bytes) locate the first one.
type SyntaxError struct {
	Diagnostics  []diag.Diagnostic
	Line, Column int
}

func (e *SyntaxError) Error() string {
	d := e.Diagnostics[0]
	more := ""
	if n := len(e.Diagnostics) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	return fmt.Sprintf("not formatted: syntax error at %d:%d: %s%s", e.Line, e.Column, d.Message, more)
}

// Format returns src formatted. It returns a *SyntaxError, and no output, if
// src has syntax errors, and an error if the result would not have the same
// tokens as src (a bug in the formatter, reported rather than risked).
// Formatting is idempotent: Format of a Format result returns it unchanged.
// The result uses "\n" line breaks and ends with one line break (an empty or
// blank source gives an empty result).
func Format(src []byte, opts Options) ([]byte, error) {
	toks, err := prepare(src)
	if err != nil {
		return nil, err
	}
	p := newPrinter(src, toks, opts)
	p.run()
	out := p.bytes()
	if err := sameTokens(src, toks, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Edits returns the changes that turn src into Format(src, opts): one edit
// per stretch of blankspace between two tokens that changes (plus the start
// and end of the file), so an editor keeps its cursor and undo history
// wherever nothing moved. Errors are those of Format.
func Edits(src []byte, opts Options) ([]Edit, error) {
	return FormatRange(src, diag.Span{Start: 0, End: len(src)}, opts)
}

// FormatRange returns the edits of Edits that touch span: those whose
// replaced blankspace overlaps [span.Start, span.End] (both ends included,
// so a range starting at a line's first byte re-indents that line). The
// whole document must parse; errors are those of Format.
func FormatRange(src []byte, span diag.Span, opts Options) ([]Edit, error) {
	toks, err := prepare(src)
	if err != nil {
		return nil, err
	}
	p := newPrinter(src, toks, opts)
	p.run()
	out := p.bytes()
	if err := sameTokens(src, toks, out); err != nil {
		return nil, err
	}
	return gapEdits(src, toks, out, p.tokOut, span), nil
}

// prepare parses src, refusing it on syntax errors, and lexes it with
// comments. The returned tokens exclude the final EOF token.
func prepare(src []byte) ([]syntax.Token, error) {
	_, diags := syntax.Parse(src)
	var errs []diag.Diagnostic
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	if len(errs) > 0 {
		line, col := lineCol(src, errs[0].Span.Start)
		return nil, &SyntaxError{Diagnostics: errs, Line: line, Column: col}
	}
	toks := syntax.Lex(src)
	return toks[:len(toks)-1], nil
}

// lineCol returns the 1-based line and byte column of off ("\n" breaks lines).
func lineCol(src []byte, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	col := off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
	return line, col
}

// sameTokens checks that out lexes to the same tokens (kinds and text) as
// the original tokens of src.
func sameTokens(src []byte, toks []syntax.Token, out []byte) error {
	got := syntax.Lex(out)
	got = got[:len(got)-1]
	n := min(len(got), len(toks))
	for i := 0; i < n; i++ {
		a, b := toks[i], got[i]
		if a.Kind != b.Kind || !bytes.Equal(src[a.Start:a.End], out[b.Start:b.End]) {
			line, col := lineCol(src, int(a.Start))
			return fmt.Errorf("internal error: formatting would change the token %q at %d:%d; source left unformatted",
				src[a.Start:a.End], line, col)
		}
	}
	if len(got) != len(toks) {
		return fmt.Errorf("internal error: formatting would change the number of tokens (%d -> %d); source left unformatted",
			len(toks), len(got))
	}
	return nil
}

// gapEdits compares the blankspace around each token in src and out. tokOut
// holds the start offset in out of each token.
func gapEdits(src []byte, toks []syntax.Token, out []byte, tokOut []int, span diag.Span) []Edit {
	var edits []Edit
	add := func(s0, s1, o0, o1 int) {
		if bytes.Equal(src[s0:s1], out[o0:o1]) {
			return
		}
		if s1 < span.Start || s0 > span.End {
			return
		}
		edits = append(edits, Edit{Span: diag.Span{Start: s0, End: s1}, NewText: string(out[o0:o1])})
	}
	prevS, prevO := 0, 0
	for i, t := range toks {
		add(prevS, int(t.Start), prevO, tokOut[i])
		prevS = int(t.End)
		prevO = tokOut[i] + int(t.End-t.Start)
	}
	add(prevS, len(src), prevO, len(out))
	return edits
}

// Apply returns src with edits applied. Edits must be sorted and must not
// overlap, as those returned by this package are.
func Apply(src []byte, edits []Edit) []byte {
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		b.Write(src[last:e.Span.Start])
		b.WriteString(e.NewText)
		last = e.Span.End
	}
	b.Write(src[last:])
	return b.Bytes()
}
