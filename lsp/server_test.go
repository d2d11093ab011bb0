package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// wordsAnalyzer is a document kind for testing the server independently of
// any real language: each "BAD" is an error (related to the first "GOOD",
// if any), each "OLD" a deprecated warning. It records how many analyses
// ran to completion and how many saw their context cancelled.
type wordsAnalyzer struct{}

var wordsStats struct {
	sync.Mutex
	cancelled int
}

// slowStarted receives a value when an analysis of a "SLOW" text starts.
var slowStarted = make(chan struct{}, 100)

func (wordsAnalyzer) Check(ctx context.Context, doc *docInput) []diag.Diagnostic {
	src := doc.Text
	if bytes.Contains(src, []byte("PANIC")) {
		panic("the words analyzer met PANIC")
	}
	if bytes.Contains(src, []byte("SLOW")) {
		slowStarted <- struct{}{}
		select {
		case <-ctx.Done():
			wordsStats.Lock()
			wordsStats.cancelled++
			wordsStats.Unlock()
		case <-time.After(5 * time.Second):
		}
	}
	var ds []diag.Diagnostic
	good := bytes.Index(src, []byte("GOOD"))
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("BAD"))
		if j < 0 {
			break
		}
		d := diag.Diagnostic{Span: diag.Span{Start: i + j, End: i + j + 3}, Severity: diag.Error, Code: "bad-word", Message: "BAD is not allowed"}
		if good >= 0 {
			d.Related = []diag.Related{{Span: diag.Span{Start: good, End: good + 4}, Message: "GOOD is here"}}
		}
		ds = append(ds, d)
		i += j + 3
	}
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("OLD"))
		if j < 0 {
			break
		}
		ds = append(ds, diag.Diagnostic{Span: diag.Span{Start: i + j, End: i + j + 3}, Severity: diag.Warning, Code: "old-word", Message: "OLD is deprecated", Tags: []string{"deprecated"}})
		i += j + 3
	}
	diag.Sort(ds)
	return ds
}

func init() {
	kinds = append(kinds, &docKind{languageID: "words", suffixes: []string{".words"},
		newAnalyzer: func(*server) analyzer { return wordsAnalyzer{} }})
}

// startInProcess runs Serve over pipes in this process.
func startInProcess(t *testing.T) *lsptest.Session { return startSession(t) }

func startSession(t testing.TB) *lsptest.Session {
	t.Helper()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	stderr := &lsptest.SyncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- Serve(context.Background(), serverIn, serverOut, Options{Version: "test", Stderr: stderr})
	}()
	c := lsptest.New(clientIn, clientOut)
	t.Cleanup(func() { clientOut.Close() })
	return &lsptest.Session{
		Client:     c,
		CloseInput: clientOut.Close,
		Wait: func(timeout time.Duration) (int, error) {
			select {
			case n := <-code:
				return n, nil
			case <-time.After(timeout):
				return 0, fmt.Errorf("Serve did not return within %v", timeout)
			}
		},
		Stderr: stderr.String,
	}
}

func TestRobustness(t *testing.T) { lsptest.RunRobustness(t, startInProcess) }

type wantDiag struct {
	rng      lsptest.Range
	code     string
	severity int
}

func checkDiags(t *testing.T, got *lsptest.PublishDiagnostics, want []wantDiag) {
	t.Helper()
	if len(got.Diagnostics) != len(want) {
		t.Fatalf("got %d diagnostics %+v, want %d", len(got.Diagnostics), got.Diagnostics, len(want))
	}
	for i, w := range want {
		g := got.Diagnostics[i]
		if g.Range != w.rng || g.CodeString() != w.code || g.Severity != w.severity || g.Source != "rts-lsp" {
			t.Errorf("diagnostic %d: got %s %q severity %d source %q, want %s %q severity %d source rts-lsp",
				i, g.Range, g.CodeString(), g.Severity, g.Source, w.rng, w.code, w.severity)
		}
	}
}

// The document used by the encoding tests. Line 1 holds an emoji (two
// UTF-16 units, four bytes) and CJK (one unit, three bytes each) before BAD.
const wordsDoc = "GOOD start\n// 🎉 注释 BAD\nOLD\n"

