package lsp

import (
	"context"
)

// Hover makes the WGSL analyzer a hoverer (hover.go): types, constant
// values, struct layout, bindings and builtin descriptions from
// analysis/wgsl/ide.
func (a wgslAnalyzer) Hover(_ context.Context, doc *docInput, offset int) (hoverResult, bool) {
	h, ok := a.snapshotAt(doc, offset).Hover(offset)
	if !ok {
		return hoverResult{}, false
	}
	sp := h.Span
	return hoverResult{markdown: h.Markdown, span: &sp}, true
}
