package wgsl

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// behaviour is a statement's set of possible exits (WGSL "behaviors").
type behaviour uint8

const (
	bNext behaviour = 1 << iota
	bReturn
	bBreak
	bContinue
)

// checkBody checks a function body once, checking callees first so their
// summaries are known at each call.
func (c *checker) checkBody(s *Symbol) {
	fi := s.Func
	if fi.checked || fi.visiting {
		return
	}
	c.resolve(s)
	fi.visiting = true
	savedScopes := c.saveScopes()
	savedFn, savedSym, savedRet := c.fn, c.fnSym, c.retTy
	savedLoop, savedSwitch, savedCont, savedNoEval := c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval
	defer func() {
		c.restoreScopes(savedScopes)
		c.fn, c.fnSym, c.retTy = savedFn, savedSym, savedRet
		c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval = savedLoop, savedSwitch, savedCont, savedNoEval
		fi.visiting = false
		fi.checked = true
	}()
	c.fn, c.fnSym, c.retTy = fi, s, s.Type
	c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval = 0, 0, 0, 0
	c.pushScope()
	fi.paramWrite = make([]bool, len(fi.Params))
	fi.paramAccess = make([]bool, len(fi.Params))
	for i, p := range fi.Params {
		p.paramIndex = int32(i)
		c.declareLocal(p)
	}
	d := fi.Decl
	if d.Body == nil {
		return
	}
	c.attrMap(d.Body.Attrs, "diagnostic", "a function body")
	b := c.stmts(d.Body.Stmts)
	c.popScope()
	if s.Type != nil && s.Type.Kind != Invalid && b&bNext != 0 {
		end := d.Body.Span.End
		c.errorf(diag.Span{Start: max(end-1, d.Body.Span.Start), End: end}, CodeMissingReturn,
			"function '%s' must return a value of type %s on every path", s.Name, s.Type)
	}
}

// stmts checks a statement list and returns its combined behaviour.
func (c *checker) stmts(list []syntax.Stmt) behaviour {
	acc := bNext
	for _, st := range list {
		b := c.stmt(st)
		if acc&bNext != 0 {
			acc = (acc &^ bNext) | b
		}
	}
	return acc
}

func (c *checker) block(b *syntax.BlockStmt, where string) behaviour {
	if b == nil {
		return bNext
	}
	c.attrMap(b.Attrs, "diagnostic", where)
	c.pushScope()
	r := c.stmts(b.Stmts)
	c.popScope()
	return r
}

