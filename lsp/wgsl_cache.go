package lsp

import (
	"context"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// The WGSL editor features (wgsl_*.go) share one analysis per document
// version (a wgslEntry: one parse, the semantic tokens and an ide.Snapshot,
// each made on the first request that needs it) kept until the next
// version replaces it. Each session has its own cache
// (server.wgsl), so two servers in one process never share entries.
//
// A version is recognised by the identity of its text: a document is
// immutable (document.go) and every edit makes a new byte slice, so the
// same slice means the same version. The cache holds that slice, so its
// address cannot be reused while the entry lives.

// wgslCacheLimit bounds the entries of one session's cache: one per
// document, dropped when the document closes; past the limit (documents
// analysed without being open, say by hover on a closed file's import) an
// arbitrary other entry makes room.
const wgslCacheLimit = 64

// wgslCache is a session's per-document WGSL analyses.
type wgslCache struct {
	mu sync.Mutex
	m  map[uri.URI]*wgslEntry // guarded by mu
}

func newWGSLCache() *wgslCache { return &wgslCache{m: map[uri.URI]*wgslEntry{}} }

// wgslEntry is one version's analysis, in stages each computed once: the
// parse (reusing the previous version's where it can, syntax.Reparse),
// the semantic tokens (from the previous version's, ide.TokenState, or
// from the parse and a names pass), the full check (ide.Snapshot), and
// before it partial checks of single functions for hover and completion.
// So the first requests after every edit need not wait for the full check.
type wgslEntry struct {
	text []byte

	parseOnce  sync.Once
	file       *syntax.File
	parseDiags []diag.Diagnostic
	parseDone  atomic.Bool // file and parseDiags are set
	// prevParse is the previous version's parse, if it had one when this
	// entry replaced it: the parse stage reuses its declarations before
	// the edit (syntax.Reparse), then drops it.
	prevParse *parsedVersion

	tokOnce sync.Once
	// tokState is the version's semantic tokens with what the next
	// version needs to reclassify only the declaration an edit changed;
	// set by the tokens stage. prevTok is the previous version's, if it had one when this
	// entry replaced it; the tokens stage uses it, then drops it.
	tokState atomic.Pointer[ide.TokenState]
	prevTok  *ide.TokenState

	once      sync.Once
	snap      *ide.Snapshot
	snapReady atomic.Bool // snap is set

	// partials are the snapshots of wgsl.AnalyzeFunc that answer a hover,
	// completion or signature help before the full check is ready, by the
	// function they checked (nil: none, for module scope).
	partialMu sync.Mutex
	partials  map[*syntax.FuncDecl]*partialSnapshot // guarded by partialMu
}

// parsedVersion is a version's text and parse.
type parsedVersion struct {
	text  []byte
	file  *syntax.File
	diags []diag.Diagnostic
}

// partialSnapshot is one function's partial analysis, made once.
type partialSnapshot struct {
	once sync.Once
	snap *ide.Snapshot
}

// entry returns the cache entry of text, the content of document u,
// replacing the entry of an older version.
func (c *wgslCache) entry(u uri.URI, text []byte) *wgslEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[u]
	if e == nil || !sameBytes(e.text, text) {
		if _, ok := c.m[u]; !ok && len(c.m) >= wgslCacheLimit {
			for other := range c.m {
				delete(c.m, other)
				break
			}
		}
		next := &wgslEntry{text: text}
		if e != nil {
			next.prevTok = e.tokState.Load()
			if e.parseDone.Load() {
				next.prevParse = &parsedVersion{e.text, e.file, e.parseDiags}
			}
		}
		e = next
		c.m[u] = e
	}
	return e
}

// snapshot returns the analysis of text, the content of document u,
// analysing it only if no request has yet for this version. Concurrent
// callers for one version wait for a single analysis.
func (c *wgslCache) snapshot(u uri.URI, text []byte) *ide.Snapshot {
	return c.entry(u, text).snapshot()
}

// parsed is the version's parse: the previous version's declarations
// before the edit reused when that gives the same tree (syntax.Reparse),
// else a full parse. The tree's names share the text's bytes
// (syntax.ParseNoCopy): a version's text never changes.
func (e *wgslEntry) parsed() (*syntax.File, []diag.Diagnostic) {
	e.parseOnce.Do(func() {
		prev := e.prevParse
		e.prevParse = nil
		ok := false
		if prev != nil {
			e.file, e.parseDiags, ok = syntax.Reparse(prev.text, prev.file, prev.diags, e.text)
		}
		if !ok {
			e.file, e.parseDiags = syntax.ParseNoCopy(e.text)
		}
		e.parseDone.Store(true)
	})
	return e.file, e.parseDiags
}

func (e *wgslEntry) snapshot() *ide.Snapshot {
	e.once.Do(func() {
		file, ds := e.parsed()
		e.snap = ide.New(e.text, wgsl.AnalyzeParsed(context.Background(), e.text, file, ds))
		e.snapReady.Store(true)
	})
	return e.snap
}

