package syntax

import (
	"unicode"
	"unicode/utf8"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// Lex returns every token of src in order, comments included, ending with a
// TokEOF token whose span is the zero-length range at len(src). Template
// lists are already discovered (see the spec's "Template list discovery"):
// the '<' and '>' that delimit one are TokTemplateStart and TokTemplateEnd,
// and a '>>' or '>=' whose first '>' closes a template list is split into
// TokTemplateEnd followed by '>' or '='. Lex never fails: bytes that start
// no token become TokInvalid tokens, NUL bytes are skipped like blankspace,
// and an unterminated block comment runs to the end (Parse reports all
// three).
func Lex(src []byte) []Token {
	l := lexer{src: src, keepComments: true}
	l.run()
	return l.toks
}

// lexer turns bytes into tokens and runs template-list discovery on the fly:
// discovery only needs the tokens seen so far plus a stack of candidate '<'.
type lexer struct {
	src          []byte
	pos          int
	toks         []Token
	diags        []diag.Diagnostic
	keepComments bool

	// stats feeds arena.plan; the fields after it are the context it is
	// counted in.
	stats      tokenStats
	last       TokenKind  // kind of the last token emitted
	identKind  identClass // what the last identifier emitted is (see identClasses)
	parens     int32      // '(' not yet closed
	braces     int32      // '{' not yet closed
	paramsAt   int32      // parens inside a fn header's '(' (0: not in a header)
	declHeader bool       // a '=' now ends a let, const, var, override or alias header
	inCase     bool       // between 'case' and the ':' or '{' that ends its selectors

	// Template list discovery state (spec: "pending" and "nesting depth").
	pending    []candidate
	depth      int
	afterIdent bool // the last significant token matches ident_pattern_token
}

type candidate struct {
	tok   int // index in toks of the '<'
	depth int
}

func (l *lexer) errorf(start, end int, code, msg string) {
	l.diags = append(l.diags, diag.Diagnostic{
		Span: diag.Span{Start: start, End: end}, Severity: diag.Error, Code: code, Message: msg,
	})
}

func (l *lexer) emit(k TokenKind, start, end int) {
	l.toks = append(l.toks, Token{Kind: k, Start: int32(start), End: int32(end)})
	l.stats.counts[k]++
	l.last = k
}

// emitIdent emits an identifier token (not a keyword) for src[start:end].
func (l *lexer) emitIdent(start, end int) {
	k := identClasses[l.last]
	if k != plainIdent {
		l.stats.names++
	}
	l.identKind = k
	l.emit(TokIdent, start, end)
}

// identClass tells what an identifier is from the token before it.
type identClass uint8

const (
	plainIdent  identClass = iota // maybe an identifier expression
	nameIdent                     // a member, attribute or declaration name
	fnNameIdent                   // the name of a fn
)

// identClasses maps the kind of the token before an identifier to the
// identifier's class: names follow '.', '@', fn, struct, alias, let,
// const, override and var.
var identClasses = [256]identClass{
	TokPeriod: nameIdent, TokAt: nameIdent, TokFn: fnNameIdent, TokStruct: nameIdent,
	TokAlias: nameIdent, TokLet: nameIdent, TokConst: nameIdent, TokOverride: nameIdent,
	TokVar: nameIdent,
}

// tokenStats counts what arena.plan sizes the parser's slabs from.
type tokenStats struct {
	// counts[k] is how many tokens of kind k were emitted (a '<' later
	// marked as TokTemplateStart still counts as TokLt).
	counts [256]int32 // indexed by TokenKind: 256 entries need no bounds check
	// names counts the identifiers right after '.', '@', fn, struct,
	// alias, let, const, override or var, or right before a ':' outside a
	// case's selectors: in valid code member, attribute, declaration,
	// parameter and struct member names, never identifier expressions.
	names int32
	// callParens counts the '(' right after an identifier that is not a
	// name, or after a template list's '>': where calls start.
	callParens int32
	// exprParens counts the '(' after anything but an identifier, a
	// template list or 'for': where parenthesized expressions start.
	exprParens int32
	// binaryAmbig and unaryAmbig split the '-', '*' and '&' tokens by what
	// precedes them: the last token of an operand (or '.', whose member
	// may be missing) for a binary operator, anything else for a unary one.
	binaryAmbig, unaryAmbig int32
	// params counts the '(' that open a fn header and the ',' directly
	// inside one: one more than the parameters of each header.
	params int32
	// members counts the names before a ':' outside parentheses: struct
	// members, among others.
	members int32
	// topDecls counts the declaration keywords outside braces.
	topDecls int32
	// declEqs counts the '=' that end a declaration header.
	declEqs int32
}

// operandEnd marks the token kinds that can end an operand (and '.').
var operandEnd = [256]bool{
	TokIdent: true, TokIntLit: true, TokFloatLit: true, TokTrue: true, TokFalse: true,
	TokRParen: true, TokRBracket: true, TokTemplateEnd: true, TokPeriod: true,
}

// closeOrClear applies the discovery rules for tokens that reset it.
func (l *lexer) clearPending() {
	l.pending = l.pending[:0]
	l.depth = 0
}

// popToDepth pops candidates at or deeper than the current nesting depth.
func (l *lexer) popToDepth() {
	for n := len(l.pending); n > 0 && l.pending[n-1].depth >= l.depth; n = len(l.pending) {
		l.pending = l.pending[:n-1]
	}
}

// closesTemplate reports whether a '>' at the current depth ends the
// innermost candidate list, and if so marks both ends.
func (l *lexer) tryCloseTemplate(at int) bool {
	n := len(l.pending)
	if n == 0 || l.pending[n-1].depth != l.depth {
		return false
	}
	l.toks[l.pending[n-1].tok].Kind = TokTemplateStart
	l.pending = l.pending[:n-1]
	l.emit(TokTemplateEnd, at, at+1)
	return true
}

func (l *lexer) run() {
	if l.toks == nil {
		l.toks = make([]Token, 0, len(l.src)/3+16)
	}
	src := l.src
	for {
		// Blankspace.
		pos := l.pos
		for pos < len(src) {
			c := src[pos]
			if isASCIIBlank[c] {
				pos++
				continue
			}
			if c >= 0x80 {
				if n := blankspaceLen(src[pos:]); n > 0 {
					pos += n
					continue
				}
			}
			break
		}
		l.pos = pos
		if pos >= len(src) {
			l.emit(TokEOF, len(src), len(src))
			return
		}
		start := pos
		c := src[start]
		after := false // whether this token matches ident_pattern_token
		switch byteClass[c] {
		case classIdent:
			p := start + 1
			for p < len(src) {
				b := src[p]
				if isASCIIIdentCont[b] {
					p++
					continue
				}
				if b >= 0x80 {
					r, n := utf8.DecodeRune(src[p:])
					if isXIDContinue(r) {
						p += n
						continue
					}
				}
				break
			}
			l.pos = p
			if c != '_' && !mayBeKeyword(src[start:p]) {
				l.emitIdent(start, p) // the common case
				after = true
			} else {
				l.ident(start, p)
				after = p-start > 1 || c != '_'
			}
		case classDigit:
			l.number(start)
		case classOpen: // ( [
			l.depth++
			if c == '(' {
				l.parens++
				switch {
				case l.last == TokTemplateEnd || l.last == TokIdent && l.identKind == plainIdent:
					l.stats.callParens++
				case l.last != TokIdent && l.last != TokFor:
					l.stats.exprParens++
				}
				if l.last == TokIdent && l.identKind == fnNameIdent {
					l.paramsAt = l.parens
					l.stats.params++
				}
			}
			l.pos = start + 1
			l.emit(singleKind[c], start, start+1)
		case classClose: // ) ]
			l.popToDepth()
			if c == ')' && l.parens > 0 {
				if l.parens == l.paramsAt {
					l.paramsAt = 0
				}
				l.parens--
			}
			if l.depth > 0 {
				l.depth--
			}
			l.pos = start + 1
			l.emit(singleKind[c], start, start+1)
		case classReset: // { ; :
			l.clearPending()
			if c == ':' {
				if l.last == TokIdent && l.identKind == plainIdent && !l.inCase {
					l.stats.names++
					if l.parens == 0 {
						l.stats.members++
					}
				}
			} else {
				l.declHeader = false
				l.paramsAt = 0
				if c == '{' {
					l.braces++
				}
			}
			l.inCase = false
			l.pos = start + 1
			l.emit(singleKind[c], start, start+1)
		case classSingle: // } , @ ~
			if c == ',' && l.paramsAt != 0 && l.paramsAt == l.parens {
				l.stats.params++
			} else if c == '}' && l.braces > 0 {
				l.braces--
			}
			l.pos = start + 1
			l.emit(singleKind[c], start, start+1)
		case classPeriod:
			if start+1 < len(src) && isDigit(src[start+1]) {
				l.number(start)
			} else {
				l.pos = start + 1
				l.emit(TokPeriod, start, start+1)
			}
		case classNonASCII:
			r, n := utf8.DecodeRune(src[start:])
			if isXIDStart(r) {
				p := start + n
				for p < len(src) {
					r, n := utf8.DecodeRune(src[p:])
					if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r >= '0' && r <= '9') || r >= 0x80 && isXIDContinue(r) {
						p += n
						continue
					}
					break
				}
				l.pos = p
				l.emitIdent(start, p)
				after = true
			} else {
				l.pos = start + n
				l.emit(TokInvalid, start, l.pos)
			}
		default:
			if l.punct(start) {
				continue // comment: keeps afterIdent
			}
		}
		l.afterIdent = after
	}
}

