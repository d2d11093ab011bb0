package lsp

import (
	"context"
	"errors"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/format"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/outline"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// The WGSL analyzer's editor features beyond Check: formatting (formatter),
// the outline (symboler), folding (folder) and selection ranges (selector),
// each a thin adapter from analysis/wgsl/format and outline.

// Format formats doc, or only the edits touching span when it is not nil.
// A document with syntax errors is left alone: errSyntax says why.
func (wgslAnalyzer) Format(_ context.Context, doc *docInput, span *diag.Span, o formatOptions) ([]textEdit, error) {
	opts := format.Options{UseTabs: o.useTabs, IndentWidth: o.indentWidth}
	var edits []format.Edit
	var err error
	if span == nil {
		edits, err = format.Edits(doc.Text, opts)
	} else {
		edits, err = format.FormatRange(doc.Text, *span, opts)
	}
	var se *format.SyntaxError
	if errors.As(err, &se) {
		return nil, &syntaxError{err}
	}
	if err != nil {
		return nil, err
	}
	out := make([]textEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, textEdit{span: e.Span, newText: e.NewText})
	}
	return out, nil
}

// Symbols is the outline of doc's module-scope declarations.
func (wgslAnalyzer) Symbols(_ context.Context, doc *docInput) []symbol {
	file, _ := syntax.Parse(doc.Text)
	return wgslSymbols(outline.Symbols(file))
}

func wgslSymbols(in []outline.Symbol) []symbol {
	out := make([]symbol, 0, len(in))
	for _, s := range in {
		out = append(out, symbol{
			name: s.Name, detail: s.Detail, kind: wgslSymbolKind(s),
			span: s.Span, nameSpan: s.NameSpan, children: wgslSymbols(s.Children),
		})
	}
	return out
}

func wgslSymbolKind(s outline.Symbol) protocol.SymbolKind {
	switch s.Kind {
	case outline.KindStruct:
		return protocol.SymbolKindStruct
	case outline.KindField:
		return protocol.SymbolKindField
	case outline.KindFunction:
		return protocol.SymbolKindFunction
	case outline.KindConst, outline.KindOverride:
		return protocol.SymbolKindConstant
	case outline.KindAlias:
		return protocol.SymbolKindTypeParameter
	}
	return protocol.SymbolKindVariable // var, and the module-scope let of broken code
}

// Folds are doc's foldable blocks, comment runs and #regions.
func (wgslAnalyzer) Folds(_ context.Context, doc *docInput) []fold {
	file, _ := syntax.Parse(doc.Text)
	var out []fold
	for _, f := range outline.FoldingRanges(doc.Text, file) {
		k := foldBlock
		switch f.Kind {
		case outline.FoldComment:
			k = foldComment
		case outline.FoldRegion:
			k = foldRegion
		}
		out = append(out, fold{span: f.Span, kind: k})
	}
	return out
}

// SelectionRanges are, per offset, the syntax around it, innermost first.
func (wgslAnalyzer) SelectionRanges(_ context.Context, doc *docInput, offsets []int) [][]diag.Span {
	file, _ := syntax.Parse(doc.Text)
	return outline.SelectionRanges(file, offsets)
}
