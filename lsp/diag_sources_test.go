package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// pullCaps are the capabilities of a client that pulls diagnostics, with
// or without workspace/diagnostic/refresh.
func pullCaps(refresh bool) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"diagnostic": map[string]any{}},
		"workspace":    map[string]any{"diagnostics": map[string]any{"refreshSupport": refresh}},
	}
}

// refreshes records the workspace/diagnostic/refresh requests the server
// sends to s (answering every request with null).
func refreshes(s *lsptest.Session) chan struct{} {
	ch := make(chan struct{}, 64)
	s.OnRequest = func(method string, _ json.RawMessage) (any, *lsptest.Error) {
		if method == "workspace/diagnostic/refresh" {
			ch <- struct{}{}
		}
		return nil, nil
	}
	return ch
}

// pullReport is a textDocument/diagnostic answer.
type pullReport struct {
	Kind     string               `json:"kind"`
	ResultID string               `json:"resultId"`
	Items    []lsptest.Diagnostic `json:"items"`
}

func pull(t *testing.T, s *lsptest.Session, u, previous string) pullReport {
	t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": u}}
	if previous != "" {
		params["previousResultId"] = previous
	}
	var rep pullReport
	if err := s.Call("textDocument/diagnostic", params, &rep, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	return rep
}

// diagKeys are ds as sorted "range code message" lines, to compare sets.
func diagKeys(ds []lsptest.Diagnostic) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %d %s %s", d.Range, d.Severity, d.CodeString(), d.Message))
	}
	slices.Sort(out)
	return out
}

func codes(ds []lsptest.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.CodeString())
	}
	return out
}

// noPushes fails when s received any publishDiagnostics. It first makes a
// round trip and waits past the (zero) debounce, so a push the server had
// scheduled would have arrived.
func noPushes(t *testing.T, s *lsptest.Session) {
	t.Helper()
	time.Sleep(200 * time.Millisecond)
	if err := s.Call("shutdown-probe/unknown", nil, nil, lsptest.Timeout); err == nil {
		t.Fatal("an unknown request succeeded")
	}
	if n := s.Notifications("textDocument/publishDiagnostics"); len(n) != 0 {
		t.Fatalf("a pull client was pushed %d publishDiagnostics, the first: %s", len(n), n[0].Params)
	}
}

