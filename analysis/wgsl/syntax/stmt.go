package syntax

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// parseBlock parses `{ stmts }` at the current '{'.
func (p *parser) parseBlock(attrs []*Attribute) *BlockStmt {
	start := int(p.tok.Start)
	if len(attrs) > 0 {
		start = attrs[0].Span.Start
	}
	b := p.arena.blocks.alloc()
	b.Attrs = attrs
	if !p.enter() {
		b.Span = p.span(start)
		return b
	}
	defer p.leave()
	saved := p.inContinuing
	p.inContinuing = false
	p.next() // '{'
	b.Stmts = p.parseStmtList(false)
	p.inContinuing = saved
	p.closeBrace("block")
	b.Span = p.span(start)
	return b
}

// closeBrace consumes the '}' that ends a block, or reports it missing.
func (p *parser) closeBrace(what string) {
	if p.got(TokRBrace) {
		return
	}
	p.expected("'}' to close the " + what)
	p.needSync = false
	p.unclosed++
}

// parseStmtList parses statements up to '}' (not consumed), EOF, a
// module-scope keyword (a sign of a missing '}'), or, when stopAtContinuing,
// the 'continuing' keyword.
func (p *parser) parseStmtList(stopAtContinuing bool) []Stmt {
	// As in parseArgList: the first statements go to a local array, any
	// more onto p.stmtScratch.
	var buf [smallList]Stmt
	n, base := 0, len(p.stmtScratch)
stmts:
	for {
		switch p.tok.Kind {
		case TokRBrace, TokEOF, TokFn, TokStruct, TokAlias, TokOverride, TokEnable, TokRequires:
			break stmts
		case TokContinuing:
			if stopAtContinuing {
				break stmts
			}
		case TokAt:
			switch k, binding := p.kindAfterAttrs(); k {
			case TokFn, TokStruct, TokAlias, TokOverride:
				break stmts // attributes of a module declaration: a '}' is missing
			case TokVar:
				if binding {
					break stmts // @group/@binding var: a resource, so a '}' is missing
				}
			}
		}
		start := p.pos
		if s := p.parseStmt(); s != nil {
			n = push(&buf, n, &p.stmtScratch, s)
		}
		p.syncStmtIfNeeded()
		if p.pos == start {
			p.next() // guarantee progress
		}
	}
	if n <= len(buf) {
		return p.arena.stmtList(buf[:n])
	}
	list := p.arena.stmtList(p.stmtScratch[base:])
	p.stmtScratch = p.stmtScratch[:base]
	return list
}

// syncStmtIfNeeded skips, after an error, to the next statement boundary:
// past a ';', or before '}', '{', '@' or a keyword that starts a statement
// or a declaration.
func (p *parser) syncStmtIfNeeded() {
	if !p.needSync {
		return
	}
	p.needSync = false
	if p.pos > 0 && p.toks[p.pos-1].Kind == TokSemicolon {
		// The broken statement still ended at its ';' (as in `let x = f(1;`):
		// the next statement starts here and must not be skipped.
		return
	}
	for {
		switch p.tok.Kind {
		case TokAt:
			switch k, _, i := p.scanAttrs(); k {
			case TokLBrace, TokIf, TokSwitch, TokLoop, TokFor, TokWhile, TokFn, TokStruct, TokVar, TokConst, TokOverride, TokAlias, TokEOF:
				return // attributes of the next statement or declaration
			default:
				if i > p.pos {
					p.pos = i // skip these attributes at once
					p.tok = p.toks[i]
					continue
				}
			}
		case TokEOF, TokRBrace, TokLBrace,
			TokLet, TokVar, TokConst, TokIf, TokFor, TokWhile, TokLoop, TokSwitch, TokReturn,
			TokBreak, TokContinue, TokDiscard, TokConstAssert, TokContinuing, TokCase, TokDefault,
			TokFn, TokStruct, TokAlias, TokOverride, TokEnable, TokRequires:
			return
		case TokSemicolon:
			p.next()
			return
		}
		p.next()
	}
}

