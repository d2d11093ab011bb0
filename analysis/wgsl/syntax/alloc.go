package syntax

import (
	"slices"
	"unsafe"
)

// slab hands out pointers into chunks of T, so that the parser makes one
// allocation per chunk instead of one per node. A chunk stays alive while
// any node in it is referenced, which is the whole tree's lifetime anyway.
// limit bounds the nodes still to come (see arena.plan): chunks never go
// past it, so a small file gets small chunks and no chunk has a long
// unused tail. Should the bound be wrong, chunks of minSlabChunk follow.
// A chunk is about slabChunkBytes long whatever the size of T, and fills
// the allocator's size class it lands in (the rounding would be lost
// otherwise). The next node is buf[next]: advancing an index rather than
// reslicing buf stores no pointer, so that a node costs no write barrier
// while the collector runs.
type slab[T any] struct {
	buf       []T
	next      int
	limit     int
	fallbacks int // chunks made past the limit (tests check that there are none)
	chunks    chunkList[T]
}

const (
	slabChunkBytes = 16 << 10
	minSlabChunk   = 16
)

func (s *slab[T]) alloc() *T {
	if s.next >= len(s.buf) {
		s.refill()
	}
	p := &s.buf[s.next]
	s.next++
	return p
}

// refill allocates the next chunk (kept out of alloc so that alloc inlines).
func (s *slab[T]) refill() {
	if buf := s.chunks.takeSpare(1); buf != nil {
		s.buf, s.next = buf, 0
		return
	}
	n := min(s.limit, slabChunkBytes/int(unsafe.Sizeof(*new(T))))
	if n <= 0 {
		n = minSlabChunk
		s.fallbacks++
	}
	// Growing a nil slice rounds its capacity up to the size class.
	buf := slices.Grow([]T(nil), n)
	s.buf, s.next = buf[:cap(buf)], 0
	s.limit -= cap(buf)
	s.chunks.record(s.buf)
}

// arena holds the parser's node slabs.
type arena struct {
	idents        slab[IdentExpr]
	lits          slab[LiteralExpr]
	binaries      slab[BinaryExpr]
	unaries       slab[UnaryExpr]
	calls         slab[CallExpr]
	memberExprs   slab[MemberExpr]
	indexes       slab[IndexExpr]
	assigns       slab[AssignStmt]
	vars          slab[VarDecl]
	blocks        slab[BlockStmt]
	attrs         slab[Attribute]
	tmpls         slab[TemplateList]
	parens        slab[ParenExpr]
	returns       slab[ReturnStmt]
	ifs           slab[IfStmt]
	params        slab[Param]
	cases         slab[CaseClause]
	funcs         slab[FuncDecl]
	structs       slab[StructDecl]
	structMembers slab[StructMember]
	incdecs       slab[IncDecStmt]
	fors          slab[ForStmt]
	exprs         listStore[Expr] // backing store for argument lists
	stmts         listStore[Stmt] // backing store for statement lists
	// Backing stores for attribute, parameter and struct member lists,
	// with their chunk lengths (set by plan).
	attrLists   listStore[*Attribute]
	paramLists  listStore[*Param]
	memberLists listStore[*StructMember]
	attrChunk   int
	paramChunk  int
	memberChunk int
	// declCap is the capacity File.Decls starts with: the module-scope
	// declarations of a valid file.
	declCap int
	// listChunk is the length of a new exprs or stmts chunk, scaled to the
	// file by plan.
	listChunk int
}

