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
	diags    []diag.Diagnostic

	module  map[string]*Symbol
	modList []*Symbol
	scopes  []map[string]*Symbol

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
	locals []*Symbol

	// uniformity summaries and local declaration symbols
	uniSums               map[*FuncInfo]*uniSummary
	uniTaint, uniPtrTaint map[*Symbol]bool
	declOf                map[*syntax.VarDecl]*Symbol
}

func newChecker(src []byte, file *syntax.File, res *Result) *checker {
	return &checker{
		src: src, file: file, res: res,
		module:   map[string]*Symbol{},
		enabled:  map[string]bool{},
		requires: map[string]bool{},
		filters:  map[string]string{},
		declOf:   map[*syntax.VarDecl]*Symbol{},
	}
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
	c.directives()
	c.collect()
	for _, s := range c.modList {
		if c.stop() {
			return
		}
		c.resolve(s)
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

// stop reports whether the analysis was canceled.
func (c *checker) stop() bool {
	if c.ctx != nil && c.ctx.Err() != nil {
		c.canceled = true
	}
	return c.canceled
}

// ---- scopes ----

func (c *checker) pushScope() { c.scopes = append(c.scopes, nil) } // maps are made on first use
func (c *checker) popScope()  { c.scopes = c.scopes[:len(c.scopes)-1] }

// declareLocal adds a function-scope declaration, reporting a redeclaration
// in the same scope.
func (c *checker) declareLocal(s *Symbol) {
	if s.Name == "" || s.Name == "_" {
		return
	}
	top := c.scopes[len(c.scopes)-1]
	if top == nil {
		top = make(map[string]*Symbol, 4)
		c.scopes[len(c.scopes)-1] = top
	}
	if prev, ok := top[s.Name]; ok {
		c.errorRel(s.NameSpan, CodeRedeclared, prev.NameSpan, "previous declaration",
			"redeclaration of '%s'", s.Name)
		return
	}
	top[s.Name] = s
	c.res.Symbols = append(c.res.Symbols, s)
}

// lookup finds the declaration visible for name: local scopes first, then
// module scope. Predeclared names are handled by the caller.
func (c *checker) lookup(name string) *Symbol {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if s, ok := c.scopes[i][name]; ok {
			return s
		}
	}
	return c.module[name]
}

// collect registers every module-scope declaration.
func (c *checker) collect() {
	for _, d := range c.file.Decls {
		var s *Symbol
		switch d := d.(type) {
		case *syntax.VarDecl:
			k := varSymbolKind(d.Kind)
			if k == 0 {
				continue
			}
			s = &Symbol{Kind: k, Name: d.Name.Name, NameSpan: d.Name.Span, Node: d}
		case *syntax.FuncDecl:
			s = &Symbol{Kind: SymFunc, Name: d.Name.Name, NameSpan: d.Name.Span, Node: d, Func: &FuncInfo{Decl: d, globals: map[*Symbol]diag.Span{}}}
		case *syntax.StructDecl:
			s = &Symbol{Kind: SymStruct, Name: d.Name.Name, NameSpan: d.Name.Span, Node: d}
		case *syntax.AliasDecl:
			s = &Symbol{Kind: SymAlias, Name: d.Name.Name, NameSpan: d.Name.Span, Node: d}
		default:
			continue
		}
		s.Module = true
		s.group, s.binding = -1, -1
		if s.Name == "" {
			continue
		}
		if prev, ok := c.module[s.Name]; ok {
			c.errorRel(s.NameSpan, CodeRedeclared, prev.NameSpan, "previous declaration",
				"redeclaration of '%s'", s.Name)
			continue
		}
		c.module[s.Name] = s
		c.modList = append(c.modList, s)
		c.res.Symbols = append(c.res.Symbols, s)
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
	savedScopes, savedFn, savedSym, savedRet := c.scopes, c.fn, c.fnSym, c.retTy
	savedLoop, savedSwitch, savedCont, savedNoEval := c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval
	c.scopes, c.fn, c.fnSym, c.retTy = nil, nil, nil, nil
	c.loopDepth, c.switchDepth, c.continuingDepth, c.noEval = 0, 0, 0, 0
	defer func() {
		c.scopes, c.fn, c.fnSym, c.retTy = savedScopes, savedFn, savedSym, savedRet
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
		if _, ok := c.fn.globals[s]; !ok {
			c.fn.globals[s] = at
		}
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
	for _, s := range c.locals {
		if s.used || len(s.Name) == 0 || s.Name[0] == '_' {
			continue
		}
		broken := false
		for _, at := range syntaxErrs {
			if at >= s.NameSpan.Start && at <= s.scopeEnd {
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