func (p *parser) parseStmt() Stmt {
	start := int(p.tok.Start)
	var attrs []*Attribute
	if p.at(TokAt) {
		attrs = p.parseAttrs()
		switch p.tok.Kind {
		case TokLBrace, TokIf, TokSwitch, TokLoop, TokFor, TokWhile:
		default:
			p.errAt(diag.Span{Start: start, End: p.prevEnd()}, "attributes are only allowed on compound, if, switch, loop, for and while statements")
			p.needSync = false
			attrs = nil
			start = int(p.tok.Start)
		}
	}
	switch p.tok.Kind {
	case TokSemicolon:
		p.next()
		return &EmptyStmt{Span: p.span(start)}
	case TokLBrace:
		return p.parseBlock(attrs)
	case TokIf:
		return p.parseIf(attrs, start)
	case TokSwitch:
		return p.parseSwitch(attrs, start)
	case TokLoop:
		return p.parseLoop(attrs, start)
	case TokFor:
		return p.parseFor(attrs, start)
	case TokWhile:
		p.next()
		s := &WhileStmt{Attrs: attrs, Cond: p.parseExpr()}
		s.Body = p.parseBody("while loop")
		s.Span = p.span(start)
		return s
	case TokReturn:
		p.next()
		s := p.arena.returns.alloc()
		if !p.at(TokSemicolon) && !p.at(TokRBrace) {
			s.Value = p.parseExpr()
		}
		p.expectAfter(TokSemicolon, " after return statement")
		s.Span = p.span(start)
		return s
	case TokBreak:
		p.next()
		if p.at(TokIf) {
			p.next()
			s := &BreakIfStmt{Cond: p.parseExpr()}
			p.expectAfter(TokSemicolon, " after break-if statement")
			s.Span = p.span(start)
			if !p.inContinuing || !p.at(TokRBrace) {
				p.errAt(s.Span, "'break if' must be the last statement of a continuing block")
				p.needSync = false
			}
			return s
		}
		p.expectAfter(TokSemicolon, " after break statement")
		return &BreakStmt{Span: p.span(start)}
	case TokContinue:
		p.next()
		p.expectAfter(TokSemicolon, " after continue statement")
		return &ContinueStmt{Span: p.span(start)}
	case TokDiscard:
		p.next()
		p.expectAfter(TokSemicolon, " after discard statement")
		return &DiscardStmt{Span: p.span(start)}
	case TokVar, TokLet, TokConst:
		d := p.parseVarDecl(nil, start)
		p.expectAfter(TokSemicolon, varSemiContext[d.Kind])
		d.Span = p.span(start)
		return d
	case TokConstAssert:
		return p.parseConstAssert()
	case TokIdent, TokUnderscore, TokLParen, TokStar, TokAnd:
		s := p.parseSimpleStmt()
		if s == nil {
			return &BadStmt{Span: p.span(start)}
		}
		p.expectAfter(TokSemicolon, " after statement")
		setStmtEnd(s, p.prevEnd())
		return s
	case TokContinuing:
		p.errHere("'continuing' is only allowed at the end of a loop body")
		return nil
	}
	if p.tok.Kind.IsKeyword() {
		p.errHere("expected statement, found keyword " + p.found())
	} else {
		p.expected("statement")
	}
	return nil
}

// setStmtEnd extends a simple statement's span over its ';'.
func setStmtEnd(s Stmt, end int) {
	switch s := s.(type) {
	case *AssignStmt:
		s.Span.End = max(s.Span.End, end)
	case *IncDecStmt:
		s.Span.End = max(s.Span.End, end)
	case *CallStmt:
		s.Span.End = max(s.Span.End, end)
	}
}