// plan sets each slab's limit from the token counts of the file: every
// node of a kind starts at a token of certain kinds (an identifier
// expression at an identifier, a call at a '(', ...), so their count
// bounds the number of nodes. The finer counts of tokenStats make the
// bounds tight on valid code, so that the last chunk of a slab has no long
// unused tail; in broken code a bound may fall short, which costs only
// small fallback chunks.
func (a *arena) plan(st *tokenStats) {
	n := &st.counts
	c := func(kinds ...TokenKind) int {
		t := 0
		for _, k := range kinds {
			t += int(n[k])
		}
		return t
	}
	// List chunks grow with the file: statements mostly end at a ';' and
	// arguments are separated by ','; a quarter of those and of the
	// identifiers is a fair size, from 64 to 256 elements (4 KiB: larger
	// chunks save a few allocations but leave a longer unused tail).
	a.listChunk = min(max(c(TokIdent, TokSemicolon, TokComma)/4, 64), 256)
	a.idents.limit = c(TokIdent) - int(st.names)
	a.lits.limit = c(TokIntLit, TokFloatLit, TokTrue, TokFalse)
	// Every '<' that opened a template list counted as TokLt.
	a.binaries.limit = c(TokPlus, TokSlash, TokPercent, TokShl, TokShr, TokOr, TokXor, TokAndAnd,
		TokOrOr, TokLt, TokGt, TokLtEq, TokGtEq, TokEqEq, TokNotEq) - c(TokTemplateEnd) + int(st.binaryAmbig)
	a.unaries.limit = c(TokBang, TokTilde) + int(st.unaryAmbig)
	a.calls.limit = int(st.callParens)
	a.memberExprs.limit = c(TokPeriod)
	a.indexes.limit = c(TokLBracket)
	a.assigns.limit = c(TokEq, TokPlusEq, TokMinusEq, TokStarEq, TokSlashEq, TokPercentEq, TokAndEq,
		TokOrEq, TokXorEq, TokShrEq, TokShlEq) - int(st.declEqs)
	a.vars.limit = c(TokVar, TokLet, TokConst, TokOverride)
	a.blocks.limit = c(TokLBrace)
	a.attrs.limit = c(TokAt)
	a.tmpls.limit = c(TokTemplateEnd)
	a.parens.limit = int(st.exprParens)
	a.returns.limit = c(TokReturn)
	a.ifs.limit = c(TokIf)
	a.params.limit = int(st.params)
	a.cases.limit = c(TokCase, TokDefault)
	a.funcs.limit = c(TokFn)
	a.structs.limit = c(TokStruct)
	a.structMembers.limit = int(st.members) + c(TokStruct) // a broken struct may hold one without ':'
	a.incdecs.limit = c(TokPlusPlus, TokMinusMinus)
	a.fors.limit = c(TokFor)
	a.attrChunk = min(max(a.attrs.limit, minSlabChunk), 512)
	a.paramChunk = min(max(a.params.limit, minSlabChunk), 512)
	a.memberChunk = min(max(a.structMembers.limit, minSlabChunk), 512)
	a.declCap = max(int(st.topDecls), 1)
}

// listStore hands out exactly sized slices of T from shared chunks (see
// arena.exprList); like slab, it advances an index, not a slice.
type listStore[T any] struct {
	buf    []T
	next   int
	chunks chunkList[T]
}

// list copies xs into the store and returns an exactly sized slice
// (capacity capped, so appending to it never clobbers a neighbour), or
// nil when xs is empty. A new chunk holds at least chunk elements.
func (s *listStore[T]) list(xs []T, chunk int) []T {
	if len(xs) == 0 {
		return nil
	}
	if len(s.buf)-s.next < len(xs) {
		n := max(chunk, len(xs))
		if s.buf = s.chunks.takeSpare(n); s.buf == nil {
			s.buf = make([]T, n)
			s.chunks.record(s.buf)
		}
		s.next = 0
	}
	end := s.next + len(xs)
	out := s.buf[s.next:end:end]
	copy(out, xs)
	s.next = end
	return out
}

// gather collects a list under construction: its first elements in an
// array (a local variable of the caller), any more in spill.
type gather[T any] struct {
	buf   [8]T
	n     int
	spill []T
}

func (g *gather[T]) add(x T) {
	if g.n < len(g.buf) {
		g.buf[g.n] = x
	} else {
		if g.n == len(g.buf) {
			g.spill = append(g.spill, g.buf[:]...)
		}
		g.spill = append(g.spill, x)
	}
	g.n++
}

