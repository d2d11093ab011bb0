// Package wgsl is the WGSL front end's public face: checking a document and
// the editor queries built on the analysis. The grammar lives in ./syntax.
//
// Check returns the sorted diagnostics of a document; Analyze returns a
// Result with the tree, the declarations (Symbols), what each identifier
// refers to (Refs) and the type and constant value of every expression
// (Exprs, TypeOf, ValueOf) for hover, navigation and rename.
//
// The checker works in passes over one document, in files by topic:
//   - checker.go: module-scope collection (any order), lazy resolution with
//     cycle detection, scopes;
//   - typeexpr.go, types.go: type expressions, the type representation,
//     conversion ranks; layout.go: host-shareable layout;
//   - expr.go, call.go, overload.go, builtins.go: expressions, constructors,
//     the builtin table and overload resolution; value.go and
//     constbuiltins.go: exact const-evaluation;
//   - decl.go, stmt.go, attrs.go, entry.go: declarations, statements and
//     behaviours, attributes, entry-point interfaces and stage rules;
//   - uniformity.go: the uniformity analysis with per-function summaries.
//
// One mistake gives one diagnostic: a failed expression has the error type
// (Kind Invalid), which converts silently everywhere, and checking goes on
// with the next declaration or statement.
package wgsl

import (
	"context"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Check parses and analyses one WGSL document and returns every diagnostic,
// sorted by position. It never panics on any input. src is only read during
// the call: the diagnostics share no memory with it.
func Check(src []byte) []diag.Diagnostic {
	// Only the diagnostics are returned: skip the editor index (Refs,
	// Exprs), and the private copy of src the tree would need to outlive
	// the call (the diagnostics are detached from src instead).
	file, ds := syntax.ParseNoCopy(src)
	ds = analyzeParsed(context.Background(), src, file, ds, false).Diagnostics
	detachStrings(ds, src)
	return ds
}

// Checker checks one document after another, as Check does, in memory it
// keeps from one check to the next: a check keeps only its diagnostics, so
// the next document's syntax tree can be built where the last one was
// (see syntax.Parser). It suits a run over many files (rts-lsp check);
// the zero Checker is ready, and one Checker must not be used by two
// goroutines at once.
type Checker struct {
	parser syntax.Parser
	mem    checkerMem
}

// Check is Check(src) in the checker's memory.
func (k *Checker) Check(src []byte) []diag.Diagnostic {
	file, ds := k.parser.ParseNoCopy(src)
	ds = analyzeIn(&k.mem, context.Background(), src, file, ds, false).Diagnostics
	detachStrings(ds, src)
	k.parser.Release()
	return ds
}

// detachStrings replaces every string of ds that shares src's memory (a
// name a message quotes verbatim, after syntax.ParseNoCopy) by a copy, so
// that the diagnostics stay valid when src changes.
func detachStrings(ds []diag.Diagnostic, src []byte) {
	if len(src) == 0 {
		return
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	hi := lo + uintptr(len(src))
	detach := func(s *string) {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(*s))); len(*s) > 0 && p >= lo && p < hi {
			*s = strings.Clone(*s)
		}
	}
	for i := range ds {
		d := &ds[i]
		detach(&d.Code)
		detach(&d.Message)
		for j := range d.Related {
			detach(&d.Related[j].URI)
			detach(&d.Related[j].Message)
		}
		for j := range d.Tags {
			detach(&d.Tags[j])
		}
	}
}

// Result is everything the analysis learned about one document: the tree,
// the declarations, what each identifier refers to and the type of every
// expression. It is immutable once returned.
type Result struct {
	// File is the parsed tree (never nil).
	File *syntax.File
	// Diagnostics are syntax and semantic findings, sorted by position.
	Diagnostics []diag.Diagnostic
	// Symbols are the user declarations (module scope and local), in the
	// order the checker met them.
	Symbols []*Symbol
	// Refs maps each identifier expression that names a declaration to it.
	// Predeclared names (f32, textureSample) have no entry.
	Refs map[*syntax.IdentExpr]*Symbol
	// Exprs lists every value expression checked with its type (references,
	// that is memory views, appear as Kind Reference) and, for constant
	// expressions, its value, in checking order. TypeOf and ValueOf index
	// it on first use, so plain checking pays no map cost.
	Exprs []TypedExpr
	// Canceled is set when AnalyzeContext stopped before the end.
	Canceled bool

	indexOnce sync.Once
	index     map[syntax.Expr]int
}

// TypedExpr is one checked expression.
type TypedExpr struct {
	Expr  syntax.Expr
	Type  *Type
	Value *Value // nil unless a const-expression was evaluated
}

