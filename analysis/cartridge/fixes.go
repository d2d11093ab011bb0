package cartridge

import (
	"strconv"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// TextEdit replaces the bytes of Span in the manifest with NewText.
type TextEdit struct {
	Span    diag.Span
	NewText string
}

// Fix is a quick fix: a title for the editor's menu and the edits to apply
// to the manifest, all in one document and non-overlapping. lsp/ turns a
// Fix into a CodeAction with a WorkspaceEdit.
type Fix struct {
	Title string
	// Code and Span identify the diagnostic the fix resolves (Code is empty
	// for fixes offered without a diagnostic).
	Code  string
	Span  diag.Span
	Edits []TextEdit
}

// QuickFixes returns the fixes for the diagnostics of CheckManifest whose
// spans touch span (pass the diagnostic's span or the cursor's), plus, when
// the PNG carries its own metadata, "Regenerate sidecar from the PNG's
// metadata" replacing the whole document. It does the same work as
// CheckManifest (decoded images come from the cache).
func QuickFixes(src []byte, manifestPath string, read ReadFileFunc, span diag.Span, opts Options) []Fix {
	c := runCheck(src, manifestPath, read, &opts)
	var out []Fix
	for _, f := range c.findings {
		if f.d.Span.Start <= span.End && span.Start <= f.d.Span.End {
			out = append(out, f.fixes...)
		}
	}
	if c.regenerate != nil {
		out = append(out, *c.regenerate)
	}
	return out
}

func quote(s string) string { return strconv.Quote(s) }

// ApplyEdits returns src with non-overlapping edits applied (for tests and
// the CLI; the editor applies them itself).
func ApplyEdits(src []byte, edits []TextEdit) []byte {
	sorted := append([]TextEdit(nil), edits...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Span.Start < sorted[j-1].Span.Start; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	var out []byte
	pos := 0
	for _, e := range sorted {
		if e.Span.Start < pos || e.Span.End > len(src) {
			continue
		}
		out = append(out, src[pos:e.Span.Start]...)
		out = append(out, e.NewText...)
		pos = e.Span.End
	}
	return append(out, src[pos:]...)
}