// ident emits an identifier or keyword token for src[start:end].
func (l *lexer) ident(start, end int) {
	word := l.src[start:end]
	if len(word) == 1 && word[0] == '_' {
		l.emit(TokUnderscore, start, end)
		return
	}
	if k, ok := lookupKeyword(word); ok {
		if l.last == TokAt && k != tokReserved {
			// An attribute name such as @const: it introduces nothing.
			l.emit(k, start, end)
			l.last, l.identKind = TokIdent, nameIdent
			return
		}
		switch k {
		case tokReserved:
			l.errorf(start, end, "reserved-word", "'"+string(word)+"' is a reserved word and cannot be used as an identifier")
			l.emitIdent(start, end)
			return
		case TokLet, TokConst, TokVar, TokOverride, TokAlias:
			l.declHeader = true
			if l.braces == 0 {
				l.stats.topDecls++
			}
		case TokFn, TokStruct, TokConstAssert:
			if l.braces == 0 {
				l.stats.topDecls++
			}
		case TokCase:
			l.inCase = true
		}
		l.emit(k, start, end)
		return
	}
	if len(word) >= 2 && word[0] == '_' && word[1] == '_' {
		l.errorf(start, end, "reserved-word", "identifiers must not start with '__'")
	}
	l.emitIdent(start, end)
}

