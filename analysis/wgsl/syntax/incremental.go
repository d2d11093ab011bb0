package syntax

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/internal/textdiff"
)

// Parsing a new version after an edit. Where a file's top-level
// declarations were parsed independently of each other
// (DeclsIndependent), the declarations that lie wholly before an edit
// parse as they did, so a new version need only be parsed from the end of
// the last of them: Reparse. Declarations are where the parser resets its
// recovery and the lexer its template-list discovery, which is what the
// conditions below make sure of; TestReparseMatchesParse and FuzzReparse
// hold the result to Parse of the new version.

// DeclsIndependent reports whether the parse of src into f, with parse
// diagnostics diags, is one of declarations parsed independently of each
// other: only blankspace, comments and ';' lie between, before and after
// the directives and declarations (nothing the parser skipped or consumed
// while recovering); every declaration ends with its own terminator, as
// the grammar rather than a recovery ended it (closedDecl); and every
// syntax error lies strictly inside a function's body, where recovery
// stays within the braces. Then no declaration's parse depended on what
// follows it, and none left the parser or the lexer in a state that
// reaches into the next (but for a '<' a function may leave open: see
// Reparse and ReparseDecl).
func DeclsIndependent(src []byte, f *File, diags []diag.Diagnostic) bool {
	at := 0
	gap := func(end int) bool {
		ok := end >= at && end <= len(src) && onlyBlanksAndComments(src[:end], at)
		at = end
		return ok
	}
	for _, d := range f.Directives {
		if !gap(d.Span.Start) {
			return false
		}
		at = d.Span.End
	}
	for _, d := range f.Decls {
		if !gap(d.NodeSpan().Start) || !closedDecl(src, d) {
			return false
		}
		at = d.NodeSpan().End
	}
	if !gap(len(src)) {
		return false
	}
	for _, e := range diags {
		k := DeclAt(f.Decls, e.Span.Start)
		if k < 0 || !insideBody(f.Decls[k], e.Span) {
			return false
		}
	}
	return true
}

// closedDecl reports whether d ends with its own terminator: a function
// with its body's closing '}', a struct with its '}', the others with
// their ';'.
func closedDecl(src []byte, d Decl) bool {
	sp := d.NodeSpan()
	if sp.Len() == 0 || sp.End > len(src) {
		return false
	}
	switch d := d.(type) {
	case *FuncDecl:
		b := d.Body
		return b != nil && b.Span.Len() >= 2 && b.Span.End == sp.End && src[b.Span.Start] == '{' && src[sp.End-1] == '}'
	case *StructDecl:
		return src[sp.End-1] == '}'
	case *VarDecl, *AliasDecl, *ConstAssert:
		return src[sp.End-1] == ';'
	}
	return false
}

// insideBody reports whether s lies strictly inside the braces of d's
// body, d being a function.
func insideBody(d Decl, s diag.Span) bool {
	f, ok := d.(*FuncDecl)
	return ok && f.Body != nil && s.Start > f.Body.Span.Start && s.End < f.Body.Span.End
}

// DeclAt returns the index in decls (a File's, in source order) of the
// declaration whose span contains offset (inclusive of its end), or -1.
func DeclAt(decls []Decl, offset int) int {
	lo, hi := 0, len(decls)
	for lo < hi {
		m := (lo + hi) / 2
		if decls[m].NodeSpan().End >= offset {
			hi = m
		} else {
			lo = m + 1
		}
	}
	if lo < len(decls) && decls[lo].NodeSpan().Start <= offset {
		return lo
	}
	return -1
}

// onlyBlanksAndComments reports whether src[from:] holds only
// blankspace, comments and ';'.
func onlyBlanksAndComments(src []byte, from int) bool {
	for p := from; p < len(src); {
		c := src[p]
		switch {
		case isASCIIBlank[c] || c == ';':
			p++
		case c == '/' && p+1 < len(src) && src[p+1] == '/':
			p += 2
			for p < len(src) && !isLineBreak(src[p:]) {
				p++
			}
		case c == '/' && p+1 < len(src) && src[p+1] == '*':
			end, closed := BlockCommentEnd(src, p)
			if !closed {
				return false
			}
			p = end
		case c >= 0x80 && blankspaceLen(src[p:]) > 0:
			p += blankspaceLen(src[p:])
		default:
			return false
		}
	}
	return true
}

// maxReparses bounds a chain of Reparse results: reused declarations keep
// the text they were parsed from (their names share it), so after this
// many in a row the next version is parsed in full.
const maxReparses = 16

// Reparse parses next, a new version of prevSrc, which parsed into prev
// with diagnostics prevDiags, reusing prev's declarations that end before
// the first byte that differs: only the rest of next is lexed and parsed.
// ok is false when that would not give Parse's result (prev's
// declarations were not parsed independently, the edit touches a
// directive, or no declaration lies before it...): the caller parses next
// in full. Like ParseNoCopy, the new tree shares next's bytes (and the
// reused part prevSrc's): neither may change while it is in use.
func Reparse(prevSrc []byte, prev *File, prevDiags []diag.Diagnostic, next []byte) (f *File, diags []diag.Diagnostic, ok bool) {
	if prev.reparses >= maxReparses || len(prev.declStarts) != len(prev.Decls) || !DeclsIndependent(prevSrc, prev, prevDiags) {
		return nil, nil, false
	}
	p := textdiff.CommonPrefix(prevSrc, next)
	if n := len(prev.Directives); n > 0 && prev.Directives[n-1].Span.End > p {
		return nil, nil, false
	}
	// k: the declarations wholly before the edit, reused.
	k := 0
	for k < len(prev.Decls) && prev.Decls[k].NodeSpan().End <= p {
		k++
	}
	if k == 0 {
		return nil, nil, false
	}
	last := prev.Decls[k-1].NodeSpan()
	// The lexer is between tokens after the last reused declaration if it
	// ends with ';' (which also ends template-list discovery) or with the
	// '}' of a function or struct that leaves no '<' open.
	switch prevSrc[last.End-1] {
	case ';':
	case '}':
		l := lexer{src: prevSrc[:last.End], pos: last.Start}
		l.run()
		if len(l.pending) > 0 {
			return nil, nil, false
		}
	default:
		return nil, nil, false
	}
	start := last.End

	l := lexer{src: next, pos: start, toks: takeSpareTokens()}
	l.run()
	l.reportNulls(start)
	var ps parser
	ps.begin(&l, unsafeString(next))
	// The counts when prev's parse finished declaration k-1 (numbering
	// includes nodes a recovery made and dropped).
	base := indexes{prev.numIdents, prev.numVarDecls}
	if k < len(prev.declStarts) {
		base = prev.declStarts[k]
	}
	ps.nidents, ps.nvars = base.idents, base.vars
	f = &File{Span: diag.Span{End: len(next)}, reparses: prev.reparses + 1}
	f.Directives = prev.Directives[:len(prev.Directives):len(prev.Directives)]
	n := k + int(l.stats.topDecls) + 1
	f.Decls = append(make([]Decl, 0, n), prev.Decls[:k]...)
	f.declStarts = append(make([]indexes, 0, n), prev.declStarts[:k]...)
	ps.parseDecls(f)
	f.numIdents, f.numVarDecls = ps.nidents, ps.nvars
	ps.releaseTokens()
	for _, e := range prevDiags {
		if e.Span.End <= start {
			diags = append(diags, e)
		}
	}
	diags = append(diags, ps.diags...)
	diag.Sort(diags)
	return f, diags, true
}
