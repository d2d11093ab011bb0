package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// folder is an analyzer that finds foldable regions.
type folder interface {
	Folds(ctx context.Context, doc *docInput) []fold
}

// fold is a foldable span of a document.
type fold struct {
	span diag.Span
	kind foldKind
}

type foldKind int

const (
	foldBlock   foldKind = iota // braces: the closing line stays visible
	foldComment                 // LSP kind "comment"
	foldRegion                  // LSP kind "region"
)

// FoldingRanges answers line-based folding ranges. A block ends on the line
// before its closing brace, so the brace stays visible when folded (a block
// whose brace is on the line after its start then folds nothing and is left
// out).
func (s *server) FoldingRanges(ctx context.Context, params *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.FoldingRange{}
	f, ok := s.analyzers[d.kind].(folder)
	if !ok {
		return out, nil
	}
	for _, fd := range f.Folds(ctx, s.input(d)) {
		if fd.span.End <= fd.span.Start {
			continue
		}
		start, err1 := d.mapper.Position(fd.span.Start)
		end, err2 := d.mapper.Position(fd.span.End - 1)
		if err1 != nil || err2 != nil {
			s.log.Error("bug: fold outside the document", "uri", d.uri, "span", fd.span)
			continue
		}
		fr := protocol.FoldingRange{StartLine: start.Line, EndLine: end.Line}
		switch fd.kind {
		case foldBlock:
			fr.EndLine--
		case foldComment:
			fr.Kind = protocol.FoldingRangeKindComment
		case foldRegion:
			fr.Kind = protocol.FoldingRangeKindRegion
		}
		if fr.EndLine <= fr.StartLine || end.Line < start.Line {
			continue
		}
		out = append(out, fr)
	}
	return out, nil
}
