package lsp

import (
	"sync"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
)

// The WGSL editor features (wgsl_*.go) share one analysis per document
// version: an ide.Snapshot, made on the first request for that version and
// kept until the next version replaces it.
//
// A version is recognised by the identity of its text: a document is
// immutable (document.go) and every edit makes a new byte slice, so the
// same slice means the same version. The cache holds that slice, so its
// address cannot be reused while the entry lives.

// wgslCacheLimit bounds the entries kept (documents closed or from ended
// sessions are dropped when it is reached).
const wgslCacheLimit = 64

var wgslCache = struct {
	sync.Mutex
	m map[uri.URI]*wgslEntry // guarded by the mutex
}{m: map[uri.URI]*wgslEntry{}}

// wgslEntry is one version's analysis, computed once.
type wgslEntry struct {
	text []byte
	once sync.Once
	snap *ide.Snapshot
}

// wgslSnapshot returns the analysis of text, the content of document u,
// analysing it only if no request has yet for this version. Concurrent
// callers for one version wait for a single analysis.
func wgslSnapshot(u uri.URI, text []byte) *ide.Snapshot {
	wgslCache.Lock()
	e := wgslCache.m[u]
	if e == nil || !sameBytes(e.text, text) {
		if len(wgslCache.m) >= wgslCacheLimit {
			clear(wgslCache.m)
		}
		e = &wgslEntry{text: text}
		wgslCache.m[u] = e
	}
	wgslCache.Unlock()
	e.once.Do(func() { e.snap = ide.Analyze(text) })
	return e.snap
}

// sameBytes reports whether a and b are the same slice (not merely equal).
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0]
}

// wgslDoc returns the open document u and its analysis; the snapshot is
// nil when u is not a WGSL document.
func (s *server) wgslDoc(u uri.URI) (*document, *ide.Snapshot, error) {
	d, err := s.openDoc(u)
	if err != nil {
		return nil, nil, err
	}
	if _, ok := s.analyzers[d.kind].(wgslAnalyzer); !ok || d.kind == nil {
		return d, nil, nil
	}
	return d, wgslSnapshot(d.uri, d.content()), nil
}
