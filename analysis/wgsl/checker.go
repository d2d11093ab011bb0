package wgsl

import (
	"context"
	"fmt"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// checker holds the state of one analysis run.
type checker struct {
	ctx      context.Context
	canceled bool
	src      []byte
	file     *syntax.File
	res      *Result
	// skipExprs leaves res.Exprs and res.Symbols empty (Check needs only
	// diagnostics).
	skipExprs bool
	diags     []diag.Diagnostic

	module  map[string]*Symbol
	modList []*Symbol
	// scopes[i] is where local scope i starts in scopeSyms.
	scopes    []int
	scopeSyms []*Symbol

	enabled  map[string]bool
	requires map[string]bool
	// global diagnostic filters: rule -> severity ("off", "info", ...)
	filters map[string]string

	fn     *FuncInfo // function whose body is being checked
	fnSym  *Symbol
	retTy  *Type
	noEval int // >0 inside the unevaluated side of a short circuit

	// loop/switch nesting for break/continue checks
	loopDepth, switchDepth, continuingDepth int
	// parseDiags is how many leading diagnostics came from the parser.
	parseDiags int
	// continue statements of the enclosing loops, innermost last
	continues [][]diag.Span
	// local declarations for unused-variable warnings
	locals []localVar
	// bindings holds the @group/@binding of module-scope declarations, by
	// Symbol.id (see bindingOf).
	bindings []resBinding
	// ioBuiltins and ioLocations are entryIO's reused lists.
	ioBuiltins  seenSpans[string]
	ioLocations seenSpans[int64]
	// bindingUses is checkEntryPoints' reused list of the resources one
	// entry point uses.
	bindingUses []bindingUse

	// uniformity summaries and local declaration symbols
	uniTaint, uniPtrTaint symTaint
	uniSnapshot           []uint8
	uniRunBuf             uniRun       // reused by every uniRun call
	uniFlags              []bool       // per-parameter run flags, reused
	uniSumSlab            []uniSummary // unused part of the summary chunk
	uniBoolSlab           []bool       // unused part of the summary flag chunk
	// reachable's state: marks by Symbol.id, the current mark, the result.
	reachMark  []int32
	reachEpoch int32
	reached    []*Symbol
	// declOf is the symbol of each local declaration, by VarDecl.Index,
	// as a symRef.
	declOf []symRef

	// refTypes interns reference types, refCache caches recent ones (see
	// refOf).
	refTypes map[refKey]*Type
	refCache [1 << refCacheBits]*Type
	// refs is Result.Refs indexed by IdentExpr.Index, as symRefs (see
	// setRef): pointer-free, so that the collector need not scan it.
	refs []symRef
	// byID holds every symbol by Symbol.id (what a symRef names).
	byID []*Symbol
	// opStack holds the argument operands of the calls being checked.
	opStack []operand
	// convBuf is builtinCall's buffer of converted argument values.
	convBuf []*Value
	symSlab []Symbol // unused part of the current symbol chunk
	nsyms   int32    // symbols numbered so far
	// Unused parts of the chunks that small per-function slices are
	// carved from (see carve): FuncInfo.Params, FuncInfo.calls and
	// uniSummary.ptrFromParam.
	paramSlab  []*Symbol
	callSlab   []callSite
	uniRowSlab [][]bool
	// constCache holds recent literals and float values (see constcache.go).
	constCache *constCaches
	// nameCache remembers what names mean at module scope (see
	// moduleName); allocated on first use.
	nameCache *[1 << nameCacheBits]moduleNameInfo
	// overloadMemo remembers recent overload resolutions (see
	// resolveOverload); allocated on first use.
	overloadMemo *[overloadMemoSize]overloadMemo
	// shadowsPredecl is set when a module-scope declaration reuses a
	// predeclared name (see lookupPredecl).
	shadowsPredecl bool
	// mem, when not nil, lends the tables of an earlier check (Checker);
	// symChunk and funcChunk are the symbol and FuncInfo chunks collect
	// sized for the file, whole, for mem to keep.
	mem       *checkerMem
	symChunk  []Symbol
	funcChunk []FuncInfo
}

func newChecker(src []byte, file *syntax.File, res *Result) *checker {
	return newCheckerIn(nil, src, file, res)
}

// newCheckerIn is newChecker taking its largest tables from mem when mem is
// not nil (see checkerMem).
func newCheckerIn(mem *checkerMem, src []byte, file *syntax.File, res *Result) *checker {
	c := &checker{
		src: src, file: file, res: res, mem: mem,
		module:   make(map[string]*Symbol, len(file.Decls)),
		modList:  make([]*Symbol, 0, len(file.Decls)),
		enabled:  map[string]bool{},
		requires: map[string]bool{},
		filters:  map[string]string{},
	}
	if mem == nil {
		c.refs = make([]symRef, file.NumIdents())
		c.declOf = make([]symRef, file.NumVarDecls())
		return c
	}
	c.refs = reuse(mem.refs, file.NumIdents())
	c.declOf = reuse(mem.declOf, file.NumVarDecls())
	return c
}

// checkerMem is what a Checker keeps of a check's memory for the next
// check: the largest tables, which die with a check that keeps only its
// diagnostics, cleared.
type checkerMem struct {
	refs, declOf []symRef
	syms         []Symbol // the chunk collect sized for the whole file
	funcs        []FuncInfo
	byID         []*Symbol
	locals       []localVar
}

// reuse returns a zeroed slice of length n, in buf's memory if it is large
// enough (buf is zero: keep clears it).
func reuse[T any](buf []T, n int) []T {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]T, n)
}