// items returns the elements gathered.
func (g *gather[T]) items() []T {
	if g.n <= len(g.buf) {
		return g.buf[:g.n]
	}
	return g.spill
}

// push adds x, the element n of a list under construction, to the list:
// the first len(buf) elements go to buf (a local array of the caller:
// stores to the stack need no write barrier), the rest onto scratch, a
// stack the parser shares between lists (copying buf there first). It
// returns n+1.
func push[T any](buf *[smallList]T, n int, scratch *[]T, x T) int {
	if n < len(buf) {
		buf[n] = x
	} else {
		if n == len(buf) {
			*scratch = append(*scratch, buf[:]...)
		}
		*scratch = append(*scratch, x)
	}
	return n + 1
}

// stmtList is exprList for statements.
func (a *arena) stmtList(xs []Stmt) []Stmt { return a.stmts.list(xs, a.listChunk) }

// exprList copies xs into the shared backing store and returns an exactly
// sized slice (capacity capped, so appending to it never clobbers a
// neighbour); nil when xs is empty.
func (a *arena) exprList(xs []Expr) []Expr { return a.exprs.list(xs, a.listChunk) }

// chunkList keeps the chunks of a reused arena (see Parser): those handed
// out since the last recycle (used), and cleared ones to hand out again
// before any new one is made (spare). A chunkList that was never recycled
// keeps nothing.
type chunkList[T any] struct {
	reused      bool
	used, spare [][]T
}

// takeSpare returns a spare chunk of at least n elements, now in use, or
// nil when there is none.
func (c *chunkList[T]) takeSpare(n int) []T {
	for i := len(c.spare) - 1; i >= 0; i-- {
		if buf := c.spare[i]; len(buf) >= n {
			last := len(c.spare) - 1
			c.spare[i] = c.spare[last]
			c.spare = c.spare[:last]
			c.used = append(c.used, buf)
			return buf
		}
	}
	return nil
}

// record notes a new chunk as in use (if the arena is reused).
func (c *chunkList[T]) record(buf []T) {
	if c.reused {
		c.used = append(c.used, buf)
	}
}

// recycle clears the chunks in use and makes them spares.
func (c *chunkList[T]) recycle() {
	for _, buf := range c.used {
		clear(buf)
	}
	c.reused = true
	c.spare = append(c.spare, c.used...)
	c.used = c.used[:0]
}

// recycle readies an arena for the next parse in the same memory (see
// Parser): the chunks the last parse used are cleared (no pointer into
// the old tree or its source survives) and become spares, and the arena
// starts to record the chunks it hands out.
func (a *arena) recycle() {
	recycleSlab(&a.idents)
	recycleSlab(&a.lits)
	recycleSlab(&a.binaries)
	recycleSlab(&a.unaries)
	recycleSlab(&a.calls)
	recycleSlab(&a.memberExprs)
	recycleSlab(&a.indexes)
	recycleSlab(&a.assigns)
	recycleSlab(&a.vars)
	recycleSlab(&a.blocks)
	recycleSlab(&a.attrs)
	recycleSlab(&a.tmpls)
	recycleSlab(&a.parens)
	recycleSlab(&a.returns)
	recycleSlab(&a.ifs)
	recycleSlab(&a.params)
	recycleSlab(&a.cases)
	recycleSlab(&a.funcs)
	recycleSlab(&a.structs)
	recycleSlab(&a.structMembers)
	recycleSlab(&a.incdecs)
	recycleSlab(&a.fors)
	recycleList(&a.exprs)
	recycleList(&a.stmts)
	recycleList(&a.attrLists)
	recycleList(&a.paramLists)
	recycleList(&a.memberLists)
}

func recycleSlab[T any](s *slab[T]) {
	s.chunks.recycle()
	*s = slab[T]{chunks: s.chunks}
}

func recycleList[T any](s *listStore[T]) {
	s.chunks.recycle()
	*s = listStore[T]{chunks: s.chunks}
}