// Byte classes for the lexer's first dispatch: the single-byte tokens that
// no following byte can extend get their own classes by what they do to
// template-list discovery; everything else (operators, comments, invalid
// bytes) goes through punct.
const (
	classOther    uint8 = iota
	classIdent          // a-z A-Z _
	classDigit          // 0-9
	classOpen           // ( [: one nesting level deeper
	classClose          // ) ]: one level shallower
	classReset          // { ; : end every pending template list
	classSingle         // } , @ ~
	classPeriod         // . (or the start of a number such as .5)
	classNonASCII       // a byte >= 0x80
)

var byteClass, singleKind = func() (cl [256]uint8, k [256]TokenKind) {
	for b := 0; b < 256; b++ {
		switch {
		case isASCIIIdentStart[b]:
			cl[b] = classIdent
		case b >= '0' && b <= '9':
			cl[b] = classDigit
		case b >= 0x80:
			cl[b] = classNonASCII
		}
	}
	for _, e := range []struct {
		b     byte
		class uint8
		kind  TokenKind
	}{
		{'(', classOpen, TokLParen}, {'[', classOpen, TokLBracket},
		{')', classClose, TokRParen}, {']', classClose, TokRBracket},
		{'{', classReset, TokLBrace}, {';', classReset, TokSemicolon}, {':', classReset, TokColon},
		{'}', classSingle, TokRBrace}, {',', classSingle, TokComma}, {'@', classSingle, TokAt},
		{'~', classSingle, TokTilde}, {'.', classPeriod, TokPeriod},
	} {
		cl[e.b], k[e.b] = e.class, e.kind
	}
	return
}()

// isASCIIBlank marks the ASCII blankspace bytes, plus NUL, which the lexer
// skips (Parse reports every NUL once).
var isASCIIBlank = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true, 0: true}

