package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// Two servers in one process keep their own WGSL analyses and token
// results, each bounded.
func TestWGSLStatePerSession(t *testing.T) {
	a, b := newServer(context.Background(), Options{}), newServer(context.Background(), Options{})
	text := []byte("fn f() {}\n")
	u := uri.URI("file:///state/a.wgsl")
	if a.wgsl.snapshot(u, text) == nil {
		t.Fatal("no snapshot")
	}
	if a.wgsl.len() != 1 || b.wgsl.len() != 0 {
		t.Fatalf("entries %d and %d, want 1 and 0", a.wgsl.len(), b.wgsl.len())
	}
	id := a.tokens.remember(u, text, []uint32{0, 0, 2, 1, 0})
	if _, ok := b.tokens.previous(u, id); ok {
		t.Error("one session's token result is another's")
	}
	if data, ok := a.tokens.previous(u, id); !ok || len(data) != 5 {
		t.Errorf("previous(%s) = %v, %v", id, data, ok)
	}
	for i := range 2 * wgslCacheLimit {
		v := uri.URI(fmt.Sprintf("file:///state/%d.wgsl", i))
		a.wgsl.snapshot(v, []byte("const c = 1;\n"))
		a.tokens.remember(v, text, nil)
	}
	if n := a.wgsl.len(); n != wgslCacheLimit {
		t.Errorf("%d analyses kept, want the limit %d", n, wgslCacheLimit)
	}
	a.tokens.mu.Lock()
	n := len(a.tokens.m)
	a.tokens.mu.Unlock()
	if n != tokenResultsLimit {
		t.Errorf("%d token results kept, want the limit %d", n, tokenResultsLimit)
	}
	a.wgsl.forget("file:///state/127.wgsl")
	if a.wgsl.len() != wgslCacheLimit-1 {
		t.Errorf("forget left %d entries", a.wgsl.len())
	}
}

