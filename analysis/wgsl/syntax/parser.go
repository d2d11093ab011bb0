// Package syntax is the WGSL lexer, fault-tolerant parser and AST.
//
//   - Lex(src) returns every token with its byte range, comments included,
//     with template lists already discovered (for formatters and
//     highlighting).
//   - Parse(src) returns a complete *File (see ast.go for the tree contracts)
//     and the syntax diagnostics, sorted. Inspect walks a tree; Dump prints one.
//
// Parse never panics and always terminates, whatever the input (fuzzed by
// FuzzParse). Diagnostics have code "syntax-error" or "reserved-word", and
// each mistake is reported once:
//
//   - A missing terminator (';' after a statement, declaration or directive,
//     ',' between struct members) is a zero-length span at the end of the
//     previous token, so that it lands on the line with the mistake:
//     "expected ';' after let declaration, found 'let'".
//   - Anything else is reported on the offending token: "expected expression,
//     found ';'", "expected '}' to close the block, found 'fn'", "mixing '&'
//     and '|' requires parentheses".
//   - After an error the parser resynchronises at the next statement or
//     declaration boundary (past a ';', or before '}', '{', a statement
//     keyword, a module keyword such as fn, struct, var, const, override,
//     alias or const_assert, or attributes that precede one) and keeps parsing the
//     rest of the file; errors in the skipped stretch are not reported. A '}'
//     reported missing that turns up later at module scope is not reported
//     again.
//   - Nesting deeper than MaxNesting is reported once and ends the parse.
package syntax

