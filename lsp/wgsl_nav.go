package lsp

import (
	"context"
	"errors"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
)

// Navigation for WGSL documents: definition, type definition, references,
// document highlights and rename, all answered from the version's cached
// analysis (wgsl_cache.go). Other kinds of document get empty answers.

// wgslAt resolves a position in a WGSL document: the document, its
// analysis (nil for other kinds) and the byte offset.
func (s *server) wgslAt(p protocol.TextDocumentPositionParams) (*document, *ide.Snapshot, int, error) {
	return s.wgslPos(p, func(e *wgslEntry, _ int) *ide.Snapshot { return e.snapshot() })
}

// wgslPos resolves a position in a WGSL document to the document, the
// byte offset and the snapshot snap picks for them (nil for other kinds
// of document).
func (s *server) wgslPos(p protocol.TextDocumentPositionParams, snap func(e *wgslEntry, off int) *ide.Snapshot) (*document, *ide.Snapshot, int, error) {
	d, e, err := s.wgslEntry(p.TextDocument.URI)
	if err != nil || e == nil {
		return d, nil, 0, err
	}
	off, err := d.mapper.Offset(p.Position)
	if err != nil {
		return d, nil, 0, err
	}
	return d, snap(e, off), off, nil
}

// Definition answers the declaring name of the user declaration at the
// position, or null.
func (s *server) Definition(_ context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	d, snap, off, err := s.wgslAt(params.TextDocumentPositionParams)
	if err != nil || snap == nil {
		return nil, err
	}
	sp, ok := snap.Definition(off)
	if !ok {
		return nil, nil
	}
	return &protocol.Location{URI: d.uri, Range: s.rangeOf(d, sp)}, nil
}

// TypeDefinition answers the struct or alias declaring the type of the
// thing at the position, or null.
func (s *server) TypeDefinition(_ context.Context, params *protocol.TypeDefinitionParams) (protocol.DefinitionResult, error) {
	d, snap, off, err := s.wgslAt(params.TextDocumentPositionParams)
	if err != nil || snap == nil {
		return nil, err
	}
	sp, ok := snap.TypeDefinition(off)
	if !ok {
		return nil, nil
	}
	return &protocol.Location{URI: d.uri, Range: s.rangeOf(d, sp)}, nil
}

// References answers every use of the declaration at the position in its
// document (WGSL has no imports), with the declaration when asked.
func (s *server) References(_ context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	d, snap, off, err := s.wgslAt(params.TextDocumentPositionParams)
	out := []protocol.Location{}
	if err != nil || snap == nil {
		return out, err
	}
	for _, o := range snap.References(off, params.Context.IncludeDeclaration) {
		out = append(out, protocol.Location{URI: d.uri, Range: s.rangeOf(d, o.Span)})
	}
	return out, nil
}

// DocumentHighlight marks the declaration and uses of the thing at the
// position: writes (assignment targets) as Write, the rest as Read.
func (s *server) DocumentHighlight(_ context.Context, params *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	d, snap, off, err := s.wgslAt(params.TextDocumentPositionParams)
	out := []protocol.DocumentHighlight{}
	if err != nil || snap == nil {
		return out, err
	}
	for _, o := range snap.Highlights(off) {
		k := protocol.DocumentHighlightKindRead
		if o.Write {
			k = protocol.DocumentHighlightKindWrite
		}
		out = append(out, protocol.DocumentHighlight{Range: s.rangeOf(d, o.Span), Kind: k})
	}
	return out, nil
}

// PrepareRename answers the range of the name a rename would change, or an
// error saying why there is none (a builtin, nothing at the position).
func (s *server) PrepareRename(_ context.Context, params *protocol.PrepareRenameParams) (protocol.PrepareRenameResult, error) {
	d, snap, off, err := s.wgslAt(params.TextDocumentPositionParams)
	if err != nil || snap == nil {
		return nil, err
	}
	sp, err := snap.PrepareRename(off)
	if err != nil {
		return nil, renameError(err)
	}
	return &protocol.PrepareRenamePlaceholder{Range: s.rangeOf(d, sp), Placeholder: string(d.content()[sp.Start:sp.End])}, nil
}

// Rename answers the edits renaming the declaration at the position and
// all its uses, or an error (builtins, invalid or conflicting names).
func (s *server) Rename(_ context.Context, params *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	d, snap, off, err := s.wgslAt(params.TextDocumentPositionParams)
	if err != nil || snap == nil {
		return nil, err
	}
	edits, err := snap.Rename(off, params.NewName)
	if err != nil {
		return nil, renameError(err)
	}
	tes := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		tes = append(tes, protocol.TextEdit{Range: s.rangeOf(d, e.Span), NewText: e.NewText})
	}
	return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{d.uri: tes}}, nil
}

// renameError turns a refusal into the request error clients show.
func renameError(err error) error {
	var re *ide.RenameError
	if errors.As(err, &re) {
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, re.Message)
	}
	return err
}
