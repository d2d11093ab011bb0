package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// selector is an analyzer that answers "expand selection".
type selector interface {
	// SelectionRanges returns, per offset, the spans around it from the
	// innermost to the outermost, each containing the one before.
	SelectionRanges(ctx context.Context, doc *docInput, offsets []int) [][]diag.Span
}

// SelectionRange answers one chain per position (innermost first, each
// with its parent); a kind without a selector gets the position itself.
func (s *server) SelectionRange(ctx context.Context, params *protocol.SelectionRangeParams) ([]protocol.SelectionRange, error) {
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	offsets := make([]int, len(params.Positions))
	for i, p := range params.Positions {
		if offsets[i], err = d.mapper.Offset(p); err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "selectionRange %s: %v", d.uri, err)
		}
	}
	var chains [][]diag.Span
	if sel, ok := s.analyzers[d.kind].(selector); ok {
		chains = sel.SelectionRanges(ctx, s.input(d), offsets)
	}
	out := make([]protocol.SelectionRange, len(offsets))
	for i, off := range offsets {
		var spans []diag.Span
		if i < len(chains) {
			spans = chains[i]
		}
		if len(spans) == 0 {
			spans = []diag.Span{{Start: off, End: off}}
		}
		// Build from the outermost in, so each range points at its parent.
		var parent *protocol.SelectionRange
		for j := len(spans) - 1; j >= 0; j-- {
			sr := &protocol.SelectionRange{Range: s.rangeOf(d, spans[j]), Parent: parent}
			parent = sr
		}
		out[i] = *parent
	}
	return out, nil
}
