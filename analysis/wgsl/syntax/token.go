package syntax

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// TokenKind classifies a token. Operators double as the operator field of
// BinaryExpr, UnaryExpr and AssignStmt.
type TokenKind uint8

// Token kinds. Keywords have their own kinds; reserved words lex as TokIdent
// (Parse reports them with code "reserved-word").
const (
	TokEOF          TokenKind = iota
	TokInvalid                // a byte sequence that starts no token
	TokLineComment            // // ... up to the line break (excluded)
	TokBlockComment           // /* ... */, nesting allowed; may be unterminated
	TokIdent                  // identifier (including reserved words and predeclared names)
	TokIntLit                 // 12, 0x1F, 3u, 0xFi
	TokFloatLit               // 1.0, .5e3, 1f, 0x1p4, 2h
	TokUnderscore             // _ (phony assignment)

	// Keywords.
	TokAlias
	TokBreak
	TokCase
	TokConst
	TokConstAssert
	TokContinue
	TokContinuing
	TokDefault
	TokDiagnostic
	TokDiscard
	TokElse
	TokEnable
	TokFalse
	TokFn
	TokFor
	TokIf
	TokLet
	TokLoop
	TokOverride
	TokRequires
	TokReturn
	TokStruct
	TokSwitch
	TokTrue
	TokVar
	TokWhile

	// Punctuation and operators.
	TokAnd        // &
	TokAndAnd     // &&
	TokArrow      // ->
	TokAt         // @
	TokSlash      // /
	TokBang       // !
	TokLBracket   // [
	TokRBracket   // ]
	TokLBrace     // {
	TokRBrace     // }
	TokColon      // :
	TokComma      // ,
	TokEq         // =
	TokEqEq       // ==
	TokNotEq      // !=
	TokGt         // >   (also the closing '>' of a template list)
	TokGtEq       // >=
	TokShr        // >>
	TokLt         // <   (also the opening '<' of a template list)
	TokLtEq       // <=
	TokShl        // <<
	TokPercent    // %
	TokMinus      // -
	TokMinusMinus // --
	TokPeriod     // .
	TokPlus       // +
	TokPlusPlus   // ++
	TokOr         // |
	TokOrOr       // ||
	TokLParen     // (
	TokRParen     // )
	TokSemicolon  // ;
	TokStar       // *
	TokTilde      // ~
	TokXor        // ^
	TokPlusEq     // +=
	TokMinusEq    // -=
	TokStarEq     // *=
	TokSlashEq    // /=
	TokPercentEq  // %=
	TokAndEq      // &=
	TokOrEq       // |=
	TokXorEq      // ^=
	TokShrEq      // >>=
	TokShlEq      // <<=

	// Produced only by template-list discovery (see Lex): the '<' that opens
	// and the '>' that closes a template list.
	TokTemplateStart
	TokTemplateEnd

	numTokenKinds
)

var tokenText = [numTokenKinds]string{
	TokEOF: "end of file", TokInvalid: "invalid character", TokLineComment: "comment",
	TokBlockComment: "comment", TokIdent: "identifier", TokIntLit: "integer literal",
	TokFloatLit: "float literal", TokUnderscore: "_",
	TokAlias: "alias", TokBreak: "break", TokCase: "case", TokConst: "const",
	TokConstAssert: "const_assert", TokContinue: "continue", TokContinuing: "continuing",
	TokDefault: "default", TokDiagnostic: "diagnostic", TokDiscard: "discard", TokElse: "else",
	TokEnable: "enable", TokFalse: "false", TokFn: "fn", TokFor: "for", TokIf: "if",
	TokLet: "let", TokLoop: "loop", TokOverride: "override", TokRequires: "requires",
	TokReturn: "return", TokStruct: "struct", TokSwitch: "switch", TokTrue: "true",
	TokVar: "var", TokWhile: "while",
	TokAnd: "&", TokAndAnd: "&&", TokArrow: "->", TokAt: "@", TokSlash: "/", TokBang: "!",
	TokLBracket: "[", TokRBracket: "]", TokLBrace: "{", TokRBrace: "}", TokColon: ":",
	TokComma: ",", TokEq: "=", TokEqEq: "==", TokNotEq: "!=", TokGt: ">", TokGtEq: ">=",
	TokShr: ">>", TokLt: "<", TokLtEq: "<=", TokShl: "<<", TokPercent: "%", TokMinus: "-",
	TokMinusMinus: "--", TokPeriod: ".", TokPlus: "+", TokPlusPlus: "++", TokOr: "|",
	TokOrOr: "||", TokLParen: "(", TokRParen: ")", TokSemicolon: ";", TokStar: "*",
	TokTilde: "~", TokXor: "^", TokPlusEq: "+=", TokMinusEq: "-=", TokStarEq: "*=",
	TokSlashEq: "/=", TokPercentEq: "%=", TokAndEq: "&=", TokOrEq: "|=", TokXorEq: "^=",
	TokShrEq: ">>=", TokShlEq: "<<=", TokTemplateStart: "<", TokTemplateEnd: ">",
}

// String is the token's spelling for operators and keywords, or a
// description ("identifier", "end of file") for the other kinds.
func (k TokenKind) String() string {
	if k < numTokenKinds {
		return tokenText[k]
	}
	return "unknown token"
}

// IsKeyword reports whether k is a keyword kind.
func (k TokenKind) IsKeyword() bool { return k >= TokAlias && k <= TokWhile }

// IsComment reports whether k is a line or block comment.
func (k TokenKind) IsComment() bool { return k == TokLineComment || k == TokBlockComment }

// Token is one lexeme: its kind and its byte range [Start, End) in the source.
// Offsets are int32 to keep the token stream small; sources over 2 GiB are
// not supported.
type Token struct {
	Kind       TokenKind
	Start, End int32
}

// Span returns the token's byte range.
func (t Token) Span() diag.Span { return diag.Span{Start: int(t.Start), End: int(t.End)} }
