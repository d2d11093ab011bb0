package lsp

import (
	"context"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// Fixes makes the WGSL analyzer a fixer (codeaction.go): the quick fixes of
// analysis/wgsl/ide (missing @group/@binding, literal suffixes, unused
// variables, missing return, missing enable) for the diagnostics touching
// span.
func (a wgslAnalyzer) Fixes(_ context.Context, doc *docInput, span diag.Span) []fix {
	var out []fix
	for _, f := range a.snapshot(doc).Fixes(span) {
		fx := fix{title: f.Title, code: f.Code, span: f.Span}
		for _, e := range f.Edits {
			fx.edits = append(fx.edits, textEdit{span: e.Span, newText: e.NewText})
		}
		out = append(out, fx)
	}
	return out
}
