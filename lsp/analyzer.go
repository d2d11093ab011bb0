package lsp

import (
	"context"
	"path"
	"strings"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// An analyzer knows one kind of document. It works on bytes and byte spans
// and knows nothing of the protocol: the server converts at the boundary.
//
// Check is the one thing every kind provides. Editor features are optional
// interfaces that an analyzer may also implement, each declared and used by
// that feature's file (hover.go declares hoverer, codeaction.go fixer), and a
// kind that does not implement one answers "nothing here" for that feature.
type analyzer interface {
	// Check returns every diagnostic for one version of a document. ctx is
	// cancelled when a newer version supersedes this one; the result is then
	// dropped, so a long analysis may stop early and return anything.
	Check(ctx context.Context, doc *docInput) []diag.Diagnostic
}

// docInput is one version of a document as an analyzer sees it.
type docInput struct {
	URI uri.URI
	// Path is the document's file system path; "" when its URI is not a
	// file: URI (an untitled buffer), so files beside it can't be found.
	Path string
	// Text is the document's content (the editor's, saved or not).
	Text []byte
	// Read reads a file by path, preferring the text of an open document
	// over the disk, so unsaved edits to a related file count.
	Read func(path string) ([]byte, error)
}

// docKind ties a language id (what clients send in didOpen) and the file
// name suffixes used when the client's id is unknown (or a generic one such
// as "json") to the analyzer for that kind of document. Adding a kind is one
// entry in kinds.
type docKind struct {
	languageID string
	suffixes   []string
	// newAnalyzer makes the kind's analyzer for one session (analyzers may
	// hold per-session state, such as the cartridge decode cache).
	newAnalyzer func(s *server) analyzer
}

// kinds lists every document kind the server analyses.
var kinds = []*docKind{
	{languageID: "wgsl", suffixes: []string{".wgsl"},
		newAnalyzer: func(s *server) analyzer { return wgslAnalyzer{s.wgsl} }},
	// Manifests also arrive as language id "json" from clients that know
	// nothing of them; the suffix then decides.
	{languageID: "rts-manifest", suffixes: []string{".rts.meta.json", ".rts.png.meta.json"},
		newAnalyzer: func(s *server) analyzer { return newManifestAnalyzer(s) }},
}

// kindOf picks the kind for a document: by language id first, then by the
// URI's file name. It returns nil for documents no analyzer knows.
func kindOf(languageID string, u uri.URI) *docKind {
	for _, k := range kinds {
		if k.languageID == languageID {
			return k
		}
	}
	name := strings.ToLower(path.Base(string(u)))
	for _, k := range kinds {
		for _, suf := range k.suffixes {
			if strings.HasSuffix(name, suf) {
				return k
			}
		}
	}
	return nil
}

// wgslAnalyzer analyses WGSL shaders with analysis/wgsl.
type wgslAnalyzer struct {
	cache *wgslCache // the session's (wgsl_cache.go)
}

// Check shares the version's one analysis with the editor features
// (wgsl_cache.go), so an edit is analysed once for push, pull and queries.
func (a wgslAnalyzer) Check(_ context.Context, doc *docInput) []diag.Diagnostic {
	return a.snapshot(doc).Res.Diagnostics
}
