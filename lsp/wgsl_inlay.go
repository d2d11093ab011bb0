package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
)

// InlayHint answers, for the requested range of a WGSL document, the
// inferred types of let/var/const/override written without one and the
// member offsets of structs shared with the host through uniform or
// storage variables.
func (s *server) InlayHint(_ context.Context, params *protocol.InlayHintParams) ([]protocol.InlayHint, error) {
	out := []protocol.InlayHint{}
	d, snap, err := s.wgslDoc(params.TextDocument.URI)
	if err != nil || snap == nil {
		return out, err
	}
	sp, err := d.mapper.Span(params.Range)
	if err != nil {
		return nil, err
	}
	yes := true
	for _, h := range snap.InlayHints(sp) {
		pos, err := d.mapper.Position(h.Offset)
		if err != nil {
			continue
		}
		ih := protocol.InlayHint{Position: pos, Label: protocol.String(h.Label), Kind: protocol.InlayHintKindType}
		if h.Kind == ide.InlayLayout {
			ih.PaddingRight = &yes
			ih.Tooltip = protocol.String("byte offset of the member in the host-shareable (uniform/storage) layout")
		}
		out = append(out, ih)
	}
	return out, nil
}
