package format

import (
	"unicode/utf8"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// printer lays the tokens of a parsed file out again. It decides, for each
// pair of neighbouring tokens, between nothing, one space and a line break
// (with indentation), from the token kinds, a stack of open brackets and
// whether the source had a line break (or a blank line) there. Everything it
// depends on survives formatting, which makes it idempotent.
type printer struct {
	src  []byte
	toks []syntax.Token
	unit string

	breaks  []int  // line breaks in the blankspace before each token
	attrEnd []bool // the token ends an attribute (`@name` or `@name(...)`)

	out    []byte
	tokOut []int // start of each token in out
	level  int   // indentation level of the current output line
	lineNo int   // number of the current output line (0-based)
	bol    int   // offset in out of the current line's first token

	trailing []trailer // line comments after code, to align

	stack   []frame
	pending bool // a line break is required before the next significant token
	lastTok int  // index of the last written token (-1: none)
	lastSig int  // index of the last written significant token (-1: none)
}

// trailer is a line comment written after code on its line.
type trailer struct {
	pos   int // the comment's offset in out
	bol   int // offset in out of its line's first token
	line  int // its line number
	level int // its line's indentation level
}

// frame is one open bracket: '{', '(', '[' or '<' (a template list).
type frame struct {
	kind    byte
	indent  int  // indentation level of the output line it was opened on
	fields  bool // a struct body: members end with ',' and a line break
	compact bool // a one-statement block the author wrote on one line: kept that way
}

func newPrinter(src []byte, toks []syntax.Token, opts Options) *printer {
	p := &printer{
		src: src, toks: toks, unit: opts.indentUnit(),
		breaks: make([]int, len(toks)), attrEnd: make([]bool, len(toks)),
		out: make([]byte, 0, len(src)+len(src)/8+16), tokOut: make([]int, len(toks)),
		lastTok: -1, lastSig: -1,
	}
	prev := 0
	for i, t := range toks {
		p.breaks[i] = countBreaks(src[prev:t.Start])
		prev = int(t.End)
	}
	p.markAttributes()
	return p
}

// countBreaks counts line breaks in a stretch of blankspace: "\n", "\r\n",
// a lone "\r", "\v", "\f", U+0085, U+2028 and U+2029.
func countBreaks(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n', '\v', '\f':
			n++
		case '\r':
			if i+1 >= len(b) || b[i+1] != '\n' {
				n++
			}
		case 0xC2:
			if i+1 < len(b) && b[i+1] == 0x85 {
				n++
			}
		case 0xE2:
			if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
				n++
			}
		}
	}
	return n
}

// markAttributes sets attrEnd on the last token of each attribute.
func (p *printer) markAttributes() {
	sig := p.nextSig
	for i, t := range p.toks {
		if t.Kind != syntax.TokAt {
			continue
		}
		name := sig(i + 1)
		if name < 0 {
			continue
		}
		end := name
		if open := sig(name + 1); open >= 0 && p.toks[open].Kind == syntax.TokLParen {
			depth := 0
			for j := open; j < len(p.toks); j++ {
				switch p.toks[j].Kind {
				case syntax.TokLParen:
					depth++
				case syntax.TokRParen:
					depth--
				}
				if depth == 0 {
					end = j
					break
				}
			}
		}
		p.attrEnd[end] = true
	}
}

// nextSig returns the index of the first significant token at or after i, or -1.
func (p *printer) nextSig(i int) int {
	for ; i < len(p.toks); i++ {
		if !p.toks[i].Kind.IsComment() {
			return i
		}
	}
	return -1
}

func (p *printer) kind(i int) syntax.TokenKind {
	if i < 0 || i >= len(p.toks) {
		return syntax.TokEOF
	}
	return p.toks[i].Kind
}

func (p *printer) text(i int) []byte { return p.src[p.toks[i].Start:p.toks[i].End] }

func (p *printer) bytes() []byte {
	p.alignTrailing()
	if len(p.out) > 0 {
		p.out = append(p.out, '\n')
	}
	return p.out
}

func (p *printer) run() {
	for i := 0; i < len(p.toks); i++ {
		if p.toks[i].Kind.IsComment() {
			p.comment(i)
			continue
		}
		p.token(i)
		// An empty body prints as `{}`.
		if p.toks[i].Kind == syntax.TokLBrace && p.kind(i+1) == syntax.TokRBrace {
			i++
			p.emit(i)
			p.stack = p.stack[:len(p.stack)-1]
			p.lastSig, p.lastTok = i, i
			p.pending = false
			p.afterCloseBrace(i)
		}
	}
}

