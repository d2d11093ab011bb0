package explain

import (
	"fmt"
	"path"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// Prompt is what the chat model receives: a system message, the user
// message, and for cartridges the image as a PNG data URI (an image_url
// content part).
type Prompt struct {
	System       string
	User         string
	ImageDataURI string
}

const systemPrompt = `You explain diagnostics of rts-lsp, a language server for WGSL shaders and PixelRTS cartridges (PNG images whose pixels carry a WebAssembly payload along a Hilbert curve).
Explain what the diagnostic means for this code, why it happens here, and how to fix it, with a corrected snippet when useful.
Base the answer on the catalogue entry and passages given; cite them by their [n] numbers. If they do not cover the question, say so rather than guess.
Answer in concise Markdown.`

// maxManifestBytes bounds the manifest text in a prompt (manifests may
// carry base64 payloads).
const maxManifestBytes = 8 << 10

// promptInput is everything the prompt is built from.
type promptInput struct {
	diag      diag.Diagnostic
	path      string
	src       []byte
	context   string // numbered code lines around the diagnostic
	catalogue string // the catalogue entry's text ("" when none)
	passages  []Passage
	manifest  []byte
	imageURI  string
}

// buildPrompt assembles the messages; passages are numbered [1].. in the
// order given, the catalogue entry being [0].
func buildPrompt(in promptInput) Prompt {
	var b strings.Builder
	line, col := LineCol(in.src, in.diag.Span.Start)
	fmt.Fprintf(&b, "## Diagnostic\n\n%s `%s` at %s:%d:%d: %s\n", in.diag.Severity, in.diag.Code, displayPath(in.path), line, col, in.diag.Message)
	for _, r := range in.diag.Related {
		where := "same file"
		if r.URI != "" {
			where = r.URI
		}
		fmt.Fprintf(&b, "- related (%s, byte %d): %s\n", where, r.Span.Start, r.Message)
	}
	if in.context != "" {
		fmt.Fprintf(&b, "\n## Code (lines marked > carry the diagnostic)\n\n```%s\n%s```\n", fenceLang(in.path), in.context)
	}
	if len(in.manifest) > 0 {
		m := strings.TrimSpace(string(in.manifest))
		if len(m) > maxManifestBytes {
			m = strings.ToValidUTF8(m[:maxManifestBytes], "") + "\n… (truncated)"
		}
		fmt.Fprintf(&b, "\n## Cartridge manifest\n\n```json\n%s\n```\n", m)
	}
	if in.imageURI != "" {
		b.WriteString("\nThe cartridge image (downscaled) is attached.\n")
	}
	if in.catalogue != "" {
		fmt.Fprintf(&b, "\n## [0] Catalogue entry %s (docs/diagnostics/%s.md)\n\n%s\n", in.diag.Code, in.diag.Code, strings.TrimSpace(in.catalogue))
	}
	if len(in.passages) > 0 {
		b.WriteString("\n## Retrieved passages\n")
		for i, p := range in.passages {
			fmt.Fprintf(&b, "\n### [%d] %s:%d — %s\n\n%s\n", i+1, p.Path, p.Line, p.Title, strings.TrimSpace(p.Text))
		}
	}
	return Prompt{System: systemPrompt, User: b.String(), ImageDataURI: in.imageURI}
}

func fenceLang(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".wgsl":
		return "wgsl"
	case ".json":
		return "json"
	}
	return ""
}

// displayPath shortens a file URI to its path for display.
func displayPath(p string) string {
	if p == "" {
		return "(unsaved)"
	}
	return strings.TrimPrefix(p, "file://")
}
