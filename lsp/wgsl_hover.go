package lsp

import (
	"context"
)

// Hover makes the WGSL analyzer a hoverer (hover.go): types, constant
// values, struct layout, bindings and builtin descriptions from
// analysis/wgsl/ide.
func (wgslAnalyzer) Hover(_ context.Context, doc *docInput, offset int) (hoverResult, bool) {
	h, ok := wgslSnapshot(doc.URI, doc.Text).Hover(offset)
	if !ok {
		return hoverResult{}, false
	}
	sp := h.Span
	return hoverResult{markdown: h.Markdown, span: &sp}, true
}
