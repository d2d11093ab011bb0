package lsp

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
)

// DidOpen stores the document and schedules its analysis.
func (s *server) DidOpen(_ context.Context, params *protocol.DidOpenTextDocumentParams) error {
	td := params.TextDocument
	d := &document{
		uri:        td.URI,
		languageID: string(td.LanguageID),
		version:    td.Version,
		kind:       kindOf(string(td.LanguageID), td.URI),
		mapper:     NewMapper([]byte(td.Text), s.encoding()),
	}
	s.docs.put(d)
	if d.kind == nil {
		s.log.Debug("no analyzer for document", "uri", td.URI, "languageId", td.LanguageID)
		return nil
	}
	s.diags.schedule(d)
	return nil
}

// DidChange applies full or incremental changes in order and schedules the
// analysis of the new version, which cancels that of the previous one.
func (s *server) DidChange(_ context.Context, params *protocol.DidChangeTextDocumentParams) error {
	td := params.TextDocument
	d, err := s.docs.update(td.URI, func(d *document) (*document, error) {
		if td.Version <= d.version {
			return nil, fmt.Errorf("version %d does not follow %d", td.Version, d.version)
		}
		return d.withChanges(td.Version, params.ContentChanges)
	})
	if err != nil {
		// The document is now out of step with the client; say so loudly.
		return fmt.Errorf("didChange %s: %w", td.URI, err)
	}
	if d.kind != nil {
		s.diags.schedule(d)
	}
	return nil
}

// DidClose forgets the document, stops its analysis and clears its
// diagnostics.
func (s *server) DidClose(_ context.Context, params *protocol.DidCloseTextDocumentParams) error {
	u := params.TextDocument.URI
	if !s.docs.remove(u) {
		return fmt.Errorf("didClose %s: not open", u)
	}
	s.diags.clear(u)
	return nil
}

// DidSave re-indexes a saved *.md or *.wgsl file for Explain and runs a
// saved manifest's tests when rts.onSave.run asks for it; diagnostics need
// nothing, since the server analyses what the editor holds.
func (s *server) DidSave(_ context.Context, params *protocol.DidSaveTextDocumentParams) error {
	path := fsPath(params.TextDocument.URI)
	d := s.docs.get(params.TextDocument.URI)
	if path == "" || d == nil {
		return nil
	}
	if isIndexed(path) {
		go s.explainers.fileChanged(path, d.content()) // off the read loop
	}
	s.runOnSave(d) // run.go
	return nil
}
