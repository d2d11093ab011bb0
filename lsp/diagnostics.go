package lsp

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// diagnosticSource is the Diagnostic.source of everything the server reports.
const diagnosticSource = "rts-lsp"

// scheduler runs one analysis per document version and publishes its
// diagnostics (diagnosticsOf, diag_sources.go) to a push client. A new
// version cancels the analysis of the previous one (through its context),
// and a result is published only if its version is still the current one,
// so a client never sees stale diagnostics replace fresh ones. A pull
// client is never published to: it asks (wgsl_pull.go), so nothing is
// scheduled for it.
type scheduler struct {
	s *server

	mu   sync.Mutex
	runs map[uri.URI]context.CancelFunc // the pending or running analysis per document; guarded by mu

	// publishMu serializes "is this still current? publish" against close's
	// clearing, so a finished analysis can't republish a closed document.
	publishMu sync.Mutex
}

func newScheduler(s *server) *scheduler {
	return &scheduler{s: s, runs: map[uri.URI]context.CancelFunc{}}
}

// schedule starts the analysis of d after the debounce delay, cancelling
// any earlier one for the same document; it does nothing for a pull client.
func (sc *scheduler) schedule(d *document) {
	if sc.s.pullsDiagnostics() {
		return
	}
	ctx, cancel := context.WithCancel(sc.s.ctx)
	sc.mu.Lock()
	if prev := sc.runs[d.uri]; prev != nil {
		prev()
	}
	sc.runs[d.uri] = cancel
	sc.mu.Unlock()

	delay := sc.s.currentSettings().DiagnosticsDelay
	go sc.run(ctx, d, delay)
}

func (sc *scheduler) run(ctx context.Context, d *document, delay time.Duration) {
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	if ctx.Err() != nil {
		return
	}
	start := time.Now()
	ds, ok := sc.s.diagnosticsOf(ctx, d)
	if !ok || ctx.Err() != nil {
		return // superseded while running
	}
	sc.publishMu.Lock()
	defer sc.publishMu.Unlock()
	if sc.s.docs.get(d.uri) != d || ctx.Err() != nil {
		return
	}
	params := &protocol.PublishDiagnosticsParams{
		URI:         d.uri,
		Version:     protocol.NewOptional(d.version),
		Diagnostics: sc.s.toProtocol(d, ds),
	}
	if err := sc.s.client.PublishDiagnostics(ctx, params); err != nil {
		sc.s.log.Warn("publishDiagnostics failed", "uri", d.uri, "err", err)
		return
	}
	sc.s.log.Debug("diagnostics published", "uri", d.uri, "version", d.version,
		"count", len(ds), "analysis", time.Since(start))
}

// check runs d's analyzer. A panic is an analyzer bug: it is logged with
// its stack and the version gets no diagnostics, and the server goes on.
func (sc *scheduler) check(ctx context.Context, d *document) (ds []diag.Diagnostic, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			sc.s.log.Error(fmt.Sprintf("bug: the %s analyzer panicked on %s version %d: %v", d.kind.languageID, d.uri, d.version, r),
				"stack", string(debug.Stack()))
			ok = false
		}
	}()
	return sc.s.analyzers[d.kind].Check(ctx, sc.s.input(d)), true
}

// clear stops u's analysis, drops what the session kept for it (extra
// diagnostics, WGSL analysis, semantic tokens) and, for a push client,
// publishes an empty list for it. DidClose calls it.
func (sc *scheduler) clear(u uri.URI) {
	sc.mu.Lock()
	if cancel := sc.runs[u]; cancel != nil {
		cancel()
		delete(sc.runs, u)
	}
	sc.mu.Unlock()
	sc.s.extras.forget(u)
	sc.s.wgsl.forget(u)
	sc.s.tokens.forget(u)
	if sc.s.pullsDiagnostics() {
		return // the client drops a closed document's pulled diagnostics itself
	}

	sc.publishMu.Lock()
	defer sc.publishMu.Unlock()
	err := sc.s.client.PublishDiagnostics(sc.s.ctx, &protocol.PublishDiagnosticsParams{
		URI:         u,
		Diagnostics: []protocol.Diagnostic{},
	})
	if err != nil {
		sc.s.log.Warn("publishDiagnostics failed", "uri", u, "err", err)
	}
}

// stopAll cancels every analysis (shutdown).
func (sc *scheduler) stopAll() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for u, cancel := range sc.runs {
		cancel()
		delete(sc.runs, u)
	}
}

// toProtocol converts analysis diagnostics for d to LSP ones. A span outside
// the document is an analyzer bug: it is logged and clamped, never dropped
// silently nor allowed to fail the publication.
func (s *server) toProtocol(d *document, ds []diag.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(ds))
	for _, dg := range ds {
		pd := protocol.Diagnostic{
			Range:    s.rangeOf(d, dg.Span),
			Severity: severity(dg.Severity),
			Source:   protocol.NewOptional(diagnosticSource),
			Message:  protocol.String(dg.Message),
		}
		if dg.Code != "" {
			pd.Code = protocol.String(dg.Code)
		}
		var tags []protocol.DiagnosticTag
		for _, t := range dg.Tags {
			switch t {
			case "unnecessary":
				tags = append(tags, protocol.DiagnosticTagUnnecessary)
			case "deprecated":
				tags = append(tags, protocol.DiagnosticTagDeprecated)
			}
		}
		pd.Tags = protocol.NewDiagnosticTags(tags...)
		for _, r := range dg.Related {
			loc := protocol.Location{URI: d.uri, Range: s.rangeOf(d, r.Span)}
			if r.URI != "" && uri.URI(r.URI) != d.uri {
				// Another document: map it only if it is open; else point
				// at its start rather than guess.
				loc.URI = uri.URI(r.URI)
				loc.Range = protocol.Range{}
				if od := s.docs.get(loc.URI); od != nil {
					loc.Range = s.rangeOf(od, r.Span)
				}
			}
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: loc,
				Message:  r.Message,
			})
		}
		out = append(out, pd)
	}
	return out
}

// rangeOf maps a span of d, clamping (and logging) one that does not fit.
func (s *server) rangeOf(d *document, sp diag.Span) protocol.Range {
	r, err := d.mapper.Range(sp)
	if err == nil {
		return r
	}
	s.log.Error("bug: diagnostic span outside the document", "uri", d.uri, "span", sp, "err", err)
	n := len(d.content())
	sp.Start = min(max(sp.Start, 0), n)
	sp.End = min(max(sp.End, sp.Start), n)
	r, _ = d.mapper.Range(sp)
	return r
}

func severity(s diag.Severity) protocol.DiagnosticSeverity {
	switch s {
	case diag.Error:
		return protocol.DiagnosticSeverityError
	case diag.Warning:
		return protocol.DiagnosticSeverityWarning
	case diag.Info:
		return protocol.DiagnosticSeverityInformation
	case diag.Hint:
		return protocol.DiagnosticSeverityHint
	}
	return protocol.DiagnosticSeverityError
}