// comment writes a comment: on its own line if the source had it so (or
// the file starts with it), else after the previous token on its line.
func (p *printer) comment(i int) {
	switch {
	case len(p.out) == 0:
	case p.breaks[i] > 0:
		p.newline(i, p.breaks[i] >= 2 && !p.afterOpenBrace(), frame{})
		if p.toks[i].Kind == syntax.TokBlockComment {
			p.pending = false // code after it may follow on its line
		}
	default:
		if p.spaceBefore(i) {
			p.out = append(p.out, ' ')
		}
		if p.toks[i].Kind == syntax.TokLineComment {
			p.trailing = append(p.trailing, trailer{pos: len(p.out), bol: p.bol, line: p.lineNo, level: p.level})
		}
	}
	p.emit(i)
	p.lastTok = i
	if p.toks[i].Kind == syntax.TokLineComment {
		p.pending = true
	}
}

// token writes a significant token.
func (p *printer) token(i int) {
	k := p.toks[i].Kind
	var closed frame
	if isCloser(k) {
		closed = p.closeFrame()
	}
	switch {
	case len(p.out) == 0:
	case p.pending || (k == syntax.TokRBrace && !closed.compact) || (p.breaks[i] > 0 && p.keepBreak(i)):
		p.newline(i, p.breaks[i] >= 2 && !p.afterOpenBrace() && k != syntax.TokRBrace, closed)
	default:
		if p.spaceBefore(i) {
			p.out = append(p.out, ' ')
		}
	}
	p.pending = false
	p.emit(i)

	switch k {
	case syntax.TokLBrace:
		fields := p.kind(p.prevSigBefore(p.lastSig)) == syntax.TokStruct
		compact := !fields && p.oneLineBlock(i)
		p.stack = append(p.stack, frame{kind: '{', indent: p.level, fields: fields, compact: compact})
		p.pending = !compact
	case syntax.TokLParen:
		p.stack = append(p.stack, frame{kind: '(', indent: p.level})
	case syntax.TokLBracket:
		p.stack = append(p.stack, frame{kind: '[', indent: p.level})
	case syntax.TokTemplateStart:
		p.stack = append(p.stack, frame{kind: '<', indent: p.level})
	case syntax.TokSemicolon:
		if top := p.top(); top == nil || (top.kind == '{' && !top.compact) {
			p.pending = true
		}
	case syntax.TokComma:
		if top := p.top(); top != nil && top.fields {
			p.pending = true
		}
	}
	p.lastSig, p.lastTok = i, i
	if k == syntax.TokRBrace {
		p.afterCloseBrace(i)
	}
}

// afterCloseBrace requires a line break after a `}` unless `else` or `;`
// follows.
func (p *printer) afterCloseBrace(i int) {
	switch p.kind(p.nextSig(i + 1)) {
	case syntax.TokElse, syntax.TokSemicolon:
	default:
		p.pending = true
	}
}

func (p *printer) prevSigBefore(i int) int {
	for i--; i >= 0; i-- {
		if !p.toks[i].Kind.IsComment() {
			return i
		}
	}
	return -1
}

func (p *printer) top() *frame {
	if len(p.stack) == 0 {
		return nil
	}
	return &p.stack[len(p.stack)-1]
}

func isCloser(k syntax.TokenKind) bool {
	return k == syntax.TokRBrace || k == syntax.TokRParen || k == syntax.TokRBracket || k == syntax.TokTemplateEnd
}

// closeFrame pops and returns the frame a closing token ends (the source
// parsed, so the brackets match).
func (p *printer) closeFrame() frame {
	n := len(p.stack)
	if n == 0 {
		return frame{}
	}
	f := p.stack[n-1]
	p.stack = p.stack[:n-1]
	return f
}

// oneLineBlock reports whether the block opened by the '{' at i holds at
// most one statement, no comment, no nested block and no line break in the
// source: such a block stays on one line (`case 1u: { r = a; }`).
func (p *printer) oneLineBlock(i int) bool {
	semis := 0
	for j := i + 1; j < len(p.toks); j++ {
		if p.breaks[j] > 0 {
			return false
		}
		switch p.toks[j].Kind {
		case syntax.TokLineComment, syntax.TokBlockComment, syntax.TokLBrace:
			return false
		case syntax.TokSemicolon:
			if semis++; semis > 1 {
				return false
			}
		case syntax.TokRBrace:
			return true
		}
	}
	return false
}

