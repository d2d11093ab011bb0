// Package wgsl is the WGSL front end's public face: checking a document and
// the editor queries built on the analysis. The grammar lives in ./syntax.
package wgsl

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Check parses and analyses one WGSL document and returns every diagnostic,
// sorted by position. It never panics on any input.
func Check(src []byte) []diag.Diagnostic {
	_, ds := syntax.Parse(src)
	diag.Sort(ds)
	return ds
}