// keep takes c's tables for the next check, cleared.
func (m *checkerMem) keep(c *checker) {
	m.refs, m.declOf = clearAll(c.refs), clearAll(c.declOf)
	m.syms, m.funcs = clearAll(c.symChunk), clearAll(c.funcChunk)
	m.byID, m.locals = clearAll(c.byID)[:0], clearAll(c.locals)[:0]
}

// clearAll zeroes all of s, up to its capacity, and returns it whole.
func clearAll[T any](s []T) []T {
	s = s[:cap(s)]
	clear(s)
	return s
}

func (c *checker) errorf(sp diag.Span, code, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{Span: sp, Severity: diag.Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) warnf(sp diag.Span, code, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{Span: sp, Severity: diag.Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) errorRel(sp diag.Span, code string, rel diag.Span, relMsg string, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{
		Span: sp, Severity: diag.Error, Code: code, Message: fmt.Sprintf(format, args...),
		Related: []diag.Related{{Span: rel, Message: relMsg}},
	})
}

func (c *checker) finish() []diag.Diagnostic {
	diag.Sort(c.diags)
	return c.diags
}

// run checks the whole file.
func (c *checker) run() {
	if !c.runModule() {
		return
	}
	for _, d := range c.file.Decls {
		switch d := d.(type) {
		case *syntax.ConstAssert:
			c.constAssert(d)
		case *syntax.BadDecl:
		}
	}
	for _, s := range c.modList {
		if s.Kind == SymFunc {
			if c.stop() {
				return
			}
			c.checkBody(s)
		}
	}
	if c.stop() {
		return
	}
	c.checkRecursion()
	c.checkEntryPoints()
	c.uniformity()
	c.checkUnusedLocals()
}

// runModule checks the directives and resolves every module-scope
// declaration; it reports false when the analysis was canceled.
func (c *checker) runModule() bool {
	c.directives()
	c.collect()
	for _, s := range c.modList {
		if c.stop() {
			return false
		}
		c.resolve(s)
	}
	return true
}

// stop reports whether the analysis was canceled.
func (c *checker) stop() bool {
	if c.ctx != nil && c.ctx.Err() != nil {
		c.canceled = true
	}
	return c.canceled
}

// localVar is a function-scope var or let, for unused-variable warnings.
type localVar struct {
	s *Symbol
	// scopeEnd is where the enclosing function ends.
	scopeEnd int32
}

// resBinding is a module-scope declaration's @group and @binding (for an
// override, binding is its @id); -1 when absent.
type resBinding struct{ group, binding int64 }

var noBinding = resBinding{-1, -1}

// bindingOf returns what setBinding recorded for s, or noBinding.
func (c *checker) bindingOf(s *Symbol) resBinding {
	if s.Module && int(s.id) < len(c.bindings) {
		return c.bindings[s.id]
	}
	return noBinding
}

// setBinding records the binding of module-scope declaration s.
func (c *checker) setBinding(s *Symbol, b resBinding) {
	for int(s.id) >= len(c.bindings) {
		c.bindings = append(c.bindings, noBinding)
	}
	c.bindings[s.id] = b
}

// newSymbol returns a new symbol of the given kind declared by node with
// name, numbered with the next symbol id; the caller fills in the rest.
// Symbols are handed out of chunks (collect sizes the first for the whole
// file), and filled in place: a Symbol is large.
func (c *checker) newSymbol(kind SymbolKind, name syntax.Ident, node syntax.Node) *Symbol {
	if len(c.symSlab) == 0 {
		c.symSlab = make([]Symbol, symSlabChunk)
	}
	p := &c.symSlab[0]
	c.symSlab = c.symSlab[1:]
	p.Kind, p.Name, p.NameSpan, p.Node = kind, name.Name, name.Span, node
	p.id = c.nsyms
	c.nsyms++
	c.byID = append(c.byID, p)
	return p
}

// symRef names a symbol by its id plus one; 0 names none.
type symRef int32

func refOfSym(s *Symbol) symRef {
	if s == nil {
		return 0
	}
	return symRef(s.id + 1)
}

// sym returns the symbol r names, or nil.
func (c *checker) sym(r symRef) *Symbol {
	if r == 0 {
		return nil
	}
	return c.byID[r-1]
}

const symSlabChunk = 64

// setRef records that identifier id names s, in c.refs and, when the
// caller wants it, in Result.Refs.
func (c *checker) setRef(id *syntax.IdentExpr, s *Symbol) {
	i := id.Index()
	if i >= len(c.refs) {
		c.refs = append(c.refs, make([]symRef, i+1-len(c.refs))...)
	}
	c.refs[i] = refOfSym(s)
	if c.res.Refs != nil {
		c.res.Refs[id] = s
	}
}

// addSymbol lists s in Result.Symbols, which only the editor index reads:
// Check (skipExprs) leaves it empty.
func (c *checker) addSymbol(s *Symbol) {
	if !c.skipExprs {
		c.res.Symbols = append(c.res.Symbols, s)
	}
}

// setDeclOf records the symbol of local declaration d.
func (c *checker) setDeclOf(d *syntax.VarDecl, s *Symbol) {
	i := d.Index()
	if i >= len(c.declOf) {
		c.declOf = append(c.declOf, make([]symRef, i+1-len(c.declOf))...)
	}
	c.declOf[i] = refOfSym(s)
}

// refTo returns what identifier id was resolved to, or nil.
func (c *checker) refTo(id *syntax.IdentExpr) *Symbol {
	if i := id.Index(); i < len(c.refs) {
		return c.sym(c.refs[i])
	}
	return nil
}

// ---- scopes ----

// Local scopes are one flat list of declarations, innermost last, with
// the start of each open scope in scopes. A function has few names in view,
// so a backward scan beats a map per block.
//
// scopeState is what resolve and checkBody save around checking another
// declaration: the nested check starts with no local scope.
type scopeState struct {
	scopes []int
	locals []*Symbol
}

func (c *checker) pushScope() { c.scopes = append(c.scopes, len(c.scopeSyms)) }
func (c *checker) popScope() {
	c.scopeSyms = c.scopeSyms[:c.scopes[len(c.scopes)-1]]
	c.scopes = c.scopes[:len(c.scopes)-1]
}

// saveScopes returns the current scopes and starts an empty set that
// shares the spare capacity (what it appends lies past the saved lengths).
func (c *checker) saveScopes() scopeState {
	saved := scopeState{c.scopes, c.scopeSyms}
	c.scopes = c.scopes[len(c.scopes):]
	c.scopeSyms = c.scopeSyms[len(c.scopeSyms):]
	return saved
}

func (c *checker) restoreScopes(s scopeState) {
	if len(s.scopes) == 0 && len(s.locals) == 0 {
		// Nothing to keep: go on with the (possibly regrown) arrays.
		c.scopes, c.scopeSyms = c.scopes[:0], c.scopeSyms[:0]
		return
	}
	c.scopes, c.scopeSyms = s.scopes, s.locals
}

// topScope returns the declarations of the innermost scope.
func (c *checker) topScope() []*Symbol { return c.scopeSyms[c.scopes[len(c.scopes)-1]:] }

// findIn returns the declaration of name in list, or nil.
func findIn(list []*Symbol, name string) *Symbol {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Name == name {
			return list[i]
		}
	}
	return nil
}