import (
	"bytes"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// MaxNesting bounds the nesting of expressions and statements. Deeper input
// gets one "syntax-error" diagnostic and the rest of the file is skipped.
const MaxNesting = 1000

// Parse parses one WGSL document. The returned *File is never nil and obeys
// the AST contracts documented in ast.go; the diagnostics are sorted by
// position.
func Parse(src []byte) (*File, []diag.Diagnostic) {
	var p parser
	f := p.parseSource(src)
	return f, p.diags
}

// ParseNoCopy is Parse without a private copy of src: the tree's names and
// literal texts, and a diagnostic message that quotes one verbatim, are
// substrings sharing src's memory, so src must not change while any of
// them is in use. It suits a caller that drops the tree before src may
// change and copies what it keeps (wgsl.Check); the copy Parse makes is
// about as large as the source.
func ParseNoCopy(src []byte) (*File, []diag.Diagnostic) {
	var p parser
	f := p.parseText(src, unsafeString(src))
	return f, p.diags
}

// Parser parses one document after another in the same memory, for a
// caller that is done with each tree before it parses the next (a check
// of many files that keeps only diagnostics, wgsl.Checker): the nodes of
// the next tree reuse the chunks of the last one instead of new memory.
// Most of a parse's allocation is its tree, so a run of parses then
// allocates, and collects garbage, much less. The zero Parser is ready;
// one Parser must not be used by two goroutines at once.
type Parser struct {
	p parser
}

// ParseNoCopy is ParseNoCopy in the parser's memory. The tree it returns
// is valid until the next call of ParseNoCopy or Release.
func (ps *Parser) ParseNoCopy(src []byte) (*File, []diag.Diagnostic) {
	ps.Release()
	f := ps.p.parseText(src, unsafeString(src))
	return f, ps.p.diags
}

// Release ends the life of the last tree ParseNoCopy returned: its memory
// is cleared (so that it holds on to neither the tree's source nor
// anything else) and kept for the next parse.
func (ps *Parser) Release() {
	a := ps.p.arena
	a.recycle()
	ps.p = parser{arena: a}
}

// begin readies a parser for the tokens l made of text (the source as a
// string, where the tree's names are cut from). The parser is zero, or
// holds only a recycled arena (Parser).
func (p *parser) begin(l *lexer, text string) {
	*p = parser{src: text, toks: l.toks, diags: l.diags, lastErrTok: -1, arena: p.arena}
	p.arena.plan(&l.stats)
	p.tok = p.toks[0]
}

// unsafeString is src as a string sharing its bytes.
func unsafeString(src []byte) string { return unsafe.String(unsafe.SliceData(src), len(src)) }

// parseSource lexes and parses src into a zero parser (Parse; tests also
// look at the arena afterwards).
func (p *parser) parseSource(src []byte) *File { return p.parseText(src, string(src)) }

// parseText is parseSource where text, the string the tree's names are
// cut from, holds the bytes of src.
func (p *parser) parseText(src []byte, text string) *File {
	l := lexer{src: src, toks: takeSpareTokens()}
	l.run()
	l.reportNulls(0)
	p.begin(&l, text)
	f := p.parseFile()
	f.numIdents, f.numVarDecls = p.nidents, p.nvars
	diag.Sort(p.diags)
	p.releaseTokens()
	return f
}

// takeSpareTokens returns the spare token buffer, emptied, if there is
// one (see spareTokens).
func takeSpareTokens() []Token {
	if buf := spareTokens.Swap(nil); buf != nil {
		return (*buf)[:0]
	}
	return nil
}

// releaseTokens hands the parser's token buffer to the next parse: the
// tree keeps no token.
func (p *parser) releaseTokens() {
	if toks := p.toks[:0]; cap(toks) <= maxSpareTokens {
		spareTokens.Store(&toks)
	}
	p.toks = nil
}

// reportNulls reports every NUL byte of l.src from offset from on, also
// inside comments: the spec forbids the null code point anywhere.
func (l *lexer) reportNulls(from int) {
	for off := from; ; {
		i := bytes.IndexByte(l.src[off:], 0)
		if i < 0 {
			return
		}
		l.errorf(off+i, off+i+1, "syntax-error", "the null character (U+0000) is not allowed in WGSL source")
		off += i + 1
	}
}

// newIdent allocates the next identifier expression, numbered densely.
func (p *parser) newIdent() *IdentExpr {
	id := p.arena.idents.alloc()
	id.index = p.nidents
	p.nidents++
	return id
}

// spareTokens keeps the token buffer of the last Parse for the next one
// (Lex's buffers are returned to callers). Concurrent Parse calls each take
// it or make their own. A sync.Pool lost it about every other call: its
// per-P private slot is out of reach once the goroutine runs on another P.
// Buffers over maxSpareTokens tokens are left to the collector, so at most
// that much stays allocated between calls.
var spareTokens atomic.Pointer[[]Token]

const maxSpareTokens = 1 << 18

// smallList is how many elements of an argument or statement list under
// construction the parser keeps in a local array before spilling to its
// scratch stacks.
const smallList = 8

type parser struct {
	src   string
	toks  []Token // significant tokens, ending with TokEOF
	pos   int     // index of tok in toks
	tok   Token   // current token
	diags []diag.Diagnostic

	lastErrTok int  // token index of the last reported error (one per token)
	needSync   bool // an error occurred since the last resynchronisation
	depth      int  // current nesting depth
	quiet      bool // nesting limit hit: report nothing more

	inContinuing bool  // parsing the direct statements of a continuing block
	nidents      int32 // IdentExpr nodes made so far (see IdentExpr.Index)
	nvars        int32 // VarDecl nodes made so far (see VarDecl.Index)
	unclosed     int   // '}' reported missing; a later stray '}' at module scope is theirs

	arena arena
	// Stacks of argument and statement lists under construction, past
	// their first smallList elements. Entries past len may keep stale
	// pointers: harmless, as a parser lives for one Parse call only.
	scratch     []Expr
	stmtScratch []Stmt
}

func (p *parser) next() {
	if p.pos < len(p.toks)-1 {
		p.pos++
		p.tok = p.toks[p.pos]
	}
}

func (p *parser) at(k TokenKind) bool { return p.tok.Kind == k }

func (p *parser) got(k TokenKind) bool {
	if p.tok.Kind == k {
		p.next()
		return true
	}
	return false
}

// prevEnd is the end offset of the last consumed token (0 at the start).
func (p *parser) prevEnd() int {
	if p.pos == 0 {
		return 0
	}
	return int(p.toks[p.pos-1].End)
}

// span returns [start, end of the last consumed token). When nothing was
// consumed since start, it is the zero-length span at the end of the last
// consumed token, like the missing parts inside it (see missing).
func (p *parser) span(start int) diag.Span {
	end := p.prevEnd()
	if end < start {
		return diag.Span{Start: end, End: end}
	}
	return diag.Span{Start: start, End: end}
}

func (p *parser) text(t Token) string { return p.src[t.Start:t.End] }

// found describes the current token for "found ..." in messages.
func (p *parser) found() string {
	switch p.tok.Kind {
	case TokEOF:
		return "end of file"
	case TokInvalid:
		return "invalid character '" + p.text(p.tok) + "'"
	}
	return "'" + shorten(p.text(p.tok)) + "'"
}

// shorten cuts a long token text for a message, on a UTF-8 boundary.
func shorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// errAt reports a syntax error unless one was already reported at the
// current token (one mistake, one diagnostic).
func (p *parser) errAt(s diag.Span, msg string) {
	p.needSync = true
	if p.quiet || p.lastErrTok == p.pos {
		return
	}
	p.lastErrTok = p.pos
	p.diags = append(p.diags, diag.Diagnostic{Span: s, Severity: diag.Error, Code: "syntax-error", Message: msg})
}

// errHere reports an error on the current token.
func (p *parser) errHere(msg string) { p.errAt(p.tok.Span(), msg) }

// expected reports "expected WHAT, found TOKEN" on the current token.
func (p *parser) expected(what string) {
	if p.tok.Kind == TokInvalid {
		p.errHere(p.found())
		return
	}
	p.errHere("expected " + what + ", found " + p.found())
}

// expect consumes a token of kind k or reports it missing on the current
// token.
func (p *parser) expect(k TokenKind, context string) bool {
	if p.got(k) {
		return true
	}
	p.expected("'" + k.String() + "'" + context)
	return false
}

// expectAfter consumes a token of kind k or reports it missing as a
// zero-length span at the end of the previous token: for terminators such as
// ';' whose absence is noticed only at the next line's token.
func (p *parser) expectAfter(k TokenKind, context string) bool {
	if p.got(k) {
		return true
	}
	if p.tok.Kind == TokInvalid {
		p.errHere(p.found())
		return false
	}
	e := p.prevEnd()
	p.errAt(diag.Span{Start: e, End: e}, "expected '"+k.String()+"'"+context+", found "+p.found())
	return false
}

// enter counts one nesting level; it returns false (after reporting once and
// jumping to the end of the input) when the limit is exceeded.
func (p *parser) enter() bool {
	p.depth++
	if p.depth <= MaxNesting {
		return true
	}
	p.errHere("nesting is too deep (more than 1000 levels); the rest of the file is not parsed")
	p.quiet = true
	p.pos = len(p.toks) - 1
	p.tok = p.toks[p.pos]
	return false
}

func (p *parser) leave() { p.depth-- }

// ident consumes an identifier, or reports one missing and returns an Ident
// with an empty name and a zero-length span at the current token.
func (p *parser) ident(what string) Ident {
	if p.tok.Kind == TokIdent {
		id := Ident{Span: p.tok.Span(), Name: p.text(p.tok)}
		p.next()
		return id
	}
	if p.tok.Kind.IsKeyword() {
		p.errHere("expected " + what + ", found keyword " + p.found())
		switch p.toks[p.pos+1].Kind {
		case TokEq, TokColon, TokComma, TokRParen, TokLParen, TokSemicolon, TokLBrace, TokPeriod:
			// A keyword used as a name: skip it so that no cascade follows.
			s := int(p.tok.Start)
			p.next()
			return Ident{Span: diag.Span{Start: s, End: s}}
		}
	} else {
		p.expected(what)
	}
	return Ident{Span: p.missing()}
}

// missing is the zero-length span at the end of the last consumed token:
// where a required part that is absent gets its Bad node or empty Ident, so
// that it stays inside its parent's span.
func (p *parser) missing() diag.Span {
	e := p.prevEnd()
	return diag.Span{Start: e, End: e}
}

// ---- module scope ----

func (p *parser) parseFile() *File {
	f := &File{Span: diag.Span{End: len(p.src)}}
	for p.isDirectiveStart() {
		f.Directives = append(f.Directives, p.parseDirective())
		p.syncDeclIfNeeded()
	}
	p.parseDecls(f)
	return f
}

// parseDecls parses the top-level declarations from the current token to
// the end, appending them to f (and a misplaced directive to its
// directives).
func (p *parser) parseDecls(f *File) {
	for !p.at(TokEOF) {
		start := p.pos
		switch {
		case p.got(TokSemicolon):
		case p.at(TokRBrace) && p.unclosed > 0:
			// The '}' already reported missing, written too late: no new error.
			p.unclosed--
			p.next()
		case p.isDirectiveStart():
			p.errHere("directives must come before any declaration")
			f.Directives = append(f.Directives, p.parseDirective())
		default:
			if f.Decls == nil {
				f.Decls = make([]Decl, 0, p.arena.declCap)
				f.declStarts = make([]indexes, 0, p.arena.declCap)
			}
			f.declStarts = append(f.declStarts, indexes{p.nidents, p.nvars})
			f.Decls = append(f.Decls, p.parseGlobalDecl())
		}
		p.syncDeclIfNeeded()
		if p.pos == start {
			p.next() // guarantee progress
		}
	}
}

func (p *parser) isDirectiveStart() bool {
	switch p.tok.Kind {
	case TokEnable, TokRequires:
		return true
	case TokDiagnostic:
		return p.toks[p.pos+1].Kind == TokLParen
	}
	return false
}

// syncDeclIfNeeded skips, after an error, to the next declaration start at
// brace depth 0 (consuming a ';' that ends the broken declaration).
func (p *parser) syncDeclIfNeeded() {
	if !p.needSync {
		return
	}
	p.needSync = false
	depth := 0
	for {
		switch p.tok.Kind {
		case TokEOF:
			return
		case TokFn, TokStruct, TokVar, TokConst, TokOverride, TokAlias, TokConstAssert, TokEnable, TokRequires:
			if depth == 0 {
				return
			}
		case TokAt:
			if depth == 0 {
				switch k, _, i := p.scanAttrs(); k {
				case TokFn, TokStruct, TokVar, TokConst, TokOverride, TokAlias, TokConstAssert:
					return // attributes of the next declaration
				default:
					// Skip all of these attributes at once (linear time on
					// long runs of attributes).
					p.pos = i
					p.tok = p.toks[i]
					continue
				}
			}
		case TokSemicolon:
			if depth == 0 {
				p.next()
				return
			}
		case TokLBrace:
			depth++
		case TokRBrace:
			if depth > 0 {
				depth--
				if depth == 0 {
					p.next()
					return
				}
			}
		}
		p.next()
	}
}

func (p *parser) parseDirective() *Directive {
	start := int(p.tok.Start)
	d := &Directive{Keyword: p.tok.Span()}
	switch p.tok.Kind {
	case TokEnable:
		d.Kind = DirectiveEnable
	case TokRequires:
		d.Kind = DirectiveRequires
	default:
		d.Kind = DirectiveDiagnostic
	}
	p.next()
	if d.Kind == DirectiveDiagnostic {
		d.Control = p.parseDiagnosticControl()
	} else {
		for {
			d.Names = append(d.Names, p.ident("extension name"))
			if !p.got(TokComma) || p.at(TokSemicolon) {
				break
			}
		}
	}
	p.expectAfter(TokSemicolon, " after directive")
	d.Span = p.span(start)
	return d
}

// parseDiagnosticControl parses `(severity, rule[.name] [,])`.
func (p *parser) parseDiagnosticControl() *DiagnosticControl {
	start := int(p.tok.Start)
	c := &DiagnosticControl{}
	if p.expect(TokLParen, " after 'diagnostic'") {
		c.Severity = p.ident("diagnostic severity")
		if p.expect(TokComma, " after diagnostic severity") {
			c.Rule = p.ident("diagnostic rule name")
			if p.got(TokPeriod) {
				c.RuleNamespace = c.Rule
				c.Rule = p.ident("diagnostic rule name")
			}
			p.got(TokComma)
			p.expect(TokRParen, " to close the diagnostic control")
		}
	}
	c.Span = p.span(start)
	return c
}

// parseAttrs parses zero or more attributes.
func (p *parser) parseAttrs() []*Attribute {
	if !p.at(TokAt) {
		return nil
	}
	var attrs gather[*Attribute]
	for p.at(TokAt) {
		start := int(p.tok.Start)
		p.next()
		a := p.arena.attrs.alloc()
		if p.tok.Kind == TokIdent || p.tok.Kind.IsKeyword() {
			a.Name = Ident{Span: p.tok.Span(), Name: p.text(p.tok)}
			p.next()
		} else {
			a.Name = p.ident("attribute name")
		}
		if p.at(TokLParen) {
			a.HasParens = true
			a.Args = p.parseArgList(TokRParen, " to close the attribute arguments")
		}
		a.Span = p.span(start)
		attrs.add(a)
		if p.needSync {
			break // broken arguments: let the caller resynchronise
		}
	}
	return p.arena.attrLists.list(attrs.items(), p.arena.attrChunk)
}

// parseArgList parses `open expr, ..., [,] close` starting at the open
// token (already checked by the caller).
func (p *parser) parseArgList(close TokenKind, context string) []Expr {
	p.next()
	// The first arguments go to a local array (stores to the stack need no
	// write barrier), any more onto p.scratch.
	var buf [smallList]Expr
	n, base := 0, len(p.scratch)
	for !p.at(close) && !p.at(TokEOF) {
		before := p.pos
		n = push(&buf, n, &p.scratch, p.parseExpr())
		if p.pos == before || !p.got(TokComma) {
			break
		}
	}
	var args []Expr
	if n <= len(buf) {
		args = p.arena.exprList(buf[:n])
	} else {
		args = p.arena.exprList(p.scratch[base:])
		p.scratch = p.scratch[:base]
	}
	p.expect(close, context)
	return args
}

func (p *parser) parseGlobalDecl() Decl {
	start := int(p.tok.Start)
	attrs := p.parseAttrs()
	switch p.tok.Kind {
	case TokVar, TokConst, TokOverride, TokLet:
		if p.at(TokLet) {
			p.errHere("'let' declarations are only allowed inside functions")
			p.needSync = false
		}
		d := p.parseVarDecl(attrs, start)
		p.expectAfter(TokSemicolon, varSemiContext[d.Kind])
		d.Span = p.span(start)
		return d
	case TokFn:
		return p.parseFunc(attrs, start)
	case TokStruct:
		return p.parseStruct(attrs, start)
	case TokAlias:
		p.next()
		d := &AliasDecl{Attrs: attrs}
		d.Name = p.ident("alias name")
		if p.expect(TokEq, " after alias name") {
			d.Type = p.parseType()
		} else {
			d.Type = &BadExpr{Span: p.missing()}
		}
		p.expectAfter(TokSemicolon, " after alias declaration")
		d.Span = p.span(start)
		return d
	case TokConstAssert:
		d := p.parseConstAssert()
		if len(attrs) > 0 {
			d.Span.Start = start
		}
		return d
	}
	if p.needSync {
		// Broken attributes, already reported.
	} else if len(attrs) > 0 {
		p.expected("declaration after attributes")
	} else {
		p.expected("declaration")
	}
	s := p.tok.Start
	p.syncDeclIfNeeded()
	if p.pos > 0 && p.toks[p.pos-1].End > s {
		return &BadDecl{Span: p.span(start)}
	}
	return &BadDecl{Span: diag.Span{Start: start, End: int(s)}}
}

// parseVarDecl parses var/let/const/override up to (not including) the ';'.
func (p *parser) parseVarDecl(attrs []*Attribute, start int) *VarDecl {
	d := p.arena.vars.alloc()
	d.index = p.nvars
	p.nvars++
	d.Attrs, d.Keyword = attrs, p.tok.Span()
	switch p.tok.Kind {
	case TokVar:
		d.Kind = VarVar
	case TokLet:
		d.Kind = VarLet
	case TokConst:
		d.Kind = VarConst
	default:
		d.Kind = VarOverride
	}
	p.next()
	if d.Kind == VarVar && p.at(TokTemplateStart) {
		d.Template = p.parseTemplateList()
	}
	d.Name = p.ident(varNameWhat[d.Kind])
	if p.got(TokColon) {
		d.Type = p.parseType()
	}
	if p.got(TokEq) {
		d.Init = p.parseExpr()
	}
	d.Span = p.span(start)
	return d
}

func (p *parser) parseConstAssert() *ConstAssert {
	start := int(p.tok.Start)
	p.next()
	d := &ConstAssert{Cond: p.parseExpr()}
	p.expectAfter(TokSemicolon, " after const_assert")
	d.Span = p.span(start)
	return d
}

// parseType parses a type: a template_elaborated_ident.
func (p *parser) parseType() Expr {
	if p.tok.Kind != TokIdent {
		p.expected("type")
		return &BadExpr{Span: p.missing()}
	}
	x := p.newIdent()
	x.Name = Ident{Span: p.tok.Span(), Name: p.text(p.tok)}
	p.next()
	if p.at(TokTemplateStart) {
		x.Template = p.parseTemplateList()
	}
	return x
}

func (p *parser) parseTemplateList() *TemplateList {
	start := int(p.tok.Start)
	t := p.arena.tmpls.alloc()
	t.Args = p.parseArgList(TokTemplateEnd, " to close the template list")
	t.Span = p.span(start)
	if len(t.Args) == 0 && !p.needSync {
		p.errAt(t.Span, "template list must not be empty")
		p.needSync = false
	}
	return t
}

func (p *parser) parseFunc(attrs []*Attribute, start int) *FuncDecl {
	p.next()
	f := p.arena.funcs.alloc()
	f.Attrs = attrs
	f.Name = p.ident("function name")
	if !p.expect(TokLParen, " after function name") {
		p.got(TokRParen) // `fn f) {`: keep going with the rest of the header
	} else {
		var params gather[*Param]
		for !p.at(TokRParen) && !p.at(TokEOF) {
			before := p.pos
			params.add(p.parseParam())
			if p.pos == before || !p.got(TokComma) {
				break
			}
		}
		f.Params = p.arena.paramLists.list(params.items(), p.arena.paramChunk)
		if !p.got(TokRParen) {
			p.expected("',' or ')' in parameter list")
			// Skip the rest of a broken header up to the body.
			for !p.at(TokLBrace) && !p.at(TokEOF) && !p.at(TokRParen) && !p.at(TokArrow) && !p.atDeclKeyword() {
				p.next()
			}
			p.got(TokRParen)
		}
	}
	if p.got(TokArrow) {
		f.ReturnAttrs = p.parseAttrs()
		f.ReturnType = p.parseType()
	}
	if p.needSync && !p.at(TokLBrace) {
		// A broken header: resynchronise at the body's '{' if one follows
		// before the next declaration.
		for !p.at(TokLBrace) && !p.at(TokEOF) && !p.atDeclKeyword() && !p.at(TokAt) && !p.at(TokSemicolon) {
			p.next()
		}
	}
	implicitBody := false
	switch p.tok.Kind {
	case TokLet, TokIf, TokFor, TokWhile, TokLoop, TokSwitch, TokReturn, TokDiscard, TokUnderscore, TokIdent:
		implicitBody = !p.needSync
	case TokVar:
		// A module-scope var has an address space or attributes; a bare one
		// is the first statement of a body whose '{' is missing.
		implicitBody = !p.needSync && p.toks[p.pos+1].Kind != TokTemplateStart
	}
	switch {
	case p.at(TokLBrace):
		p.needSync = false // header errors are recovered; parse the body
		f.Body = p.parseBlock(nil)
	case implicitBody:
		// The body's statements without its '{': parse them as the body,
		// up to the '}' that ends it.
		p.expected("'{' to start the function body")
		p.needSync = false
		bstart := p.missing().Start
		b := &BlockStmt{Stmts: p.parseStmtList(false)}
		p.got(TokRBrace)
		b.Span = p.span(bstart)
		f.Body = b
	default:
		if !p.needSync { // else the broken header was reported already
			p.expected("'{' to start the function body")
		}
		f.Body = &BlockStmt{Span: p.missing()}
	}
	f.Span = p.span(start)
	return f
}

func (p *parser) atDeclKeyword() bool {
	switch p.tok.Kind {
	case TokFn, TokStruct, TokVar, TokConst, TokOverride, TokAlias, TokConstAssert:
		return true
	}
	return false
}

func (p *parser) parseParam() *Param {
	start := int(p.tok.Start)
	prm := p.arena.params.alloc()
	prm.Attrs = p.parseAttrs()
	prm.Name = p.ident("parameter name")
	if p.expect(TokColon, " after parameter name") || p.at(TokIdent) {
		prm.Type = p.parseType()
	} else {
		prm.Type = &BadExpr{Span: p.missing()}
	}
	prm.Span = p.span(start)
	return prm
}

func (p *parser) parseStruct(attrs []*Attribute, start int) *StructDecl {
	p.next()
	d := p.arena.structs.alloc()
	d.Attrs = attrs
	d.Name = p.ident("struct name")
	if !p.expect(TokLBrace, " after struct name") {
		d.Span = p.span(start)
		return d
	}
	var members gather[*StructMember]
	for !p.at(TokRBrace) && !p.at(TokEOF) && !p.atDeclKeywordNotMember() {
		if p.at(TokAt) {
			if k, _ := p.kindAfterAttrs(); k != TokIdent {
				break // attributes of the next declaration: a '}' is missing
			}
		}
		before := p.pos
		mstart := int(p.tok.Start)
		m := p.arena.structMembers.alloc()
		m.Attrs = p.parseAttrs()
		m.Name = p.ident("struct member name")
		if p.expect(TokColon, " after struct member name") || p.at(TokIdent) {
			m.Type = p.parseType()
		} else {
			m.Type = &BadExpr{Span: p.missing()}
		}
		m.Span = p.span(mstart)
		members.add(m)
		if p.got(TokComma) {
			p.needSync = false
			continue
		}
		if p.at(TokRBrace) {
			break
		}
		if p.at(TokSemicolon) {
			p.errHere("struct members are separated by ',', not ';'")
			p.next()
		} else if p.tok.Kind == TokIdent || p.at(TokAt) {
			e := p.prevEnd()
			p.errAt(diag.Span{Start: e, End: e}, "expected ',' after struct member, found "+p.found())
		} else {
			p.expected("',' or '}' after struct member")
			// Skip to the next member or the end of the struct.
			for !p.at(TokComma) && !p.at(TokRBrace) && !p.at(TokEOF) && !p.atDeclKeywordNotMember() {
				p.next()
			}
			p.got(TokComma)
		}
		p.needSync = false
		if p.pos == before {
			p.next()
		}
	}
	d.Members = p.arena.memberLists.list(members.items(), p.arena.memberChunk)
	if !p.got(TokRBrace) {
		p.expected("'}' to close the struct")
	}
	p.needSync = false
	d.Span = p.span(start)
	return d
}

// atDeclKeywordNotMember reports a module keyword that cannot start a struct
// member: a sign of a missing '}'.
func (p *parser) atDeclKeywordNotMember() bool {
	switch p.tok.Kind {
	case TokFn, TokStruct, TokVar, TokConst, TokOverride, TokAlias, TokConstAssert, TokLet:
		return true
	}
	return false
}

// Message fragments per declaration kind, precomputed to keep string
// building off the parser's hot path.
var (
	varNameWhat    = [...]string{VarVar: "name for var declaration", VarLet: "name for let declaration", VarConst: "name for const declaration", VarOverride: "name for override declaration"}
	varSemiContext = [...]string{VarVar: " after var declaration", VarLet: " after let declaration", VarConst: " after const declaration", VarOverride: " after override declaration"}
)
