package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// symboler is an analyzer that outlines documents.
type symboler interface {
	Symbols(ctx context.Context, doc *docInput) []symbol
}

// symbol is one entry of a document's outline.
type symbol struct {
	name, detail   string
	kind           protocol.SymbolKind
	span, nameSpan diag.Span // the whole declaration; its name, inside span
	children       []symbol
}

// DocumentSymbol answers the hierarchical outline ([]DocumentSymbol); an
// empty list for kinds without one.
func (s *server) DocumentSymbol(ctx context.Context, params *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := protocol.DocumentSymbolSlice{}
	if sy, ok := s.analyzers[d.kind].(symboler); ok {
		out = s.toSymbols(d, sy.Symbols(ctx, s.input(d)))
	}
	return out, nil
}

func (s *server) toSymbols(d *document, syms []symbol) protocol.DocumentSymbolSlice {
	out := make(protocol.DocumentSymbolSlice, 0, len(syms))
	for _, sy := range syms {
		ds := protocol.DocumentSymbol{
			Name:           sy.name,
			Kind:           sy.kind,
			Range:          s.rangeOf(d, sy.span),
			SelectionRange: s.rangeOf(d, sy.nameSpan),
		}
		if sy.detail != "" {
			detail := sy.detail
			ds.Detail = &detail
		}
		if len(sy.children) > 0 {
			ds.Children = s.toSymbols(d, sy.children)
		}
		out = append(out, ds)
	}
	return out
}
