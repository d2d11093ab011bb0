package lsp

import (
	"context"
	"math"
	"os"
	"path/filepath"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/vm"
)

// cartState is a session's cartridge state.
type cartState struct {
	// cache holds decoded images for the whole session: diagnostics, hovers
	// and quick fixes of a manifest decode its PNG once per content.
	cache *cartridge.DecodeCache
	// previewDir receives hover preview images (os.UserCacheDir()/rts-lsp/
	// previews); "" when there is no user cache dir (inline previews only).
	previewDir string
	// tests holds the failures of the last test runs per manifest (testdiags.go).
	tests *testDiagStore
	// runs holds the run in flight per cartridge (run.go).
	runs *runRegistry
}

func newCartState() *cartState {
	st := &cartState{cache: cartridge.NewDecodeCache(16), tests: newTestDiagStore(), runs: newRunRegistry()}
	if dir, err := os.UserCacheDir(); err == nil {
		st.previewDir = filepath.Join(dir, "rts-lsp", "previews")
	}
	return st
}

// cartOptions are the cartridge options for this session and settings.
// Options.Stat is left unset on purpose: the cache then keys an image by
// its content hash, so a PNG rewritten within the file system's mtime
// granularity, at the same size, is never mistaken for the old one.
func (s *server) cartOptions() cartridge.Options {
	o := cartridge.Options{
		ValidateWasm: vm.ValidateLine, // wazero (plus the VM's precheck), as `rts-lsp check` and `cart` do
		Cache:        s.cart.cache,
		CacheDir:     s.cart.previewDir,
	}
	if px := s.currentSettings().PreviewMaxPixels; px > 0 {
		o.ThumbnailSize = max(1, int(math.Sqrt(float64(px))))
	}
	return o
}

// manifestAnalyzer checks PixelRTS sidecar manifests (*.rts.meta.json) and
// the PNG beside each with analysis/cartridge.
type manifestAnalyzer struct{ s *server }

func newManifestAnalyzer(s *server) manifestAnalyzer { return manifestAnalyzer{s} }

// read is doc's file reader, nil for a document with no path: the checks
// that need the image are then skipped.
func (manifestAnalyzer) read(doc *docInput) cartridge.ReadFileFunc {
	if doc.Path == "" {
		return nil
	}
	return doc.Read
}

// Check is cartridge.CheckManifest plus the failures of the last test run
// of this very text (cart-test-failed; see testdiags.go).
func (a manifestAnalyzer) Check(_ context.Context, doc *docInput) []diag.Diagnostic {
	ds := cartridge.CheckManifest(doc.Text, doc.Path, a.read(doc), a.s.cartOptions())
	return append(ds, a.s.cart.tests.forText(doc.Path, doc.Text)...)
}

// Hover previews the cartridge on manifest fields (see cartridge.Hover);
// the range is the member hovered (a segment's own member inside
// "offsets" or "hashes").
func (a manifestAnalyzer) Hover(_ context.Context, doc *docInput, offset int) (hoverResult, bool) {
	md, ok := cartridge.Hover(doc.Text, offset, doc.Path, a.read(doc), a.s.cartOptions())
	if !ok {
		return hoverResult{}, false
	}
	h := hoverResult{markdown: md}
	if root, _ := cartridge.ParseJSON(doc.Text); root != nil && root.Kind == cartridge.JSONObject {
		h.span = memberAt(root, offset)
	}
	return h, true
}

// memberAt is the span of the innermost object member of v (two levels
// deep at most: a field, or a segment inside "offsets") holding offset.
func memberAt(v *cartridge.JSONValue, offset int) *diag.Span {
	for _, m := range v.Members {
		if sp := m.Span(); sp.Contains(offset) {
			if m.Value.Kind == cartridge.JSONObject {
				for _, in := range m.Value.Members {
					if isp := in.Span(); isp.Contains(offset) {
						return &isp
					}
				}
			}
			return &sp
		}
	}
	return nil
}

// Fixes are cartridge.QuickFixes for the diagnostics touching span.
func (a manifestAnalyzer) Fixes(_ context.Context, doc *docInput, span diag.Span) []fix {
	var out []fix
	for _, f := range cartridge.QuickFixes(doc.Text, doc.Path, a.read(doc), span, a.s.cartOptions()) {
		x := fix{title: f.Title, code: f.Code, span: f.Span}
		for _, e := range f.Edits {
			x.edits = append(x.edits, textEdit{span: e.Span, newText: e.NewText})
		}
		out = append(out, x)
	}
	return out
}

// Cartridge is the context an explanation of a manifest diagnostic gets:
// the manifest and its image, when it can be read.
func (a manifestAnalyzer) Cartridge(doc *docInput) (manifest, png []byte) {
	if doc.Path == "" {
		return doc.Text, nil
	}
	png, err := doc.Read(cartridge.ImagePathFor(doc.Path))
	if err != nil {
		return doc.Text, nil
	}
	return doc.Text, png
}

// runnable: a manifest's cartridge runs with rts.run.
func (manifestAnalyzer) runnable() {}