func (c *checker) stmt(s syntax.Stmt) behaviour {
	switch s := s.(type) {
	case nil, *syntax.EmptyStmt, *syntax.BadStmt:
		return bNext
	case *syntax.BlockStmt:
		return c.block(s, "a compound statement")
	case *syntax.VarDecl:
		c.localDecl(s)
		return bNext
	case *syntax.ConstAssert:
		c.constAssert(s)
		return bNext
	case *syntax.AssignStmt:
		c.assign(s)
		return bNext
	case *syntax.IncDecStmt:
		c.incDec(s)
		return bNext
	case *syntax.CallStmt:
		if s.Call != nil {
			c.call(s.Call, false)
		}
		return bNext
	case *syntax.IfStmt:
		c.attrMap(s.Attrs, "diagnostic", "an if statement")
		c.condition(s.Cond, "if")
		b := c.block(s.Then, "an if body")
		if s.Else != nil {
			b |= c.stmt(s.Else)
		} else {
			b |= bNext
		}
		return b
	case *syntax.SwitchStmt:
		return c.switchStmt(s)
	case *syntax.LoopStmt:
		c.attrMap(s.Attrs, "diagnostic", "a loop statement")
		c.attrMap(s.BodyAttrs, "diagnostic", "a loop body")
		c.loopDepth++
		c.pushScope()
		c.continues = append(c.continues, nil)
		b := bNext
		if s.Body != nil {
			b = c.stmts(s.Body.Stmts)
		}
		conts := c.continues[len(c.continues)-1]
		c.continues = c.continues[:len(c.continues)-1]
		if s.Continuing != nil {
			c.checkContinueBypass(conts, c.topScope(), s.Continuing)
			c.continuingDepth++
			saveLoop, saveSwitch := c.loopDepth, c.switchDepth
			c.loopDepth, c.switchDepth = 0, 0
			c.attrMap(s.Continuing.Attrs, "diagnostic", "a continuing statement")
			c.pushScope()
			cb := c.continuingStmts(s.Continuing.Stmts)
			c.popScope()
			c.loopDepth, c.switchDepth = saveLoop, saveSwitch
			c.continuingDepth--
			b |= cb
		}
		c.popScope()
		c.loopDepth--
		c.checkLoopExits(s.Span, b, false)
		return loopBehaviour(b, false)
	case *syntax.ForStmt:
		c.attrMap(s.Attrs, "diagnostic", "a for statement")
		c.pushScope()
		if s.Init != nil {
			c.stmt(s.Init)
		}
		if s.Cond != nil {
			c.condition(s.Cond, "for")
		}
		if s.Update != nil {
			c.stmt(s.Update)
		}
		c.loopDepth++
		c.continues = append(c.continues, nil)
		b := c.block(s.Body, "a for body")
		c.continues = c.continues[:len(c.continues)-1]
		c.loopDepth--
		c.popScope()
		c.checkLoopExits(s.Span, b, s.Cond != nil)
		return loopBehaviour(b, s.Cond != nil)
	case *syntax.WhileStmt:
		c.attrMap(s.Attrs, "diagnostic", "a while statement")
		c.condition(s.Cond, "while")
		c.loopDepth++
		c.continues = append(c.continues, nil)
		b := c.block(s.Body, "a while body")
		c.continues = c.continues[:len(c.continues)-1]
		c.loopDepth--
		return loopBehaviour(b, true)
	case *syntax.BreakStmt:
		if c.loopDepth == 0 && c.switchDepth == 0 {
			if c.continuingDepth > 0 {
				c.errorf(s.Span, CodeControlFlow, "'break' cannot be used in a continuing block; use 'break if'")
			} else {
				c.errorf(s.Span, CodeControlFlow, "'break' must be inside a loop or switch")
			}
		}
		return bBreak
	case *syntax.BreakIfStmt:
		c.condition(s.Cond, "break if")
		if c.continuingDepth == 0 || c.loopDepth > 0 || c.switchDepth > 0 {
			c.errorf(s.Span, CodeControlFlow, "'break if' must be the last statement of a continuing block")
		}
		return bBreak | bNext
	case *syntax.ContinueStmt:
		if n := len(c.continues); n > 0 && c.loopDepth > 0 {
			c.continues[n-1] = append(c.continues[n-1], s.Span)
		}
		if c.loopDepth == 0 {
			if c.continuingDepth > 0 {
				c.errorf(s.Span, CodeControlFlow, "'continue' cannot be used in a continuing block")
			} else {
				c.errorf(s.Span, CodeControlFlow, "'continue' must be inside a loop")
			}
		}
		return bContinue
	case *syntax.ReturnStmt:
		c.returnStmt(s)
		return bReturn
	case *syntax.DiscardStmt:
		if c.fn != nil {
			c.fn.uses = append(c.fn.uses, builtinUse{fn: discardFn, span: s.Span})
		}
		return bNext
	}
	return bNext
}

var discardFn = &builtinFn{name: "discard", stages: stageFragment}

// checkLoopExits reports a loop that can never exit: without a condition,
// its body must be able to break or return.
func (c *checker) checkLoopExits(sp diag.Span, b behaviour, hasCond bool) {
	if !hasCond && b&(bBreak|bReturn) == 0 {
		c.errorf(diag.Span{Start: sp.Start, End: min(sp.Start+4, sp.End)}, CodeControlFlow, "this loop never exits (its body can neither break nor return)")
	}
}

func loopBehaviour(b behaviour, hasCond bool) behaviour {
	if b&bBreak != 0 || hasCond {
		return (b &^ (bBreak | bContinue)) | bNext
	}
	return b &^ (bContinue | bNext)
}

// continuingStmts checks a continuing block: break if only last, no return.
func (c *checker) continuingStmts(list []syntax.Stmt) behaviour {
	for i, st := range list {
		if bi, ok := st.(*syntax.BreakIfStmt); ok && i != len(list)-1 {
			c.errorf(bi.Span, CodeControlFlow, "'break if' must be the last statement of a continuing block")
		}
		c.checkNoReturn(st)
	}
	return c.stmts(list)
}

