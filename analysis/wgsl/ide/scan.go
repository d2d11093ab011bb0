package ide

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// The semantic tokens of a fresh version are the first request an editor
// sends after every keystroke, so they are classified by a dedicated
// scanner rather than from syntax.Lex: it needs no token slice, no
// template-list discovery and no operator kinds, only where comments,
// numbers and words are and whether a word follows '@' or '.'. It covers
// ASCII source (and Unicode blankspace); any other non-ASCII byte outside
// a comment (a Unicode identifier, a stray byte) makes it give up, and
// classifyLexed, driven by syntax.Lex, answers instead. TestScanMatchesLexer
// and FuzzScanMatchesLexer hold the two to the same result.

// wordClass is what a word names when no user declaration claims it.
type wordClass uint8

const (
	wordOther     wordClass = iota // a user name or an unknown one
	wordKeyword                    // a keyword, true or false
	wordBuiltin                    // a builtin function
	wordType                       // a predeclared type or type generator
	wordEnumerant                  // an address space, access mode, texel format, ...
)

// wordClasses holds the class of every predeclared word. A word in two
// lists takes the first class added: builtin over type over enumerant.
var wordClasses = func() map[string]wordClass {
	m := map[string]wordClass{}
	add := func(c wordClass, names ...string) {
		for _, n := range names {
			if _, ok := m[n]; !ok {
				m[n] = c
			}
		}
	}
	for k := syntax.TokAlias; k <= syntax.TokWhile; k++ {
		if k.IsKeyword() {
			add(wordKeyword, k.String())
		}
	}
	add(wordKeyword, "true", "false")
	for _, b := range builtinList { // not builtinTable: filled by an init func, after this
		add(wordBuiltin, b.name)
	}
	for _, l := range [][]string{scalarTypes, genericTypes, handleTypes} {
		add(wordType, l...)
	}
	for _, g := range genericTypes {
		for _, suffix := range []string{"f", "i", "u", "h"} {
			if isTypeName(g + suffix) {
				add(wordType, g+suffix)
			}
		}
	}
	for _, l := range [][]string{addressSpaces, accessModes, texelFormats, builtinValues, interpolationNames} {
		add(wordEnumerant, l...)
	}
	return m
}()

// wordTable is an open-addressing hash table of the predeclared words
// (wordClasses), faster than the map for the one lookup per word the
// scanner makes.
type wordTable struct {
	slots []wordSlot // len is a power of two, at most half full
}

type wordSlot struct {
	word string // "" for an empty slot
	cls  wordClass
}

var predeclared = func() wordTable {
	t := wordTable{slots: make([]wordSlot, 1024)}
	for len(t.slots) < 2*len(wordClasses) {
		t.slots = make([]wordSlot, 2*len(t.slots))
	}
	for w, c := range wordClasses {
		i := wordHash(w) & (len(t.slots) - 1)
		for t.slots[i].word != "" {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = wordSlot{w, c}
	}
	return t
}()

// wordHash mixes a word's length and a few of its bytes.
func wordHash[S string | []byte](w S) int {
	n := len(w)
	return n*0x9E37 ^ int(w[0])*0x3C6EF ^ int(w[n-1])*0x27D4EB ^ int(w[n/2])*0x165667B1>>3 ^ int(w[(n-1)/3])*0x85EBCA6B>>7
}

// class is the class of word (wordOther when it is not predeclared).
func (t wordTable) class(word []byte) wordClass {
	for i := wordHash(word) & (len(t.slots) - 1); ; i = (i + 1) & (len(t.slots) - 1) {
		sl := &t.slots[i]
		if sl.word == "" {
			return wordOther
		}
		if sl.word == string(word) {
			return sl.cls
		}
	}
}

// asciiWordStart and asciiWordCont are the ASCII identifier classes.
var asciiWordStart, asciiWordCont = func() (s, c [256]bool) {
	for b := 0; b < 128; b++ {
		letter := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
		s[b] = letter
		c[b] = letter || b >= '0' && b <= '9'
	}
	return
}()

// asciiBlank marks the bytes the lexer skips (NUL included).
var asciiBlank = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true, 0: true}

