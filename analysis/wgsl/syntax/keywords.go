package syntax

// tokReserved marks a reserved word in the keywords table.
const tokReserved = numTokenKinds

// keywords maps every keyword to its kind and every reserved word (spec,
// "Reserved Words") to tokReserved.
var keywords = func() map[string]TokenKind {
	m := map[string]TokenKind{
		"alias": TokAlias, "break": TokBreak, "case": TokCase, "const": TokConst,
		"const_assert": TokConstAssert, "continue": TokContinue, "continuing": TokContinuing,
		"default": TokDefault, "diagnostic": TokDiagnostic, "discard": TokDiscard,
		"else": TokElse, "enable": TokEnable, "false": TokFalse, "fn": TokFn, "for": TokFor,
		"if": TokIf, "let": TokLet, "loop": TokLoop, "override": TokOverride,
		"requires": TokRequires, "return": TokReturn, "struct": TokStruct,
		"switch": TokSwitch, "true": TokTrue, "var": TokVar, "while": TokWhile,
	}
	for _, w := range reservedWords {
		m[w] = tokReserved
	}
	for w, k := range m {
		h := keywordHash([]byte(w))
		keywordTable[h] = append(keywordTable[h], keywordEntry{w, k})
	}
	return m
}()

type keywordEntry struct {
	word string
	kind TokenKind
}

// keywordTable buckets the keywords map by keywordHash, for a lookup that
// hashes three bytes instead of the whole word.
var keywordTable [512][]keywordEntry

// mayBeKeyword reports whether w, a non-empty ASCII identifier, could be a
// keyword or reserved word: false for most identifiers, which then skip the
// lookup. It tests the first byte, the last byte and the length together.
func mayBeKeyword(w []byte) bool {
	n := len(w)
	return n <= maxKeywordLen && keywordFilter[identByte[w[0]]][identByte[w[n-1]]]&(1<<(n-1)) != 0
}

// identByte numbers the bytes of ASCII identifiers 1..63 (0 for others).
var identByte = func() (t [256]uint8) {
	i := uint8(1)
	for b := 0; b < 128; b++ {
		if isASCIIIdentCont[b] {
			t[b] = i
			i++
		}
	}
	return
}()

// keywordFilter[first][last] has bit n-1 set when some keyword or reserved
// word of n bytes starts and ends with those bytes (numbered by identByte).
var keywordFilter = func() (f [64][64]uint16) {
	for w := range keywords {
		f[identByte[w[0]]][identByte[w[len(w)-1]]] |= 1 << (len(w) - 1)
	}
	return
}()

// maxKeywordLen is the length of the longest keyword or reserved word.
const maxKeywordLen = 16

func keywordHash(w []byte) int {
	return (int(w[0])*31 + int(w[len(w)-1])*7 + len(w)*131) & 511
}

// lookupKeyword returns the kind of a keyword, tokReserved for a reserved
// word, or false.
func lookupKeyword(w []byte) (TokenKind, bool) {
	if len(w) > maxKeywordLen {
		return 0, false
	}
	for _, e := range keywordTable[keywordHash(w)] {
		if e.word == string(w) {
			return e.kind, true
		}
	}
	return 0, false
}

// reservedWords is the spec's list of words reserved for future use.
var reservedWords = [...]string{
	"NULL", "Self", "abstract", "active", "alignas", "alignof", "as", "asm", "asm_fragment",
	"async", "attribute", "auto", "await", "become", "cast", "catch", "class", "co_await",
	"co_return", "co_yield", "coherent", "column_major", "common", "compile",
	"compile_fragment", "concept", "const_cast", "consteval", "constexpr", "constinit",
	"crate", "debugger", "decltype", "delete", "demote", "demote_to_helper", "do",
	"dynamic_cast", "enum", "explicit", "export", "extends", "extern", "external",
	"fallthrough", "filter", "final", "finally", "friend", "from", "fxgroup", "get", "goto",
	"groupshared", "highp", "impl", "implements", "import", "inline", "instanceof",
	"interface", "layout", "lowp", "macro", "macro_rules", "match", "mediump", "meta", "mod",
	"module", "move", "mut", "mutable", "namespace", "new", "nil", "noexcept", "noinline",
	"nointerpolation", "non_coherent", "noncoherent", "noperspective", "null", "nullptr",
	"of", "operator", "package", "packoffset", "partition", "pass", "patch", "pixelfragment",
	"precise", "precision", "premerge", "priv", "protected", "pub", "public", "readonly",
	"ref", "regardless", "register", "reinterpret_cast", "require", "resource", "restrict",
	"self", "set", "shared", "sizeof", "smooth", "snorm", "static", "static_assert",
	"static_cast", "std", "subroutine", "super", "target", "template", "this",
	"thread_local", "throw", "trait", "try", "type", "typedef", "typeid", "typename",
	"typeof", "union", "unless", "unorm", "unsafe", "unsized", "use", "using", "varying",
	"virtual", "volatile", "wgsl", "where", "with", "writeonly", "yield",
}
