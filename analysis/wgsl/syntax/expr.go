package syntax

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// Expression grammar (spec, "Expressions"), with its restrictions:
//
//	expression  = relational ( '&&' relational )* | relational ( '||' relational )*
//	            | unary ( '&' unary )+ | unary ( '|' unary )+ | unary ( '^' unary )+
//	relational  = shift [ ('<' | '>' | '<=' | '>=' | '==' | '!=') shift ]
//	shift       = additive | unary ('<<' | '>>') unary
//	additive    = multiplicative ( ('+' | '-') multiplicative )*
//	multiplicative = unary ( ('*' | '/' | '%') unary )*
//
// Anything else (mixing && and ||, mixing bitwise operators, chained
// comparisons or shifts, an arithmetic operand of a shift or bitwise
// operator) is a syntax error "mixing 'A' and 'B' requires parentheses",
// reported once per expression; the rest of the expression is still parsed
// (left-associatively) so that no cascade follows.

func isRelational(k TokenKind) bool {
	switch k {
	case TokLt, TokGt, TokLtEq, TokGtEq, TokEqEq, TokNotEq:
		return true
	}
	return false
}

func isBinaryOp(k TokenKind) bool { return binaryOps[k] }

// binaryOps marks the binary operator kinds (a table: isBinaryOp is on
// the path of every operand).
var binaryOps = [256]bool{
	TokPlus: true, TokMinus: true, TokStar: true, TokSlash: true, TokPercent: true, TokShl: true,
	TokShr: true, TokAnd: true, TokOr: true, TokXor: true, TokAndAnd: true, TokOrOr: true,
	TokLt: true, TokGt: true, TokLtEq: true, TokGtEq: true, TokEqEq: true, TokNotEq: true,
}

func (p *parser) binary(x Expr, op Token, y Expr) *BinaryExpr {
	b := p.arena.binaries.alloc()
	*b = BinaryExpr{
		Span: diag.Span{Start: x.NodeSpan().Start, End: y.NodeSpan().End},
		Op:   op.Kind, opStart: op.Start, X: x, Y: y,
	}
	return b
}

func (p *parser) parseExpr() Expr {
	if !p.enter() {
		return p.bad()
	}
	x := p.parseExprInner()
	p.leave()
	return x
}

func (p *parser) parseExprInner() Expr {
	x := p.parseUnary()
	if !isBinaryOp(p.tok.Kind) {
		return x // most operands: no operator follows
	}
	switch k := p.tok.Kind; k {
	case TokAnd, TokOr, TokXor:
		for p.tok.Kind == k {
			op := p.tok
			p.next()
			x = p.binary(x, op, p.parseUnary())
		}
		return p.restrictedRest(x)
	}
	x = p.parseRelationalRest(x)
	if k := p.tok.Kind; k == TokAndAnd || k == TokOrOr {
		for p.tok.Kind == k {
			op := p.tok
			p.next()
			x = p.binary(x, op, p.parseRelationalRest(p.parseUnary()))
		}
	}
	return p.restrictedRest(x)
}

// restrictedRest reports an operator the grammar does not allow after x and
// parses the remainder permissively.
func (p *parser) restrictedRest(x Expr) Expr {
	if !isBinaryOp(p.tok.Kind) {
		return x
	}
	prev := "expression"
	if b, ok := x.(*BinaryExpr); ok {
		prev = b.Op.String()
	}
	msg := "mixing '" + prev + "' and '" + p.tok.Kind.String() + "' requires parentheses"
	if prev == p.tok.Kind.String() {
		msg = "'" + prev + "' cannot be chained; use parentheses"
	}
	p.errHere(msg)
	p.needSync = false // the expression is still parsed in full
	for isBinaryOp(p.tok.Kind) {
		op := p.tok
		p.next()
		x = p.binary(x, op, p.parseUnary())
	}
	return x
}

func (p *parser) parseRelationalRest(u Expr) Expr {
	x := p.parseShiftRest(u)
	if isRelational(p.tok.Kind) {
		op := p.tok
		p.next()
		x = p.binary(x, op, p.parseShiftRest(p.parseUnary()))
	}
	return x
}