// scanClassify classifies the tokens of an ASCII document (see classify),
// taking user-declaration names from occs (sorted by start). ok is false
// when src has a non-ASCII byte outside comments.
func scanClassify(src []byte, occs []nameTok) (out []SemanticToken, ok bool) {
	sc, ok := scanSource(src)
	if !ok {
		return nil, false
	}
	return sc.claim(occs), true
}

// scanned is the classification of an ASCII document before names are
// known: every token, each word classified as if no user declaration
// claimed it, and which words a user declaration may claim.
type scanned struct {
	toks []SemanticToken
	// words are the indexes in toks of the words that a declaration or
	// reference at the same start claims: all but those after '@'.
	words []int32
}

// claim gives the words named by occs (sorted by start) their symbol's
// token, in place, and returns the tokens.
func (sc *scanned) claim(occs []nameTok) []SemanticToken {
	k := 0 // the next occurrence to match
	for _, w := range sc.words {
		start := int32(sc.toks[w].Span.Start)
		for k < len(occs) && occs[k].start < start {
			k++
		}
		if k < len(occs) && occs[k].start == start {
			sc.toks[w] = symbolToken(occs[k])
		}
	}
	return sc.toks
}

// scanSource scans an ASCII document; ok is false when src has a
// non-ASCII byte outside comments.
func scanSource(src []byte) (sc scanned, ok bool) { return scanFrom(src, 0) }

// scanFrom scans src[from:], which starts a token (or blankspace) and
// where no '@' or '.' comes before from that a word at from could follow.
// Spans are offsets in src.
func scanFrom(src []byte, from int) (sc scanned, ok bool) {
	// About one token in 7.5 bytes and one word in 12 in practice.
	out := make([]SemanticToken, 0, (len(src)-from)/6+16)
	words := make([]int32, 0, (len(src)-from)/10+16)
	// prev is the token before the current one: '@', '.' or something
	// else (comments included).
	const prevOther, prevAt, prevPeriod = 0, 1, 2
	prev, at := prevOther, 0 // at: where the last '@' is
	for p := from; p < len(src); {
		c := src[p]
		if asciiBlank[c] {
			p++
			continue
		}
		start := p
		switch {
		case asciiWordStart[c]:
			p++
			for p < len(src) && asciiWordCont[src[p]] {
				p++
			}
			if p < len(src) && src[p] >= 0x80 && unicodeBlankLen(src[p:]) == 0 {
				return scanned{}, false // the word may go on in Unicode
			}
			word := src[start:p]
			if len(word) == 1 && c == '_' {
				prev = prevOther
				continue
			}
			sp := diag.Span{Start: start, End: p}
			afterAt, afterPeriod := prev == prevAt, prev == prevPeriod
			prev = prevOther
			cls := predeclared.class(word)
			switch {
			case afterAt && cls == wordKeyword:
				out = append(out, SemanticToken{Span: sp, Type: TokKeyword})
			case afterAt:
				out = append(out, SemanticToken{Span: diag.Span{Start: at, End: p}, Type: TokDecorator})
			default:
				// A name claims this word whatever its class (claim).
				words = append(words, int32(len(out)))
				if cls == wordKeyword {
					out = append(out, SemanticToken{Span: sp, Type: TokKeyword})
				} else {
					out = append(out, wordToken(sp, cls, afterPeriod))
				}
			}
		case c >= '0' && c <= '9' || c == '.' && p+1 < len(src) && src[p+1] >= '0' && src[p+1] <= '9':
			p = numberEnd(src, p)
			out = append(out, SemanticToken{Span: diag.Span{Start: start, End: p}, Type: TokNumber})
			prev = prevOther
		case c == '/' && p+1 < len(src) && src[p+1] == '/':
			p = lineCommentEnd(src, p)
			out = append(out, SemanticToken{Span: diag.Span{Start: start, End: p}, Type: TokComment})
			prev = prevOther
		case c == '/' && p+1 < len(src) && src[p+1] == '*':
			p, _ = syntax.BlockCommentEnd(src, p)
			out = append(out, SemanticToken{Span: diag.Span{Start: start, End: p}, Type: TokComment})
			prev = prevOther
		case c >= 0x80:
			n := unicodeBlankLen(src[p:])
			if n == 0 {
				return scanned{}, false
			}
			p += n
		default: // punctuation, operators and stray ASCII: one byte suffices
			p++
			switch c {
			case '@':
				prev, at = prevAt, start
			case '.':
				prev = prevPeriod
			default:
				prev = prevOther
			}
		}
	}
	return scanned{toks: out, words: words}, true
}