// ASCII character classes for the identifier fast path.
var isASCIIIdentStart, isASCIIIdentCont = func() (s, c [256]bool) {
	for b := 0; b < 128; b++ {
		letter := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
		s[b] = letter
		c[b] = letter || b >= '0' && b <= '9'
	}
	return
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// number lexes an integer or float literal starting at start.
func (l *lexer) number(start int) {
	src := l.src
	p := start
	float := false
	if src[p] == '0' && p+1 < len(src) && (src[p+1] == 'x' || src[p+1] == 'X') {
		p += 2
		digits := 0
		for p < len(src) && isHexDigit(src[p]) {
			p++
			digits++
		}
		if p < len(src) && src[p] == '.' {
			float = true
			p++
			for p < len(src) && isHexDigit(src[p]) {
				p++
				digits++
			}
		}
		if digits == 0 {
			l.errorf(start, p, "syntax-error", "hexadecimal literal has no digits")
		}
		exp := false
		if p < len(src) && (src[p] == 'p' || src[p] == 'P') {
			q := p + 1
			if q < len(src) && (src[q] == '+' || src[q] == '-') {
				q++
			}
			if q < len(src) && isDigit(src[q]) {
				float, exp = true, true
				for q < len(src) && isDigit(src[q]) {
					q++
				}
				p = q
			}
		}
		if p < len(src) {
			switch s := src[p]; {
			case exp && (s == 'f' || s == 'h'):
				p++
			case !float && (s == 'i' || s == 'u'):
				p++
			}
		}
	} else {
		intStart := p
		for p < len(src) && isDigit(src[p]) {
			p++
		}
		intDigits := p - intStart
		if p < len(src) && src[p] == '.' && (intDigits > 0 || p+1 < len(src) && isDigit(src[p+1])) {
			float = true
			p++
			for p < len(src) && isDigit(src[p]) {
				p++
			}
		}
		if p < len(src) && (src[p] == 'e' || src[p] == 'E') {
			q := p + 1
			if q < len(src) && (src[q] == '+' || src[q] == '-') {
				q++
			}
			if q < len(src) && isDigit(src[q]) {
				float = true
				for q < len(src) && isDigit(src[q]) {
					q++
				}
				p = q
			}
		}
		if p < len(src) {
			switch s := src[p]; {
			case s == 'f' || s == 'h':
				float = true
				p++
			case !float && (s == 'i' || s == 'u'):
				p++
			}
		}
		if intDigits > 1 && src[intStart] == '0' && !float {
			l.errorf(start, p, "syntax-error", "integer literal must not have leading zeros")
		} else if intDigits > 1 && src[intStart] == '0' && p-start == intDigits+1 && (src[p-1] == 'f' || src[p-1] == 'h') {
			l.errorf(start, p, "syntax-error", "float literal must not have leading zeros")
		}
	}
	l.pos = p
	if float {
		l.emit(TokFloatLit, start, p)
	} else {
		l.emit(TokIntLit, start, p)
	}
}

// punct lexes an operator or comment at start (run handles the single-byte
// punctuation of byteClass). It reports whether the token was a comment
// (which leaves discovery state unchanged).
func (l *lexer) punct(start int) bool {
	src := l.src
	c := src[start]
	next := byte(0)
	if start+1 < len(src) {
		next = src[start+1]
	}
	next2 := byte(0)
	if start+2 < len(src) {
		next2 = src[start+2]
	}
	k, n := TokInvalid, 1
	switch c {
	case '/':
		switch next {
		case '/':
			l.lineComment(start)
			return true
		case '*':
			l.blockComment(start)
			return true
		case '=':
			k, n = TokSlashEq, 2
			l.clearPending()
		default:
			k = TokSlash
		}
	case '<':
		if l.afterIdent {
			// A template-list candidate unless it is '<<' or '<='.
			if next == '<' || next == '=' {
				if next == '=' {
					k, n = TokLtEq, 2
				} else if next2 == '=' {
					k, n = TokShlEq, 3
					l.clearPending()
				} else {
					k, n = TokShl, 2
				}
			} else {
				l.pending = append(l.pending, candidate{tok: len(l.toks), depth: l.depth})
				k = TokLt
			}
			break
		}
		switch {
		case next == '=':
			k, n = TokLtEq, 2
			l.clearPending() // the spec sees a lone '=' here
		case next == '<' && next2 == '=':
			k, n = TokShlEq, 3
			l.clearPending()
		case next == '<':
			k, n = TokShl, 2
		default:
			k = TokLt
		}
	case '>':
		if l.tryCloseTemplate(start) {
			l.pos = start + 1
			return false
		}
		switch {
		case next == '=':
			k, n = TokGtEq, 2
		case next == '>' && next2 == '=':
			k, n = TokShrEq, 3
		case next == '>':
			k, n = TokShr, 2
		default:
			k = TokGt
		}
	case '=':
		if next == '=' {
			k, n = TokEqEq, 2
		} else {
			k = TokEq
			l.clearPending()
			if l.declHeader {
				l.declHeader = false
				l.stats.declEqs++
			}
		}
	case '!':
		if next == '=' {
			k, n = TokNotEq, 2
		} else {
			k = TokBang
		}
	case '&':
		switch next {
		case '&':
			k, n = TokAndAnd, 2
			l.popToDepth()
		case '=':
			k, n = TokAndEq, 2
			l.clearPending()
		default:
			k = TokAnd
			l.countAmbiguousOp()
		}
	case '|':
		switch next {
		case '|':
			k, n = TokOrOr, 2
			l.popToDepth()
		case '=':
			k, n = TokOrEq, 2
			l.clearPending()
		default:
			k = TokOr
		}
	case '^':
		if next == '=' {
			k, n = TokXorEq, 2
			l.clearPending()
		} else {
			k = TokXor
		}
	case '%':
		if next == '=' {
			k, n = TokPercentEq, 2
			l.clearPending()
		} else {
			k = TokPercent
		}
	case '*':
		if next == '=' {
			k, n = TokStarEq, 2
			l.clearPending()
		} else {
			k = TokStar
			l.countAmbiguousOp()
		}
	case '+':
		switch next {
		case '+':
			k, n = TokPlusPlus, 2
		case '=':
			k, n = TokPlusEq, 2
			l.clearPending()
		default:
			k = TokPlus
		}
	case '-':
		switch next {
		case '-':
			k, n = TokMinusMinus, 2
		case '=':
			k, n = TokMinusEq, 2
			l.clearPending()
		case '>':
			// The spec reads '-' then '>', and that '>' may close a
			// template list; only then is '->' not an arrow.
			if p := len(l.pending); p > 0 && l.pending[p-1].depth == l.depth {
				k = TokMinus
				l.countAmbiguousOp()
			} else {
				k, n = TokArrow, 2
			}
		default:
			k = TokMinus
			l.countAmbiguousOp()
		}
	}
	l.pos = start + n
	l.emit(k, start, l.pos)
	return false
}

// countAmbiguousOp counts a '-', '*' or '&' (see tokenStats.binaryAmbig).
func (l *lexer) countAmbiguousOp() {
	if operandEnd[l.last] {
		l.stats.binaryAmbig++
	} else {
		l.stats.unaryAmbig++
	}
}

func (l *lexer) lineComment(start int) {
	src := l.src
	p := start + 2
	for p < len(src) {
		c := src[p]
		if c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			break
		}
		if c >= 0x80 && isLineBreak(src[p:]) {
			break
		}
		p++
	}
	l.pos = p
	if l.keepComments {
		l.emit(TokLineComment, start, p)
	}
}