// checkNoReturn reports return and discard... statements inside continuing.
func (c *checker) checkNoReturn(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.ReturnStmt:
		c.errorf(s.Span, CodeControlFlow, "'return' cannot be used in a continuing block")
	case *syntax.BlockStmt:
		for _, x := range s.Stmts {
			c.checkNoReturn(x)
		}
	case *syntax.IfStmt:
		if s.Then != nil {
			c.checkNoReturn(s.Then)
		}
		if s.Else != nil {
			c.checkNoReturn(s.Else)
		}
	case *syntax.SwitchStmt:
		for _, cl := range s.Clauses {
			if cl.Body != nil {
				c.checkNoReturn(cl.Body)
			}
		}
	case *syntax.LoopStmt:
		if s.Body != nil {
			c.checkNoReturn(s.Body)
		}
	case *syntax.ForStmt:
		if s.Body != nil {
			c.checkNoReturn(s.Body)
		}
	case *syntax.WhileStmt:
		if s.Body != nil {
			c.checkNoReturn(s.Body)
		}
	}
}

func (c *checker) condition(e syntax.Expr, what string) operand {
	op := c.value(e)
	if op.invalid() {
		return op
	}
	if op.t.Kind != Bool {
		c.errorf(e.NodeSpan(), CodeTypeMismatch, "%s condition must be bool, not %s", what, op.t)
	}
	return op
}

func (c *checker) returnStmt(s *syntax.ReturnStmt) {
	if c.continuingDepth > 0 {
		// reported by checkNoReturn
	}
	if s.Value == nil {
		if c.retTy != nil && c.retTy.Kind != Invalid {
			c.errorf(s.Span, CodeTypeMismatch, "missing return value of type %s", c.retTy)
		}
		return
	}
	op := c.value(s.Value)
	if op.invalid() || (c.retTy != nil && c.retTy.Kind == Invalid) {
		return
	}
	if c.retTy == nil {
		c.errorf(s.Value.NodeSpan(), CodeTypeMismatch, "function '%s' does not return a value", c.fnSym.Name)
		return
	}
	if !convertible(op.t, c.retTy) {
		c.errorf(s.Value.NodeSpan(), CodeTypeMismatch, "cannot return %s from a function returning %s", op.t, c.retTy)
		return
	}
	c.convertOp(op, c.retTy, s.Value.NodeSpan())
}

// localDecl checks a function-scope var, let or const.
func (c *checker) localDecl(d *syntax.VarDecl) {
	kind := varSymbolKind(d.Kind)
	s := c.newSymbol(kind, d.Name, d)
	var scopeEnd int32
	if c.fn != nil {
		scopeEnd = int32(c.fn.Decl.Span.End)
	}
	c.setDeclOf(d, s)
	var declT *Type
	if d.Type != nil {
		declT = c.typeOf(d.Type)
	}
	switch d.Kind {
	case syntax.VarConst:
		c.attrsNotAllowed(d.Attrs, "a const declaration")
		c.constDecl(s, d, declT)
	case syntax.VarOverride:
		c.errorf(d.Keyword, CodeInvalidDecl, "override declarations are only allowed at module scope")
		s.Type = tInvalid
	case syntax.VarLet:
		c.attrsNotAllowed(d.Attrs, "a let declaration")
		s.Type = tInvalid
		if d.Init == nil {
			c.errorf(d.Name.Span, CodeInvalidDecl, "let '%s' needs an initializer", s.Name)
			break
		}
		init := c.value(d.Init)
		if init.invalid() || (declT != nil && declT.Kind == Invalid) {
			break
		}
		t := declT
		if t == nil {
			t = concretize(init.t)
		}
		if !convertible(init.t, t) {
			c.errorf(d.Init.NodeSpan(), CodeTypeMismatch, "cannot initialize '%s' of type %s with a value of type %s", s.Name, t, init.t)
			break
		}
		c.convertOp(init, t, d.Init.NodeSpan())
		if !t.IsConstructible() && t.Kind != Pointer {
			c.errorf(d.Name.Span, CodeInvalidDecl, "let '%s' cannot have type %s", s.Name, t)
			break
		}
		s.Type = t
		s.nonUniform = init.nonUniform
		if t.Kind == Pointer {
			s.ptrRoot = init.root
		}
		c.locals = append(c.locals, localVar{s, scopeEnd})
	case syntax.VarVar:
		c.attrsNotAllowed(d.Attrs, "a function-scope variable")
		s.Type = tInvalid
		if d.Template != nil {
			space, _, ok := c.varTemplate(d)
			if !ok {
				break
			}
			if space != Function {
				c.errorf(d.Template.Span, CodeAddressSpace, "function-scope variables must be in the function address space, not %s", space)
				break
			}
		}
		t := declT
		if d.Init != nil {
			init := c.value(d.Init)
			if init.invalid() || (declT != nil && declT.Kind == Invalid) {
				break
			}
			if t == nil {
				t = concretize(init.t)
			}
			if !convertible(init.t, t) {
				c.errorf(d.Init.NodeSpan(), CodeTypeMismatch, "cannot initialize '%s' of type %s with a value of type %s", s.Name, t, init.t)
				break
			}
			c.convertOp(init, t, d.Init.NodeSpan())
			s.nonUniform = init.nonUniform
		}
		if t == nil {
			c.errorf(d.Name.Span, CodeInvalidDecl, "variable '%s' needs a type or an initializer", s.Name)
			break
		}
		if t.Kind == Invalid {
			break
		}
		if !c.checkStoreType(Function, t, typeSpan(d)) {
			break
		}
		s.Type, s.Space, s.Access = t, Function, ReadWrite
		c.locals = append(c.locals, localVar{s, scopeEnd})
	}
	c.declareLocal(s)
}

