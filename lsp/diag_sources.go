package lsp

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// Where a document's diagnostics come from, and how a client learns them.
//
// A document's diagnostics are its analyzer's Check of the current text
// (which, for a manifest, includes the failures of the last test run of that
// text, testdiags.go) plus the "extra" diagnostics that asynchronous sources
// attached to that very text (extraDiags: the on-save VM shader check,
// onsave_shader.go). diagnosticsOf computes that set; the push
// (publishDiagnostics, diagnostics.go) and the pull (textDocument/diagnostic,
// wgsl_pull.go) both answer it, so the two channels never disagree.
//
// Which channel a session uses is fixed at initialize by the client's
// capabilities: a client declaring textDocument.diagnostic pulls and is
// never sent publishDiagnostics; any other client is pushed to.
//
// When an asynchronous source changes a document's diagnostics (a test run
// finished, the VM shader was checked on save, a cartridge image changed on
// disk), diagnosticsChanged tells the client: a push client gets the
// document's diagnostics published again; a pull client gets
// workspace/diagnostic/refresh when it declared
// workspace.diagnostics.refreshSupport. A pull client without refresh
// support cannot be told: the server has no way to start a pull. It sees the
// new diagnostics at its next pull of the document (clients pull after each
// edit and when a document is shown again), since every change bumps the
// generation that resultIds carry, so that pull is answered in full rather
// than "unchanged".

// extraDiags holds, per document and source, diagnostics attached to one
// text of the document: they apply while the document has exactly that
// text, and are dropped when the source replaces them or the document
// closes. At most one entry per (document, source) is kept.
type extraDiags struct {
	mu sync.Mutex
	m  map[uri.URI]map[string]extraEntry // guarded by mu

	// gen is bumped on every change of any asynchronous source (extras,
	// test failures, images on disk); pull resultIds carry it.
	gen atomic.Uint64
}

type extraEntry struct {
	text []byte
	ds   []diag.Diagnostic
}

func newExtraDiags() *extraDiags {
	return &extraDiags{m: map[uri.URI]map[string]extraEntry{}}
}

// set replaces source's diagnostics on document u with ds, which apply to
// text (the content they were computed from); an empty ds removes them. It
// reports whether anything changed.
func (x *extraDiags) set(u uri.URI, source string, text []byte, ds []diag.Diagnostic) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	bySource := x.m[u]
	old, had := bySource[source]
	if len(ds) == 0 {
		if !had {
			return false
		}
		delete(bySource, source)
		if len(bySource) == 0 {
			delete(x.m, u)
		}
		return true
	}
	if had && bytes.Equal(old.text, text) && reflect.DeepEqual(old.ds, ds) {
		return false
	}
	if bySource == nil {
		bySource = map[string]extraEntry{}
		x.m[u] = bySource
	}
	bySource[source] = extraEntry{text: text, ds: slices.Clone(ds)}
	return true
}

// forText returns the diagnostics that sources attached to document u's
// text, ordered by source name; those attached to another text are left
// out (and kept: the entry is the source's, not the reader's, to drop).
func (x *extraDiags) forText(u uri.URI, text []byte) []diag.Diagnostic {
	x.mu.Lock()
	defer x.mu.Unlock()
	bySource := x.m[u]
	if len(bySource) == 0 {
		return nil
	}
	sources := make([]string, 0, len(bySource))
	for src := range bySource {
		sources = append(sources, src)
	}
	slices.Sort(sources)
	var out []diag.Diagnostic
	for _, src := range sources {
		e := bySource[src]
		if bytes.Equal(e.text, text) {
			out = append(out, e.ds...)
		}
	}
	return out
}

// forget drops every source's diagnostics on u (the document closed).
func (x *extraDiags) forget(u uri.URI) {
	x.mu.Lock()
	defer x.mu.Unlock()
	delete(x.m, u)
}

// diagnosticsOf is d's full set of diagnostics: its analyzer's Check plus
// the extras attached to its text. ok is false when the analyzer panicked
// (logged by check); the set is then not to be shown.
func (s *server) diagnosticsOf(ctx context.Context, d *document) (ds []diag.Diagnostic, ok bool) {
	if d.kind != nil {
		if ds, ok = s.diags.check(ctx, d); !ok {
			return nil, false
		}
	}
	return append(ds, s.extras.forText(d.uri, d.content())...), true
}

// pullsDiagnostics reports whether the client pulls diagnostics (and so is
// never pushed any).
func (s *server) pullsDiagnostics() bool { return s.caps().pullDiagnostics }

// diagnosticsChanged tells the client that an asynchronous source changed
// the diagnostics of document u (see the top of this file). It returns at
// once; nothing happens when u is not open.
func (s *server) diagnosticsChanged(u uri.URI) {
	s.extras.gen.Add(1)
	if s.pullsDiagnostics() {
		if s.docs.get(u) != nil {
			s.refreshDiagnostics()
		}
		return
	}
	// The current version, not the one the source saw: scheduling an older
	// version would cancel the newer one's analysis and publish nothing.
	if d := s.docs.get(u); d != nil && d.kind != nil {
		s.diags.schedule(d)
	}
}

// refresher coalesces workspace/diagnostic/refresh requests: while one is
// in flight, further ones make a single follow-up.
type refresher struct {
	mu      sync.Mutex
	running bool // a request is in flight; guarded by mu
	again   bool // another was asked for meanwhile; guarded by mu
}

// refreshDiagnostics sends workspace/diagnostic/refresh when the client
// supports it, from its own goroutine (it is a request, and callers may be
// on the read loop).
func (s *server) refreshDiagnostics() {
	if !s.caps().diagnosticRefresh {
		s.log.Debug("diagnostics changed; the client has no refresh support and sees them at its next pull")
		return
	}
	r := &s.refresh
	r.mu.Lock()
	if r.running {
		r.again = true
		r.mu.Unlock()
		return
	}
	r.running = true
	r.mu.Unlock()
	go func() {
		for {
			if err := s.client.DiagnosticRefresh(s.ctx); err != nil {
				s.log.Debug("workspace/diagnostic/refresh failed", "err", err)
			}
			r.mu.Lock()
			if !r.again || s.ctx.Err() != nil {
				r.running = false
				r.mu.Unlock()
				return
			}
			r.again = false
			r.mu.Unlock()
		}
	}()
}