func TestDiagnosticsEncodings(t *testing.T) {
	for _, tc := range []struct {
		name   string
		caps   any
		badRng lsptest.Range
		enc    string
	}{
		// UTF-16: "// " 3 + 🎉 2 + " " 1 + 注释 2 + " " 1 = 9.
		{"utf-16", nil, lsptest.Rng(1, 9, 1, 12), "utf-16"},
		// UTF-8: 3 + 4 + 1 + 6 + 1 = 15.
		{"utf-8", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}, lsptest.Rng(1, 15, 1, 18), "utf-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startInProcess(t)
			res, err := s.Initialize(tc.caps, lsptest.DebugOptions, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			var ir struct {
				Capabilities struct {
					PositionEncoding string `json:"positionEncoding"`
					TextDocumentSync struct {
						Change int `json:"change"`
					} `json:"textDocumentSync"`
				} `json:"capabilities"`
			}
			if err := json.Unmarshal(res, &ir); err != nil {
				t.Fatal(err)
			}
			if ir.Capabilities.PositionEncoding != tc.enc || ir.Capabilities.TextDocumentSync.Change != 2 {
				t.Fatalf("capabilities %s, want positionEncoding %s and incremental sync", res, tc.enc)
			}
			const uri = "file:///w/a.words"
			if err := s.DidOpen(uri, "words", 1, wordsDoc); err != nil {
				t.Fatal(err)
			}
			got, err := s.WaitDiagnostics(uri, 1, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			checkDiags(t, got, []wantDiag{
				{tc.badRng, "bad-word", 1},
				{lsptest.Rng(2, 0, 2, 3), "old-word", 2},
			})
			bad, old := got.Diagnostics[0], got.Diagnostics[1]
			if len(bad.RelatedInformation) != 1 || bad.RelatedInformation[0].Location.URI != uri ||
				bad.RelatedInformation[0].Location.Range != lsptest.Rng(0, 0, 0, 4) || bad.RelatedInformation[0].Message != "GOOD is here" {
				t.Errorf("related information %+v, want GOOD at 0:0-0:4 in %s", bad.RelatedInformation, uri)
			}
			if len(old.Tags) != 1 || old.Tags[0] != 2 {
				t.Errorf("tags %v, want [2] (deprecated)", old.Tags)
			}

			// Incremental edit, in the negotiated encoding: delete BAD.
			bad1 := bad.Range
			if err := s.DidChange(uri, 2, lsptest.Edit{Range: &bad1, Text: "ok"}); err != nil {
				t.Fatal(err)
			}
			got, err = s.WaitDiagnostics(uri, 2, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			checkDiags(t, got, []wantDiag{{lsptest.Rng(2, 0, 2, 3), "old-word", 2}})

			// Insert BAD after the emoji (inside nothing: at its end).
			at := lsptest.Rng(1, 5, 1, 5) // "// " 3 + 🎉 2
			if tc.enc == "utf-8" {
				at = lsptest.Rng(1, 7, 1, 7) // 3 + 4
			}
			if err := s.DidChange(uri, 3, lsptest.Edit{Range: &at, Text: "BAD"}); err != nil {
				t.Fatal(err)
			}
			got, err = s.WaitDiagnostics(uri, 3, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			wantStart := at.Start.Character
			checkDiags(t, got, []wantDiag{
				{lsptest.Rng(1, wantStart, 1, wantStart+3), "bad-word", 1},
				{lsptest.Rng(2, 0, 2, 3), "old-word", 2},
			})

			if err := s.DidClose(uri); err != nil {
				t.Fatal(err)
			}
			got, err = s.WaitDiagnostics(uri, -1, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Diagnostics) != 0 {
				t.Fatalf("after close: %d diagnostics, want none", len(got.Diagnostics))
			}
		})
	}
}

// A newer version cancels the analysis of an older one, whose result is
// never published; with a debounce delay, a burst of edits is analysed once.
func TestStaleAnalysisDropped(t *testing.T) {
	s := startInProcess(t)
	if _, err := s.Initialize(nil, map[string]any{"diagnosticsDelay": 0}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const uri = "file:///w/slow.words"
	if err := s.DidOpen(uri, "words", 1, "SLOW BAD"); err != nil {
		t.Fatal(err)
	}
	select { // let version 1's analysis start
	case <-slowStarted:
	case <-time.After(lsptest.Timeout):
		t.Fatal("the analysis of version 1 never started")
	}
	if err := s.DidChange(uri, 2, lsptest.Edit{Text: "fine OLD"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.WaitDiagnostics(uri, 2, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, got, []wantDiag{{lsptest.Rng(0, 5, 0, 8), "old-word", 2}})
	// Version 1 must never be published, even late.
	if _, err := s.WaitDiagnostics(uri, 1, 300*time.Millisecond); err == nil {
		t.Fatal("stale diagnostics for version 1 were published")
	}
	wordsStats.Lock()
	cancelled := wordsStats.cancelled
	wordsStats.Unlock()
	if cancelled == 0 {
		t.Error("the analysis of version 1 did not see its context cancelled")
	}
}

func TestDebounceCoalescesEdits(t *testing.T) {
	s := startInProcess(t)
	if _, err := s.Initialize(nil, map[string]any{"rts": map[string]any{"diagnosticsDelay": 500}}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const uri = "file:///w/burst.words"
	if err := s.DidOpen(uri, "words", 1, ""); err != nil {
		t.Fatal(err)
	}
	text := ""
	for v := 2; v <= 6; v++ {
		at := lsptest.Rng(0, len(text), 0, len(text))
		text += "BAD "
		if err := s.DidChange(uri, v, lsptest.Edit{Range: &at, Text: "BAD "}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.WaitDiagnostics(uri, 6, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Diagnostics) != 5 {
		t.Fatalf("version 6: %d diagnostics, want 5", len(got.Diagnostics))
	}
	if n := len(s.Notifications("textDocument/publishDiagnostics")); n != 0 {
		t.Errorf("%d more publications besides version 6; the burst should be analysed once", n)
	}
}

// Settings arrive from workspace/configuration too, and a bad didChange is
// reported and leaves the document as it was.
func TestConfigurationAndBadChange(t *testing.T) {
	s := startInProcess(t)
	asked := make(chan string, 1)
	s.OnRequest = func(method string, params json.RawMessage) (any, *lsptest.Error) {
		if method == "workspace/configuration" {
			asked <- string(params)
			return []any{map[string]any{"diagnosticsDelay": 0, "debug": map[string]any{"testMethods": true}, "colour": "blue"}}, nil
		}
		return nil, nil
	}
	caps := map[string]any{"workspace": map[string]any{"configuration": true}}
	if _, err := s.Initialize(caps, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-asked:
		if !strings.Contains(p, `"section":"rts"`) {
			t.Errorf("workspace/configuration params %s, want section rts", p)
		}
	case <-time.After(lsptest.Timeout):
		t.Fatal("server never asked for workspace/configuration")
	}
	// The unknown key is reported; the known ones apply (debug methods on).
	_, err := s.WaitNotification("window/logMessage", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "rts.colour")
	}, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var slept string
	if err := s.Call("rts/debug/sleep", map[string]any{"ms": 1}, &slept, lsptest.Timeout); err != nil || slept != "slept" {
		t.Fatalf("rts/debug/sleep: %q, %v (settings from workspace/configuration not applied?)", slept, err)
	}

	const uri = "file:///w/b.words"
	if err := s.DidOpen(uri, "words", 1, "BAD"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitDiagnostics(uri, 1, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	beyond := lsptest.Rng(0, 2, 0, 1) // ends before it starts
	if err := s.DidChange(uri, 2, lsptest.Edit{Range: &beyond, Text: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitNotification("window/logMessage", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "ends before it starts")
	}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	// The document is unchanged at version 1: a valid version 2 applies to it.
	at := lsptest.Rng(0, 3, 0, 3)
	if err := s.DidChange(uri, 2, lsptest.Edit{Range: &at, Text: " BAD"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.WaitDiagnostics(uri, 2, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, got, []wantDiag{{lsptest.Rng(0, 0, 0, 3), "bad-word", 1}, {lsptest.Rng(0, 4, 0, 7), "bad-word", 1}})
}

// Methods no feature file implements yet answer MethodNotFound naming the
// method (nyi.go), and the session goes on.
func TestNotYetImplemented(t *testing.T) {
	s := startInProcess(t)
	if _, err := s.Initialize(nil, nil, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	err := s.Call("textDocument/documentLink", map[string]any{
		"textDocument": map[string]any{"uri": "file:///a.wgsl"},
	}, nil, lsptest.Timeout)
	var e *lsptest.Error
	if !errors.As(err, &e) || e.Code != -32601 || e.Message != "not yet implemented: textDocument/documentLink" {
		t.Fatalf("documentLink: %v, want MethodNotFound \"not yet implemented: textDocument/documentLink\"", err)
	}
	// A notification nyi.go answers (workspace folders) is logged, not fatal.
	if err := s.Notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{}, "removed": []any{}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitNotification("window/logMessage", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "not yet implemented: workspace/didChangeWorkspaceFolders")
	}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	lsptest.AssertServing(t, &lsptest.Session{Client: s.Client})
}

// An analyzer that panics costs that version its diagnostics, not the
// session.
func TestAnalyzerPanic(t *testing.T) {
	s := startInProcess(t)
	if _, err := s.Initialize(nil, map[string]any{"diagnosticsDelay": 0}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	const uri = "file:///w/p.words"
	if err := s.DidOpen(uri, "words", 1, "PANIC BAD"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitNotification("window/logMessage", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "the words analyzer met PANIC")
	}, lsptest.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := s.DidChange(uri, 2, lsptest.Edit{Text: "calm BAD"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.WaitDiagnostics(uri, 2, lsptest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, got, []wantDiag{{lsptest.Rng(0, 5, 0, 8), "bad-word", 1}})
}
