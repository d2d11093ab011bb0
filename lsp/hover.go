package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// hoverer is an analyzer that answers hovers.
type hoverer interface {
	// Hover describes what is at offset in doc; ok is false when there is
	// nothing to show there.
	Hover(ctx context.Context, doc *docInput, offset int) (h hoverResult, ok bool)
}

// hoverResult is a hover's markdown and, optionally, the span it is about.
type hoverResult struct {
	markdown string
	span     *diag.Span // nil: no range highlighted
}

// Hover answers with markdown MarkupContent, or null when the document's
// kind has no hovers or there is nothing at the position.
func (s *server) Hover(ctx context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	h, ok := s.analyzers[d.kind].(hoverer)
	if d.kind == nil || !ok {
		return nil, nil
	}
	off, err := d.mapper.Offset(params.Position)
	if err != nil {
		return nil, err
	}
	res, ok := h.Hover(ctx, s.input(d), off)
	if !ok || res.markdown == "" {
		return nil, nil
	}
	out := &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: res.markdown}}
	if res.span != nil {
		r := s.rangeOf(d, *res.span)
		out.Range = &r
	}
	return out, nil
}
