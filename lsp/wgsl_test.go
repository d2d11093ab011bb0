package lsp

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/format"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// A shader with messy spacing; the first line's emoji makes UTF-16
// columns differ from bytes.
const messyWGSL = "// 🎉 particles\nstruct P {\n  pos :vec2<f32>,\n    vel: vec2<f32>,\n}\n\nfn speed( p:P ) -> f32 {\n  let v=p.vel;\n      return length(v);\n}\n"

func openWGSL(t *testing.T, text string) (*lsptest.Session, string) {
	t.Helper()
	s := startInProcess(t)
	if _, err := s.Initialize(nil, lsptest.DebugOptions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const u = "file:///w/p.wgsl"
	if err := s.DidOpen(u, "wgsl", 1, text); err != nil {
		t.Fatal(err)
	}
	return s, u
}

// Formatting over the protocol gives the same text as the formatter;
// range formatting changes only the lines asked for; broken code is an
// error that says why.
func TestFormatting(t *testing.T) {
	s, u := openWGSL(t, messyWGSL)
	var edits []lsptest.TextEdit
	if err := s.Call("textDocument/formatting", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"options":      map[string]any{"tabSize": 2, "insertSpaces": true},
	}, &edits, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	got, err := lsptest.ApplyEdits(messyWGSL, edits)
	if err != nil {
		t.Fatal(err)
	}
	want, err := format.Format([]byte(messyWGSL), format.Options{IndentWidth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) || got == messyWGSL {
		t.Errorf("formatted over LSP:\n%s\nwant:\n%s", got, want)
	}

	// Only line 7 ("  let v=p.vel;"): the other messy lines stay.
	var redits []lsptest.TextEdit
	if err := s.Call("textDocument/rangeFormatting", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        lsptest.Rng(7, 0, 7, 14),
		"options":      map[string]any{"tabSize": 4, "insertSpaces": true},
	}, &redits, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	rgot, err := lsptest.ApplyEdits(messyWGSL, redits)
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(messyWGSL, "  let v")
	fe, err := format.FormatRange([]byte(messyWGSL), diag.Span{Start: start, End: start + 14}, format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rwant := string(format.Apply([]byte(messyWGSL), fe)); rgot != rwant || !strings.Contains(rgot, "pos :vec2") {
		t.Errorf("range formatted:\n%s\nwant:\n%s", rgot, rwant)
	}

	// Broken code: an error, no edits.
	if err := s.DidChange(u, 2, lsptest.Edit{Text: "fn f( {\n"}); err != nil {
		t.Fatal(err)
	}
	err = s.Call("textDocument/formatting", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"options":      map[string]any{"tabSize": 4, "insertSpaces": true},
	}, nil, lsptest.Timeout)
	var e *lsptest.Error
	if !errorsAs(err, &e) || e.Code != -32803 || !strings.Contains(e.Message, "syntax error") {
		t.Errorf("formatting broken code: %v, want RequestFailed naming the syntax error", err)
	}
}

// The outline, folds and selection ranges of a shader, in UTF-16 positions.
func TestOutlineFeatures(t *testing.T) {
	s, u := openWGSL(t, messyWGSL)
	var syms []struct {
		Name           string
		Detail         string
		Kind           int
		Range          lsptest.Range
		SelectionRange lsptest.Range
		Children       []struct {
			Name           string
			Kind           int
			SelectionRange lsptest.Range
		}
	}
	if err := s.Call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": u}}, &syms, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(syms) != 2 || syms[0].Name != "P" || syms[0].Kind != 23 || syms[0].SelectionRange != lsptest.Rng(1, 7, 1, 8) ||
		syms[0].Range != lsptest.Rng(1, 0, 4, 1) || len(syms[0].Children) != 2 || syms[0].Children[1].Name != "vel" ||
		syms[0].Children[1].Kind != 8 || syms[0].Children[1].SelectionRange != lsptest.Rng(3, 4, 3, 7) ||
		syms[1].Name != "speed" || syms[1].Kind != 12 || syms[1].SelectionRange != lsptest.Rng(6, 3, 6, 8) || !strings.Contains(syms[1].Detail, "-> f32") {
		t.Errorf("symbols %+v", syms)
	}

	var folds []struct {
		StartLine, EndLine int
		Kind               string
	}
	if err := s.Call("textDocument/foldingRange", map[string]any{"textDocument": map[string]any{"uri": u}}, &folds, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	// The struct body (lines 1-4) and the function body (6-9), each
	// keeping its closing brace's line.
	if len(folds) != 2 || folds[0].StartLine != 1 || folds[0].EndLine != 3 || folds[1].StartLine != 6 || folds[1].EndLine != 8 {
		t.Errorf("folds %+v, want 1-3 and 6-8", folds)
	}

	// On "vel" in "p.vel" (line 7): the name, then ever larger ranges, up
	// to the whole file.
	var sel []json.RawMessage
	if err := s.Call("textDocument/selectionRange", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"positions":    []lsptest.Position{{Line: 7, Character: 11}},
	}, &sel, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(sel) != 1 {
		t.Fatalf("selection ranges %s", sel)
	}
	type selRange struct {
		Range  lsptest.Range
		Parent *json.RawMessage
	}
	var chain []lsptest.Range
	raw := sel[0]
	for {
		var sr selRange
		if err := json.Unmarshal(raw, &sr); err != nil {
			t.Fatal(err)
		}
		chain = append(chain, sr.Range)
		if sr.Parent == nil {
			break
		}
		raw = *sr.Parent
	}
	if len(chain) < 4 || chain[0] != lsptest.Rng(7, 10, 7, 13) || chain[1] != lsptest.Rng(7, 8, 7, 13) ||
		chain[len(chain)-1] != lsptest.Rng(0, 0, 10, 0) {
		t.Errorf("selection chain %v: want vel, p.vel, ..., the whole file", chain)
	}
}