// declareLocal adds a function-scope declaration, reporting a redeclaration
// in the same scope.
func (c *checker) declareLocal(s *Symbol) {
	if s.Name == "" || s.Name == "_" {
		return
	}
	if prev := findIn(c.topScope(), s.Name); prev != nil {
		c.errorRel(s.NameSpan, CodeRedeclared, prev.NameSpan, "previous declaration",
			"redeclaration of '%s'", s.Name)
		return
	}
	c.scopeSyms = append(c.scopeSyms, s)
	c.addSymbol(s)
}

// lookup finds the declaration visible for name: local scopes first, then
// module scope. Predeclared names are handled by the caller.
func (c *checker) lookup(name string) *Symbol {
	if s := findIn(c.scopeSyms, name); s != nil {
		return s
	}
	return c.moduleName(name).sym
}

// lookupPredecl is lookup for a name that may be predeclared: it returns
// the visible user declaration or, when there is none, what the name
// means as a predeclared callee or type (kind predeclNone if nothing).
func (c *checker) lookupPredecl(name string) (*Symbol, predecl) {
	if s := findIn(c.scopeSyms, name); s != nil {
		return s, predecl{}
	}
	n := c.moduleName(name)
	if n.sym != nil {
		return n.sym, predecl{}
	}
	return nil, *n.p
}