// assign checks `lhs = rhs`, `_ = rhs` and compound assignments.
func (c *checker) assign(s *syntax.AssignStmt) {
	if _, ok := s.LHS.(*syntax.PhonyExpr); ok {
		op := c.value(s.RHS)
		if op.invalid() {
			return
		}
		if !(op.t.IsConstructible() || op.t.Kind == Pointer || op.t.IsHandle()) {
			c.errorf(s.RHS.NodeSpan(), CodeInvalidAssign, "a value of type %s cannot be assigned to '_'", op.t)
		}
		if s.Op != syntax.TokEq {
			c.errorf(s.OpSpan(), CodeInvalidAssign, "compound assignment to '_' is not allowed")
		}
		return
	}
	lhs := c.expr(s.LHS)
	rhs := c.value(s.RHS)
	if lhs.invalid() || rhs.invalid() {
		return
	}
	if lhs.t.Kind != Reference {
		c.errorf(s.LHS.NodeSpan(), CodeInvalidAssign, "cannot assign to %s (not a reference to memory)", describeLHS(s.LHS, lhs, c))
		return
	}
	if lhs.t.Access == Read {
		c.errorf(s.LHS.NodeSpan(), CodeInvalidAssign, "cannot assign to read-only memory (%s)", lhs.t)
		return
	}
	store := lhs.t.Elem
	if !store.IsConstructible() {
		c.errorf(s.LHS.NodeSpan(), CodeInvalidAssign, "cannot assign to a value of type %s", store)
		return
	}
	if lhs.root != nil && rhs.nonUniform {
		lhs.root.nonUniform = true
	}
	c.noteAccess(lhs.root, true)
	if s.Op == syntax.TokEq {
		if !convertible(rhs.t, store) {
			c.errorf(s.RHS.NodeSpan(), CodeTypeMismatch, "cannot assign a value of type %s to %s", rhs.t, store)
			return
		}
		c.convertOp(rhs, store, s.RHS.NodeSpan())
		return
	}
	op := compoundOpTab[s.Op]
	cur := operand{t: store, stage: stRuntime}
	r := c.binaryOp(op, cur, rhs, s.Span, s.LHS.NodeSpan(), s.RHS.NodeSpan(), false)
	if r.invalid() {
		return
	}
	if !convertible(r.t, store) {
		c.errorf(s.Span, CodeTypeMismatch, "the result of %s %s= %s is %s, which cannot be stored in %s", store, op, rhs.t, r.t, store)
	}
}

var compoundOpTab = tokenTable(compoundOps)

var compoundOps = map[syntax.TokenKind]string{
	syntax.TokPlusEq: "+", syntax.TokMinusEq: "-", syntax.TokStarEq: "*", syntax.TokSlashEq: "/",
	syntax.TokPercentEq: "%", syntax.TokAndEq: "&", syntax.TokOrEq: "|", syntax.TokXorEq: "^",
	syntax.TokShrEq: ">>", syntax.TokShlEq: "<<",
}

func describeLHS(e syntax.Expr, op operand, c *checker) string {
	if id, ok := e.(*syntax.IdentExpr); ok {
		if s := c.refTo(id); s != nil {
			return s.Kind.String() + " '" + s.Name + "'"
		}
	}
	return "a value of type " + op.t.String()
}

func (c *checker) incDec(s *syntax.IncDecStmt) {
	lhs := c.expr(s.LHS)
	if lhs.invalid() {
		return
	}
	opName := "--"
	if s.Inc {
		opName = "++"
	}
	if lhs.t.Kind != Reference {
		c.errorf(s.LHS.NodeSpan(), CodeInvalidAssign, "cannot apply %s to %s (not a reference to memory)", opName, describeLHS(s.LHS, lhs, c))
		return
	}
	if lhs.t.Access == Read {
		c.errorf(s.LHS.NodeSpan(), CodeInvalidAssign, "cannot apply %s to read-only memory", opName)
		return
	}
	c.noteAccess(lhs.root, true)
	if k := lhs.t.Elem.Kind; k != I32 && k != U32 {
		c.errorf(s.LHS.NodeSpan(), CodeTypeMismatch, "%s needs an i32 or u32, not %s", opName, lhs.t.Elem)
	}
}