func (r *Result) lookup(e syntax.Expr) (TypedExpr, bool) {
	r.indexOnce.Do(func() {
		r.index = make(map[syntax.Expr]int, len(r.Exprs))
		for i, te := range r.Exprs {
			r.index[te.Expr] = i
		}
	})
	i, ok := r.index[e]
	if !ok {
		return TypedExpr{}, false
	}
	return r.Exprs[i], true
}

// TypeOf returns the type of a checked expression, or nil.
func (r *Result) TypeOf(e syntax.Expr) *Type {
	te, _ := r.lookup(e)
	return te.Type
}

// ValueOf returns the value of a constant expression, or nil.
func (r *Result) ValueOf(e syntax.Expr) *Value {
	te, _ := r.lookup(e)
	return te.Value
}

// SymbolKind tells declarations apart.
type SymbolKind uint8

// Declaration kinds.
const (
	SymVar SymbolKind = iota + 1
	SymLet
	SymConst
	SymOverride
	SymParam
	SymFunc
	SymStruct
	SymAlias
	SymMember
)

var symKindNames = [...]string{"", "var", "let", "const", "override", "parameter", "function", "struct", "alias", "member"}

func (k SymbolKind) String() string { return symKindNames[k] }

// Symbol is one user declaration. (Fields are ordered to keep it small:
// the checker makes one per declaration.)
type Symbol struct {
	Kind SymbolKind
	// Space and Access describe a var's memory.
	Space  AddressSpace
	Access AccessMode
	// Module is true for module-scope declarations.
	Module bool

	used  bool
	state uint8 // 0 unresolved, 1 resolving, 2 resolved
	// uniformity: value is non-uniform (lets, params)
	nonUniform bool

	Name string
	// NameSpan is where the name is written in the declaration.
	NameSpan diag.Span
	// Node is the declaring node (*syntax.VarDecl, *syntax.FuncDecl,
	// *syntax.Param, *syntax.StructDecl, *syntax.AliasDecl).
	Node syntax.Node
	// Type is the value type (let, const, override, parameter), the store
	// type (var), the declared type (struct, alias) or, for a function, its
	// return type (nil for none).
	Type *Type
	// Value is a const declaration's value.
	Value *Value
	// Func holds function details (Kind SymFunc).
	Func *FuncInfo

	// ptrRoot is the variable a pointer-typed let views.
	ptrRoot *Symbol
	// paramIndex is a parameter's position.
	paramIndex int32
	// id numbers the symbols of one analysis densely from 0, so that
	// per-symbol side tables (uniformity taints, checker.bindings) can be
	// slices. Module-scope declarations come first.
	id int32
	// (Facts only some declarations have live in the checker: resource
	// bindings in checker.bindings, the scope of a local in
	// checker.locals. The checker makes one Symbol per declaration.)
}

// FuncInfo describes a user function.
type FuncInfo struct {
	Decl    *syntax.FuncDecl
	Params  []*Symbol
	MustUse bool
	// Stage is the entry-point stage (0 for an ordinary function).
	Stage stageMask
	// checked: the body has been checked; visiting: it is being checked.
	// (Next to the other small fields, to keep FuncInfo small.)
	checked, visiting bool

	calls []callSite
	uses  []builtinUse
	// globals are the module-scope variables the function uses, directly
	// or through its callees, in the order first met.
	globals []globalUse

	uni *uniSummary // uniformity summary, once computed

	// alias analysis summaries (transitive over calls); paramWrite is nil
	// until the body is being checked.
	paramWrite, paramAccess []bool
}

// globalUse is what a function does with one module-scope variable.
type globalUse struct {
	g *Symbol
	// at is the first reference (when noted is set).
	at    diag.Span
	noted bool
	// access and write: the memory is read or written (alias analysis).
	access, write bool
}

// global returns the record of g in f.globals, adding an empty one. The
// pointer is valid until the next call.
func (f *FuncInfo) global(g *Symbol) *globalUse {
	for i := range f.globals {
		if f.globals[i].g == g {
			return &f.globals[i]
		}
	}
	if f.globals == nil {
		f.globals = make([]globalUse, 0, 4)
	}
	f.globals = append(f.globals, globalUse{g: g})
	return &f.globals[len(f.globals)-1]
}

// globalAccess reports whether f reads or writes g's memory, and whether
// it writes it.
func (f *FuncInfo) globalAccess(g *Symbol) (access, write bool) {
	for i := range f.globals {
		if u := &f.globals[i]; u.g == g {
			return u.access, u.write
		}
	}
	return false, false
}

// noteGlobal records the first use of module variable g in the function.
func (f *FuncInfo) noteGlobal(g *Symbol, at diag.Span) {
	if u := f.global(g); !u.noted {
		u.noted, u.at = true, at
	}
}

// IsEntryPoint reports whether the function is a shader entry point.
func (f *FuncInfo) IsEntryPoint() bool { return f.Stage != 0 }

