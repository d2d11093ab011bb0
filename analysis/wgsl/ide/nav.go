package ide

import (
	"fmt"
	"sort"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Definition returns the declaring name of the user declaration named at
// offset; ok is false on anything else (a builtin, a keyword, a literal).
func (s *Snapshot) Definition(offset int) (diag.Span, bool) {
	o, ok := s.index().occAt(offset)
	if !ok {
		return diag.Span{}, false
	}
	return declSpan(o.sym), true
}

// TypeDefinition returns the declaration of the struct (or alias) that is
// the type of the thing at offset: a symbol's type, else the innermost
// expression's.
func (s *Snapshot) TypeDefinition(offset int) (diag.Span, bool) {
	var t *wgsl.Type
	if o, ok := s.index().occAt(offset); ok {
		switch o.sym.Kind {
		case wgsl.SymStruct, wgsl.SymAlias:
			return declSpan(o.sym), true
		}
		t = o.sym.Type
	} else {
		t, _ = s.Res.TypeAt(offset)
	}
	if st := structOf(leafElem(t)); st != nil {
		if n, isNode := st.Decl.(syntax.Node); isNode {
			if sym := s.index().byNode[n]; sym != nil {
				return declSpan(sym), true
			}
		}
	}
	return diag.Span{}, false
}

// leafElem strips references, pointers and arrays.
func leafElem(t *wgsl.Type) *wgsl.Type {
	for t != nil && (t.Kind == wgsl.Reference || t.Kind == wgsl.Pointer || t.Kind == wgsl.Array) {
		t = t.Elem
	}
	return t
}

// Occurrence is one place a declaration is named.
type Occurrence struct {
	Span diag.Span
	// Decl marks the declaring name.
	Decl bool
	// Write marks an identifier that is assigned to (for highlights).
	Write bool
}

// References returns every occurrence of the declaration named at offset
// in source order, the declaration included when includeDecl is set.
func (s *Snapshot) References(offset int, includeDecl bool) []Occurrence {
	ix := s.index()
	o, ok := ix.occAt(offset)
	if !ok {
		return nil
	}
	writes := s.writeSpans()
	var out []Occurrence
	for _, x := range ix.occs {
		if x.sym != o.sym || (x.decl && !includeDecl) {
			continue
		}
		out = append(out, Occurrence{Span: x.span, Decl: x.decl, Write: writes[x.span.Start]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// Highlights is References with the declaration, for one document.
func (s *Snapshot) Highlights(offset int) []Occurrence { return s.References(offset, true) }

// writeSpans collects the starts of identifiers assigned to.
func (s *Snapshot) writeSpans() map[int]bool {
	out := map[int]bool{}
	mark := func(e syntax.Expr) {
		for e != nil {
			switch x := e.(type) {
			case *syntax.IdentExpr:
				out[x.Name.Span.Start] = true
				return
			case *syntax.MemberExpr:
				out[x.Member.Span.Start] = true
				return
			case *syntax.IndexExpr:
				e = x.X
			case *syntax.ParenExpr:
				e = x.X
			default:
				return
			}
		}
	}
	syntax.Inspect(s.Res.File, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.AssignStmt:
			mark(n.LHS)
		case *syntax.IncDecStmt:
			mark(n.LHS)
		}
		return true
	})
	return out
}

// RenameError explains why a rename is refused.
type RenameError struct {
	Span    diag.Span
	Message string
}

func (e *RenameError) Error() string { return e.Message }

// PrepareRename returns the span of the name that a rename at offset would
// change, or a *RenameError saying why nothing can be renamed there
// (a builtin, a keyword, nothing).
func (s *Snapshot) PrepareRename(offset int) (diag.Span, error) {
	if o, ok := s.index().occAt(offset); ok {
		return o.span, nil
	}
	if sp, ok := s.identSpanAt(offset); ok {
		name := string(s.Src[sp.Start:sp.End])
		if isReserved(name) || wordClasses[name] == wordEnumerant || attributeDocs[name] != "" || enumDocs[name] != "" {
			return diag.Span{}, &RenameError{Span: sp, Message: fmt.Sprintf("'%s' is predeclared by WGSL (a builtin) and cannot be renamed", name)}
		}
		return diag.Span{}, &RenameError{Span: sp, Message: fmt.Sprintf("'%s' is not declared in this file: nothing to rename", name)}
	}
	return diag.Span{}, &RenameError{Span: diag.Span{Start: offset, End: offset}, Message: "there is no user declaration to rename here"}
}

// Edit replaces Span with NewText.
type Edit struct {
	Span    diag.Span
	NewText string
}

// Rename returns the edits renaming the declaration at offset, and every
// reference to it, to newName. It refuses (a *RenameError) builtins, names
// that are not identifiers or are reserved, and names that would collide
// with a declaration visible at a renamed place.
func (s *Snapshot) Rename(offset int, newName string) ([]Edit, error) {
	if _, err := s.PrepareRename(offset); err != nil {
		return nil, err
	}
	o, _ := s.index().occAt(offset)
	if !isIdent(newName) {
		return nil, &RenameError{Span: o.span, Message: fmt.Sprintf("'%s' is not a valid WGSL identifier", newName)}
	}
	if isReserved(newName) {
		return nil, &RenameError{Span: o.span, Message: fmt.Sprintf("'%s' is a keyword or predeclared name in WGSL", newName)}
	}
	if o.sym.Name == newName {
		return nil, nil
	}
	occs := s.References(offset, true)
	if err := s.renameConflict(o.sym, newName, occs); err != nil {
		return nil, err
	}
	edits := make([]Edit, len(occs))
	for i, x := range occs {
		edits[i] = Edit{Span: x.Span, NewText: newName}
	}
	return edits, nil
}

// renameConflict reports a declaration called newName that one of the
// renamed occurrences would then resolve to (or that would clash at module
// scope).
func (s *Snapshot) renameConflict(sym *wgsl.Symbol, newName string, occs []Occurrence) error {
	ix := s.index()
	for _, other := range s.Res.Symbols {
		if other == sym || other.Name != newName {
			continue
		}
		if sym.Kind == wgsl.SymMember || other.Kind == wgsl.SymMember {
			if sym.Kind == wgsl.SymMember && other.Kind == wgsl.SymMember && sameStruct(s, sym, other) {
				return &RenameError{Span: other.NameSpan, Message: fmt.Sprintf("the struct already has a member '%s'", newName)}
			}
			continue
		}
		if other.Module && sym.Module {
			return &RenameError{Span: other.NameSpan, Message: fmt.Sprintf("'%s' is already declared at module scope", newName)}
		}
		conflict := func() error {
			return &RenameError{Span: other.NameSpan, Message: fmt.Sprintf("renaming to '%s' would conflict with the %s declared here", newName, other.Kind)}
		}
		// A local called newName would capture a renamed occurrence...
		if !other.Module {
			for _, x := range occs {
				if ix.visible(other, x.Span.Start) {
					return conflict()
				}
			}
		}
		// ...and a renamed local would capture other's occurrences.
		if sc, ok := ix.scopes[sym]; ok && !sym.Module {
			for _, x := range ix.occs {
				if x.sym == other && sc.Start <= x.span.Start && x.span.Start <= sc.End {
					return conflict()
				}
			}
		}
	}
	return nil
}

func sameStruct(s *Snapshot, a, b *wgsl.Symbol) bool {
	sa, _ := s.structOfMember(a)
	sb, _ := s.structOfMember(b)
	return sa != nil && sa == sb
}

func isIdent(name string) bool {
	if name == "" || name == "_" || len(name) >= 2 && name[:2] == "__" {
		return false
	}
	for i, r := range name {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		case r > 127 && i > 0:
		default:
			if r <= 127 {
				return false
			}
		}
	}
	return true
}

func isReserved(name string) bool {
	for _, k := range keywords {
		if k == name {
			return true
		}
	}
	return isTypeName(name) || builtinTable[name] != nil
}
