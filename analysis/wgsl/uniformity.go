package wgsl

import (
	"strings"
	"sync"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Uniformity analysis: a flow-sensitive approximation of the WGSL
// uniformity rules. Barriers must be called in uniform control flow;
// derivatives and implicit-LOD texture sampling too (rule
// derivative_uniformity, filterable); subgroup operations likewise
// (subgroup_uniformity). Functions get summaries so that calls propagate
// requirements: whether the call itself must be in uniform control flow,
// which parameters must be uniform, whether the result is non-uniform.

type uniSummary struct {
	done, busy      bool
	requires        bool
	reqWhat         string
	paramReq        []bool
	resultNU        bool
	resultFromParam []bool
	ptrParamNU      []bool
	// ptrFromParam[i][j]: what the callee stores through pointer parameter
	// i is non-uniform when argument j is.
	ptrFromParam [][]bool
	// ptrWrites[i]: the callee assigns *p as a whole, unconditionally.
	ptrWrites []bool
}

type uniRun struct {
	c         *checker
	fn        *FuncInfo
	sum       *uniSummary
	taint     *symTaint
	ptrTaint  *symTaint // pointer lets whose address is non-uniform
	snapshot  []uint8   // taint states before a loop pass (outermost loop only)
	cf        bool
	quiet     int
	violated  bool
	sawReq    bool // met an operation (or call) needing uniformity
	nest      int  // depth of conditional constructs around the statement
	loopDepth int  // depth of loops around the statement
	wholeW    []bool
	resultNU  bool
	ptrNU     []bool
	filters   []*syntax.Attribute
	// loop state: a non-uniform break/continue makes later iterations
	// non-uniform.
	loopNU *bool
}

// symTaint is a per-symbol flag indexed by Symbol.id. Like a map it tells
// a symbol never set (state 0) from one set to false (1) or true (2), so
// that a loop pass that only adds entries still counts as a change. It
// lists the symbols set since the last reset, so that resetting and
// comparing cost what a run touched, not the number of symbols.
type symTaint struct {
	st      []uint8
	touched []int32 // ids with a non-zero state, in the order first set
}

// reset forgets every entry and makes room for n symbols.
func (t *symTaint) reset(n int) {
	for _, id := range t.touched {
		t.st[id] = 0
	}
	t.touched = t.touched[:0]
	if cap(t.st) < n {
		t.st = make([]uint8, n)
		return
	}
	t.st = t.st[:n]
}

func (t *symTaint) get(s *Symbol) bool {
	return int(s.id) < len(t.st) && t.st[s.id] == 2
}

func (t *symTaint) set(s *Symbol, v bool) {
	if int(s.id) >= len(t.st) {
		t.st = append(t.st, make([]uint8, int(s.id)+1-len(t.st))...)
	}
	if t.st[s.id] == 0 {
		t.touched = append(t.touched, s.id)
	}
	if v {
		t.st[s.id] = 2
	} else {
		t.st[s.id] = 1
	}
}

// snapshot appends the states of the touched symbols to buf.
func (t *symTaint) snapshot(buf []uint8) []uint8 {
	for _, id := range t.touched {
		buf = append(buf, t.st[id])
	}
	return buf
}

// unchangedSince reports whether the symbols snap (taken by snapshot since
// the last reset) recorded still have the states it recorded. Symbols set
// for the first time since are not compared: in a loop pass those are the
// locals declared in the body, which every pass sets at their declaration
// before any use, so their state at the start of a pass does not matter.
func (t *symTaint) unchangedSince(snap []uint8) bool {
	for i, v := range snap {
		if t.st[t.touched[i]] != v {
			return false
		}
	}
	return true
}

func (c *checker) uniformity() {
	nfn, nparams := 0, 0
	for _, s := range c.modList {
		if s.Kind == SymFunc {
			nfn++
			nparams += len(s.Func.Params)
		}
	}
	c.uniSumSlab = make([]uniSummary, nfn) // one summary per function
	c.uniRowSlab = make([][]bool, nparams) // and their ptrFromParam rows
	for _, s := range c.modList {
		if s.Kind == SymFunc {
			c.uniSummaryOf(s.Func)
		}
	}
}

func (c *checker) uniSummaryOf(fi *FuncInfo) *uniSummary {
	sum := fi.uni
	if sum != nil {
		return sum
	}
	if len(c.uniSumSlab) == 0 {
		c.uniSumSlab = make([]uniSummary, 8)
	}
	sum = &c.uniSumSlab[0]
	c.uniSumSlab = c.uniSumSlab[1:]
	sum.busy = true
	fi.uni = sum
	n := len(fi.Params)
	sum.paramReq = c.uniBools(n)
	sum.resultFromParam = c.uniBools(n)
	sum.ptrParamNU = c.uniBools(n)
	if n > 0 {
		sum.ptrFromParam = carve(&c.uniRowSlab, n, 64)[:n]
		for i := range sum.ptrFromParam {
			sum.ptrFromParam[i] = c.uniBools(n)
		}
	}
	// Callees first.
	for _, cs := range fi.calls {
		if cs.callee.Func != nil && cs.callee.Func.uni == nil {
			c.uniSummaryOf(cs.callee.Func)
		}
	}
	entry := fi.Stage != 0
	base := c.uniRun(fi, sum, -1, false)
	sum.resultNU = base.resultNU
	copy(sum.ptrParamNU, base.ptrNU)
	sum.ptrWrites = base.wholeW
	writesPtr := false
	for i, p := range fi.Params {
		if p.Type != nil && p.Type.Kind == Pointer && i < len(fi.paramWrite) && fi.paramWrite[i] {
			writesPtr = true
		}
	}
	if !entry && !base.sawReq && !writesPtr {
		// Nothing in the function needs uniformity: parameters only flow
		// to the result.
		for i := range sum.resultFromParam {
			sum.resultFromParam[i] = true
		}
	} else if !entry {
		for i := range fi.Params {
			r := c.uniRun(fi, sum, i, true)
			sum.paramReq[i] = r.violated
			sum.resultFromParam[i] = r.resultNU
			for j := range r.ptrNU {
				if r.ptrNU[j] && !sum.ptrParamNU[j] {
					sum.ptrFromParam[j][i] = true
				}
			}
		}
	}
	sum.busy, sum.done = false, true
	return sum
}

// uniBools returns n false flags cut from a shared chunk (summaries keep
// them for the rest of the check).
func (c *checker) uniBools(n int) []bool {
	if len(c.uniBoolSlab) < n {
		c.uniBoolSlab = make([]bool, max(n, 1024))
	}
	s := c.uniBoolSlab[:n:n]
	c.uniBoolSlab = c.uniBoolSlab[n:]
	return s
}

// uniRun analyses fi once; tainted is a parameter index assumed
// non-uniform (-1 for none); quiet suppresses diagnostics. The returned
// run is valid until the next call (runs share one buffer).
func (c *checker) uniRun(fi *FuncInfo, sum *uniSummary, tainted int, quiet bool) *uniRun {
	// Runs never nest (callee summaries are complete before a caller runs),
	// so the taint maps are reused.
	c.uniTaint.reset(int(c.nsyms))
	c.uniPtrTaint.reset(int(c.nsyms))
	// The run itself is reused too: the previous one is finished, and its
	// results that outlive it (wholeW of a base run) are never reused.
	r := &c.uniRunBuf
	*r = uniRun{c: c, fn: fi, sum: sum, taint: &c.uniTaint, ptrTaint: &c.uniPtrTaint,
		snapshot: c.uniSnapshot[:0], filters: r.filters[:0]}
	n := len(fi.Params)
	if tainted < 0 {
		r.wholeW, r.ptrNU = c.uniBools(n), c.uniBools(n) // the summary keeps wholeW
	} else {
		if cap(c.uniFlags) < 2*n {
			c.uniFlags = make([]bool, 2*n)
		}
		flags := c.uniFlags[:2*n]
		clear(flags)
		r.wholeW, r.ptrNU = flags[:n:n], flags[n:]
	}
	defer func() { c.uniSnapshot = r.snapshot }()
	if quiet {
		r.quiet = 1
	}
	for i, p := range fi.Params {
		if fi.Stage != 0 {
			r.taint.set(p, p.nonUniform)
		} else {
			r.taint.set(p, i == tainted)
		}
	}
	r.filters = append(r.filters, fi.Decl.Attrs...)
	if fi.Decl.Body != nil {
		r.block(fi.Decl.Body)
	}
	return r
}

// severity returns the effective severity of a filterable rule at the
// current point ("error" by default).
func (r *uniRun) severity(rule string) string {
	for i := len(r.filters) - 1; i >= 0; i-- {
		a := r.filters[i]
		if a.Name.Name == "diagnostic" && len(a.Args) == 2 && ruleName(a.Args[1]) == rule {
			if id, ok := a.Args[0].(*syntax.IdentExpr); ok {
				return id.Name.Name
			}
		}
	}
	if s, ok := r.c.filters[rule]; ok {
		return s
	}
	return "error"
}

// require handles an operation that must be in uniform control flow. The
// operation's description is the concatenation of what, built only when
// it is kept.
func (r *uniRun) require(sp diag.Span, rule string, what ...string) {
	r.sawReq = true
	sev := "error"
	if rule != "" {
		sev = r.severity(rule)
	}
	if sev == "off" {
		return
	}
	if !r.cf {
		if r.fn.Stage == 0 && r.quiet == 0 && sev == "error" {
			r.sum.requires = true
			r.sum.reqWhat = strings.Join(what, "")
		}
		return
	}
	if sev == "error" {
		r.violated = true
	}
	if r.quiet > 0 {
		return
	}
	d := diag.Diagnostic{Span: sp, Severity: diag.Error, Code: CodeUniformity,
		Message: strings.Join(what, "") + " must only be called from uniform control flow"}
	switch sev {
	case "warning":
		d.Severity = diag.Warning
	case "info":
		d.Severity = diag.Info
	}
	r.c.diags = append(r.c.diags, d)
}

func (r *uniRun) withFilters(attrs []*syntax.Attribute, f func()) {
	n := len(r.filters)
	r.filters = append(r.filters, attrs...)
	f()
	r.filters = r.filters[:n]
}

func (r *uniRun) block(b *syntax.BlockStmt) behaviour {
	if b == nil {
		return bNext
	}
	n := len(r.filters)
	r.filters = append(r.filters, b.Attrs...)
	out := r.stmts(b.Stmts)
	r.filters = r.filters[:n]
	return out
}

func (r *uniRun) stmts(list []syntax.Stmt) behaviour {
	acc := bNext
	saved := r.cf
	for _, s := range list {
		b := r.stmt(s)
		if acc&bNext != 0 {
			acc = (acc &^ bNext) | b
		}
	}
	_ = saved
	return acc
}

// branch runs f with control flow made non-uniform when cond is; after a
// non-uniform branch that may return, the rest of the function is
// non-uniform; one that may break or continue makes the loop non-uniform.
func (r *uniRun) branch(nu bool, f func() behaviour) behaviour {
	saved := r.cf
	r.cf = r.cf || nu
	r.nest++
	b := f()
	r.nest--
	r.afterBranch(saved, b)
	return b
}

// afterBranch restores the control-flow state after a branch that ran
// with r.cf, making what follows non-uniform when a non-uniform branch
// may have left early.
func (r *uniRun) afterBranch(saved bool, b behaviour) {
	inner := r.cf
	r.cf = saved
	if inner && !saved {
		if b&bReturn != 0 {
			r.cf = true
		}
		if b&(bBreak|bContinue) != 0 && r.loopNU != nil {
			*r.loopNU = true
			r.cf = true
		}
	}
}

func (r *uniRun) stmt(s syntax.Stmt) behaviour {
	switch s := s.(type) {
	case *syntax.BlockStmt:
		return r.block(s)
	case *syntax.VarDecl:
		sym := r.declSym(s)
		nu := false
		if s.Init != nil {
			nu = r.expr(s.Init)
		}
		if sym != nil && sym.Type != nil && sym.Type.Kind == Pointer && s.Init != nil {
			r.ptrTaint.set(sym, r.addrNU(s.Init))
		}
		if sym != nil {
			if s.Kind == syntax.VarVar {
				r.taint.set(sym, nu || r.cf)
			} else {
				r.taint.set(sym, nu)
			}
		}
	case *syntax.AssignStmt:
		nu := r.expr(s.RHS)
		if _, ok := s.LHS.(*syntax.PhonyExpr); ok {
			return bNext
		}
		root, whole, idxNU := r.lhsRoot(s.LHS)
		if root != nil && whole && s.Op == syntax.TokEq && r.nest == 0 && root.Kind == SymParam &&
			int(root.paramIndex) < len(r.wholeW) && r.fn.Params[root.paramIndex] == root {
			r.wholeW[root.paramIndex] = true
		}
		if root != nil {
			v := nu || r.cf || idxNU
			if s.Op != syntax.TokEq || !whole {
				v = v || r.taint.get(root)
			}
			r.setTaint(root, v)
		}
	case *syntax.IncDecStmt:
		root, _, idxNU := r.lhsRoot(s.LHS)
		if root != nil {
			r.setTaint(root, r.taint.get(root) || r.cf || idxNU)
		}
	case *syntax.CallStmt:
		if s.Call != nil {
			r.expr(s.Call)
		}
	case *syntax.IfStmt:
		n := len(r.filters)
		r.filters = append(r.filters, s.Attrs...)
		nu := r.expr(s.Cond)
		saved := r.cf
		r.cf = r.cf || nu
		r.nest++
		b := r.block(s.Then)
		if s.Else != nil {
			b |= r.stmt(s.Else)
		} else {
			b |= bNext
		}
		r.nest--
		r.afterBranch(saved, b)
		r.filters = r.filters[:n]
		return b
	case *syntax.SwitchStmt:
		var b behaviour
		r.withFilters(s.Attrs, func() {
			nu := r.expr(s.Tag)
			for _, cl := range s.Clauses {
				for _, sel := range cl.Selectors {
					if sel.Expr != nil {
						r.expr(sel.Expr)
					}
				}
			}
			b = r.branch(nu, func() behaviour {
				var bb behaviour
				r.withFilters(s.BodyAttrs, func() {
					for _, cl := range s.Clauses {
						bb |= r.block(cl.Body)
					}
				})
				if bb&bBreak != 0 {
					bb = (bb &^ bBreak) | bNext
				}
				return bb
			})
		})
		return b
	case *syntax.LoopStmt:
		var b behaviour
		r.withFilters(s.Attrs, func() {
			b = r.loop(nil, func() behaviour {
				var bb behaviour
				r.withFilters(s.BodyAttrs, func() {
					bb = bNext
					if s.Body != nil {
						bb = r.stmts(s.Body.Stmts)
					}
					if s.Continuing != nil {
						bb |= r.block(s.Continuing)
					}
				})
				return bb
			}, nil)
		})
		return b
	case *syntax.ForStmt:
		var b behaviour
		r.withFilters(s.Attrs, func() {
			if s.Init != nil {
				r.stmt(s.Init)
			}
			b = r.loop(s.Cond, func() behaviour { return r.block(s.Body) }, s.Update)
		})
		return b
	case *syntax.WhileStmt:
		var b behaviour
		r.withFilters(s.Attrs, func() {
			b = r.loop(s.Cond, func() behaviour { return r.block(s.Body) }, nil)
		})
		return b
	case *syntax.BreakStmt:
		if r.cf && r.loopNU != nil {
			*r.loopNU = true
		}
		return bBreak
	case *syntax.ContinueStmt:
		if r.cf && r.loopNU != nil {
			*r.loopNU = true
		}
		return bContinue
	case *syntax.BreakIfStmt:
		if r.expr(s.Cond) && r.loopNU != nil {
			*r.loopNU = true
		}
		return bBreak | bNext
	case *syntax.ReturnStmt:
		if s.Value != nil {
			if r.expr(s.Value) || r.cf {
				r.resultNU = true
			}
		}
		return bReturn
	case *syntax.ConstAssert:
	}
	return bNext
}

// loop analyses a loop body to a fixed point of the variable taints, with
// diagnostics only on the last pass.
func (r *uniRun) loop(cond syntax.Expr, body func() behaviour, update syntax.Stmt) behaviour {
	saved := r.cf
	savedLoop := r.loopNU
	loopNU := false
	r.loopNU = &loopNU
	var b behaviour
	run := func() {
		r.cf = saved || loopNU
		if cond != nil && r.expr(cond) {
			r.cf = true
			loopNU = true
		}
		b = body()
		if update != nil {
			r.stmt(update)
		}
	}
	r.nest++
	r.loopDepth++
	defer func() { r.nest--; r.loopDepth-- }()
	// Only the outermost loop iterates to a fixed point; nested loops run
	// once per outer pass, which keeps the cost linear in the nesting depth.
	// The last run reports diagnostics. A pass that changes nothing is the
	// fixed point, so it is that last run: every pass reports, and a pass
	// that turns out not to be the last one takes its reports back. After
	// four passes that all changed something, one more run is the last.
	passes := 4
	if r.loopDepth > 1 {
		passes = 0
	}
	for pass := 0; ; pass++ {
		if pass >= passes {
			run()
			break
		}
		r.snapshot = r.taint.snapshot(r.snapshot[:0])
		nt := len(r.snapshot)
		r.snapshot = r.ptrTaint.snapshot(r.snapshot)
		nu := loopNU
		nd, req, what := len(r.c.diags), r.sum.requires, r.sum.reqWhat
		run()
		same := nu == loopNU && r.taint.unchangedSince(r.snapshot[:nt])
		if same && r.ptrTaint.unchangedSince(r.snapshot[nt:]) {
			break
		}
		clear(r.c.diags[nd:])
		r.c.diags = r.c.diags[:nd]
		r.sum.requires, r.sum.reqWhat = req, what
		if same {
			// Only pointer taints moved: one more run, the last (the
			// fixed point is decided on the variable taints alone).
			passes = pass + 1
		}
	}
	r.cf = saved
	r.loopNU = savedLoop
	if b&bReturn != 0 && loopNU && !saved {
		r.cf = true
	}
	return b
}

func (r *uniRun) setTaint(s *Symbol, v bool) {
	if s.Module {
		return
	}
	if s.Kind == SymParam && s.Type != nil && s.Type.Kind == Pointer {
		if v {
			r.ptrNU[s.paramIndex] = true
		}
		r.taint.set(s, r.taint.get(s) || v)
		return
	}
	r.taint.set(s, v)
}

// declSym finds the symbol of a local declaration.
func (r *uniRun) declSym(d *syntax.VarDecl) *Symbol {
	if i := d.Index(); i < len(r.c.declOf) {
		return r.c.sym(r.c.declOf[i])
	}
	return nil
}

// lhsRoot finds the variable an assignment target writes, whether the
// whole variable is written, and whether index expressions are non-uniform.
func (r *uniRun) lhsRoot(e syntax.Expr) (*Symbol, bool, bool) {
	whole := true
	idx := false
	for {
		switch x := e.(type) {
		case *syntax.ParenExpr:
			e = x.X
			continue
		case *syntax.IndexExpr:
			idx = idx || r.expr(x.Index)
			whole = false
			e = x.X
			continue
		case *syntax.MemberExpr:
			whole = false
			e = x.X
			continue
		case *syntax.UnaryExpr:
			e = x.X
			continue
		case *syntax.IdentExpr:
			s := r.c.refTo(x)
			if s == nil {
				return nil, whole, idx
			}
			if s.ptrRoot != nil {
				s = s.ptrRoot
			}
			return s, whole, idx
		}
		return nil, whole, idx
	}
}

// expr returns whether e may be non-uniform, checking calls on the way.
func (r *uniRun) expr(e syntax.Expr) bool {
	switch e := e.(type) {
	case nil:
		return false
	case *syntax.ParenExpr:
		return r.expr(e.X)
	case *syntax.LiteralExpr:
		return false
	case *syntax.IdentExpr:
		s := r.c.refTo(e)
		if s == nil {
			return false
		}
		switch s.Kind {
		case SymVar:
			if s.Module {
				return r.c.symbolNonUniform(s)
			}
			return r.taint.get(s)
		case SymLet, SymParam:
			if s.ptrRoot != nil {
				// Loading through a pointer: the contents, and where it points.
				if s.ptrRoot.Module {
					return r.c.symbolNonUniform(s.ptrRoot) || r.ptrTaint.get(s)
				}
				return r.taint.get(s.ptrRoot) || r.ptrTaint.get(s)
			}
			return r.taint.get(s)
		}
		return false
	case *syntax.UnaryExpr:
		return r.expr(e.X)
	case *syntax.BinaryExpr:
		a := r.expr(e.X)
		if e.Op == syntax.TokAndAnd || e.Op == syntax.TokOrOr {
			// The right side runs only for some invocations when a is
			// non-uniform.
			saved := r.cf
			r.cf = r.cf || a
			b := r.expr(e.Y)
			r.cf = saved
			return a || b
		}
		b := r.expr(e.Y)
		return a || b
	case *syntax.IndexExpr:
		a := r.expr(e.X)
		return r.expr(e.Index) || a
	case *syntax.MemberExpr:
		return r.expr(e.X)
	case *syntax.CallExpr:
		return r.call(e)
	}
	return false
}

func (r *uniRun) call(e *syntax.CallExpr) bool {
	var buf [8]bool
	argNU := buf[:0]
	if len(e.Args) <= len(buf) {
		argNU = buf[:len(e.Args)]
	} else {
		argNU = make([]bool, len(e.Args))
	}
	any := false
	for i, a := range e.Args {
		argNU[i] = r.expr(a)
		any = any || argNU[i]
	}
	if e.Callee == nil {
		return any
	}
	name := e.Callee.Name.Name
	if s := r.c.refTo(e.Callee); s != nil {
		if s.Kind != SymFunc || s.Func == nil {
			return any
		}
		sum := s.Func.uni
		if sum == nil || sum.busy {
			return any
		}
		if sum.requires {
			r.require(e.Callee.Span(), "", "'", s.Name, "' (which calls ", sum.reqWhat, ")")
		}
		nu := sum.resultNU
		for _, req := range sum.paramReq {
			r.sawReq = r.sawReq || req
		}
		for i := range argNU {
			if i < len(sum.paramReq) && argNU[i] && sum.paramReq[i] {
				saved := r.cf
				r.cf = true
				r.require(e.Args[i].NodeSpan(), "", "'", s.Name, "' with a non-uniform argument")
				r.cf = saved
			}
			if i < len(sum.resultFromParam) && argNU[i] && sum.resultFromParam[i] {
				nu = true
			}
		}
		// Memory written through pointer arguments takes the uniformity of
		// what the callee stores there.
		for i := range argNU {
			if i >= len(sum.ptrParamNU) || i >= len(s.Func.paramWrite) || !s.Func.paramWrite[i] {
				continue
			}
			root, _, _ := r.lhsRoot(e.Args[i])
			if root == nil {
				continue
			}
			v := sum.ptrParamNU[i] || r.cf
			for j := range argNU {
				if j < len(sum.ptrFromParam[i]) && sum.ptrFromParam[i][j] && argNU[j] {
					v = true
				}
			}
			if v {
				r.setTaint(root, true)
			} else if sum.ptrWholeWrite(i) {
				r.setTaint(root, false)
			}
		}
		return nu
	}
	if name == "" || !uniBuiltinFirst()[name[0]] {
		return any // not a builtin that matters here (constructors, math)
	}
	b := builtins[name]
	if b == nil {
		return any
	}
	switch {
	case b.barrier && b.enable == "subgroups":
		r.require(e.Callee.Span(), "subgroup_uniformity", "'", name, "'")
	case b.barrier:
		r.require(e.Callee.Span(), "", "'", name, "'")
	case b.implicitLod:
		r.require(e.Callee.Span(), "derivative_uniformity", "'", name, "'")
	}
	switch {
	case name == "workgroupUniformLoad":
		if len(e.Args) == 1 && r.addrNU(e.Args[0]) {
			// The pointer itself must be uniform.
			saved := r.cf
			r.cf = true
			r.require(e.Args[0].NodeSpan(), "", "'workgroupUniformLoad' with a non-uniform pointer")
			r.cf = saved
		}
		return false
	case len(name) > 6 && name[:6] == "atomic":
		return true
	case b.enable == "subgroups":
		return true
	case b.implicitLod:
		// Derivatives and implicitly-levelled samples differ per invocation.
		return true
	}
	// Loads from writable storage textures vary per invocation.
	if name == "textureLoad" && len(e.Args) > 0 {
		var t *Type
		if id, ok := e.Args[0].(*syntax.IdentExpr); ok && r.c.refTo(id) != nil {
			t = r.c.refTo(id).Type
		}
		if t != nil && t.Kind == Texture && t.Tex == TexStorage && t.Access == ReadWrite {
			return true
		}
	}
	return any
}

// addrNU reports whether the address a pointer expression designates may
// differ between invocations (non-uniform indices).
func (r *uniRun) addrNU(e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.ParenExpr:
		return r.addrNU(e.X)
	case *syntax.UnaryExpr:
		return r.addrNU(e.X)
	case *syntax.IndexExpr:
		return r.expr(e.Index) || r.addrNU(e.X)
	case *syntax.MemberExpr:
		return r.addrNU(e.X)
	case *syntax.IdentExpr:
		if s := r.c.refTo(e); s != nil && s.Type != nil && s.Type.Kind == Pointer {
			if s.Kind == SymParam {
				return false // pointer parameters are assumed to hold uniform addresses
			}
			return r.ptrTaint.get(s)
		}
	}
	return false
}

// ptrWholeWrite reports whether the callee is known to overwrite what
// pointer parameter i points at; without that knowledge the old taint stays.
func (s *uniSummary) ptrWholeWrite(i int) bool { return i < len(s.ptrWrites) && s.ptrWrites[i] }

// uniBuiltinFirst marks the first bytes of the builtin names that
// uniRun.call treats specially (barriers, derivatives, atomics, subgroup
// operations, workgroupUniformLoad, textureLoad): a call whose callee
// starts otherwise returns its arguments' uniformity, with no map lookup.
var uniBuiltinFirst = sync.OnceValue(func() *[256]bool {
	first := new([256]bool)
	for name, b := range builtins {
		if b.barrier || b.implicitLod || b.enable == "subgroups" || strings.HasPrefix(name, "atomic") ||
			name == "workgroupUniformLoad" || name == "textureLoad" {
			first[name[0]] = true
		}
	}
	return first
})
