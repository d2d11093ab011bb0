package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// fibCart copies the fib example into a temporary directory, with manifest
// as its sidecar, and returns the sidecar's URI.
func fibCart(t *testing.T, manifest string) string { return copyCart(t, "fib", manifest) }

// openFibManifest copies the fib cartridge with manifest as its sidecar
// and opens the manifest in an in-process session that analyses at once.
func openFibManifest(t *testing.T, manifest string) (*lsptest.Session, string) {
	t.Helper()
	u := fibCart(t, manifest)
	s := startInProcess(t)
	if _, err := s.Initialize(nil, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidOpen(u, "rts-manifest", 1, manifest); err != nil {
		t.Fatal(err)
	}
	return s, u
}

// fibExpecting returns the example fib manifest and a copy whose test of
// fib(10) expects want instead of 55.
func fibExpecting(t *testing.T, want string) (good, bad string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examples, "fib.rts.meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	good = string(b)
	bad = strings.Replace(good, "        55\n", "        "+want+"\n", 1)
	if bad == good {
		t.Fatal("fib's manifest no longer expects 55")
	}
	return good, bad
}

// copyCart copies the example cartridge name's image into a temporary
// directory, with manifest as its sidecar, and returns the sidecar's URI.
func copyCart(t *testing.T, name, manifest string) string {
	t.Helper()
	dir := t.TempDir()
	png, err := os.ReadFile(filepath.Join(examples, name+".rts.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".rts.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".rts.meta.json")
	if err := os.WriteFile(p, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return string(uri.File(p))
}

func splitFailures(p *lsptest.PublishDiagnostics) (fails, others []lsptest.Diagnostic) {
	for _, d := range p.Diagnostics {
		if d.CodeString() == codeTestFailed {
			fails = append(fails, d)
		} else {
			others = append(others, d)
		}
	}
	return fails, others
}

// posOf is the LSP position of byte offset off in ASCII text.
func posOf(text string, off int) lsptest.Position {
	line := strings.Count(text[:off], "\n")
	return lsptest.Position{Line: line, Character: off - (strings.LastIndex(text[:off], "\n") + 1)}
}

// A failing test of an open manifest becomes a cart-test-failed error on
// its entry in `tests`, merged with the manifest's own diagnostics; editing
// the manifest clears it, and a passing run leaves none.
func TestRunTestDiagnostics(t *testing.T) {
	isolateCache(t)
	good, bad := fibExpecting(t, "54")
	s, u := openFibManifest(t, bad)
	p, err := s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	fails, base := splitFailures(p)
	if len(fails) != 0 {
		t.Fatalf("test failures before any run: %+v", fails)
	}

	res, err := runCart(t, s, map[string]any{"uri": u})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || len(res.Tests) != 3 || res.Tests[1].OK || !res.Tests[0].OK || !res.Tests[2].OK {
		t.Fatalf("bad fib: %+v", res)
	}
	p, err = s.WaitDiagnostics(u, 1, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	fails, others := splitFailures(p)
	// The second entry of "tests": from its "{" to its "}".
	at := strings.Index(bad, `"tests"`)
	first := at + strings.Index(bad[at:], "{")
	start := first + 1 + strings.Index(bad[first+1:], "    {") + 4
	end := start + strings.Index(bad[start:], "}") + 1
	want := lsptest.Range{Start: posOf(bad, start), End: posOf(bad, end)}
	if len(fails) != 1 || len(others) != len(base) {
		t.Fatalf("after the run: %d failures, %d others (want 1, %d): %+v", len(fails), len(others), len(base), p.Diagnostics)
	}
	f := fails[0]
	if f.Range != want || f.Severity != 1 || !strings.HasPrefix(f.Message, "fib(10): expected [i32:54]") ||
		!strings.Contains(f.Message, "wazero gave [i32:55]") {
		t.Errorf("failure diagnostic %s %d %q, want at %s", f.Range, f.Severity, f.Message, want)
	}
	t.Logf("%s: %s", f.Range, f.Message)

	// Any edit clears it.
	if err := s.DidChange(u, 2, lsptest.Edit{Text: bad + "\n"}); err != nil {
		t.Fatal(err)
	}
	if p, err = s.WaitDiagnostics(u, 2, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if fails, _ := splitFailures(p); len(fails) != 0 {
		t.Errorf("after an edit: %+v", fails)
	}

	// A run of one entry reports its failures too; the fixed text then
	// passes, and nothing is left.
	if res, err = runCart(t, s, map[string]any{"uri": u, "entry": "fib"}); err != nil || res.OK {
		t.Fatalf("entry run: %+v %v", res, err)
	}
	if p, err = s.WaitDiagnostics(u, 2, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if fails, _ := splitFailures(p); len(fails) != 1 {
		t.Errorf("entry run: %+v", p.Diagnostics)
	}
	if err := s.DidChange(u, 3, lsptest.Edit{Text: good}); err != nil {
		t.Fatal(err)
	}
	if p, err = s.WaitDiagnostics(u, 3, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if fails, _ := splitFailures(p); len(fails) != 0 {
		t.Errorf("fixed text: %+v", fails)
	}
	if res, err = runCart(t, s, map[string]any{"uri": u}); err != nil || !res.OK {
		t.Fatalf("good fib: %+v %v", res, err)
	}
}

// A later run passing a test drops its failure; a run of other tests keeps
// it; another text drops them all.
func TestTestDiagStore(t *testing.T) {
	text := []byte(`{"tests": [{"invoke": "a"}, {"invoke": "b"}]}`)
	st := newTestDiagStore()
	fail := runTest{Name: "b()", Want: "[i32:1]", Got: "[i32:2]"}
	if !st.record("/m.rts.meta.json", text, []int{0, 1}, []runTest{{Name: "a()", OK: true}, fail}) {
		t.Error("a failure did not count as a change")
	}
	ds := st.forText("/m.rts.meta.json", text)
	if len(ds) != 1 || ds[0].Span.Start != 28 || ds[0].Message != "b(): expected [i32:1], got [i32:2]" {
		t.Fatalf("%+v", ds)
	}
	if st.record("/m.rts.meta.json", text, []int{0, -1}, []runTest{{OK: true}, {OK: false}}) {
		t.Error("a run of other tests changed the failures")
	}
	if len(st.forText("/m.rts.meta.json", text)) != 1 {
		t.Error("a run of other tests dropped a failure")
	}
	if !st.record("/m.rts.meta.json", text, []int{1}, []runTest{{OK: true}}) || len(st.forText("/m.rts.meta.json", text)) != 0 {
		t.Error("a passing run left the failure")
	}
	st.record("/m.rts.meta.json", text, []int{1}, []runTest{fail})
	if len(st.forText("/m.rts.meta.json", append(text, ' '))) != 0 || len(st.forText("/m.rts.meta.json", text)) != 0 {
		t.Error("another text kept the failures")
	}
}
