package lsp

import (
	"context"
	"path"
	"strings"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
)

// An analyzer knows one kind of document. It works on bytes and byte spans
// and knows nothing of the protocol: the server converts at the boundary.
//
// Check is the one thing every kind provides. Editor features are optional
// interfaces that an analyzer may also implement, each declared and used by
// that feature's file (hover.go would declare
//
//	type hoverer interface {
//		Hover(ctx context.Context, src []byte, offset int) (markdown string, span diag.Span, ok bool)
//	}
//
// and answer "no hover" for a kind that does not implement it).
type analyzer interface {
	// Check returns every diagnostic for one version of a document. ctx is
	// cancelled when a newer version supersedes this one; the result is then
	// dropped, so a long analysis may stop early and return anything.
	Check(ctx context.Context, src []byte) []diag.Diagnostic
}

// docKind ties a language id (what clients send in didOpen) and the file
// name suffixes used when the client's id is unknown to the analyzer for
// that kind of document. Adding a kind is one entry in kinds.
type docKind struct {
	languageID string
	suffixes   []string
	analyzer   analyzer
}

// kinds lists every document kind the server analyses. Cartridge manifests
// (language id "rts-manifest", "*.rts.meta.json") go here once
// analysis/cartridge has a Check.
var kinds = []*docKind{
	{languageID: "wgsl", suffixes: []string{".wgsl"}, analyzer: wgslAnalyzer{}},
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
type wgslAnalyzer struct{}

func (wgslAnalyzer) Check(_ context.Context, src []byte) []diag.Diagnostic { return wgsl.Check(src) }
