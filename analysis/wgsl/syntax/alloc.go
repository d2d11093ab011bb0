package syntax

// slab hands out pointers into chunks of T, so that the parser makes one
// allocation per chunk instead of one per node. A chunk stays alive while
// any node in it is referenced, which is the whole tree's lifetime anyway.
type slab[T any] struct{ buf []T }

const slabChunk = 256

func (s *slab[T]) alloc() *T {
	if len(s.buf) == 0 {
		s.buf = make([]T, slabChunk)
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
	exprs    []Expr // backing store for argument lists
	stmts    []Stmt // backing store for statement lists
}

// stmtList is exprList for statements.
func (a *arena) stmtList(xs []Stmt) []Stmt {
	if len(xs) == 0 {
		return nil
	}
	if len(a.stmts) < len(xs) {
		a.stmts = make([]Stmt, max(1024, len(xs)))
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
		a.exprs = make([]Expr, max(1024, len(xs)))
	}
	out := a.exprs[:len(xs):len(xs)]
	copy(out, xs)
	a.exprs = a.exprs[len(xs):]
	return out
}