// snapshotAt returns a snapshot that answers hover, completion and
// signature help at offset exactly as the full one does: the full one
// when it is ready, else, as for the first such requests after an edit,
// the analysis of the module scope and of the function around offset
// alone (wgsl.AnalyzeFunc), made once per function and version, which
// costs a fraction of the full check. The diagnostics still come from the
// full check.
//
// With lexed set (completion and signature help, which look at the
// tokens around the position), a new partial snapshot's tokens are lexed
// on another goroutine while the function is checked.
func (e *wgslEntry) snapshotAt(offset int, lexed bool) *ide.Snapshot {
	if e.snapReady.Load() {
		return e.snap
	}
	file, ds := e.parsed()
	var fn *syntax.FuncDecl
	if i := syntax.DeclAt(file.Decls, offset); i >= 0 {
		fn, _ = file.Decls[i].(*syntax.FuncDecl)
	}
	e.partialMu.Lock()
	p := e.partials[fn]
	if p == nil {
		if e.partials == nil {
			e.partials = map[*syntax.FuncDecl]*partialSnapshot{}
		}
		p = &partialSnapshot{}
		e.partials[fn] = p
	}
	e.partialMu.Unlock()
	p.once.Do(func() {
		var lex func() []syntax.Token
		if lexed {
			lex = lexAside(e.text)
		}
		p.snap = ide.NewLexed(e.text, wgsl.AnalyzeFunc(context.Background(), e.text, file, ds, fn), lex)
	})
	return p.snap
}

// lexAside starts syntax.Lex(src) on another goroutine and returns what
// waits for its tokens (nil if it failed: the snapshot then lexes itself).
func lexAside(src []byte) func() []syntax.Token {
	ch := make(chan []syntax.Token, 1)
	go func() {
		defer func() {
			if recover() != nil {
				ch <- nil
			}
		}()
		ch <- syntax.Lex(src)
	}()
	return func() []syntax.Token { return <-ch }
}

// semanticTokens returns every semantic token of the version. When the
// previous version's tokens are known and the edit stayed inside one
// top-level declaration, only that declaration is parsed again
// (ide.TokenState.Reclassify).
// Otherwise it parses (once per version, shared with the check) but does
// not wait for the check, and scans the text for what needs no names
// while it parses.
func (e *wgslEntry) semanticTokens() []ide.SemanticToken {
	e.tokOnce.Do(func() {
		prev := e.prevTok
		e.prevTok = nil
		if prev != nil {
			if st, ok := prev.Reclassify(e.text); ok {
				e.tokState.Store(st)
				return
			}
		}
		scan := make(chan *ide.Scan, 1)
		go func() {
			defer func() {
				if recover() != nil {
					scan <- nil // classified below without the scan's head start
				}
			}()
			scan <- ide.ScanSource(e.text)
		}()
		file, parseDiags := e.parsed()
		names := wgsl.ResolveNames(file)
		e.tokState.Store(ide.NewTokenState(e.text, file, parseDiags, names, <-scan))
	})
	return e.tokState.Load().Tokens
}

// forget drops u's entry (the document closed).
func (c *wgslCache) forget(u uri.URI) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, u)
}

// len is the number of entries (for tests).
func (c *wgslCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// sameBytes reports whether a and b are the same slice (not merely equal).
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0]
}

// snapshot is the session's analysis of doc (see wgslCache).
func (a wgslAnalyzer) snapshot(doc *docInput) *ide.Snapshot {
	return a.cache.snapshot(doc.URI, doc.Text)
}

// snapshotAt is a snapshot of doc for a hover at offset
// (wgslEntry.snapshotAt).
func (a wgslAnalyzer) snapshotAt(doc *docInput, offset int) *ide.Snapshot {
	return a.cache.entry(doc.URI, doc.Text).snapshotAt(offset, false)
}

// wgslEntry returns the open document u and the cache entry of its
// current version; the entry is nil when u is not a WGSL document.
func (s *server) wgslEntry(u uri.URI) (*document, *wgslEntry, error) {
	d, err := s.openDoc(u)
	if err != nil {
		return nil, nil, err
	}
	if _, ok := s.analyzers[d.kind].(wgslAnalyzer); !ok || d.kind == nil {
		return d, nil, nil
	}
	return d, s.wgsl.entry(d.uri, d.content()), nil
}

// wgslDoc returns the open document u and its analysis; the snapshot is
// nil when u is not a WGSL document.
func (s *server) wgslDoc(u uri.URI) (*document, *ide.Snapshot, error) {
	d, e, err := s.wgslEntry(u)
	if e == nil {
		return d, nil, err
	}
	return d, e.snapshot(), nil
}

// wgslAtFor is wgslAt for a completion or signature help: the snapshot
// may be one of the function around the position only
// (wgslEntry.snapshotAt).
func (s *server) wgslAtFor(p protocol.TextDocumentPositionParams) (*document, *ide.Snapshot, int, error) {
	return s.wgslPos(p, func(e *wgslEntry, off int) *ide.Snapshot { return e.snapshotAt(off, true) })
}

// wgslTokens returns u's document and every semantic token of its
// current version; ok is false when u is not a WGSL document.
func (s *server) wgslTokens(u uri.URI) (*document, []ide.SemanticToken, bool, error) {
	d, e, err := s.wgslEntry(u)
	if e == nil {
		return d, nil, false, err
	}
	return d, e.semanticTokens(), true, nil
}