// A client that declares pull support is never pushed diagnostics, for any
// document kind, open, edited or closed; a client that does not is pushed
// them; and the two see the same diagnostics for the same file.
func TestDiagnosticsPullOrPushByCapability(t *testing.T) {
	isolateCache(t)
	opts := map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}
	puller := startSession(t)
	if _, err := puller.Initialize(pullCaps(true), opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	pusher := startSession(t)
	if _, err := pusher.Initialize(nil, opts, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}

	const wgslURI = "file:///pull/a.wgsl"
	src := "fn f() {\n  let unused = 1;\n  let x: u32 = 1.5;\n}\n"
	manifest, err := os.ReadFile(filepath.Join(examples, "fib.rts.meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	// A wrong hash: cart-data-hash, which needs the image beside it.
	badManifest := strings.Replace(string(manifest), `"data_hash": "ed6a9b`, `"data_hash": "ed6a9c`, 1)
	if badManifest == string(manifest) {
		t.Fatal("fib's data_hash changed")
	}
	manURI := fibCart(t, badManifest)
	for _, s := range []*lsptest.Session{puller, pusher} {
		if err := s.DidOpen(wgslURI, "wgsl", 1, src); err != nil {
			t.Fatal(err)
		}
		if err := s.DidOpen(manURI, "rts-manifest", 1, badManifest); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		uri  string
		want string
	}{{wgslURI, "unused-variable"}, {manURI, "cart-data-hash"}} {
		pushed, err := pusher.WaitDiagnostics(c.uri, 1, lsptest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		pulled := pull(t, puller, c.uri, "")
		if pulled.Kind != "full" || len(pulled.Items) == 0 {
			t.Fatalf("%s: pulled %+v", c.uri, pulled)
		}
		if c.want != "" && !slices.Contains(codes(pulled.Items), c.want) {
			t.Errorf("%s: pulled %v, want %s among them", c.uri, codes(pulled.Items), c.want)
		}
		if a, b := diagKeys(pulled.Items), diagKeys(pushed.Diagnostics); !slices.Equal(a, b) {
			t.Errorf("%s: pulled\n%s\npushed\n%s", c.uri, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
		t.Logf("%s: %v", c.uri, codes(pulled.Items))
	}

	// Edits and a close push to one and not the other.
	for _, s := range []*lsptest.Session{puller, pusher} {
		if err := s.DidChange(wgslURI, 2, lsptest.Edit{Text: "fn f() {}\n"}); err != nil {
			t.Fatal(err)
		}
		if err := s.DidClose(manURI); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := pusher.WaitDiagnostics(wgslURI, 2, lsptest.Timeout); err != nil || len(p.Diagnostics) != 0 {
		t.Fatalf("pushed after the edit: %+v, %v", p, err)
	}
	if _, err := pusher.WaitDiagnostics(manURI, -1, lsptest.Timeout); err != nil {
		t.Fatalf("no empty push on close: %v", err)
	}
	if rep := pull(t, puller, wgslURI, ""); rep.Kind != "full" || len(rep.Items) != 0 {
		t.Errorf("pulled after the edit: %+v", rep)
	}
	noPushes(t, puller)
}

// A test run changes a manifest's diagnostics without a new version: a
// pull client with refresh support is sent workspace/diagnostic/refresh and
// then pulls the cart-test-failed diagnostic (a pull naming the old result
// gets a full report), and again when the image changes on disk; one
// without refresh support is sent nothing and sees the failure at its next
// pull. Neither is pushed anything.
func TestDiagnosticsRefreshAfterTestRun(t *testing.T) {
	isolateCache(t)
	_, bad := fibExpecting(t, "54")
	for _, refresh := range []bool{true, false} {
		t.Run(fmt.Sprintf("refreshSupport=%v", refresh), func(t *testing.T) {
			u := fibCart(t, bad)
			s := startSession(t)
			got := refreshes(s)
			if _, err := s.Initialize(pullCaps(refresh), map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
				t.Fatal(err)
			}
			if err := s.DidOpen(u, "rts-manifest", 1, bad); err != nil {
				t.Fatal(err)
			}
			before := pull(t, s, u, "")
			if slices.Contains(codes(before.Items), codeTestFailed) {
				t.Fatalf("a test failure before any run: %v", codes(before.Items))
			}
			if again := pull(t, s, u, before.ResultID); again.Kind != "unchanged" {
				t.Fatalf("a second pull of the same version: %+v", again)
			}
			if _, err := runCart(t, s, map[string]any{"uri": u}); err != nil {
				t.Fatal(err)
			}
			if refresh {
				select {
				case <-got:
				case <-time.After(lsptest.Timeout):
					t.Fatal("no workspace/diagnostic/refresh after the run")
				}
			}
			after := pull(t, s, u, before.ResultID)
			if after.Kind != "full" || after.ResultID == before.ResultID {
				t.Fatalf("pull after the run: %+v", after)
			}
			var fails []lsptest.Diagnostic
			for _, d := range after.Items {
				if d.CodeString() == codeTestFailed {
					fails = append(fails, d)
				}
			}
			if len(fails) != 1 || !strings.HasPrefix(fails[0].Message, "fib(10): expected [i32:54]") {
				t.Fatalf("pulled failures %+v", fails)
			}
			if len(after.Items) != len(before.Items)+1 {
				t.Errorf("pulled %v after the run, %v before", codes(after.Items), codes(before.Items))
			}
			// The image changing on disk is another such change.
			png := strings.TrimSuffix(u, ".rts.meta.json") + ".rts.png"
			if err := s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": png, "type": 2}}}); err != nil {
				t.Fatal(err)
			}
			if refresh {
				select {
				case <-got:
				case <-time.After(lsptest.Timeout):
					t.Fatal("no workspace/diagnostic/refresh after the image changed")
				}
			}
			if again := pull(t, s, u, after.ResultID); again.Kind != "full" {
				t.Errorf("pull after the image changed: %+v", again)
			}
			noPushes(t, s)
			if !refresh && len(got) != 0 {
				t.Errorf("%d refresh requests to a client without refresh support", len(got))
			}
		})
	}
}

// Completion items are snippets for a client that takes them, else plain
// text cut at the first placeholder.
func TestCompletionSnippetsByCapability(t *testing.T) {
	const u = "file:///complete/c.wgsl"
	src := "fn g() -> f32 { return 1.0; }\nfn h(a: f32) -> f32 { return a; }\nfn f() {\n  let v = \n}\n"
	pos := lsptest.Position{Line: 3, Character: 10}
	type item struct {
		Label            string `json:"label"`
		InsertTextFormat int    `json:"insertTextFormat"`
		TextEdit         struct {
			NewText string `json:"newText"`
		} `json:"textEdit"`
	}
	for _, snippets := range []bool{true, false} {
		t.Run(fmt.Sprintf("snippetSupport=%v", snippets), func(t *testing.T) {
			s := startSession(t)
			caps := map[string]any{"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": snippets}}}}
			if _, err := s.Initialize(caps, nil, lsptest.Timeout); err != nil {
				t.Fatal(err)
			}
			if err := s.DidOpen(u, "wgsl", 1, src); err != nil {
				t.Fatal(err)
			}
			var list struct{ Items []item }
			params := map[string]any{"textDocument": map[string]any{"uri": u}, "position": pos}
			if err := s.Call("textDocument/completion", params, &list, lsptest.Timeout); err != nil {
				t.Fatal(err)
			}
			want := map[string][2]string{ // label: snippet, plain
				"clamp": {"clamp(${1:e}, ${2:low}, ${3:high})$0", "clamp("},
				"g":     {"g()$0", "g()"},
				"h":     {"h(${1:a})$0", "h("},
			}
			seen := 0
			for _, it := range list.Items {
				w, ok := want[it.Label]
				if !ok {
					if it.InsertTextFormat == 2 && !snippets {
						t.Errorf("%s: a snippet for a client without snippet support", it.Label)
					}
					continue
				}
				seen++
				wantText, wantFormat := w[1], 1
				if snippets {
					wantText, wantFormat = w[0], 2
				}
				if it.TextEdit.NewText != wantText || it.InsertTextFormat != wantFormat {
					t.Errorf("%s: %q format %d, want %q format %d", it.Label, it.TextEdit.NewText, it.InsertTextFormat, wantText, wantFormat)
				}
			}
			if seen != len(want) {
				t.Errorf("%d of %d expected items among %d", seen, len(want), len(list.Items))
			}
		})
	}
}

func TestPlainInsert(t *testing.T) {
	for in, want := range map[string]string{
		"clamp(${1:e}, ${2:low})$0": "clamp(",
		"f()$0":                     "f()",
		"plain":                     "plain",
		`a\$b$1`:                    "a$b",
		`x\}\\y${2}`:                `x}\y`,
		"cost$":                     "cost$",
	} {
		if got := plainInsert(in); got != want {
			t.Errorf("plainInsert(%q) = %q, want %q", in, got, want)
		}
	}
}
