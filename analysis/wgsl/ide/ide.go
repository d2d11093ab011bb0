// Package ide holds the WGSL editor features built on the semantic analysis:
// hover, navigation, rename, completion, signature help, semantic tokens,
// inlay hints and quick fixes. Every feature is a pure function of a
// Snapshot (the source bytes and their wgsl.Result) and a byte offset or
// span, returning plain data with byte spans; it knows nothing of LSP.
//
// Features work on broken code: they use whatever the fault-tolerant parser
// and the checker recovered, and answer "nothing here" (a zero value and
// false, or an empty slice) where they cannot.
//
// Some facts are derived here because the checker does not export them:
// host-shareable layout (layout.go), member accesses (resolved through the
// base expression's type), local scopes (from the tree), the builtin
// functions' signatures and descriptions (builtins.go), a resource's
// @group/@binding (read from its attributes) and the tokens (re-lexed).
//
// Tests: marker_test.go runs testdata/*.wgsl, whose comments carry the
// cases (see TestMarkers); adding a case is adding a line or a file.
package ide

import (
	"slices"
	"sort"
	"sync"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Snapshot is one version of a document and its analysis, shared by all
// features. Indexes over it are built on first use, once; a Snapshot is
// safe for concurrent use.
type Snapshot struct {
	Src []byte
	Res *wgsl.Result

	once sync.Once
	idx  *index

	tokOnce sync.Once
	tokens  []SemanticToken // every token, computed once

	modOnce  sync.Once
	modItems []Item // completion items of the module-scope declarations
}

// New wraps an analysis of src. res must be wgsl.Analyze(src).
func New(src []byte, res *wgsl.Result) *Snapshot { return &Snapshot{Src: src, Res: res} }

// Analyze is New(src, wgsl.Analyze(src)).
func Analyze(src []byte) *Snapshot { return New(src, wgsl.Analyze(src)) }

// occurrence is one identifier naming a user declaration.
type occurrence struct {
	span diag.Span
	sym  *wgsl.Symbol
	decl bool // the declaring occurrence
}

// index is the per-snapshot lookup structure.
type index struct {
	occs   []occurrence // sorted by span.Start
	byNode map[syntax.Node]*wgsl.Symbol
	// scopes gives each local symbol the span in which it is visible.
	scopes map[*wgsl.Symbol]diag.Span
	toks   []syntax.Token
}

func (s *Snapshot) index() *index {
	s.once.Do(func() { s.idx = buildIndex(s) })
	return s.idx
}

func buildIndex(s *Snapshot) *index {
	res := s.Res
	ix := &index{byNode: make(map[syntax.Node]*wgsl.Symbol, len(res.Symbols)), scopes: map[*wgsl.Symbol]diag.Span{}}
	for _, sym := range res.Symbols {
		if sym.Node != nil {
			ix.byNode[sym.Node] = sym
		}
	}
	// One walk in source order collects declarations, references and
	// member accesses, so the sort below meets nearly sorted data.
	ix.occs = make([]occurrence, 0, len(res.Symbols)+len(res.Refs))
	refs := 0
	syntax.Inspect(res.File, func(n syntax.Node) bool {
		if sym := ix.byNode[n]; sym != nil && sym.NameSpan.Len() > 0 {
			ix.occs = append(ix.occs, occurrence{span: sym.NameSpan, sym: sym, decl: true})
		}
		switch n := n.(type) {
		case *syntax.IdentExpr:
			if sym := res.Refs[n]; sym != nil {
				ix.occs = append(ix.occs, occurrence{span: n.Name.Span, sym: sym})
				refs++
			}
		case *syntax.MemberExpr:
			if m := ix.memberOf(res, n); m != nil {
				ix.occs = append(ix.occs, occurrence{span: n.Member.Span, sym: m})
			}
		case *syntax.FuncDecl:
			ix.funcScopes(n)
		}
		return true
	})
	if refs != len(res.Refs) { // a reference outside the tree walk: take them all
		ix.occs = slices.DeleteFunc(ix.occs, func(o occurrence) bool { return !o.decl && o.sym.Kind != wgsl.SymMember })
		for id, sym := range res.Refs {
			ix.occs = append(ix.occs, occurrence{span: id.Name.Span, sym: sym})
		}
	}
	slices.SortFunc(ix.occs, func(a, b occurrence) int { return a.span.Start - b.span.Start })
	ix.toks = syntax.Lex(s.Src)
	return ix
}

// memberOf resolves the struct member a member expression names, or nil
// (a swizzle, an unknown member, an untyped base).
func (ix *index) memberOf(res *wgsl.Result, m *syntax.MemberExpr) *wgsl.Symbol {
	st := structOf(res.TypeOf(m.X))
	if st == nil {
		return nil
	}
	for _, mem := range st.Members {
		if mem.Name == m.Member.Name {
			if n, ok := mem.Decl.(*syntax.StructMember); ok {
				return ix.byNode[n]
			}
		}
	}
	return nil
}

// structOf is the structure behind t (through references and pointers).
func structOf(t *wgsl.Type) *wgsl.StructInfo {
	t = storeType(t)
	if t != nil && t.Kind == wgsl.Struct {
		return t.Struct
	}
	return nil
}

// storeType strips references and pointers.
func storeType(t *wgsl.Type) *wgsl.Type {
	for t != nil && (t.Kind == wgsl.Reference || t.Kind == wgsl.Pointer) {
		t = t.Elem
	}
	return t
}

// funcScopes records where the parameters and locals of fn are visible:
// a parameter in the whole function, a local from the end of its
// declaration to the end of its block (a for-loop initializer's to the end
// of the loop).
func (ix *index) funcScopes(fn *syntax.FuncDecl) {
	for _, p := range fn.Params {
		if sym := ix.byNode[p]; sym != nil {
			ix.scopes[sym] = diag.Span{Start: p.Span.End, End: fn.Span.End}
		}
	}
	var visit func(n syntax.Node, end int)
	visitBlock := func(b *syntax.BlockStmt) {
		if b == nil {
			return
		}
		for _, st := range b.Stmts {
			visit(st, b.Span.End)
		}
	}
	visit = func(n syntax.Node, end int) {
		switch n := n.(type) {
		case *syntax.VarDecl:
			if sym := ix.byNode[n]; sym != nil {
				ix.scopes[sym] = diag.Span{Start: n.Span.End, End: end}
			}
		case *syntax.BlockStmt:
			visitBlock(n)
		case *syntax.IfStmt:
			visitBlock(n.Then)
			if n.Else != nil {
				visit(n.Else, end)
			}
		case *syntax.SwitchStmt:
			for _, c := range n.Clauses {
				visitBlock(c.Body)
			}
		case *syntax.LoopStmt:
			visitBlock(n.Body)
			if n.Continuing != nil {
				// continuing sees the loop body's declarations
				for _, st := range n.Body.Stmts {
					if vd, ok := st.(*syntax.VarDecl); ok {
						if sym := ix.byNode[vd]; sym != nil {
							ix.scopes[sym] = diag.Span{Start: vd.Span.End, End: n.Continuing.Span.End}
						}
					}
				}
				visitBlock(n.Continuing)
			}
		case *syntax.ForStmt:
			if n.Init != nil {
				visit(n.Init, n.Span.End)
			}
			visitBlock(n.Body)
		case *syntax.WhileStmt:
			visitBlock(n.Body)
		}
	}
	visitBlock(fn.Body)
}

// occAt returns the occurrence whose identifier covers offset (a cursor
// just after an identifier counts).
func (ix *index) occAt(offset int) (occurrence, bool) {
	i := sort.Search(len(ix.occs), func(i int) bool { return ix.occs[i].span.End >= offset })
	for ; i < len(ix.occs) && ix.occs[i].span.Start <= offset; i++ {
		if o := ix.occs[i]; o.span.Start <= offset && offset <= o.span.End {
			return o, true
		}
	}
	return occurrence{}, false
}

// visible reports whether sym can be named at offset.
func (ix *index) visible(sym *wgsl.Symbol, offset int) bool {
	if sym.Module {
		return sym.Kind != wgsl.SymMember
	}
	sc, ok := ix.scopes[sym]
	return ok && sc.Start <= offset && offset <= sc.End
}

// pathAt returns the nodes whose spans contain offset, outermost first.
func pathAt(file *syntax.File, offset int) []syntax.Node {
	var path []syntax.Node
	syntax.Inspect(file, func(n syntax.Node) bool {
		sp := n.NodeSpan()
		if sp.Start <= offset && offset <= sp.End {
			path = append(path, n)
			return true
		}
		return false
	})
	return path
}

// identSpanAt returns the identifier token covering offset (a cursor just
// after one counts).
func (ix *index) identSpanAt(offset int) (diag.Span, bool) {
	i := sort.Search(len(ix.toks), func(i int) bool { return int(ix.toks[i].End) >= offset })
	for ; i < len(ix.toks) && int(ix.toks[i].Start) <= offset; i++ {
		if t := ix.toks[i]; t.Kind == syntax.TokIdent {
			return t.Span(), true
		}
	}
	return diag.Span{}, false
}

// declSpan is where sym is declared, for navigation.
func declSpan(sym *wgsl.Symbol) diag.Span { return sym.NameSpan }