// parseSimpleStmt parses an assignment, increment, decrement or call
// statement without its ';'. It returns nil after reporting an error when
// the tokens form none of them.
func (p *parser) parseSimpleStmt() Stmt {
	start := int(p.tok.Start)
	var lhs Expr
	if p.at(TokUnderscore) {
		lhs = &PhonyExpr{Span: p.tok.Span()}
		p.next()
		if !p.at(TokEq) {
			p.expected("'=' after '_'")
			return nil
		}
	} else {
		lhs = p.parseUnary()
		// A missing left-hand side (`for ( = 0`) is a BadExpr at the end of
		// the previous token: the statement's span starts there too.
		start = min(start, lhs.NodeSpan().Start)
	}
	switch k := p.tok.Kind; k {
	case TokEq, TokPlusEq, TokMinusEq, TokStarEq, TokSlashEq, TokPercentEq, TokAndEq, TokOrEq, TokXorEq, TokShrEq, TokShlEq:
		op := p.tok
		p.next()
		rhs := p.parseExpr()
		a := p.arena.assigns.alloc()
		*a = AssignStmt{Span: p.span(start), Op: k, opStart: op.Start, LHS: lhs, RHS: rhs}
		return a
	case TokPlusPlus, TokMinusMinus:
		op := p.tok
		p.next()
		s := p.arena.incdecs.alloc()
		*s = IncDecStmt{Span: p.span(start), Inc: k == TokPlusPlus, opStart: op.Start, LHS: lhs}
		return s
	}
	if c, ok := lhs.(*CallExpr); ok {
		return &CallStmt{Span: c.Span, Call: c}
	}
	if _, ok := lhs.(*BadExpr); !ok {
		p.expected("assignment or function call")
	}
	return nil
}

// parseBody parses the compound statement that a control statement requires.
// When the '{' is missing it reports that and returns an empty block.
func (p *parser) parseBody(what string) *BlockStmt {
	attrs := p.parseAttrs()
	if p.at(TokLBrace) {
		return p.parseBlock(attrs)
	}
	p.expected("'{' to start the " + what + " body")
	b := &BlockStmt{Attrs: attrs, Span: p.missing()}
	if len(attrs) > 0 {
		b.Span.Start = attrs[0].Span.Start
	}
	return b
}

func (p *parser) parseIf(attrs []*Attribute, start int) *IfStmt {
	p.next()
	s := p.arena.ifs.alloc()
	*s = IfStmt{Attrs: attrs, Cond: p.parseExpr()}
	s.Then = p.parseBody("if")
	if p.got(TokElse) {
		if p.at(TokIf) {
			if !p.enter() {
				s.Span = p.span(start)
				return s
			}
			s.Else = p.parseIf(nil, int(p.tok.Start))
			p.leave()
		} else {
			s.Else = p.parseBody("else")
		}
	}
	s.Span = p.span(start)
	return s
}

func (p *parser) parseSwitch(attrs []*Attribute, start int) *SwitchStmt {
	p.next()
	s := &SwitchStmt{Attrs: attrs, Tag: p.parseExpr()}
	s.BodyAttrs = p.parseAttrs()
	if !p.expect(TokLBrace, " to start the switch body") {
		s.Span = p.span(start)
		return s
	}
	p.needSync = false
	for !p.at(TokRBrace) && !p.at(TokEOF) {
		before := p.pos
		switch p.tok.Kind {
		case TokCase, TokDefault:
			s.Clauses = append(s.Clauses, p.parseCaseClause())
		default:
			if p.atDeclKeywordNotMember() && !p.at(TokVar) && !p.at(TokConst) && !p.at(TokLet) {
				p.expected("'}' to close the switch")
				s.Span = p.span(start)
				p.needSync = false
				return s
			}
			p.expected("'case', 'default' or '}' in switch")
			for !p.at(TokCase) && !p.at(TokDefault) && !p.at(TokRBrace) && !p.at(TokEOF) {
				p.next()
			}
		}
		p.needSync = false
		if p.pos == before {
			p.next()
		}
	}
	p.closeBrace("switch")
	s.Span = p.span(start)
	return s
}

func (p *parser) parseCaseClause() *CaseClause {
	start := int(p.tok.Start)
	c := p.arena.cases.alloc()
	if p.at(TokDefault) {
		c.Selectors = []CaseSelector{{Span: p.tok.Span(), Default: true}}
		p.next()
	} else {
		p.next() // case
		for {
			if p.at(TokDefault) {
				c.Selectors = append(c.Selectors, CaseSelector{Span: p.tok.Span(), Default: true})
				p.next()
			} else {
				before := p.pos
				x := p.parseExpr()
				c.Selectors = append(c.Selectors, CaseSelector{Span: x.NodeSpan(), Expr: x})
				if p.pos == before {
					break
				}
			}
			if !p.got(TokComma) || p.at(TokColon) || p.at(TokLBrace) {
				break
			}
		}
	}
	p.got(TokColon)
	c.Body = p.parseBody("case")
	c.Span = p.span(start)
	return c
}

