package syntax

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// shape is a declaration's tree with every node's span, for comparing two
// parses of it.
func shape(d Decl) (string, []diag.Span) {
	var spans []diag.Span
	Inspect(d, func(n Node) bool {
		spans = append(spans, n.NodeSpan())
		return true
	})
	return Dump(d), spans
}

// Reparsing a declaration of a version in place gives the tree Parse gave
// it, spans included, for every declaration of the repository's shaders
// that parse cleanly (all but const_asserts, which ReparseDecl declines).
func TestReparseDeclMatchesParse(t *testing.T) {
	var names []string
	for _, pat := range []string{"testdata/*.wgsl", "../ide/testdata/bench/*.wgsl", "../../../shaders/*.wgsl", "../../../examples/*.wgsl"} {
		more, _ := filepath.Glob(pat)
		names = append(names, more...)
	}
	if len(names) < 7 {
		t.Fatalf("found %d shaders", len(names))
	}
	reparsed := 0
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		file, ds := Parse(src)
		if len(ds) > 0 {
			continue // examples/ shows diagnostics on purpose
		}
		for _, d := range file.Decls {
			sp := d.NodeSpan()
			got, ok := ReparseDecl(src, sp.Start, sp.End)
			if _, isAssert := d.(*ConstAssert); isAssert {
				if ok {
					t.Errorf("%s: a const_assert at %d was reparsed", name, sp.Start)
				}
				continue
			}
			if !ok {
				t.Fatalf("%s: the declaration at %d was not reparsed", name, sp.Start)
			}
			wantDump, wantSpans := shape(d)
			gotDump, gotSpans := shape(got)
			if gotDump != wantDump || !slices.Equal(gotSpans, wantSpans) {
				t.Fatalf("%s: the declaration at %d reparsed as\n%s %v\nnot\n%s %v", name, sp.Start, gotDump, gotSpans, wantDump, wantSpans)
			}
			reparsed++
		}
	}
	if reparsed < 200 {
		t.Fatalf("only %d declarations reparsed", reparsed)
	}
}

// ReparseDecl declines spans that are not one whole declaration, and
// declarations with an error on their first or last token or left open.
func TestReparseDeclDeclines(t *testing.T) {
	for _, c := range []struct {
		src        string
		start, end int
	}{
		{"const a = 1; const b = 2;", 0, 25}, // two declarations
		{"const a = 1; const b = 2;", 0, 11}, // without its ';'
		{"const a = 1;", 6, 12},              // not from its start
		{"fn f() { let x = a < b }", 0, 24},  // a '<' left open
		{"fn f() { /* }", 0, 13},             // an unterminated comment
		{"fn f() { {", 0, 10},                // a '}' missing
		{"const_assert 1 < 2;", 0, 19},       // never a const_assert
		{"enable f16;", 0, 11},               // a directive
		{"alias A = ;", 0, 11},               // an error on the last token
		{"const a = 1;", 0, 40},              // past the end
	} {
		if d, ok := ReparseDecl([]byte(c.src), c.start, c.end); ok {
			t.Errorf("%q [%d,%d): reparsed as %s", c.src, c.start, c.end, Dump(d))
		}
	}
}
