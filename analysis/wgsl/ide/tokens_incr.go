package ide

import (
	"slices"
	"sort"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/internal/textdiff"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Semantic tokens after an edit, without parsing the whole new version.
//
// Most keystrokes change the inside of one top-level declaration: a
// function's body, a constant's value, a struct's members. When the
// declaration keeps its name and kind, the tokens outside it cannot
// change: the module scope is the same, what a declaration declares inside
// (locals, parameters, members) no other declaration names, and the
// tokens after it only move by the length the edit added. So the
// declaration alone is lexed, parsed (syntax.ReparseDecl), resolved in the
// module scope of the previous version (wgsl.ResolveDecl) and scanned, and
// its tokens replace its old ones. The result is exactly what
// ClassifyParsed gives for the new version (TestReclassifyMatchesFull,
// FuzzReclassify), or Reclassify declines and the caller classifies the
// new version in full.

// TokenState is the semantic tokens of one version of a document with
// what Reclassify needs to redo one declaration of the next version.
type TokenState struct {
	// Tokens are every token of the version, as ClassifyParsed gives
	// them. Shared: callers must not modify them.
	Tokens []SemanticToken

	src   []byte
	decls []declExtent // the top-level declarations, in source order
	scope *wgsl.Scope  // nil when no edit can be reclassified alone
}

// declExtent is a top-level declaration: where it is (attributes
// included), what it declares, and whether it is the declaration of its
// name that names resolve to.
type declExtent struct {
	span     diag.Span
	name     string
	kind     wgsl.SymbolKind // 0: it declares nothing (and is never reparsed)
	declares bool
}

// NewTokenState classifies src, a version of a document parsed into file
// with parse diagnostics parseDiags and names resolved by
// wgsl.ResolveNames(file), and keeps what Reclassify needs. scan is
// ScanSource(src) (which a caller may have run while it parsed), or nil.
func NewTokenState(src []byte, file *syntax.File, parseDiags []diag.Diagnostic, names *wgsl.Names, scan *Scan) *TokenState {
	if scan == nil {
		scan = ScanSource(src)
	}
	st := &TokenState{Tokens: scan.Classify(names), src: src}
	if !syntax.DeclsIndependent(src, file, parseDiags) {
		return st
	}
	st.decls = make([]declExtent, len(file.Decls))
	for i, d := range file.Decls {
		name, kind := wgsl.DeclaredName(d)
		st.decls[i] = declExtent{span: d.NodeSpan(), name: name, kind: kind, declares: kind != 0 && names.Declares(d)}
	}
	st.scope = names.Scope()
	return st
}

// declAt returns the index of the declaration whose span contains offset
// (inclusive of its end), or -1.
func (st *TokenState) declAt(offset int) int {
	k := sort.Search(len(st.decls), func(i int) bool { return st.decls[i].span.End >= offset })
	if k < len(st.decls) && st.decls[k].span.Start <= offset {
		return k
	}
	return -1
}

// Reclassify returns the token state of next, a later version of the
// state's document, when the two differ only inside one top-level
// declaration (not on its first or last byte) and its new text still
// parses as one declaration of the same name and kind (see
// syntax.ReparseDecl); ok is false otherwise, and the caller classifies
// next in full (ClassifyParsed, NewTokenState).
func (st *TokenState) Reclassify(next []byte) (_ *TokenState, ok bool) {
	if st.scope == nil {
		return nil, false
	}
	// The edit: st.src[p:oldEnd] became next[p:oldEnd+delta].
	p := textdiff.CommonPrefix(st.src, next)
	s := textdiff.CommonSuffix(st.src[p:], next[p:])
	oldEnd, delta := len(st.src)-s, len(next)-len(st.src)
	k := st.declAt(p)
	if k < 0 {
		return nil, false
	}
	old := st.decls[k]
	// Strictly inside: the first and last bytes stay.
	if old.kind == 0 || p <= old.span.Start || oldEnd >= old.span.End {
		return nil, false
	}
	span := diag.Span{Start: old.span.Start, End: old.span.End + delta}
	d, ok := syntax.ReparseDecl(next, span.Start, span.End)
	if !ok {
		return nil, false
	}
	if name, kind := wgsl.DeclaredName(d); name != old.name || kind != old.kind {
		return nil, false // the module scope changes
	}
	sc, ok := scanFrom(next[:span.End], span.Start)
	if !ok {
		return nil, false // non-ASCII code: the lexer-driven path classifies it
	}
	var occs []nameTok
	if old.declares {
		occs = declNameToks(wgsl.ResolveDecl(st.scope, d))
	}
	inner := sc.claim(occs)

	// Splice: the tokens before the declaration, its new ones, and the
	// ones after it moved by delta.
	i := sort.Search(len(st.Tokens), func(i int) bool { return st.Tokens[i].Span.Start >= old.span.Start })
	j := sort.Search(len(st.Tokens), func(i int) bool { return st.Tokens[i].Span.Start >= old.span.End })
	toks := make([]SemanticToken, 0, len(st.Tokens)-(j-i)+len(inner))
	toks = append(toks, st.Tokens[:i]...)
	toks = append(toks, inner...)
	for _, t := range st.Tokens[j:] {
		t.Span.Start += delta
		t.Span.End += delta
		toks = append(toks, t)
	}
	decls := slices.Clone(st.decls)
	decls[k].span = span
	for m := k + 1; m < len(decls); m++ {
		decls[m].span.Start += delta
		decls[m].span.End += delta
	}
	return &TokenState{Tokens: toks, src: next, decls: decls, scope: st.scope}, true
}

// declNameToks lists the names of one declaration's ResolveDecl (all it
// declares and references, none of the module's other declarations, which
// have no node there), sorted by start.
func declNameToks(n *wgsl.Names) []nameTok {
	toks := unsortedNameToks(n)
	slices.SortFunc(toks, func(a, b nameTok) int { return int(a.start - b.start) })
	return toks
}
