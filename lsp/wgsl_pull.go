package lsp

import (
	"context"
	"hash/fnv"
	"strconv"

	"go.lsp.dev/protocol"
)

// Pull diagnostics (textDocument/diagnostic).
//
// The choice: the server always pushes (publishDiagnostics, debounced, per
// version; diagnostics.go) and also answers pulls, for every client. A
// WGSL pull is answered from the per-version analysis cached for the
// editor features (wgsl_cache.go), whose diagnostics are what wgsl.Check,
// and so the push, reports; other kinds from their analyzer's Check. The
// resultId names the version (and its content), and a pull naming the
// current one is answered "unchanged". (Skipping the push for clients
// that declare pull support would avoid a second copy in clients that
// show both; that needs the scheduler to know the capability.)

// wgslDiagnosticOptions is the diagnosticProvider capability.
func wgslDiagnosticOptions() *protocol.DiagnosticOptions {
	id := diagnosticSource
	return &protocol.DiagnosticOptions{Identifier: &id}
}

// Diagnostic answers a full report for the document's current version, or
// an unchanged one when the client already has that version's.
func (s *server) Diagnostic(ctx context.Context, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	d, snap, err := s.wgslDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	id := wgslVersionID(d)
	if params.PreviousResultID != nil && *params.PreviousResultID == id {
		return &protocol.RelatedUnchangedDocumentDiagnosticReport{
			UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: id},
		}, nil
	}
	items := []protocol.Diagnostic{}
	switch {
	case snap != nil: // the WGSL features' cached analysis: what wgsl.Check returns
		items = s.toProtocol(d, snap.Res.Diagnostics)
	case d.kind != nil:
		items = s.toProtocol(d, s.analyzers[d.kind].Check(ctx, s.input(d)))
	}
	return &protocol.RelatedFullDocumentDiagnosticReport{
		FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &id, Items: items},
	}, nil
}

// versionID names one version of d's content for resultId: its version and
// a hash of its text (a document closed and reopened may reuse versions).
func wgslVersionID(d *document) string {
	h := fnv.New64a()
	h.Write(d.content())
	return strconv.Itoa(int(d.version)) + "-" + strconv.FormatUint(h.Sum64(), 36)
}
