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
// @group/@binding (read from its attributes) and the tokens (re-lexed, or
// for semantic tokens re-scanned: see scan.go).
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
// features. What the features need is derived on first use, once, and
// only as much as asked for: the semantic tokens (the first request after
// each edit) need only the declaration and reference names, navigation
// the full index, completion and signature help the lexed tokens. A
// Snapshot is safe for concurrent use.
type Snapshot struct {
	Src []byte
	Res *wgsl.Result

	namesOnce sync.Once
	names     []occurrence // declarations and references, sorted by start

	once sync.Once
	idx  *index

	lexOnce sync.Once
	toks    []syntax.Token        // syntax.Lex(Src)
	lex     func() []syntax.Token // where toks come from, when not nil (NewLexed)

	tokOnce sync.Once
	tokens  []SemanticToken // every token, computed once

	modOnce  sync.Once
	modItems []Item // completion items of the module-scope declarations
}

// New wraps an analysis of src. res must be wgsl.Analyze(src).
func New(src []byte, res *wgsl.Result) *Snapshot { return &Snapshot{Src: src, Res: res} }

// NewLexed is New whose features take the tokens of src (syntax.Lex,
// comments included) from lex, called at most once, when one needs them:
// a caller may lex on another goroutine while the analysis runs. lex may
// return nil, and then the snapshot lexes src itself.
func NewLexed(src []byte, res *wgsl.Result, lex func() []syntax.Token) *Snapshot {
	return &Snapshot{Src: src, Res: res, lex: lex}
}

// Analyze is New(src, wgsl.Analyze(src)).
func Analyze(src []byte) *Snapshot { return New(src, wgsl.Analyze(src)) }

// occurrence is one identifier naming a user declaration.
type occurrence struct {
	span diag.Span
	sym  *wgsl.Symbol
	decl bool // the declaring occurrence
}

// index is the per-snapshot lookup structure of navigation and hover.
type index struct {
	occs   []occurrence // nameOccurrences() and the struct member accesses, sorted by span.Start
	byNode map[syntax.Node]*wgsl.Symbol
	// scopes gives each local symbol the span in which it is visible.
	scopes map[*wgsl.Symbol]diag.Span
}

func (s *Snapshot) index() *index {
	s.once.Do(func() { s.idx = buildIndex(s) })
	return s.idx
}

// lexed is every token of the source, comments included (syntax.Lex).
func (s *Snapshot) lexed() []syntax.Token {
	s.lexOnce.Do(func() {
		if s.lex != nil {
			s.toks = s.lex()
		}
		if s.toks == nil {
			s.toks = syntax.Lex(s.Src)
		}
	})
	return s.toks
}

// nameOccurrences is every identifier naming a user declaration, other
// than a struct member access: the declarations (Result.Symbols) and
// the references (Result.Refs), sorted by start. It reads the checker's
// tables and walks no tree.
func (s *Snapshot) nameOccurrences() []occurrence {
	s.namesOnce.Do(func() {
		res := s.Res
		occs := make([]occurrence, 0, len(res.Symbols)+len(res.Refs))
		for _, sym := range res.Symbols {
			if sym.Node != nil && sym.NameSpan.Len() > 0 {
				occs = append(occs, occurrence{span: sym.NameSpan, sym: sym, decl: true})
			}
		}
		for id, sym := range res.Refs {
			if sym != nil {
				occs = append(occs, occurrence{span: id.Name.Span, sym: sym})
			}
		}
		s.names = sortOccurrences(occs, len(s.Src))
	})
	return s.names
}

// sortOccurrences returns occs sorted by start, stably, for a source of
// srcLen bytes (see sortByStart).
func sortOccurrences(occs []occurrence, srcLen int) []occurrence {
	return sortByStart(occs, srcLen, func(o occurrence) int { return o.span.Start })
}

// sortByStart returns xs sorted by start, stably, for a source of srcLen
// bytes: a counting sort on 32-byte blocks, then an insertion sort that
// meets only the few out-of-order pairs inside a block. (References come
// in map or walk order: a comparison sort of them was most of the cost of
// the first semantic tokens of a version.)
func sortByStart[T any](xs []T, srcLen int, start func(T) int) []T {
	const shift = 5
	block := func(x T) int { return min(max(start(x), 0), srcLen) >> shift }
	next := make([]int32, srcLen>>shift+2) // next[b]: where block b's next record goes
	for _, x := range xs {
		next[block(x)+1]++
	}
	for b := 1; b < len(next); b++ {
		next[b] += next[b-1]
	}
	out := make([]T, len(xs))
	for _, x := range xs {
		b := block(x)
		out[next[b]] = x
		next[b]++
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && start(out[j-1]) > start(out[j]); j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// buildIndex adds the struct member accesses and the local scopes to the
// names. It walks no expression tree: the member accesses come from the
// checker's typed expressions, the scopes from the function bodies'
// statements.
func buildIndex(s *Snapshot) *index {
	res := s.Res
	ix := &index{byNode: make(map[syntax.Node]*wgsl.Symbol, len(res.Symbols)), scopes: map[*wgsl.Symbol]diag.Span{}}
	for _, sym := range res.Symbols {
		if sym.Node != nil {
			ix.byNode[sym.Node] = sym
		}
	}
	for _, d := range res.File.Decls {
		if fn, ok := d.(*syntax.FuncDecl); ok {
			ix.funcScopes(fn)
		}
	}
	names := s.nameOccurrences()
	var members []occurrence
	for i, te := range res.Exprs {
		m, ok := te.Expr.(*syntax.MemberExpr)
		if !ok {
			continue
		}
		// The checker records an expression after its operands, so the
		// base is usually the entry just before.
		var base *wgsl.Type
		if i > 0 && res.Exprs[i-1].Expr == m.X {
			base = res.Exprs[i-1].Type
		} else {
			base = res.TypeOf(m.X)
		}
		if mem := ix.member(base, m); mem != nil {
			members = append(members, occurrence{span: m.Member.Span, sym: mem})
		}
	}
	if len(members) == 0 {
		ix.occs = names
		return ix
	}
	members = sortOccurrences(members, len(s.Src))
	// An expression checked twice is listed twice: keep one occurrence.
	members = slices.CompactFunc(members, func(a, b occurrence) bool { return a.span == b.span && a.sym == b.sym })
	ix.occs = mergeOccurrences(names, members)
	return ix
}

// mergeOccurrences merges two lists sorted by start into a new one, a's
// first on equal starts.
func mergeOccurrences(a, b []occurrence) []occurrence {
	out := make([]occurrence, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].span.Start < a[0].span.Start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// member resolves the struct member that m, whose base has type base,
// names, or nil (a swizzle, an unknown member, an untyped base).
func (ix *index) member(base *wgsl.Type, m *syntax.MemberExpr) *wgsl.Symbol {
	st := structOf(base)
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
func (s *Snapshot) identSpanAt(offset int) (diag.Span, bool) {
	toks := s.lexed()
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].End) >= offset })
	for ; i < len(toks) && int(toks[i].Start) <= offset; i++ {
		if t := toks[i]; t.Kind == syntax.TokIdent {
			return t.Span(), true
		}
	}
	return diag.Span{}, false
}

// declSpan is where sym is declared, for navigation.
func declSpan(sym *wgsl.Symbol) diag.Span { return sym.NameSpan }
