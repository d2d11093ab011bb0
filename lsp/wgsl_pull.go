package lsp

import (
	"context"
	"hash/fnv"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Pull diagnostics (textDocument/diagnostic), for every document kind.
//
// A client that declares textDocument.diagnostic pulls and is never pushed
// (diag_sources.go says how it learns of asynchronous changes); a pull from
// another client is answered all the same. The answer is diagnosticsOf the
// current version: what a push would publish. For WGSL that is the
// per-version analysis cached for the editor features (wgsl_cache.go). The
// resultId names the version, its content and the generation of the
// asynchronous sources, and a pull naming the current one is answered
// "unchanged".

// wgslDiagnosticOptions is the diagnosticProvider capability. No
// interFileDependencies: no document's diagnostics depend on another
// document (a manifest depends on its image, a file the server watches and
// refreshes for), so an edit need not make the client re-pull the others.
// There is no workspace-wide pull.
func wgslDiagnosticOptions() *protocol.DiagnosticOptions {
	id := diagnosticSource
	return &protocol.DiagnosticOptions{Identifier: &id}
}

// Diagnostic answers a full report for the document's current version, or
// an unchanged one when the client already has that version's.
func (s *server) Diagnostic(ctx context.Context, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	id := s.diagResultID(d)
	if params.PreviousResultID != nil && *params.PreviousResultID == id {
		return &protocol.RelatedUnchangedDocumentDiagnosticReport{
			UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: id},
		}, nil
	}
	ds, ok := s.diagnosticsOf(ctx, d)
	if !ok { // the analyzer panicked (logged): no claim the document is clean
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "the analyzer failed on %s (see the server log)", d.uri)
	}
	return &protocol.RelatedFullDocumentDiagnosticReport{
		FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &id, Items: s.toProtocol(d, ds)},
	}, nil
}

// diagResultID names d's diagnostics for resultId: its version, a hash of
// its text (a document closed and reopened may reuse versions) and the
// generation of the asynchronous sources (they change without a version).
func (s *server) diagResultID(d *document) string {
	h := fnv.New64a()
	h.Write(d.content())
	return strconv.Itoa(int(d.version)) + "-" + strconv.FormatUint(h.Sum64(), 36) + "-" + strconv.FormatUint(s.extras.gen.Load(), 36)
}