// Over pipes: a delta request naming a result id another session handed
// out gets full tokens, not edits against a result this session never sent.
func TestSemanticTokensDeltaPerSession(t *testing.T) {
	const u = "file:///state/tokens.wgsl"
	ss := []*lsptest.Session{startSession(t), startSession(t)}
	for i, s := range ss {
		if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
			t.Fatal(err)
		}
		if err := s.DidOpen(u, "wgsl", 1, fmt.Sprintf("const c%d = %d;\n", i, i)); err != nil {
			t.Fatal(err)
		}
	}
	var full struct {
		ResultID string   `json:"resultId"`
		Data     []uint32 `json:"data"`
	}
	if err := ss[0].Call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": u}}, &full, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if full.ResultID == "" || len(full.Data) == 0 {
		t.Fatalf("full tokens %+v", full)
	}
	var delta map[string]json.RawMessage
	params := map[string]any{"textDocument": map[string]any{"uri": u}, "previousResultId": full.ResultID}
	if err := ss[1].Call("textDocument/semanticTokens/full/delta", params, &delta, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if _, ok := delta["edits"]; ok || delta["data"] == nil {
		t.Errorf("the other session answered %v, want full data", delta)
	}
	// The same request to the session that sent the result: edits.
	if err := ss[0].Call("textDocument/semanticTokens/full/delta", params, &delta, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if _, ok := delta["edits"]; !ok {
		t.Errorf("the sending session answered %v, want edits", delta)
	}
}

// posCursor agrees with Mapper.Position on every offset, forward and back,
// in every encoding, over CRLF, lone CR and multi-byte text.
func TestPosCursorMatchesMapper(t *testing.T) {
	text := []byte("a\r\nβx\rc😀d\n\nlast")
	for _, enc := range []Encoding{UTF8, UTF16, UTF32} {
		m := NewMapper(text, enc)
		cur := posCursor{m: m}
		offsets := []int{}
		for off := 0; off <= len(text); off++ {
			offsets = append(offsets, off)
		}
		offsets = append(offsets, 3, 0, len(text), 7)
		for _, off := range offsets {
			want, err := m.Position(off)
			l, c, ok := cur.at(off)
			if err != nil || !ok || l != want.Line || c != want.Character {
				t.Errorf("%v offset %d: cursor %d:%d %v, mapper %d:%d %v", enc, off, l, c, ok, want.Line, want.Character, err)
			}
		}
		if _, _, ok := cur.at(len(text) + 1); ok {
			t.Errorf("%v: an offset past the end mapped", enc)
		}
	}
}

// After an edit inside one declaration that keeps its name, the next
// version's tokens come from reclassifying that declaration alone (the
// version is not parsed), and equal a full classification; other edits
// parse the version.
func TestTokensAfterEditReclassifyOneDeclaration(t *testing.T) {
	s := newServer(context.Background(), Options{})
	u := uri.URI("file:///state/edit.wgsl")
	v1 := []byte("const k = 2;\nfn f() -> i32 {\n  return k;\n}\n\nfn g() {\n  let a = f();\n}\n")
	s.wgsl.entry(u, v1).semanticTokens()
	for _, c := range []struct {
		name, old, new string
		parsed         bool
	}{
		{"inside f", "return k;", "let b = k;\n  return b;", false},
		{"inside g", "let a = f();", "let a = f() + k;", false},
		{"a constant's value", "const k = 2;", "const k = 3;", false},
		{"a constant renamed", "const k = 3;", "const q = 3;", true},
		{"inside g again", "let a = f() + k;", "let a = f() + k + 1;", false},
	} {
		v2 := []byte(strings.Replace(string(v1), c.old, c.new, 1))
		if bytes.Equal(v1, v2) {
			t.Fatalf("%s: the edit changed nothing", c.name)
		}
		e := s.wgsl.entry(u, v2)
		got := e.semanticTokens()
		if parsed := e.file != nil; parsed != c.parsed {
			t.Errorf("%s: version parsed = %v, want %v", c.name, parsed, c.parsed)
		}
		file, _ := syntax.Parse(v2)
		if want := ide.ClassifyParsed(v2, file); !slices.Equal(got, want) {
			t.Errorf("%s: tokens %v, want %v", c.name, got, want)
		}
		v1 = v2
	}
}

// Before the full check of a version has run, a hover or completion is
// answered from the analysis of its function alone, with the full check's
// answer; the full check is not started for it.
func TestSnapshotAtAnswersBeforeTheFullCheck(t *testing.T) {
	s := newServer(context.Background(), Options{})
	u := uri.URI("file:///state/partial.wgsl")
	src := []byte("struct L { pos: vec3<f32>, power: f32 }\nconst k = 2.0;\nfn shade(l: L) -> f32 {\n  let d = l.power * k;\n  return d;\n}\nfn other() -> f32 {\n  return shade(L(vec3(1.0), 3.0));\n}\n")
	e := s.wgsl.entry(u, src)
	full := ide.Analyze(src)
	for _, word := range []string{"d = l", "power *", "k;", "shade(L", "L(vec3", "pos:"} {
		off := bytes.Index(src, []byte(word))
		got, gok := e.snapshotAt(off, false).Hover(off)
		want, wok := full.Hover(off)
		if gok != wok || got != want || !gok {
			t.Errorf("hover at %q: %+v, want %+v", word, got, want)
		}
		if c, w := e.snapshotAt(off, true).Complete(off), full.Complete(off); len(c.Items) != len(w.Items) {
			t.Errorf("completion at %q: %d items, want %d", word, len(c.Items), len(w.Items))
		}
	}
	if e.snapReady.Load() {
		t.Fatal("the full check ran")
	}
	if len(e.partials) != 3 { // shade, other and module scope
		t.Errorf("%d partial analyses, want 3", len(e.partials))
	}
	// Once the full check has run, it answers.
	if e.snapshot() != e.snapshotAt(0, true) {
		t.Error("the full snapshot does not answer once ready")
	}
}

// A new version's parse reuses the previous version's declarations before
// the edit, and its analysis equals one from scratch.
func TestParseAfterEditReusesDeclarations(t *testing.T) {
	s := newServer(context.Background(), Options{})
	u := uri.URI("file:///state/reparse.wgsl")
	v1 := []byte("const k = 2;\nstruct S { a: f32 }\nfn f(s: S) -> f32 {\n  return s.a * k;\n}\nfn g() -> f32 {\n  return f(S(1.0));\n}\n")
	e1 := s.wgsl.entry(u, v1)
	f1, _ := e1.parsed()
	v2 := []byte(strings.Replace(string(v1), "S(1.0)", "S(2.0) + undefined_name", 1))
	e2 := s.wgsl.entry(u, v2)
	f2, _ := e2.parsed()
	if len(f2.Decls) != 4 || f2.Decls[0] != f1.Decls[0] || f2.Decls[2] != f1.Decls[2] || f2.Decls[3] == f1.Decls[3] {
		t.Fatalf("declarations reused: %v", []bool{f2.Decls[0] == f1.Decls[0], f2.Decls[2] == f1.Decls[2], f2.Decls[3] == f1.Decls[3]})
	}
	got, want := e2.snapshot().Res.Diagnostics, ide.Analyze(v2).Res.Diagnostics
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("diagnostics %v, want %v", got, want)
	}
}
