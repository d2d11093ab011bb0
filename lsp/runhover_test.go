package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

type hoverJSON struct {
	Contents struct {
		Kind  string `json:"kind"`
		Value string `json:"value"`
	} `json:"contents"`
	Range *lsptest.Range `json:"range"`
}

// hoverAt hovers text's byte offset off in document u ("" when null).
func hoverAt(t *testing.T, s *lsptest.Session, u, text string, off int) (string, *lsptest.Range) {
	t.Helper()
	var h *hoverJSON
	if err := s.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": u}, "position": posOf(text, off),
	}, &h, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if h == nil {
		return "", nil
	}
	return h.Contents.Value, h.Range
}

func wantAll(t *testing.T, what, md string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(md, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, md)
		}
	}
}

// Each run is kept as a hover on the manifest (over pipes): the "invoke"
// value of a test shows its export's last run per engine, the test entry
// its own last outcome, the cartridge preview a line per export; a
// changed data_hash or PNG marks them stale, and a changed expectation
// says the outcome was judged against the earlier one.
func TestRunResultHover(t *testing.T) {
	isolateCache(t)
	good, bad := fibExpecting(t, "56")
	s, u := openFibManifest(t, bad)
	// Offsets in the manifest: the second test's "invoke" value and its args.
	second := strings.Index(bad, "        10\n")
	invoke := second + strings.Index(bad[second:], `"fib"`) + 2
	args := strings.LastIndex(bad[:second], `"args"`) + 2
	hash := strings.Index(bad, `"data_hash"`) + 3

	md, rng := hoverAt(t, s, u, bad, invoke)
	wantAll(t, "invoke hover before a run", md, "### Export `fib`", "Not run in this session")
	if end := invoke - 2 + len(`"fib"`); rng == nil || *rng != (lsptest.Range{Start: posOf(bad, invoke-2), End: posOf(bad, end)}) {
		t.Errorf("invoke hover range %v", rng)
	}
	md, _ = hoverAt(t, s, u, bad, args)
	wantAll(t, "test hover before a run", md, "### Test 2: `fib(10)`", "- invoke: `fib`", "- args: `[10]`", "- expect: `[56]`", "Not run in this session")
	if md, _ = hoverAt(t, s, u, bad, hash); strings.Contains(md, "Last runs") {
		t.Errorf("cartridge hover shows runs before any:\n%s", md)
	}

	before := time.Now().UTC()
	res, err := runCart(t, s, map[string]any{"uri": u, "entry": "fib", "compare": true})
	if err != nil || res.OK || len(res.Tests) != 3 {
		t.Fatalf("run: %+v %v", res, err)
	}
	md, _ = hoverAt(t, s, u, bad, invoke)
	wantAll(t, "invoke hover", md, "### Export `fib`", "**Last run** "+before.Format("2006-01-02 "), " UTC",
		"| `fib(0)` |", "| `fib(10)` |", "| `fib(20)` |", "`[i32:6765]`", "wall time", "FAILED: expected [i32:56]", "passed ([i32:0])")
	if strings.Contains(md, "Stale") {
		t.Errorf("stale right after the run:\n%s", md)
	}
	switch res.Backend {
	case "gpu":
		// The GPU VM's answer with its instruction count, and wazero's; they agree.
		wantAll(t, "invoke hover (GPU)", md, "GPU VM on "+res.Adapter, "fuel 100000000 instructions per call",
			"| `fib(10)` | `[i32:55]` · ", " instructions | `[i32:55]` | yes | FAILED")
		if strings.Contains(md, " · 0 instructions") {
			t.Errorf("a GPU call counted no instructions:\n%s", md)
		}
	default:
		wantAll(t, "invoke hover (CPU)", md, "wazero only", "| `fib(10)` | not run | `[i32:55]` | n/a | FAILED")
	}
	t.Logf("export hover:\n%s", md)
	md, rng = hoverAt(t, s, u, bad, args)
	wantAll(t, "test hover", md, "### Test 2: `fib(10)`", "- expect: `[56]`", "**Last outcome** ", "FAILED: expected [i32:56]", "- wazero: `[i32:55]`")
	at := strings.LastIndex(bad[:second], "{")
	if rng == nil || rng.Start != posOf(bad, at) {
		t.Errorf("test hover range %v, want from %v", rng, posOf(bad, at))
	}
	t.Logf("test hover:\n%s", md)
	md, _ = hoverAt(t, s, u, bad, hash)
	wantAll(t, "cartridge hover", md, "### PixelRTS cartridge", "**Last runs**", "- `fib`: 2/3 calls passed")

	// The expectation fixed in the editor: the outcome was judged against
	// the earlier one. The data is the same: not stale.
	if err := s.DidChange(u, 2, lsptest.Edit{Text: good}); err != nil {
		t.Fatal(err)
	}
	md, _ = hoverAt(t, s, u, good, args)
	wantAll(t, "test hover after the fix", md, "- expect: `[55]`", "judged against an earlier expectation, [i32:56]")
	if strings.Contains(md, "Stale") {
		t.Errorf("stale after an edit of the expectation:\n%s", md)
	}

	// Another data_hash: stale; back: fresh again.
	other := strings.Replace(good, `"data_hash": "ed`, `"data_hash": "ee`, 1)
	if err := s.DidChange(u, 3, lsptest.Edit{Text: other}); err != nil {
		t.Fatal(err)
	}
	md, _ = hoverAt(t, s, u, other, invoke)
	wantAll(t, "invoke hover, data_hash changed", md, "**Stale**", "| `fib(10)` |")
	md, _ = hoverAt(t, s, u, other, hash)
	wantAll(t, "cartridge hover, data_hash changed", md, "**Last runs** (stale")
	if err := s.DidChange(u, 4, lsptest.Edit{Text: good}); err != nil {
		t.Fatal(err)
	}
	if md, _ = hoverAt(t, s, u, good, invoke); strings.Contains(md, "Stale") {
		t.Errorf("stale with the data_hash restored:\n%s", md)
	}

	// Another PNG on disk: stale, until it runs again.
	png := strings.TrimSuffix(fsPathOf(t, u), ".meta.json") + ".png"
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(png, append(b, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	md, _ = hoverAt(t, s, u, good, invoke)
	wantAll(t, "invoke hover, PNG changed", md, "**Stale**")
	if res, err = runCart(t, s, map[string]any{"uri": u}); err != nil || !res.OK {
		t.Fatalf("rerun: %+v %v", res, err)
	}
	md, _ = hoverAt(t, s, u, good, invoke)
	wantAll(t, "invoke hover after the rerun", md, "passed ([i32:55])")
	if strings.Contains(md, "Stale") || strings.Contains(md, "FAILED") {
		t.Errorf("after the rerun:\n%s", md)
	}
	md, _ = hoverAt(t, s, u, good, args)
	if strings.Contains(md, "earlier expectation") || !strings.Contains(md, "passed ([i32:55])") {
		t.Errorf("test hover after the rerun:\n%s", md)
	}
}

func fsPathOf(t *testing.T, u string) string {
	t.Helper()
	p := fsPath(uri.URI(u))
	if p == "" {
		t.Fatalf("%s is no file", u)
	}
	return p
}

// The store is bounded: the least recently run cartridges, and the oldest
// calls of an export, are dropped.
func TestRunResultStoreBounds(t *testing.T) {
	st := newRunResultStore()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxRunCarts + 3 {
		info := runInfo{at: t0.Add(time.Duration(i) * time.Second)}
		st.record(filepath.Join("/c", string(rune('a'+i))+".rts.png"), "k", info, []string{"f"}, []callRecord{{name: "f()"}})
	}
	if len(st.carts) != maxRunCarts {
		t.Errorf("%d cartridges kept, want %d", len(st.carts), maxRunCarts)
	}
	if _, ok := st.export("/c/a.rts.png", "k", "f"); ok {
		t.Error("the least recently run cartridge is kept")
	}
	if _, ok := st.export("/c/"+string(rune('a'+maxRunCarts+2))+".rts.png", "k", "f"); !ok {
		t.Error("the latest cartridge is gone")
	}
	for i := range maxCallsPerExport + 5 {
		info := runInfo{at: t0.Add(time.Duration(i) * time.Second)}
		st.record("/d.rts.png", "k", info, []string{"g"}, []callRecord{{name: "g", args: []string{string(rune('0' + i))}}})
	}
	e := st.carts["/d.rts.png"].exports["g"]
	if len(e.calls) != maxCallsPerExport {
		t.Errorf("%d calls kept, want %d", len(e.calls), maxCallsPerExport)
	}
	if _, _, ok := st.call("/d.rts.png", "k", "g", []string{"0"}); ok {
		t.Error("the oldest call is kept")
	}
	if v, ok := st.export("/d.rts.png", "k", "g"); !ok || len(v.calls) != 1 || v.stale {
		t.Errorf("the last run: %+v", v)
	}
	if v, _ := st.export("/d.rts.png", "other", "g"); !v.stale {
		t.Error("another key is not stale")
	}
	// A run from another key starts afresh.
	st.record("/d.rts.png", "k2", runInfo{at: t0}, []string{"h"}, []callRecord{{name: "h()"}})
	if _, ok := st.export("/d.rts.png", "k2", "g"); ok {
		t.Error("results of the older key kept")
	}
}
