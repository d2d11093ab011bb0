package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// Over-pipes tests of the WGSL editor features: the wire shapes and the
// position conversions around analysis/wgsl/ide (whose own marker tests
// cover the feature logic).

const featureShader = `struct Light { pos: vec3<f32>, power: f32 }
@group(0) @binding(0) var<uniform> light: Light;
fn shade(n: vec3<f32>) -> f32 {
  let d = dot(n, light.pos);
  return d * light.power;
}
@fragment fn fs() -> @location(0) vec4<f32> {
  let s = shade(vec3(0.0, 1.0, 0.0));
  return vec4(s);
}
`

const featureURI = "file:///features/light.wgsl"

func openFeatureShader(t *testing.T) *lsptest.Session {
	t.Helper()
	s := startSession(t)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(featureURI, "wgsl", 1, featureShader); err != nil {
		t.Fatal(err)
	}
	return s
}

func wgslPosParams(line, char int) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"uri": featureURI},
		"position":     map[string]any{"line": line, "character": char},
	}
}

func TestWGSLHoverOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	var h struct {
		Contents struct{ Kind, Value string }
		Range    lsptest.Range
	}
	if err := s.Call("textDocument/hover", wgslPosParams(3, 7), &h, lsptest.Timeout); err != nil { // "d"
		t.Fatal(err)
	}
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "let d: f32") || h.Range != lsptest.Rng(3, 6, 3, 7) {
		t.Fatalf("hover = %+v", h)
	}
	if err := s.Call("textDocument/hover", wgslPosParams(1, 36), &h, lsptest.Timeout); err != nil { // "light"
		t.Fatal(err)
	}
	if !strings.Contains(h.Contents.Value, "@group(0) @binding(0)") || !strings.Contains(h.Contents.Value, "size = 16, align = 16") {
		t.Fatalf("hover on the binding = %q", h.Contents.Value)
	}
}

func TestWGSLDefinitionAndReferencesOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	var loc struct {
		URI   string
		Range lsptest.Range
	}
	if err := s.Call("textDocument/definition", wgslPosParams(7, 11), &loc, lsptest.Timeout); err != nil { // shade(
		t.Fatal(err)
	}
	if loc.URI != featureURI || loc.Range != lsptest.Rng(2, 3, 2, 8) {
		t.Fatalf("definition = %+v", loc)
	}
	if err := s.Call("textDocument/typeDefinition", wgslPosParams(3, 20), &loc, lsptest.Timeout); err != nil { // light in light.pos
		t.Fatal(err)
	}
	if loc.Range != lsptest.Rng(0, 7, 0, 12) {
		t.Fatalf("typeDefinition = %+v", loc)
	}
	var refs []struct{ Range lsptest.Range }
	params := wgslPosParams(1, 36)
	params["context"] = map[string]any{"includeDeclaration": true}
	if err := s.Call("textDocument/references", params, &refs, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(refs) != 3 || refs[0].Range != lsptest.Rng(1, 35, 1, 40) || refs[2].Range != lsptest.Rng(4, 13, 4, 18) {
		t.Fatalf("references = %+v", refs)
	}
}

func TestWGSLRenameOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	var prep struct {
		Range       lsptest.Range
		Placeholder string
	}
	if err := s.Call("textDocument/prepareRename", wgslPosParams(0, 16), &prep, lsptest.Timeout); err != nil { // pos
		t.Fatal(err)
	}
	if prep.Placeholder != "pos" || prep.Range != lsptest.Rng(0, 15, 0, 18) {
		t.Fatalf("prepareRename = %+v", prep)
	}
	params := wgslPosParams(0, 16)
	params["newName"] = "position_ws"
	var we struct {
		Changes map[string][]lsptest.TextEdit
	}
	if err := s.Call("textDocument/rename", params, &we, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	got, err := lsptest.ApplyEdits(featureShader, we.Changes[featureURI])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "{ position_ws: vec3<f32>") || !strings.Contains(got, "light.position_ws)") || strings.Contains(got, "pos:") {
		t.Fatalf("renamed:\n%s", got)
	}
	// A builtin is refused with a message.
	params = wgslPosParams(3, 11) // dot
	params["newName"] = "dot2"
	err = s.Call("textDocument/rename", params, nil, lsptest.Timeout)
	if err == nil || !strings.Contains(err.Error(), "predeclared") {
		t.Fatalf("rename of a builtin: %v", err)
	}
}

func TestWGSLCompletionOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	var list struct {
		Items []struct {
			Label            string
			Kind             int
			InsertTextFormat int
			TextEdit         struct {
				Range   lsptest.Range
				NewText string
			}
		}
	}
	if err := s.Call("textDocument/completion", wgslPosParams(3, 24), &list, lsptest.Timeout); err != nil { // light.p|os
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, it := range list.Items {
		labels[it.Label] = true
		if it.TextEdit.Range != lsptest.Rng(3, 23, 3, 24) {
			t.Errorf("%s replaces %v", it.Label, it.TextEdit.Range)
		}
	}
	if !labels["pos"] || !labels["power"] || labels["shade"] {
		t.Fatalf("member completion: %v", labels)
	}
	if err := s.Call("textDocument/completion", wgslPosParams(7, 10), &list, lsptest.Timeout); err != nil { // "let s = s|hade"
		t.Fatal(err)
	}
	for _, it := range list.Items {
		if it.Label == "shade" {
			// This client declares no snippet support: plain text up to the
			// first placeholder (TestCompletionSnippetsByCapability has both).
			if it.InsertTextFormat != 1 || it.TextEdit.NewText != "shade(" {
				t.Fatalf("shade item = %+v", it)
			}
			return
		}
	}
	t.Fatalf("no shade in %+v", list.Items)
}

func TestWGSLSignatureHelpOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	var sh struct {
		Signatures []struct {
			Label      string
			Parameters []struct{ Label [2]int }
		}
		ActiveParameter int
	}
	if err := s.Call("textDocument/signatureHelp", wgslPosParams(3, 17), &sh, lsptest.Timeout); err != nil { // dot(n, |light
		t.Fatal(err)
	}
	if len(sh.Signatures) != 1 || sh.ActiveParameter != 1 || len(sh.Signatures[0].Parameters) != 2 {
		t.Fatalf("signature help = %+v", sh)
	}
	l := sh.Signatures[0].Label
	if p := sh.Signatures[0].Parameters[1].Label; l[p[0]:p[1]] != "e2: vecN<T>" {
		t.Fatalf("parameter 1 label %q in %q", l[p[0]:p[1]], l)
	}
}

// decodeTokens turns the relative encoding into absolute (line, char, len,
// type) tuples.
func wgslDecodeTokens(data []uint32) [][4]uint32 {
	var out [][4]uint32
	var line, char uint32
	for i := 0; i+4 < len(data); i += 5 {
		if data[i] != 0 {
			char = 0
		}
		line += data[i]
		char += data[i+1]
		out = append(out, [4]uint32{line, char, data[i+2], data[i+3]})
	}
	return out
}

func TestWGSLSemanticTokensOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	var full struct {
		ResultID string `json:"resultId"`
		Data     []uint32
	}
	doc := map[string]any{"textDocument": map[string]any{"uri": featureURI}}
	if err := s.Call("textDocument/semanticTokens/full", doc, &full, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	toks := wgslDecodeTokens(full.Data)
	find := func(line, char uint32) (uint32, uint32, bool) {
		for _, tk := range toks {
			if tk[0] == line && tk[1] == char {
				return tk[2], tk[3], true
			}
		}
		return 0, 0, false
	}
	// "struct" keyword (type 0), "Light" struct (type 4), "dot" function (type 5).
	for _, c := range []struct{ line, char, length, typ uint32 }{{0, 0, 6, 0}, {0, 7, 5, 4}, {3, 10, 3, 5}} {
		if l, ty, ok := find(c.line, c.char); !ok || l != c.length || ty != c.typ {
			t.Errorf("token at %d:%d = len %d type %d (found %v), want len %d type %d", c.line, c.char, l, ty, ok, c.length, c.typ)
		}
	}
	// Unchanged document: the delta is empty.
	params := map[string]any{"textDocument": map[string]any{"uri": featureURI}, "previousResultId": full.ResultID}
	var delta struct {
		ResultID string `json:"resultId"`
		Edits    []struct {
			Start, DeleteCount uint32
			Data               []uint32
		}
	}
	if err := s.Call("textDocument/semanticTokens/full/delta", params, &delta, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if delta.ResultID == "" || delta.ResultID == full.ResultID || len(delta.Edits) != 0 {
		t.Fatalf("delta = %+v", delta)
	}
	// Insert a line at the top: the delta, applied to the old data, gives the new full result.
	top := lsptest.Rng(0, 0, 0, 0)
	if err := s.DidChange(featureURI, 2, lsptest.Edit{Range: &top, Text: "const K = 1;\n"}); err != nil {
		t.Fatal(err)
	}
	params["previousResultId"] = delta.ResultID
	if err := s.Call("textDocument/semanticTokens/full/delta", params, &delta, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(delta.Edits) != 1 {
		t.Fatalf("delta after edit = %+v", delta)
	}
	e := delta.Edits[0]
	patched := append(append(append([]uint32{}, full.Data[:e.Start]...), e.Data...), full.Data[e.Start+e.DeleteCount:]...)
	if err := s.Call("textDocument/semanticTokens/full", doc, &full, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if !wgslSlicesEqual(patched, full.Data) {
		t.Fatalf("delta applied = %v\nfull = %v", patched, full.Data)
	}
}

// Edits inside a function body (reclassified without a parse of the
// whole version) give deltas that, applied, equal the full tokens another
// session computes for the same text from scratch.
func TestWGSLSemanticTokensAfterBodyEditOverPipes(t *testing.T) {
	s := openFeatureShader(t)
	type tokens struct {
		ResultID string `json:"resultId"`
		Data     []uint32
		Edits    []struct {
			Start, DeleteCount uint32
			Data               []uint32
		}
	}
	var cur tokens
	doc := map[string]any{"textDocument": map[string]any{"uri": featureURI}}
	if err := s.Call("textDocument/semanticTokens/full", doc, &cur, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	data, text := cur.Data, featureShader
	for i, e := range []struct {
		r    lsptest.Range
		text string
	}{
		{lsptest.Rng(3, 2, 3, 2), "let e = n.x + light.power;\n  "}, // a line into shade's body
		{lsptest.Rng(3, 6, 3, 7), "light"},                          // the local e renamed light: shadows the global
		{lsptest.Rng(9, 2, 9, 2), "var t = s; t += 1.0;\n  "},       // a line into fs's body
	} {
		if err := s.DidChange(featureURI, i+2, lsptest.Edit{Range: &e.r, Text: e.text}); err != nil {
			t.Fatal(err)
		}
		var err error
		if text, err = lsptest.ApplyEdits(text, []lsptest.TextEdit{{Range: e.r, NewText: e.text}}); err != nil {
			t.Fatal(err)
		}
		params := map[string]any{"textDocument": map[string]any{"uri": featureURI}, "previousResultId": cur.ResultID}
		cur = tokens{}
		if err := s.Call("textDocument/semanticTokens/full/delta", params, &cur, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		if len(cur.Edits) > 1 || cur.ResultID == "" {
			t.Fatalf("edit %d: delta %+v", i, cur)
		}
		for _, d := range cur.Edits { // none when no token changed
			data = append(append(append([]uint32{}, data[:d.Start]...), d.Data...), data[d.Start+d.DeleteCount:]...)
		}

		fresh := startSession(t)
		if _, err := fresh.Initialize(nil, nil, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		if err := fresh.DidOpen(featureURI, "wgsl", 1, text); err != nil {
			t.Fatal(err)
		}
		var want tokens
		if err := fresh.Call("textDocument/semanticTokens/full", doc, &want, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		if !wgslSlicesEqual(data, want.Data) {
			t.Fatalf("edit %d: tokens after the delta\n%v\nfrom scratch\n%v\ntext:\n%s", i, data, want.Data, text)
		}
	}
}

func wgslSlicesEqual(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWGSLPullDiagnosticsAndFixOverPipes(t *testing.T) {
	s := startSession(t)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const u = "file:///features/fix.wgsl"
	src := "fn f() {\n  let unused = 1;\n}\n"
	if err := s.DidOpen(u, "wgsl", 1, src); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Kind     string
		ResultID string `json:"resultId"`
		Items    []lsptest.Diagnostic
	}
	doc := map[string]any{"textDocument": map[string]any{"uri": u}}
	if err := s.Call("textDocument/diagnostic", doc, &rep, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if rep.Kind != "full" || len(rep.Items) != 1 || rep.Items[0].CodeString() != "unused-variable" {
		t.Fatalf("pull = %+v", rep)
	}
	// The push carries the same.
	pushed, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if len(pushed.Diagnostics) != 1 || pushed.Diagnostics[0].Range != rep.Items[0].Range || pushed.Diagnostics[0].Message != rep.Items[0].Message {
		t.Fatalf("pushed %+v, pulled %+v", pushed.Diagnostics, rep.Items)
	}
	doc["previousResultId"] = rep.ResultID
	var again struct{ Kind string }
	if err := s.Call("textDocument/diagnostic", doc, &again, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if again.Kind != "unchanged" {
		t.Fatalf("second pull = %+v", again)
	}
	// The quick fix for it, applied, leaves a clean file.
	var actions []struct {
		Title string
		Kind  string
		Edit  struct {
			Changes map[string][]lsptest.TextEdit
		}
	}
	params := map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        rep.Items[0].Range,
		"context":      map[string]any{"diagnostics": rep.Items, "only": []string{"quickfix"}},
	}
	if err := s.Call("textDocument/codeAction", params, &actions, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 {
		t.Fatalf("actions = %+v", actions)
	}
	got, err := lsptest.ApplyEdits(src, actions[0].Edit.Changes[u])
	if err != nil || !strings.Contains(got, "let _unused = 1;") {
		t.Fatalf("fixed = %q, %v", got, err)
	}
}

func TestWGSLWorkspaceSymbolsOverPipes(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "shaders", "node_modules"), 0o755))
	must(os.WriteFile(filepath.Join(root, "shaders", "blur.wgsl"), []byte("struct BlurParams { radius: u32 }\nfn blurPass() {}\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "shaders", "node_modules", "skip.wgsl"), []byte("fn blurSkipped() {}\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "notes.txt"), []byte("fn blurText() {}\n"), 0o644))
	s := startSession(t)
	var res json.RawMessage
	must(s.Call("initialize", map[string]any{
		"processId": nil, "rootUri": string(uri.File(root)), "capabilities": map[string]any{},
	}, &res, lsptest.Timeout))
	must(s.Notify("initialized", map[string]any{}))
	// An open, unsaved document outside the root counts too.
	must(s.DidOpen("file:///elsewhere/open.wgsl", "wgsl", 1, "const BLUR_TAPS = 9;\n"))
	var syms []struct {
		Name          string
		Kind          int
		ContainerName string
		Location      struct {
			URI   string
			Range lsptest.Range
		}
	}
	must(s.Call("workspace/symbol", map[string]any{"query": "blr"}, &syms, lsptest.Timeout))
	got := map[string]string{}
	for _, sy := range syms {
		got[sy.Name] = sy.Location.URI + " " + sy.Location.Range.String()
	}
	blur := string(uri.File(filepath.Join(root, "shaders", "blur.wgsl")))
	if got["BlurParams"] != blur+" 0:7-0:17" || got["blurPass"] != blur+" 1:3-1:11" || got["BLUR_TAPS"] == "" || got["blurSkipped"] != "" || got["blurText"] != "" {
		t.Fatalf("workspace symbols: %v", got)
	}
	if _, ok := got["radius"]; ok {
		t.Fatalf("radius does not match %q: %v", "blr", got)
	}
}

func TestWGSLTokensRangeInlayAndLegendOverPipes(t *testing.T) {
	s := startSession(t)
	raw, err := s.Initialize(nil, nil, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var init struct {
		Capabilities struct {
			SemanticTokensProvider struct {
				Legend struct{ TokenTypes, TokenModifiers []string }
				Range  bool
				Full   struct{ Delta bool }
			}
		}
	}
	if err := json.Unmarshal(raw, &init); err != nil {
		t.Fatal(err)
	}
	stp := init.Capabilities.SemanticTokensProvider
	if len(stp.Legend.TokenTypes) == 0 || stp.Legend.TokenTypes[1] != "comment" || !stp.Range || !stp.Full.Delta {
		t.Fatalf("semanticTokensProvider = %+v", stp)
	}
	const u = "file:///features/multi.wgsl"
	// A two-line block comment is sent as one token per line; "é" is one
	// UTF-16 unit but two bytes.
	src := "/* é\nbc */ fn f() {\n  let x = 1.0;\n}\n"
	if err := s.DidOpen(u, "wgsl", 1, src); err != nil {
		t.Fatal(err)
	}
	var toks struct{ Data []uint32 }
	if err := s.Call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": u}}, &toks, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	got := wgslDecodeTokens(toks.Data)
	want := [][4]uint32{{0, 0, 4, 1}, {1, 0, 5, 1}, {1, 6, 2, 0}, {1, 9, 1, 5}, {2, 2, 3, 0}, {2, 6, 1, 6}, {2, 10, 3, 2}}
	if len(got) != len(want) {
		t.Fatalf("tokens = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("tokens = %v, want %v", got, want)
		}
	}
	// A range request returns only the tokens of line 2.
	rng := map[string]any{"textDocument": map[string]any{"uri": u}, "range": lsptest.Rng(2, 0, 2, 14)}
	if err := s.Call("textDocument/semanticTokens/range", rng, &toks, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if got := wgslDecodeTokens(toks.Data); len(got) != 3 || got[0] != [4]uint32{2, 2, 3, 0} {
		t.Fatalf("range tokens = %v", got)
	}
	// The inlay hint for x's inferred type sits after the name.
	var hints []struct {
		Position lsptest.Position
		Label    string
		Kind     int
	}
	if err := s.Call("textDocument/inlayHint", rng, &hints, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if len(hints) != 1 || hints[0].Position != (lsptest.Position{Line: 2, Character: 7}) || hints[0].Label != ": f32" || hints[0].Kind != 1 {
		t.Fatalf("inlay hints = %+v", hints)
	}
}

func TestWGSLDocumentHighlightOverPipes(t *testing.T) {
	s := startSession(t)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const u = "file:///features/hl.wgsl"
	if err := s.DidOpen(u, "wgsl", 1, "fn f() -> i32 {\n  var n = 0;\n  n = n + 1;\n  return n;\n}\n"); err != nil {
		t.Fatal(err)
	}
	var hs []struct {
		Range lsptest.Range
		Kind  int
	}
	params := map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": 3, "character": 9}}
	if err := s.Call("textDocument/documentHighlight", params, &hs, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		r    lsptest.Range
		kind int
	}{{lsptest.Rng(1, 6, 1, 7), 2}, {lsptest.Rng(2, 2, 2, 3), 3}, {lsptest.Rng(2, 6, 2, 7), 2}, {lsptest.Rng(3, 9, 3, 10), 2}}
	if len(hs) != len(want) {
		t.Fatalf("highlights = %+v", hs)
	}
	for i, w := range want {
		if hs[i].Range != w.r || hs[i].Kind != w.kind {
			t.Fatalf("highlight %d = %+v, want %v kind %d", i, hs[i], w.r, w.kind)
		}
	}
}

// encodeTokensReference is encodeTokens written plainly: every piece of a
// token within one line (as the mapper counts lines) mapped with
// Mapper.Position, then made relative.
func encodeTokensReference(t *testing.T, m *Mapper, toks []ide.SemanticToken) []uint32 {
	var abs [][5]uint32
	for _, tk := range toks {
		for line := 0; line < m.Lines(); line++ {
			start, end := m.lineStart[line], m.lineEnd(line)
			a, b := max(tk.Span.Start, start), min(tk.Span.End, end)
			if a >= b {
				continue
			}
			pa, err1 := m.Position(a)
			pb, err2 := m.Position(b)
			if err1 != nil || err2 != nil || pa.Line != pb.Line {
				t.Fatalf("piece [%d,%d) of %v: %v %v %v %v", a, b, tk, pa, pb, err1, err2)
			}
			abs = append(abs, [5]uint32{pa.Line, pa.Character, pb.Character - pa.Character, uint32(tk.Type), uint32(tk.Mods)})
		}
	}
	var out []uint32
	var line, char uint32
	for _, p := range abs {
		dl, dc := p[0]-line, p[1]
		if dl == 0 {
			dc -= char
		}
		out = append(out, dl, dc, p[2], p[3], p[4])
		line, char = p[0], p[1]
	}
	return out
}

// TestWGSLEncodeTokensMatchesMapper checks the token encoder against
// Mapper.Position in every encoding, on line breaks of all kinds,
// multi-line comments and characters outside the BMP.
func TestWGSLEncodeTokensMatchesMapper(t *testing.T) {
	srcs := []string{
		"/* é\nbc */ fn f() {\n  let x = 1.0;\n}\n",
		"fn f() {\r\n  /* a\r\n b */ let 😀x = 1;\r\n}\r\n",
		"/* lone\rcr */ const a = 1; // 😀 tail\rconst b = a;",
		"const s = 1; /* unterminated\n\n 😀 é",
		"",
	}
	if src, err := os.ReadFile("../analysis/wgsl/ide/testdata/bench/large_2500.wgsl"); err == nil {
		srcs = append(srcs, string(src))
	}
	s := &server{}
	for _, src := range srcs {
		toks := ide.Analyze([]byte(src)).Tokens(diag.Span{Start: 0, End: len(src)})
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			m := NewMapper([]byte(src), enc)
			got := s.encodeTokens(&document{mapper: m}, toks)
			want := encodeTokensReference(t, m, toks)
			if !slices.Equal(got, want) {
				t.Errorf("%.20q in encoding %d:\n got %v\nwant %v", src, enc, got, want)
			}
		}
	}
}