// switchStmt checks the selector, case values and clauses.
func (c *checker) switchStmt(s *syntax.SwitchStmt) behaviour {
	c.attrMap(s.Attrs, "diagnostic", "a switch statement")
	c.attrMap(s.BodyAttrs, "diagnostic", "a switch body")
	tag := c.value(s.Tag)
	ok := !tag.invalid()
	if ok && !(tag.t.IsScalar() && tag.t.IsInt()) {
		c.errorf(s.Tag.NodeSpan(), CodeTypeMismatch, "switch selector must be i32 or u32, not %s", tag.t)
		ok = false
	}
	// All selectors and the tag must share one type.
	type sel struct {
		op operand
		sp diag.Span
	}
	var sels []sel
	defaults := 0
	var firstDefault diag.Span
	for _, cl := range s.Clauses {
		for _, cs := range cl.Selectors {
			if cs.Default {
				defaults++
				if defaults == 2 {
					c.errorRel(cs.Span, CodeSwitch, firstDefault, "first default", "a switch may have only one default clause")
				}
				firstDefault = cs.Span
				continue
			}
			op := c.value(cs.Expr)
			if op.invalid() {
				ok = false
				continue
			}
			if op.stage != stConst || op.v == nil {
				c.errorf(cs.Expr.NodeSpan(), CodeNotConst, "case selector must be a const-expression")
				ok = false
				continue
			}
			sels = append(sels, sel{op, cs.Expr.NodeSpan()})
		}
	}
	if defaults == 0 {
		c.errorf(s.Span, CodeSwitch, "a switch must have a default clause")
	}
	if ok {
		ts := []*Type{tag.t}
		for _, x := range sels {
			ts = append(ts, x.op.t)
		}
		ct := commonType(ts)
		if ct == nil || !ct.IsInt() {
			c.errorf(s.Tag.NodeSpan(), CodeTypeMismatch, "case selectors and the switch selector (%s) must have the same integer type", tag.t)
		} else {
			if ct.Kind == AbstractInt {
				ct = tI32
			}
			seen := map[int64]diag.Span{}
			for _, x := range sels {
				v := c.convertOp(x.op, ct, x.sp)
				if v.invalid() || v.v == nil {
					continue
				}
				if prev, dup := seen[v.v.I]; dup {
					c.errorRel(x.sp, CodeSwitch, prev, "first used here", "duplicate case selector value %s", v.v)
					continue
				}
				seen[v.v.I] = x.sp
			}
		}
	}
	c.switchDepth++
	var b behaviour
	for _, cl := range s.Clauses {
		b |= c.block(cl.Body, "a case body")
	}
	c.switchDepth--
	if b&bBreak != 0 {
		b = (b &^ bBreak) | bNext
	}
	if b == 0 {
		b = bNext
	}
	return b
}

// checkContinueBypass reports a continue that would skip the declaration
// of a name the continuing block uses.
func (c *checker) checkContinueBypass(conts []diag.Span, body []*Symbol, cont *syntax.BlockStmt) {
	if len(conts) == 0 || len(body) == 0 {
		return
	}
	reported := map[diag.Span]bool{}
	syntax.Inspect(cont, func(n syntax.Node) bool {
		id, ok := n.(*syntax.IdentExpr)
		if !ok {
			return true
		}
		sym := findIn(body, id.Name.Name)
		if sym == nil {
			return true
		}
		for _, sp := range conts {
			if sp.Start < sym.NameSpan.Start && !reported[sp] {
				reported[sp] = true
				c.errorRel(sp, CodeControlFlow, sym.NameSpan, "declared here",
					"'continue' skips the declaration of '%s', which the continuing block uses", sym.Name)
			}
		}
		return true
	})
}

// varSymbolKind maps a declaration keyword to its symbol kind (0 if none).
func varSymbolKind(k syntax.VarKind) SymbolKind {
	switch k {
	case syntax.VarVar:
		return SymVar
	case syntax.VarLet:
		return SymLet
	case syntax.VarConst:
		return SymConst
	case syntax.VarOverride:
		return SymOverride
	}
	return 0
}
