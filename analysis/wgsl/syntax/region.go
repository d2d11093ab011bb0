package syntax

// ReparseDecl parses again, in a new version src of a document, the
// top-level declaration that spans [start, end): an editor's edit changed
// only its inside (not its first byte, not its last), so it starts where
// it did and ends at its old end shifted by the edit. It lexes and parses
// only those bytes, with absolute offsets.
//
// ok is false unless the bytes parse as one function, struct, alias or
// var/const/override declaration spanning exactly [start, end) and ending
// with its own terminator, with syntax errors only strictly inside a
// function's body, nothing left open (a missing '}', a '<' that a later '>'
// might still make a template list) and the nesting limit not reached.
// Then, when the rest of the document's declarations were parsed
// independently of each other (DeclsIndependent), Parse of src produces
// the same declaration at the same place. A
// const_assert is never reparsed: a '<' left open by the declaration before
// it may pair with a '>' of its condition. (Identifier and var indexes are
// numbered from 0 within the declaration: it is not meant to join a File.)
// Like ParseNoCopy, the declaration's names share src's bytes.
func ReparseDecl(src []byte, start, end int) (d Decl, ok bool) {
	if start < 0 || end > len(src) || start >= end {
		return nil, false
	}
	l := lexer{src: src[:end], pos: start}
	l.run()
	if len(l.pending) > 0 {
		return nil, false
	}
	var p parser
	p.begin(&l, unsafeString(src[:end]))
	switch p.tok.Kind {
	case TokAt, TokFn, TokStruct, TokAlias, TokVar, TokConst, TokOverride:
	default:
		return nil, false
	}
	d = p.parseGlobalDecl()
	switch d.(type) {
	case *FuncDecl, *StructDecl, *AliasDecl, *VarDecl:
	default:
		return nil, false
	}
	if sp := d.NodeSpan(); sp.Start != start || sp.End != end || !p.at(TokEOF) || p.quiet || p.unclosed > 0 || !closedDecl(src, d) {
		return nil, false
	}
	for _, e := range p.diags {
		if !insideBody(d, e.Span) {
			return nil, false
		}
	}
	return d, true
}