// countDecls returns the number of function declarations in the file, of
// their parameters, and of the symbols the file's declarations make
// (module-scope declarations, parameters, local variables and, for the
// editor index, struct members): what collect sizes its chunks by.
func (c *checker) countDecls() (funcs, params, symbols int) {
	symbols = len(c.file.Decls) + c.file.NumVarDecls()
	for _, d := range c.file.Decls {
		switch d := d.(type) {
		case *syntax.FuncDecl:
			funcs++
			params += len(d.Params)
			symbols += len(d.Params)
		case *syntax.StructDecl:
			if !c.skipExprs { // member symbols are for the editor index
				symbols += len(d.Members)
			}
		case *syntax.VarDecl:
			symbols-- // counted in Decls and in NumVarDecls
		}
	}
	return funcs, params, max(symbols, 0)
}

// collect registers every module-scope declaration.
func (c *checker) collect() {
	nfuncs, nparams, nsyms := c.countDecls()
	// One chunk for every symbol, FuncInfo and parameter list the file's
	// declarations make.
	if c.mem != nil {
		c.symSlab, c.byID = c.mem.syms, c.mem.byID
		c.funcChunk, c.locals = c.mem.funcs, c.mem.locals
	}
	if len(c.symSlab) < nsyms {
		c.symSlab = make([]Symbol, nsyms)
	}
	c.symChunk = c.symSlab
	if c.byID == nil {
		c.byID = make([]*Symbol, 0, nsyms)
	}
	c.paramSlab = make([]*Symbol, nparams)
	if !c.skipExprs && c.res.Symbols == nil {
		c.res.Symbols = make([]*Symbol, 0, nsyms)
	}
	if cap(c.locals) < c.file.NumVarDecls() {
		c.locals = make([]localVar, 0, c.file.NumVarDecls())
	}
	if len(c.funcChunk) < nfuncs {
		c.funcChunk = make([]FuncInfo, nfuncs) // one allocation for all
	}
	infos := c.funcChunk // unused part of the FuncInfo chunk
	for _, d := range c.file.Decls {
		var s *Symbol
		switch d := d.(type) {
		case *syntax.VarDecl:
			k := varSymbolKind(d.Kind)
			if k == 0 {
				continue
			}
			s = c.newSymbol(k, d.Name, d)
		case *syntax.FuncDecl:
			if len(infos) == 0 { // (countDecls counts every one)
				infos = make([]FuncInfo, 1)
			}
			fi := &infos[0]
			infos = infos[1:]
			fi.Decl = d
			s = c.newSymbol(SymFunc, d.Name, d)
			s.Func = fi
		case *syntax.StructDecl:
			s = c.newSymbol(SymStruct, d.Name, d)
		case *syntax.AliasDecl:
			s = c.newSymbol(SymAlias, d.Name, d)
		default:
			continue
		}
		s.Module = true
		if s.Name == "" {
			continue
		}
		if prev, ok := c.module[s.Name]; ok {
			c.errorRel(s.NameSpan, CodeRedeclared, prev.NameSpan, "previous declaration",
				"redeclaration of '%s'", s.Name)
			continue
		}
		c.module[s.Name] = s
		if !c.shadowsPredecl && predeclaredCallee(s.Name).kind != predeclNone {
			c.shadowsPredecl = true
		}
		c.modList = append(c.modList, s)
		c.addSymbol(s)
	}
	c.bindings = make([]resBinding, c.nsyms) // the module symbols so far
	for i := range c.bindings {
		c.bindings[i] = noBinding
	}
}

// resolve completes a module-scope declaration (type, value), on demand and
// in dependency order. It reports cycles.
func (c *checker) resolve(s *Symbol) {
	switch s.state {
	case 2:
		return
	case 1:
		return // cycle reported by the referencing site
	}
	s.state = 1
	// Module declarations are resolved outside any function context.
	savedScopes := c.saveScopes()
	savedFn, savedSym, savedRet := c.fn, c.fnSym, c.retTy
	savedLoop, savedSwitch, savedCont, savedNoEval := c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval
	c.fn, c.fnSym, c.retTy = nil, nil, nil
	c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval = 0, 0, 0, 0
	defer func() {
		c.restoreScopes(savedScopes)
		c.fn, c.fnSym, c.retTy = savedFn, savedSym, savedRet
		c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval = savedLoop, savedSwitch, savedCont, savedNoEval
		s.state = 2
	}()
	switch n := s.Node.(type) {
	case *syntax.VarDecl:
		c.moduleVar(s, n)
	case *syntax.FuncDecl:
		c.funcSignature(s, n)
	case *syntax.StructDecl:
		c.structDecl(s, n)
	case *syntax.AliasDecl:
		c.attrsNotAllowed(n.Attrs, "an alias declaration")
		t := c.typeOf(n.Type)
		s.Type = t
	}
}