// wordToken classifies a word that names no user declaration.
func wordToken(sp diag.Span, cls wordClass, afterPeriod bool) SemanticToken {
	switch {
	case afterPeriod:
		return SemanticToken{Span: sp, Type: TokProperty}
	case cls == wordBuiltin:
		return SemanticToken{Span: sp, Type: TokFunction, Mods: ModDefaultLibrary}
	case cls == wordType:
		return SemanticToken{Span: sp, Type: TokType, Mods: ModDefaultLibrary}
	case cls == wordEnumerant:
		return SemanticToken{Span: sp, Type: TokEnumMember, Mods: ModDefaultLibrary}
	}
	return SemanticToken{Span: sp, Type: TokVariable}
}

// unicodeBlankLen is the length of the non-ASCII blankspace code point at
// the start of b (U+0085, U+200E, U+200F, U+2028, U+2029), or 0.
func unicodeBlankLen(b []byte) int {
	if len(b) >= 2 && b[0] == 0xC2 && b[1] == 0x85 {
		return 2
	}
	if len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x8E || b[2] == 0x8F || b[2] == 0xA8 || b[2] == 0xA9) {
		return 3
	}
	return 0
}

// lineCommentEnd is the end of the line comment at p: the next line break
// (LF, CR, VT, FF, NEL, LS or PS), excluded.
func lineCommentEnd(src []byte, p int) int {
	for p += 2; p < len(src); p++ {
		switch c := src[p]; {
		case c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return p
		case c == 0xC2 && p+1 < len(src) && src[p+1] == 0x85,
			c == 0xE2 && p+2 < len(src) && src[p+1] == 0x80 && (src[p+2] == 0xA8 || src[p+2] == 0xA9):
			return p
		}
	}
	return p
}

// numberEnd is the end of the numeric literal at start, by the WGSL
// literal grammar: decimal or hexadecimal, integer or float, with an
// optional exponent and suffix (malformed literals end where the lexer
// ends them).
func numberEnd(src []byte, start int) int {
	p := start
	digit := func(p int) bool { return p < len(src) && src[p] >= '0' && src[p] <= '9' }
	hex := func(p int) bool {
		if p >= len(src) {
			return false
		}
		c := src[p] | 0x20
		return src[p] >= '0' && src[p] <= '9' || c >= 'a' && c <= 'f'
	}
	// exponent skips a p/P or e/E exponent at p when digits follow it.
	exponent := func(p int, mark byte) (int, bool) {
		if p >= len(src) || src[p]|0x20 != mark {
			return p, false
		}
		q := p + 1
		if q < len(src) && (src[q] == '+' || src[q] == '-') {
			q++
		}
		if !digit(q) {
			return p, false
		}
		for digit(q) {
			q++
		}
		return q, true
	}
	float := false
	if src[p] == '0' && p+1 < len(src) && src[p+1]|0x20 == 'x' {
		for p += 2; hex(p); p++ {
		}
		if p < len(src) && src[p] == '.' {
			float = true
			for p++; hex(p); p++ {
			}
		}
		var exp bool
		if p, exp = exponent(p, 'p'); exp {
			float = true
		}
		if p < len(src) {
			switch s := src[p]; {
			case exp && (s == 'f' || s == 'h'), !float && (s == 'i' || s == 'u'):
				p++
			}
		}
		return p
	}
	intStart := p
	for digit(p) {
		p++
	}
	if p < len(src) && src[p] == '.' && (p > intStart || digit(p+1)) {
		float = true
		for p++; digit(p); p++ {
		}
	}
	var exp bool
	if p, exp = exponent(p, 'e'); exp {
		float = true
	}
	if p < len(src) {
		switch s := src[p]; {
		case s == 'f' || s == 'h', !float && (s == 'i' || s == 'u'):
			p++
		}
	}
	return p
}