func (p *printer) afterOpenBrace() bool {
	return p.lastTok >= 0 && p.lastTok == p.lastSig && p.toks[p.lastTok].Kind == syntax.TokLBrace
}

func (p *printer) emit(i int) {
	p.tokOut[i] = len(p.out)
	t := p.text(i)
	p.out = append(p.out, t...)
	if p.toks[i].Kind == syntax.TokBlockComment {
		p.lineNo += countBreaks(t)
	}
}

// newline ends the line, adds a blank line if asked, and indents for token
// i, which closes the bracket closed if that is not zero.
func (p *printer) newline(i int, blank bool, closed frame) {
	p.out = append(p.out, '\n')
	p.lineNo++
	if blank {
		p.out = append(p.out, '\n')
		p.lineNo++
	}
	p.level = p.indent(i, closed)
	for n := p.level; n > 0; n-- {
		p.out = append(p.out, p.unit...)
	}
	p.bol = len(p.out)
}

// indent is the indentation level of a line starting with token i. closed
// is the bracket token i closes (zero if none; already popped). Inside
// parentheses, brackets or a template list the line is indented one level
// more than the line where the innermost one opened, and a closing bracket
// that starts a line goes back to that line's level. Otherwise the level is
// the number of open braces, plus one if the line continues a statement.
func (p *printer) indent(i int, closed frame) int {
	if closed.kind != 0 && closed.kind != '{' {
		return closed.indent
	}
	braces := 0
	var inner *frame
	for j := range p.stack {
		if p.stack[j].kind == '{' {
			braces++
			inner = nil
		} else {
			inner = &p.stack[j]
		}
	}
	if inner != nil {
		return inner.indent + 1
	}
	if p.continues(i) {
		return braces + 1
	}
	return braces
}

// continues reports whether a line starting with token i continues the
// statement or declaration of the previous line.
func (p *printer) continues(i int) bool {
	if p.lastSig < 0 || p.toks[i].Kind == syntax.TokRBrace {
		return false
	}
	if p.attrEnd[p.lastSig] {
		return false
	}
	switch p.toks[p.lastSig].Kind {
	case syntax.TokSemicolon, syntax.TokLBrace, syntax.TokRBrace:
		return false
	case syntax.TokComma:
		if top := p.top(); top != nil && top.kind == '{' {
			return false
		}
	}
	return true
}

// keepBreak reports whether the source's line break before token i is kept:
// it is dropped where a token belongs on the line before (`;`, `,`, `:`,
// `{`, `.`, a call's `(`, an index's `[`, a template list, `else`) and after
// `@`, `.`, `->` and unary operators. A line comment always ends its line.
func (p *printer) keepBreak(i int) bool {
	if p.lastTok != p.lastSig {
		return true // after a block comment that ended its line
	}
	prev := p.toks[p.lastSig].Kind
	switch p.toks[i].Kind {
	case syntax.TokSemicolon, syntax.TokComma, syntax.TokColon, syntax.TokLBrace, syntax.TokPeriod,
		syntax.TokTemplateStart, syntax.TokTemplateEnd, syntax.TokElse, syntax.TokPlusPlus, syntax.TokMinusMinus,
		syntax.TokArrow:
		return false
	case syntax.TokLParen:
		if prev == syntax.TokIdent || prev == syntax.TokTemplateEnd || prev == syntax.TokDiagnostic {
			return false
		}
	case syntax.TokLBracket:
		if endsOperand(prev) {
			return false
		}
	}
	switch prev {
	case syntax.TokAt, syntax.TokPeriod, syntax.TokArrow, syntax.TokBang, syntax.TokTilde:
		return false
	}
	return !p.unary(p.lastSig)
}

// endsOperand reports whether a token of kind k can end an operand, so that
// an operator after it is binary.
func endsOperand(k syntax.TokenKind) bool {
	switch k {
	case syntax.TokIdent, syntax.TokIntLit, syntax.TokFloatLit, syntax.TokTrue, syntax.TokFalse,
		syntax.TokRParen, syntax.TokRBracket, syntax.TokTemplateEnd, syntax.TokUnderscore:
		return true
	}
	return false
}

// unary reports whether the operator token i is a prefix operator.
func (p *printer) unary(i int) bool {
	switch p.toks[i].Kind {
	case syntax.TokBang, syntax.TokTilde:
		return true
	case syntax.TokMinus, syntax.TokStar, syntax.TokAnd, syntax.TokAndAnd:
		return !endsOperand(p.kind(p.prevSigBefore(i)))
	}
	return false
}

