package ide

import (
	"sort"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// TokenType is a semantic token's type; TokenTypeNames gives each its
// standard LSP name, in order, for the legend.
type TokenType uint8

// Semantic token types.
const (
	TokKeyword TokenType = iota
	TokComment
	TokNumber
	TokType
	TokStruct
	TokFunction
	TokVariable
	TokParameter
	TokProperty
	TokEnumMember
	TokDecorator
)

// TokenTypeNames are the legend's token type names, indexed by TokenType.
var TokenTypeNames = []string{"keyword", "comment", "number", "type", "struct", "function", "variable",
	"parameter", "property", "enumMember", "decorator"}

// TokenMods is a set of semantic token modifiers (bit i is
// TokenModNames[i]).
type TokenMods uint32

// Semantic token modifiers.
const (
	ModDeclaration TokenMods = 1 << iota
	ModReadonly
	ModDefaultLibrary
)

// TokenModNames are the legend's modifier names, by bit.
var TokenModNames = []string{"declaration", "readonly", "defaultLibrary"}

// SemanticToken classifies one span of source.
type SemanticToken struct {
	Span diag.Span
	Type TokenType
	Mods TokenMods
}

// Tokens classifies every token that overlaps span, in source order:
// keywords, comments, numbers, attribute names (with their '@'), and
// identifiers by what they name (user declarations by kind, builtin
// functions and types marked defaultLibrary, enumerants). Operators and
// punctuation are left out. A token may span lines (block comments).
// They are ClassifyParsed's: the same for a version whether or not the
// full check has run. The result is a shared slice: callers must not
// modify it.
func (s *Snapshot) Tokens(span diag.Span) []SemanticToken {
	s.tokOnce.Do(func() { s.tokens = ClassifyParsed(s.Src, s.Res.File) })
	return TokensIn(s.tokens, span)
}

// TokensIn returns the tokens of all (sorted by start, not overlapping)
// that overlap span, as a subslice of all.
func TokensIn(all []SemanticToken, span diag.Span) []SemanticToken {
	lo := sort.Search(len(all), func(i int) bool { return all[i].Span.End >= span.Start })
	hi := sort.Search(len(all), func(i int) bool { return all[i].Span.Start > span.End })
	if lo >= hi {
		return nil
	}
	return all[lo:hi:hi]
}

// ClassifyParsed computes every semantic token of src from its parse
// alone: names come from wgsl.ResolveNames, not from the full check,
// which an editor need not wait for to colour a new version. (On valid
// programs the two resolve every name alike: see the wgsl package's
// TestResolveNamesCTS.) An identifier after '.' is a property whether or
// not the member resolves. It is ScanSource(src).Classify(names); a
// caller may run the scan while it parses.
func ClassifyParsed(src []byte, file *syntax.File) []SemanticToken {
	return ScanSource(src).Classify(wgsl.ResolveNames(file))
}

// Scan is the part of a version's semantic tokens that needs no parse:
// comments, numbers, keywords, attribute names, and every word classified
// as if no user declaration claimed it. It comes from the byte scanner
// (scan.go) for ASCII source; for other source Classify lexes instead.
type Scan struct {
	src []byte
	sc  scanned
	ok  bool
}

// ScanSource scans src. It is safe to run concurrently with the parse of
// the same bytes.
func ScanSource(src []byte) *Scan {
	sc, ok := scanSource(src)
	return &Scan{src: src, sc: sc, ok: ok}
}

// Classify completes the tokens with the names of the version's parse
// (wgsl.ResolveNames). It may be called once: the tokens are built in
// place.
func (s *Scan) Classify(names *wgsl.Names) []SemanticToken {
	toks := nameToksOf(names, len(s.src))
	if s.ok {
		return s.sc.claim(toks)
	}
	return classifyLexed(s.src, syntax.Lex(s.src), toks)
}

// nameTok is an identifier naming a user declaration, as classification
// needs it: where, the declaration's kind, and whether it is the
// declaring occurrence. It holds no pointer (a version has thousands).
type nameTok struct {
	start, end int32
	kind       wgsl.SymbolKind
	decl       bool
}

// nameToksOf lists the declarations and references of a names pass,
// sorted by start.
func nameToksOf(n *wgsl.Names, srcLen int) []nameTok {
	return sortByStart(unsortedNameToks(n), srcLen, func(t nameTok) int { return int(t.start) })
}

// unsortedNameToks lists the declarations (those with a node and a name
// span) and references of a names pass.
func unsortedNameToks(n *wgsl.Names) []nameTok {
	toks := make([]nameTok, 0, len(n.Decls)+len(n.Refs))
	for _, d := range n.Decls {
		if d.Node != nil && d.NameSpan.Len() > 0 {
			toks = append(toks, nameTok{int32(d.NameSpan.Start), int32(d.NameSpan.End), d.Kind, true})
		}
	}
	for _, r := range n.Refs {
		toks = append(toks, nameTok{int32(r.Span.Start), int32(r.Span.End), n.Decls[r.Decl].Kind, false})
	}
	return toks
}

// classifyLexed is classify over the tokens of syntax.Lex.
func classifyLexed(src []byte, toks []syntax.Token, occs []nameTok) []SemanticToken {
	k := 0 // occs is sorted by start, walked alongside the tokens
	out := make([]SemanticToken, 0, len(toks)/2)
	for i, t := range toks {
		sp := t.Span()
		switch {
		case t.Kind.IsComment():
			out = append(out, SemanticToken{Span: sp, Type: TokComment})
		case t.Kind == syntax.TokTrue || t.Kind == syntax.TokFalse || t.Kind.IsKeyword():
			out = append(out, SemanticToken{Span: sp, Type: TokKeyword})
		case t.Kind == syntax.TokIntLit || t.Kind == syntax.TokFloatLit:
			out = append(out, SemanticToken{Span: sp, Type: TokNumber})
		case t.Kind == syntax.TokIdent:
			if i > 0 && toks[i-1].Kind == syntax.TokAt {
				out = append(out, SemanticToken{Span: diag.Span{Start: int(toks[i-1].Start), End: sp.End}, Type: TokDecorator})
				continue
			}
			for k < len(occs) && int(occs[k].start) < sp.Start {
				k++
			}
			if k < len(occs) && int(occs[k].start) == sp.Start {
				out = append(out, symbolToken(occs[k]))
				continue
			}
			after := i > 0 && toks[i-1].Kind == syntax.TokPeriod
			out = append(out, wordToken(sp, wordClasses[string(src[sp.Start:sp.End])], after))
		}
	}
	return out
}

func symbolToken(o nameTok) SemanticToken {
	t := SemanticToken{Span: diag.Span{Start: int(o.start), End: int(o.end)}}
	if o.decl {
		t.Mods |= ModDeclaration
	}
	switch o.kind {
	case wgsl.SymVar:
		t.Type = TokVariable
	case wgsl.SymLet, wgsl.SymConst, wgsl.SymOverride:
		t.Type, t.Mods = TokVariable, t.Mods|ModReadonly
	case wgsl.SymParam:
		t.Type, t.Mods = TokParameter, t.Mods|ModReadonly
	case wgsl.SymFunc:
		t.Type = TokFunction
	case wgsl.SymStruct:
		t.Type = TokStruct
	case wgsl.SymAlias:
		t.Type = TokType
	case wgsl.SymMember:
		t.Type = TokProperty
	}
	return t
}
