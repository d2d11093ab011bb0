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
// kind has no hovers or there is nothing at the position. On a runnable
// document (a manifest), an entry of `tests` shows the test and its last
// outcome, its "invoke" value the export's last run (runhover.go), and
// the cartridge preview gets the exports' last runs appended.
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
	var res hoverResult
	_, runs := s.analyzers[d.kind].(runnable)
	if runs {
		res, ok = s.runHover(d, off) // runhover.go: a `tests` entry of a manifest
	}
	if !runs || !ok {
		res, ok = h.Hover(ctx, s.input(d), off)
		if ok && runs && res.markdown != "" {
			if k := hoverMemberKey(d.content(), off); k != "offsets" && k != "hashes" {
				res.markdown += s.lastRunsMarkdown(d) // the cartridge preview: its exports' last runs
			}
		}
	}
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
