package ide

import (
	"fmt"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// InlayKind tells type hints from layout hints.
type InlayKind uint8

// Inlay hint kinds.
const (
	InlayType   InlayKind = iota + 1 // an inferred type, after a name
	InlayLayout                      // a member's offset, before it
)

// InlayHint is a label shown at Offset.
type InlayHint struct {
	Offset int
	Label  string
	Kind   InlayKind
}

// InlayHints returns, for the part of the document in span: the inferred
// type of each let, var, const and override written without one (": f32"
// after the name), and the byte offset of each member of the structs that
// reach memory through a uniform or storage variable ("@offset(16)" before
// the member), in source order.
func (s *Snapshot) InlayHints(span diag.Span) []InlayHint {
	ix := s.index()
	shared := s.sharedStructs()
	var out []InlayHint
	syntax.Inspect(s.Res.File, func(n syntax.Node) bool {
		sp := n.NodeSpan()
		if sp.End < span.Start || sp.Start > span.End {
			return false
		}
		switch n := n.(type) {
		case *syntax.VarDecl:
			if sym := ix.byNode[n]; sym != nil && n.Type == nil && sym.Type != nil && sym.Type.Kind != wgsl.Invalid && n.Name.Name != "" {
				out = append(out, InlayHint{Offset: n.Name.Span.End, Label: ": " + typeName(sym.Type), Kind: InlayType})
			}
		case *syntax.StructDecl:
			sym := ix.byNode[n]
			if sym == nil || sym.Type == nil || sym.Type.Struct == nil || !shared[sym.Type.Struct] || !layoutKnown(sym.Type) {
				return true
			}
			offs, _ := structLayout(sym.Type.Struct)
			for i, m := range n.Members {
				if i < len(offs) && m.Span.Start >= span.Start && m.Span.Start <= span.End {
					out = append(out, InlayHint{Offset: m.Span.Start, Label: fmt.Sprintf("@offset(%d)", offs[i]), Kind: InlayLayout})
				}
			}
		}
		return true
	})
	return out
}

// sharedStructs are the structs reachable from uniform and storage
// variables (their layout is then observable by the host).
func (s *Snapshot) sharedStructs() map[*wgsl.StructInfo]bool {
	out := map[*wgsl.StructInfo]bool{}
	var mark func(t *wgsl.Type)
	mark = func(t *wgsl.Type) {
		for t != nil && (t.Kind == wgsl.Array || t.Kind == wgsl.Atomic) {
			t = t.Elem
		}
		if t == nil || t.Kind != wgsl.Struct || out[t.Struct] {
			return
		}
		out[t.Struct] = true
		for _, m := range t.Struct.Members {
			mark(m.Type)
		}
	}
	for _, sym := range s.Res.Symbols {
		if sym.Kind == wgsl.SymVar && (sym.Space == wgsl.Uniform || sym.Space == wgsl.Storage) {
			mark(sym.Type)
		}
	}
	return out
}
