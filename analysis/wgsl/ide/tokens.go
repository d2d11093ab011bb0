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
// The result is a shared slice: callers must not modify it.
func (s *Snapshot) Tokens(span diag.Span) []SemanticToken {
	s.tokOnce.Do(func() { s.tokens = s.classify() })
	all := s.tokens
	lo := sort.Search(len(all), func(i int) bool { return all[i].Span.End >= span.Start })
	hi := sort.Search(len(all), func(i int) bool { return all[i].Span.Start > span.End })
	if lo >= hi {
		return nil
	}
	return all[lo:hi:hi]
}

// classify computes every semantic token of the document: by the scanner
// (scan.go) for ASCII source, else from syntax.Lex. Either way it needs
// only the names of declarations and references, not the full index:
// an identifier after '.' is a property whether or not the member
// resolves.
func (s *Snapshot) classify() []SemanticToken {
	occs := s.nameOccurrences()
	if out, ok := scanClassify(s.Src, occs); ok {
		return out
	}
	return classifyLexed(s.Src, s.lexed(), occs)
}

// classifyLexed is classify over the tokens of syntax.Lex.
func classifyLexed(src []byte, toks []syntax.Token, occs []occurrence) []SemanticToken {
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
			for k < len(occs) && occs[k].span.Start < sp.Start {
				k++
			}
			if k < len(occs) && occs[k].span.Start == sp.Start {
				out = append(out, symbolToken(occs[k]))
				continue
			}
			after := i > 0 && toks[i-1].Kind == syntax.TokPeriod
			out = append(out, wordToken(sp, wordClasses[string(src[sp.Start:sp.End])], after))
		}
	}
	return out
}

func symbolToken(o occurrence) SemanticToken {
	t := SemanticToken{Span: o.span}
	if o.decl {
		t.Mods |= ModDeclaration
	}
	switch o.sym.Kind {
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