// spaceBefore decides between nothing and one space before token i on the
// same line as the last written token.
func (p *printer) spaceBefore(i int) bool {
	prevI := p.lastTok
	prev, next := p.toks[prevI].Kind, p.toks[i].Kind
	space := p.wantSpace(prevI, i, prev, next)
	if !space && mayMerge(p.text(prevI), p.text(i)) {
		return true
	}
	return space
}

func (p *printer) wantSpace(prevI, i int, prev, next syntax.TokenKind) bool {
	switch prev {
	case syntax.TokLParen, syntax.TokLBracket, syntax.TokTemplateStart, syntax.TokAt, syntax.TokPeriod:
		return false
	}
	if prev.IsComment() || next.IsComment() {
		switch next {
		case syntax.TokComma, syntax.TokSemicolon, syntax.TokRParen, syntax.TokRBracket, syntax.TokTemplateEnd:
			return false
		}
		return true
	}
	if p.unary(prevI) {
		return false
	}
	switch next {
	case syntax.TokRParen, syntax.TokRBracket, syntax.TokTemplateEnd, syntax.TokComma, syntax.TokSemicolon,
		syntax.TokColon, syntax.TokPeriod, syntax.TokTemplateStart:
		return false
	case syntax.TokPlusPlus, syntax.TokMinusMinus:
		return !endsOperand(prev)
	case syntax.TokLParen:
		return !(prev == syntax.TokIdent || prev == syntax.TokTemplateEnd || prev == syntax.TokDiagnostic)
	case syntax.TokLBracket:
		return !endsOperand(prev)
	}
	return true
}

// mayMerge reports whether writing a and b with nothing between them could
// lex differently from a then b (`- -x` written `--x`, `/ /*c*/`, `a b`).
// Pairs that cannot merge are decided from their boundary bytes; the rest
// are lexed.
func mayMerge(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 || (len(a) == 1 && a[0] == '>' && b[0] == '>') {
		// Template-list discovery splits `>>` after a list's closing '>'.
		return false
	}
	x, y := a[len(a)-1], b[0]
	if isBracket(x) || isBracket(y) {
		return false
	}
	wx, wy := isWordByte(x), isWordByte(y)
	switch {
	case wx && wy:
		return true
	case wx && y == '.':
		if !isDigitByte(a[0]) {
			return false // member access after a name or a call
		}
	case x == '.' && wy:
		if !isDigitByte(y) {
			return false
		}
	case wx || wy:
		return false // a word beside an operator
	}
	joined := make([]byte, 0, len(a)+len(b))
	joined = append(append(joined, a...), b...)
	toks := syntax.Lex(joined)
	return len(toks) != 3 || int(toks[0].End) != len(a)
}

func isBracket(c byte) bool {
	switch c {
	case '(', ')', '[', ']', '{', '}', ',', ';', ':', '@':
		return true
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 0x80 || isDigitByte(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// alignTrailing lines up the line comments that end consecutive lines of
// the same indentation level, as gofmt does:
//
//	count: u32,      // instances
//	fuel_slice: u32, // instructions per dispatch
//
// Widths count code points. tokOut is shifted to match.
func (p *printer) alignTrailing() {
	type pad struct{ pos, n int }
	var pads []pad
	for start := 0; start < len(p.trailing); {
		end := start + 1
		for end < len(p.trailing) && p.trailing[end].line == p.trailing[end-1].line+1 &&
			p.trailing[end].level == p.trailing[start].level {
			end++
		}
		width := func(t trailer) int { return utf8.RuneCount(p.out[t.bol:t.pos]) }
		widest := 0
		for _, t := range p.trailing[start:end] {
			widest = max(widest, width(t))
		}
		for _, t := range p.trailing[start:end] {
			if n := widest - width(t); n > 0 {
				pads = append(pads, pad{t.pos, n})
			}
		}
		start = end
	}
	if len(pads) == 0 {
		return
	}
	total := 0
	for _, pd := range pads {
		total += pd.n
	}
	out := make([]byte, 0, len(p.out)+total)
	last, shift, k := 0, 0, 0
	for _, pd := range pads {
		out = append(out, p.out[last:pd.pos]...)
		for ; k < len(p.tokOut) && p.tokOut[k] < pd.pos; k++ {
			p.tokOut[k] += shift
		}
		for range pd.n {
			out = append(out, ' ')
		}
		shift += pd.n
		last = pd.pos
	}
	out = append(out, p.out[last:]...)
	for ; k < len(p.tokOut); k++ {
		p.tokOut[k] += shift
	}
	p.out = out
}