func (p *parser) parseLoop(attrs []*Attribute, start int) *LoopStmt {
	p.next()
	s := &LoopStmt{Attrs: attrs, BodyAttrs: p.parseAttrs()}
	bstart := int(p.tok.Start)
	if !p.at(TokLBrace) {
		p.expected("'{' to start the loop body")
		e := p.prevEnd()
		s.Body = &BlockStmt{Span: diag.Span{Start: e, End: e}}
		s.Span = p.span(start)
		return s
	}
	if !p.enter() {
		s.Body = &BlockStmt{Span: p.span(bstart)}
		s.Span = p.span(start)
		return s
	}
	defer p.leave()
	saved := p.inContinuing
	p.inContinuing = false
	p.next()
	s.Body = &BlockStmt{Stmts: p.parseStmtList(true)}
	if p.at(TokContinuing) {
		cstart := int(p.tok.Start)
		p.next()
		cattrs := p.parseAttrs()
		if p.at(TokLBrace) {
			p.next()
			p.inContinuing = true
			s.Continuing = &BlockStmt{Attrs: cattrs, Stmts: p.parseStmtList(false)}
			p.inContinuing = false
			p.closeBrace("continuing block")
		} else {
			p.expected("'{' after 'continuing'")
			s.Continuing = &BlockStmt{Attrs: cattrs}
		}
		s.Continuing.Span = p.span(cstart)
	}
	p.inContinuing = saved
	p.closeBrace("loop body")
	s.Body.Span = p.span(bstart)
	s.Span = p.span(start)
	return s
}

func (p *parser) parseFor(attrs []*Attribute, start int) *ForStmt {
	p.next()
	s := p.arena.fors.alloc()
	s.Attrs = attrs
	if p.expect(TokLParen, " after 'for'") {
		switch p.tok.Kind {
		case TokSemicolon:
		case TokVar, TokLet, TokConst:
			s.Init = p.parseVarDecl(nil, int(p.tok.Start))
		default:
			s.Init = p.parseSimpleStmt()
		}
		if p.expectAfter(TokSemicolon, " after for-loop initializer") {
			if !p.at(TokSemicolon) {
				s.Cond = p.parseExpr()
			}
			if p.expectAfter(TokSemicolon, " after for-loop condition") && !p.at(TokRParen) {
				s.Update = p.parseSimpleStmt()
			}
		}
		if !p.got(TokRParen) {
			p.expected("')' to close the for-loop header")
			for !p.at(TokRParen) && !p.at(TokLBrace) && !p.at(TokEOF) && !p.at(TokSemicolon) && !p.at(TokRBrace) {
				p.next()
			}
			p.got(TokRParen)
		}
	}
	p.needSync = false
	s.Body = p.parseBody("for loop")
	s.Span = p.span(start)
	return s
}

// kindAfterAttrs returns the kind of the first token after the attributes
// that start at the current token, and whether they include @group or
// @binding, without consuming anything.
func (p *parser) kindAfterAttrs() (TokenKind, bool) {
	k, binding, _ := p.scanAttrs()
	return k, binding
}

// scanAttrs is kindAfterAttrs that also returns the index of that token.
func (p *parser) scanAttrs() (TokenKind, bool, int) {
	i := p.pos
	binding := false
	for p.toks[i].Kind == TokAt {
		i++
		if k := p.toks[i].Kind; k == TokIdent || k.IsKeyword() {
			if name := p.text(p.toks[i]); name == "group" || name == "binding" {
				binding = true
			}
			i++
		}
		if p.toks[i].Kind == TokLParen {
			depth := 0
		args:
			for ; ; i++ {
				switch p.toks[i].Kind {
				case TokLParen:
					depth++
				case TokRParen:
					depth--
					if depth == 0 {
						i++
						break args
					}
				case TokEOF, TokSemicolon, TokLBrace, TokRBrace, TokAt:
					// Never inside attribute arguments: the list is broken.
					return TokInvalid, binding, i
				}
			}
		}
	}
	return p.toks[i].Kind, binding, i
}