func (p *parser) parseShiftRest(u Expr) Expr {
	if k := p.tok.Kind; k == TokShl || k == TokShr {
		op := p.tok
		p.next()
		return p.binary(u, op, p.parseUnary())
	}
	x := p.parseMultiplicativeRest(u)
	for k := p.tok.Kind; k == TokPlus || k == TokMinus; k = p.tok.Kind {
		op := p.tok
		p.next()
		x = p.binary(x, op, p.parseMultiplicativeRest(p.parseUnary()))
	}
	return x
}

func (p *parser) parseMultiplicativeRest(x Expr) Expr {
	for k := p.tok.Kind; k == TokStar || k == TokSlash || k == TokPercent; k = p.tok.Kind {
		op := p.tok
		p.next()
		x = p.binary(x, op, p.parseUnary())
	}
	return x
}

// bad returns a zero-length BadExpr where the expression was expected.
func (p *parser) bad() *BadExpr {
	return &BadExpr{Span: p.missing()}
}

func (p *parser) parseUnary() Expr {
	switch p.tok.Kind {
	case TokMinus, TokBang, TokTilde, TokStar, TokAnd:
		if !p.enter() {
			return p.bad()
		}
		op := p.tok
		p.next()
		x := p.parseUnary()
		p.leave()
		u := p.arena.unaries.alloc()
		*u = UnaryExpr{Span: diag.Span{Start: int(op.Start), End: x.NodeSpan().End}, Op: op.Kind, X: x}
		return u
	}
	return p.parsePostfix(p.parsePrimary())
}

func (p *parser) parsePostfix(x Expr) Expr {
	for {
		switch p.tok.Kind {
		case TokLBracket:
			p.next()
			idx := p.parseExpr()
			p.expect(TokRBracket, " to close the index")
			ix := p.arena.indexes.alloc()
			*ix = IndexExpr{Span: p.span(x.NodeSpan().Start), X: x, Index: idx}
			x = ix
		case TokPeriod:
			p.next()
			m := p.ident("member name after '.'")
			mx := p.arena.memberExprs.alloc()
			*mx = MemberExpr{Span: p.span(x.NodeSpan().Start), X: x, Member: m}
			x = mx
		default:
			return x
		}
	}
}

func (p *parser) parsePrimary() Expr {
	start := int(p.tok.Start)
	switch p.tok.Kind {
	case TokIdent:
		id := p.newIdent()
		id.Name = Ident{Span: p.tok.Span(), Name: p.text(p.tok)}
		p.next()
		if p.at(TokTemplateStart) {
			id.Template = p.parseTemplateList()
		}
		if p.at(TokLParen) {
			args := p.parseArgList(TokRParen, " to close the argument list")
			c := p.arena.calls.alloc()
			*c = CallExpr{Span: p.span(start), Callee: id, Args: args}
			return c
		}
		return id
	case TokIntLit, TokFloatLit:
		t := p.tok
		p.next()
		lit := p.arena.lits.alloc()
		*lit = LiteralExpr{Span: t.Span(), Kind: LitInt, Text: p.text(t)}
		if t.Kind == TokFloatLit {
			lit.Kind = LitFloat
		}
		txt := lit.Text
		lit.Hex = len(txt) > 1 && txt[0] == '0' && (txt[1] == 'x' || txt[1] == 'X')
		switch c := txt[len(txt)-1]; c {
		case 'i', 'u', 'f', 'h':
			lit.Suffix = c
			if lit.Hex && c == 'f' && !hasHexExponent(txt) {
				lit.Suffix = 0 // 'f' is a hex digit here
			}
		}
		return lit
	case TokTrue, TokFalse:
		lit := p.arena.lits.alloc()
		*lit = LiteralExpr{Span: p.tok.Span(), Kind: LitBool, Text: p.text(p.tok)}
		p.next()
		return lit
	case TokLParen:
		p.next()
		x := p.parseExpr()
		p.expect(TokRParen, " to close the parenthesis")
		px := p.arena.parens.alloc()
		*px = ParenExpr{Span: p.span(start), X: x}
		return px
	}
	if p.tok.Kind.IsKeyword() {
		p.errHere("expected expression, found keyword " + p.found())
	} else {
		p.expected("expression")
	}
	return p.bad()
}

func hasHexExponent(txt string) bool {
	for i := 2; i < len(txt); i++ {
		if txt[i] == 'p' || txt[i] == 'P' {
			return true
		}
	}
	return false
}