func (l *lexer) blockComment(start int) {
	p, closed := BlockCommentEnd(l.src, start)
	if !closed {
		l.errorf(start, start+2, "syntax-error", "unterminated block comment")
	}
	l.pos = p
	if l.keepComments {
		l.emit(TokBlockComment, start, p)
	}
}

// BlockCommentEnd returns the end offset of the block comment that starts
// at src[start:] ("/*"), whose nested comments nest as WGSL says, and
// whether it is closed; an unclosed one ends at len(src).
func BlockCommentEnd(src []byte, start int) (end int, closed bool) {
	nest := 1
	p := start + 2
	for p < len(src) && nest > 0 {
		switch {
		case src[p] == '/' && p+1 < len(src) && src[p+1] == '*':
			nest++
			p += 2
		case src[p] == '*' && p+1 < len(src) && src[p+1] == '/':
			nest--
			p += 2
		default:
			p++
		}
	}
	return p, nest == 0
}

// blankspaceLen returns the length of the non-ASCII blankspace code point at
// the start of b (U+0085, U+200E, U+200F, U+2028, U+2029), or 0.
func blankspaceLen(b []byte) int {
	if len(b) >= 2 && b[0] == 0xC2 && b[1] == 0x85 {
		return 2
	}
	if len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 {
		switch b[2] {
		case 0x8E, 0x8F, 0xA8, 0xA9:
			return 3
		}
	}
	return 0
}

// isLineBreak reports whether b starts with a non-ASCII line break
// (U+0085, U+2028, U+2029).
func isLineBreak(b []byte) bool {
	if len(b) >= 2 && b[0] == 0xC2 && b[1] == 0x85 {
		return true
	}
	return len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0xA8 || b[2] == 0xA9)
}

// isXIDStart approximates Unicode XID_Start with the tables Go ships:
// letters, letter numbers and Other_ID_Start, minus pattern characters.
func isXIDStart(r rune) bool {
	if r == utf8.RuneError {
		return false
	}
	return (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)) &&
		!unicode.Is(unicode.Pattern_Syntax, r) && !unicode.Is(unicode.Pattern_White_Space, r)
}

// isXIDContinue approximates Unicode XID_Continue: XID_Start plus marks,
// decimal digits, connector punctuation and Other_ID_Continue.
func isXIDContinue(r rune) bool {
	if isXIDStart(r) {
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue) &&
		!unicode.Is(unicode.Pattern_Syntax, r) && !unicode.Is(unicode.Pattern_White_Space, r)
}
