package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// formatter is an analyzer that formats documents.
type formatter interface {
	// Format returns the edits that format doc (only those touching span
	// when it is not nil). A document it won't format (syntax errors)
	// gives a *syntaxError.
	Format(ctx context.Context, doc *docInput, span *diag.Span, opts formatOptions) ([]textEdit, error)
}

// formatOptions are the client's FormattingOptions that formatters use.
type formatOptions struct {
	useTabs     bool
	indentWidth int
}

// syntaxError is a formatter's refusal to format broken code.
type syntaxError struct{ err error }

func (e *syntaxError) Error() string { return e.err.Error() }

// Formatting answers the edits formatting the whole document; null when its
// kind has no formatter.
func (s *server) Formatting(ctx context.Context, params *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	return s.format(ctx, params.TextDocument.URI, nil, params.Options)
}

// RangeFormatting answers the formatting edits touching the range.
func (s *server) RangeFormatting(ctx context.Context, params *protocol.DocumentRangeFormattingParams) ([]protocol.TextEdit, error) {
	return s.format(ctx, params.TextDocument.URI, &params.Range, params.Options)
}

func (s *server) format(ctx context.Context, u uri.URI, rng *protocol.Range, o protocol.FormattingOptions) ([]protocol.TextEdit, error) {
	d, err := s.openDoc(u)
	if err != nil {
		return nil, err
	}
	f, ok := s.analyzers[d.kind].(formatter)
	if !ok {
		return nil, nil
	}
	var span *diag.Span
	if rng != nil {
		sp, err := d.mapper.Span(*rng)
		if err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "formatting %s: %v", u, err)
		}
		span = &sp
	}
	edits, err := f.Format(ctx, s.input(d), span, formatOptions{useTabs: !o.InsertSpaces, indentWidth: int(o.TabSize)})
	if err != nil {
		// Broken code is not formatted: say why (the editor shows it).
		return nil, jsonrpc2.Errorf(requestFailed, "%s: %v", u, err)
	}
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: s.rangeOf(d, e.span), NewText: e.newText})
	}
	return out, nil
}
