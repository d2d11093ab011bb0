package syntax

// slab hands out pointers into chunks of T, so that the parser makes one
// allocation per chunk instead of one per node. A chunk stays alive while
// any node in it is referenced, which is the whole tree's lifetime anyway.
// limit bounds the nodes still to come (see arena.plan): chunks never go
// past it, so a small file gets small chunks and no chunk has a long
// unused tail. Should the bound be wrong, chunks of minSlabChunk follow.
type slab[T any] struct {
	buf   []T
	limit int
}

const (
	slabChunk    = 256
	minSlabChunk = 16
)

func (s *slab[T]) alloc() *T {
	if len(s.buf) == 0 {
		n := min(s.limit, slabChunk)
		if n <= 0 {
			n = minSlabChunk
		}
		s.limit -= n
		s.buf = make([]T, n)
	}
	p := &s.buf[0]
	s.buf = s.buf[1:]
	return p
}

// arena holds the parser's node slabs.
type arena struct {
	idents   slab[IdentExpr]
	lits     slab[LiteralExpr]
	binaries slab[BinaryExpr]
	unaries  slab[UnaryExpr]
	calls    slab[CallExpr]
	members  slab[MemberExpr]
	indexes  slab[IndexExpr]
	assigns  slab[AssignStmt]
	vars     slab[VarDecl]
	blocks   slab[BlockStmt]
	attrs    slab[Attribute]
	tmpls    slab[TemplateList]
	parens   slab[ParenExpr]
	returns  slab[ReturnStmt]
	ifs      slab[IfStmt]
	params   slab[Param]
	cases    slab[CaseClause]
	exprs    []Expr // backing store for argument lists
	stmts    []Stmt // backing store for statement lists
	// listChunk is the length of a new exprs or stmts chunk, scaled to the
	// file by plan.
	listChunk int
}

// plan sets each slab's limit from the token counts of the file: every
// node of a kind starts at a token of certain kinds (an identifier
// expression at an identifier, a call at a '(', ...), so their count
// bounds the number of nodes.
func (a *arena) plan(n *[numTokenKinds]int32) {
	c := func(kinds ...TokenKind) int {
		t := 0
		for _, k := range kinds {
			t += int(n[k])
		}
		return t
	}
	// List chunks grow with the file: statements mostly end at a ';' and
	// arguments are separated by ','; a quarter of those and of the
	// identifiers is a fair size, from 64 to 1024 elements.
	a.listChunk = min(max(c(TokIdent, TokSemicolon, TokComma)/4, 64), 1024)
	a.idents.limit = c(TokIdent)
	a.lits.limit = c(TokIntLit, TokFloatLit, TokTrue, TokFalse)
	a.binaries.limit = c(TokPlus, TokMinus, TokStar, TokSlash, TokPercent, TokShl, TokShr, TokAnd, TokOr,
		TokXor, TokAndAnd, TokOrOr, TokLt, TokGt, TokLtEq, TokGtEq, TokEqEq, TokNotEq)
	a.unaries.limit = c(TokMinus, TokBang, TokTilde, TokStar, TokAnd)
	a.calls.limit = c(TokLParen)
	a.members.limit = c(TokPeriod)
	a.indexes.limit = c(TokLBracket)
	a.assigns.limit = c(TokEq, TokPlusEq, TokMinusEq, TokStarEq, TokSlashEq, TokPercentEq, TokAndEq,
		TokOrEq, TokXorEq, TokShrEq, TokShlEq)
	a.vars.limit = c(TokVar, TokLet, TokConst, TokOverride)
	a.blocks.limit = c(TokLBrace)
	a.attrs.limit = c(TokAt)
	a.tmpls.limit = c(TokTemplateEnd)
	a.parens.limit = c(TokLParen)
	a.returns.limit = c(TokReturn)
	a.ifs.limit = c(TokIf)
	a.params.limit = c(TokColon, TokFn) // a broken parameter list may hold one without ':'
	a.cases.limit = c(TokCase, TokDefault)
}

// stmtList is exprList for statements.
func (a *arena) stmtList(xs []Stmt) []Stmt {
	if len(xs) == 0 {
		return nil
	}
	if len(a.stmts) < len(xs) {
		a.stmts = make([]Stmt, max(a.listChunk, len(xs)))
	}
	out := a.stmts[:len(xs):len(xs)]
	copy(out, xs)
	a.stmts = a.stmts[len(xs):]
	return out
}

// exprList copies xs into the shared backing store and returns an exactly
// sized slice (capacity capped, so appending to it never clobbers a
// neighbour).
func (a *arena) exprList(xs []Expr) []Expr {
	if len(xs) == 0 {
		return nil
	}
	if len(a.exprs) < len(xs) {
		a.exprs = make([]Expr, max(a.listChunk, len(xs)))
	}
	out := a.exprs[:len(xs):len(xs)]
	copy(out, xs)
	a.exprs = a.exprs[len(xs):]
	return out
}
