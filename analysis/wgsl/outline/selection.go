package outline

import (
	"sort"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// SelectionRanges returns, for each offset, the spans of the syntax around
// it from the innermost to the outermost, as "expand selection" grows: a
// name or literal, the expressions containing it, attribute or template
// list, parameter or member, statement, enclosing blocks and statements,
// the declaration, and last the whole file. Each span strictly contains the
// one before it (equal spans appear once; zero-length spans of missing
// nodes are left out).
//
// A node contains an offset when Start <= off < End. An offset just after a
// name or literal (the cursor at the end of a word) selects that token
// first, and an offset at the end of the file selects what ends there. Keywords and punctuation are not tokens of their own here: an
// offset on `return` starts at the return statement. An offset outside the
// file, or a nil file, gives just the file's span.
func SelectionRanges(file *syntax.File, offsets []int) [][]diag.Span {
	out := make([][]diag.Span, len(offsets))
	for i, off := range offsets {
		out[i] = selectionAt(file, off)
	}
	return out
}

// link is one candidate span; token marks names and literals.
type link struct {
	span  diag.Span
	token bool
}

func selectionAt(file *syntax.File, off int) []diag.Span {
	if file == nil {
		return []diag.Span{{}}
	}
	chain := containing(file, off)
	if (len(chain) == 0 || !chain[len(chain)-1].token) && off > 0 {
		// The cursor just after a word selects the word; just after a node
		// that nothing else contains (the end of the file), that node.
		if prev := containing(file, off-1); len(prev) > 0 {
			if last := prev[len(prev)-1]; last.span.End == off && (last.token || len(chain) == 0) {
				chain = prev
			}
		}
	}
	spans := make([]diag.Span, 0, len(chain)+1)
	for i := len(chain) - 1; i >= 0; i-- {
		spans = append(spans, chain[i].span)
	}
	if len(spans) == 0 || spans[len(spans)-1] != file.Span {
		spans = append(spans, file.Span)
	}
	return spans
}

// containing returns the nodes and names strictly containing off, outermost
// first, each nested in the one before.
func containing(file *syntax.File, off int) []link {
	var cands []link
	in := func(s diag.Span) bool { return s.Start <= off && off < s.End }
	syntax.Inspect(file, func(n syntax.Node) bool {
		s := n.NodeSpan()
		if !in(s) {
			return false
		}
		_, lit := n.(*syntax.LiteralExpr)
		cands = append(cands, link{span: s, token: lit})
		for _, id := range names(n) {
			if in(id.Span) {
				cands = append(cands, link{span: id.Span, token: true})
			}
		}
		return true
	})
	// Outermost first; at equal spans a token sorts last (innermost).
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i].span, cands[j].span
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return !cands[i].token && cands[j].token
	})
	var chain []link
	for _, c := range cands {
		if n := len(chain); n > 0 {
			last := chain[n-1].span
			if c.span.Start < last.Start || c.span.End > last.End {
				continue // a sibling sharing a boundary: not nested
			}
			if c.span == last {
				chain[n-1].token = chain[n-1].token || c.token
				continue
			}
		}
		chain = append(chain, c)
	}
	return chain
}

// names returns the Ident fields of n (names are not nodes in the tree).
func names(n syntax.Node) []syntax.Ident {
	switch n := n.(type) {
	case *syntax.IdentExpr:
		return []syntax.Ident{n.Name}
	case *syntax.MemberExpr:
		return []syntax.Ident{n.Member}
	case *syntax.VarDecl:
		return []syntax.Ident{n.Name}
	case *syntax.FuncDecl:
		return []syntax.Ident{n.Name}
	case *syntax.Param:
		return []syntax.Ident{n.Name}
	case *syntax.StructDecl:
		return []syntax.Ident{n.Name}
	case *syntax.StructMember:
		return []syntax.Ident{n.Name}
	case *syntax.AliasDecl:
		return []syntax.Ident{n.Name}
	case *syntax.Attribute:
		return []syntax.Ident{n.Name}
	case *syntax.Directive:
		return n.Names
	case *syntax.DiagnosticControl:
		return []syntax.Ident{n.Severity, n.RuleNamespace, n.Rule}
	}
	return nil
}