// StageName is "vertex", "fragment" or "compute" for an entry point, else "".
func (f *FuncInfo) StageName() string { return stageNames[f.Stage] }

type callSite struct {
	callee *Symbol
	span   diag.Span
}

type builtinUse struct {
	fn   *builtinFn
	span diag.Span
}

// Analyze parses and checks src. It never panics: an internal failure
// becomes an internal-error diagnostic.
func Analyze(src []byte) *Result { return AnalyzeContext(context.Background(), src) }

// AnalyzeContext is Analyze that stops early, between declarations and
// function bodies, once ctx is done; the result then holds what was found
// so far and Canceled is set. The check costs one atomic load per
// declaration.
func AnalyzeContext(ctx context.Context, src []byte) *Result {
	return analyze(ctx, src, true)
}

// analyze is AnalyzeContext; without exprs, the editor index (Result.Refs,
// Exprs and Symbols) stays empty: the diagnostics are the same.
func analyze(ctx context.Context, src []byte, exprs bool) (res *Result) {
	file, ds := syntax.Parse(src)
	return analyzeParsed(ctx, src, file, ds, exprs)
}

// AnalyzeParsed is AnalyzeContext of a source already parsed: file and
// parseDiags are syntax.Parse(src). The checker only reads the tree, so
// other readers (ResolveNames) may walk it at the same time.
func AnalyzeParsed(ctx context.Context, src []byte, file *syntax.File, parseDiags []diag.Diagnostic) *Result {
	return analyzeParsed(ctx, src, file, parseDiags, true)
}

func analyzeParsed(ctx context.Context, src []byte, file *syntax.File, ds []diag.Diagnostic, exprs bool) (res *Result) {
	return analyzeIn(nil, ctx, src, file, ds, exprs)
}

// analyzeIn is analyzeParsed with the checker's largest tables lent by mem
// (nil: new ones), which gets them back, cleared, when the check is done:
// for a caller that keeps nothing of the Result but its diagnostics.
func analyzeIn(mem *checkerMem, ctx context.Context, src []byte, file *syntax.File, ds []diag.Diagnostic, exprs bool) (res *Result) {
	ds = ds[:len(ds):len(ds)] // the checker appends: never into the caller's array
	res = &Result{File: file}
	if exprs {
		res.initIndex(src)
	}
	c := newCheckerIn(mem, src, file, res)
	c.skipExprs = !exprs
	c.ctx = ctx
	c.diags = ds
	c.parseDiags = len(ds)
	func() {
		defer func() {
			if r := recover(); r != nil {
				c.diags = append(c.diags, diag.Diagnostic{
					Span: diag.Span{}, Severity: diag.Error, Code: CodeInternal,
					Message: fmt.Sprintf("internal error in the WGSL checker: %v\n%s", r, debug.Stack()),
				})
			}
		}()
		c.run()
	}()
	res.Diagnostics = c.finish()
	res.Canceled = c.canceled
	if mem != nil {
		mem.keep(c)
	}
	return res
}

// initIndex sizes the editor index (Refs, Exprs) of a Result whose File is
// set, from the size of the source and the parser's identifier count.
func (r *Result) initIndex(src []byte) {
	// Shaders have about one resolved reference per 22-24 bytes (the
	// repo's large shaders); a tighter hint halves the map's memory.
	r.Refs = make(map[*syntax.IdentExpr]*Symbol, len(src)/24)
	// Typed expressions: about 1.6 per identifier in the repo's large
	// shaders; the source-length floor covers literal-heavy tables.
	r.Exprs = make([]TypedExpr, 0, max(r.File.NumIdents()*7/4, len(src)/16))
}

// SymbolAt returns the declaration whose name or a reference to which
// covers the byte offset, or nil when there is none.
func (r *Result) SymbolAt(offset int) *Symbol {
	for _, s := range r.Symbols {
		if s.NameSpan.Contains(offset) && s.NameSpan.Len() > 0 {
			return s
		}
	}
	for id, s := range r.Refs {
		if id.Name.Span.Contains(offset) {
			return s
		}
	}
	return nil
}

// References returns the spans of every identifier that refers to sym, in
// source order, not including the declaration itself.
func (r *Result) References(sym *Symbol) []diag.Span {
	var out []diag.Span
	for id, s := range r.Refs {
		if s == sym {
			out = append(out, id.Name.Span)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// TypeAt returns the type of the innermost expression containing offset
// and that expression's span, or nil when no checked expression covers it.
func (r *Result) TypeAt(offset int) (*Type, diag.Span) {
	var best *Type
	var bestSpan diag.Span
	for _, te := range r.Exprs {
		sp := te.Expr.NodeSpan()
		if sp.Contains(offset) && (best == nil || sp.Len() < bestSpan.Len()) {
			best, bestSpan = te.Type, sp
		}
	}
	return best, bestSpan
}