// useSymbol resolves a referenced module symbol, reporting a cycle when it
// is still being resolved.
func (c *checker) useSymbol(s *Symbol, at diag.Span) bool {
	if s.Module {
		if s.state == 1 && s.Kind != SymFunc {
			c.errorRel(at, CodeCycle, s.NameSpan, "declared here",
				"'%s' is used in its own declaration (cyclic dependency)", s.Name)
			return false
		}
		if s.Kind != SymFunc {
			c.resolve(s)
		} else if s.state == 0 {
			c.resolve(s)
		}
	}
	s.used = true
	if s.Module && c.fn != nil && s.Kind == SymVar {
		c.fn.noteGlobal(s, at)
	}
	return true
}

// checkUnusedLocals warns about local variables and lets never read.
func (c *checker) checkUnusedLocals() {
	if c.filters["rts.unused_variable"] == "off" {
		return
	}
	// A syntax error later in the same function may have swallowed the
	// uses: stay quiet there rather than warn wrongly.
	var syntaxErrs []int
	for _, d := range c.diags[:c.parseDiags] {
		if d.Severity == diag.Error {
			syntaxErrs = append(syntaxErrs, d.Span.Start)
		}
	}
	for _, l := range c.locals {
		s := l.s
		if s.used || len(s.Name) == 0 || s.Name[0] == '_' {
			continue
		}
		broken := false
		for _, at := range syntaxErrs {
			if at >= s.NameSpan.Start && at <= int(l.scopeEnd) {
				broken = true
				break
			}
		}
		if broken {
			continue
		}
		c.diags = append(c.diags, diag.Diagnostic{
			Span: s.NameSpan, Severity: diag.Warning, Code: CodeUnusedVariable,
			Message: fmt.Sprintf("%s '%s' is declared but never used", s.Kind, s.Name),
			Tags:    []string{"unnecessary"},
		})
	}
}

// moduleNameInfo is what a name means outside any function: its
// module-scope declaration, or else its predeclared meaning.
type moduleNameInfo struct {
	name string
	sym  *Symbol
	p    *predecl // when sym is nil: never nil (noPredecl for nothing)
}

// nameCacheBits sizes checker.nameCache (a power of two of entries; a
// large shader uses about 200 distinct global and builtin names).
const nameCacheBits = 8

// moduleName returns what name means at module scope, from a small
// direct-mapped cache in front of the module map and the predeclared
// table: a shader uses few distinct global and builtin names, each many
// times. Valid once collect has filled the module scope.
func (c *checker) moduleName(name string) moduleNameInfo {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(name); i++ {
		h = (h ^ uint32(name[i])) * 16777619
	}
	if c.nameCache == nil {
		c.nameCache = new([1 << nameCacheBits]moduleNameInfo)
	}
	e := &c.nameCache[h>>(32-nameCacheBits)]
	if e.p != nil && e.name == name {
		return *e
	}
	*e = moduleNameInfo{name: name, p: noPredecl}
	if c.shadowsPredecl {
		if e.sym = c.module[name]; e.sym == nil {
			e.p = orNoPredecl(predeclaredRef(name))
		}
	} else if e.p = orNoPredecl(predeclaredRef(name)); e.p.kind == predeclNone {
		// No module declaration reuses a predeclared name: a predeclared
		// name is never looked up in the module map.
		e.sym = c.module[name]
	}
	return *e
}

func orNoPredecl(p *predecl) *predecl {
	if p == nil {
		return noPredecl
	}
	return p
}

// carve returns an empty slice of capacity n taken from the front of
// *slab, refilled with a chunk of max(n, chunk) elements when too short,
// so that many small slices share one allocation. Appending past n
// reallocates as usual, never into the rest of the chunk.
func carve[T any](slab *[]T, n, chunk int) []T {
	if n == 0 {
		return []T{} // empty, not nil, like make([]T, 0)
	}
	if len(*slab) < n {
		*slab = make([]T, max(n, chunk))
	}
	s := (*slab)[:0:n]
	*slab = (*slab)[n:]
	return s
}
