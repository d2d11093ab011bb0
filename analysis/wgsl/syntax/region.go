package syntax

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// ReparseFunc parses again, in a new version src of a document, the
// function declaration that spans [start, end): an editor's edit changed
// only the inside of its body, so the declaration starts where it did and
// ends at its old end shifted by the edit. It lexes and parses only those
// bytes, with absolute offsets.
//
// ok is false unless the declaration is a function whose body's closing
// '}' ends exactly at end, with every syntax error strictly inside the
// body, nothing left open (a missing '}', a '<' that might still start a
// template list after end) and the nesting limit not reached. Then, when
// the rest of the document parsed without errors outside function bodies
// and held nothing but blankspace, comments and ';' between its top-level
// declarations, Parse of src would produce the same declaration at the
// same place. (Identifier and var indexes are numbered from 0 within the
// declaration: it is not meant to join a File.)
func ReparseFunc(src []byte, start, end int) (f *FuncDecl, ok bool) {
	if start < 0 || end > len(src) || start >= end || src[end-1] != '}' {
		return nil, false
	}
	l := lexer{src: src[:end], pos: start}
	l.run()
	if len(l.pending) > 0 {
		return nil, false // a '<' a later '>' might still close
	}
	p := parser{src: string(src[:end]), toks: l.toks, diags: l.diags, lastErrTok: -1}
	p.arena.plan(&l.stats)
	p.tok = p.toks[0]
	if p.tok.Kind != TokFn && p.tok.Kind != TokAt {
		return nil, false
	}
	f, isFunc := p.parseGlobalDecl().(*FuncDecl)
	if !isFunc || !p.at(TokEOF) || p.quiet || p.unclosed > 0 || f.Span != (diag.Span{Start: start, End: end}) ||
		f.Body == nil || f.Body.Span.End != end {
		return nil, false
	}
	for _, d := range p.diags {
		if d.Span.Start <= f.Body.Span.Start || d.Span.End >= end {
			return nil, false
		}
	}
	return f, true
}
