package lsp

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

func partial(l1, c1, l2, c2 uint32, text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: pos(l1, c1), End: pos(l2, c2)},
		Text:  text,
	}
}

func TestIncrementalChanges(t *testing.T) {
	const start = "// 🎉 party\nfn f() {}\n"
	for _, tc := range []struct {
		name    string
		enc     Encoding
		changes []protocol.TextDocumentContentChangeEvent
		want    string
	}{
		{
			// Each change applies to the result of the previous one.
			name: "utf-16 sequence",
			enc:  UTF16,
			changes: []protocol.TextDocumentContentChangeEvent{
				partial(0, 6, 0, 11, "done"),    // "party", after "// 🎉 " (3+2+1 units)
				partial(1, 0, 1, 0, "@vertex "), // insert at line 1
				partial(0, 3, 0, 5, "✓"),        // replace the emoji (2 units)
			},
			want: "// ✓ done\n@vertex fn f() {}\n",
		},
		{
			name: "utf-8 sequence",
			enc:  UTF8,
			changes: []protocol.TextDocumentContentChangeEvent{
				partial(0, 8, 0, 13, "done"), // "party", after "// 🎉 " (3+4+1 bytes)
				partial(0, 3, 0, 7, "✓"),
			},
			want: "// ✓ done\nfn f() {}\n",
		},
		{
			name: "delete across lines",
			enc:  UTF16,
			changes: []protocol.TextDocumentContentChangeEvent{
				partial(0, 2, 1, 2, ""),
			},
			want: "// f() {}\n",
		},
		{
			name: "whole document, then partial",
			enc:  UTF16,
			changes: []protocol.TextDocumentContentChangeEvent{
				&protocol.TextDocumentContentChangeWholeDocument{Text: "注释\n"},
				partial(0, 1, 0, 2, "x"),
			},
			want: "注x\n",
		},
		{
			name: "append at the end",
			enc:  UTF16,
			changes: []protocol.TextDocumentContentChangeEvent{
				partial(2, 0, 2, 0, "// end"),
			},
			want: start + "// end",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &document{version: 1, mapper: NewMapper([]byte(start), tc.enc)}
			nd, err := d.withChanges(2, tc.changes)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(nd.content()); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if nd.version != 2 || string(d.content()) != start {
				t.Errorf("version %d, old content %q: want 2 and the old document untouched", nd.version, d.content())
			}
		})
	}

	d := &document{version: 1, mapper: NewMapper([]byte(start), UTF16)}
	_, err := d.withChanges(2, []protocol.TextDocumentContentChangeEvent{partial(0, 0, 0, 1, "ok"), partial(1, 3, 0, 0, "x")})
	if err == nil || !strings.Contains(err.Error(), "change 1") {
		t.Errorf("reversed range: err = %v, want an error naming change 1", err)
	}
}

func TestApplySettings(t *testing.T) {
	def := DefaultSettings()
	got, warn, err := applySettings(def, []byte(`{"rts": {"diagnosticsDelay": 10, "logLevel": "debug", "debug": {"testMethods": true}, "nope": 1}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{DiagnosticsDelay: 10 * time.Millisecond, LogLevel: slog.LevelDebug, DebugMethods: true, OnSaveRun: "off"}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "rts.nope") {
		t.Errorf("warnings %q, want one naming rts.nope", warn)
	}
	// A flat section changes only what it names.
	got, _, err = applySettings(want, []byte(`{"diagnosticsDelay": 0}`))
	if err != nil || got.DiagnosticsDelay != 0 || got.LogLevel != slog.LevelDebug {
		t.Errorf("flat: %+v, %v", got, err)
	}
	for _, same := range []string{``, `null`} {
		if got, _, err := applySettings(def, []byte(same)); err != nil || got != def {
			t.Errorf("%q: %+v, %v; want the defaults unchanged", same, got, err)
		}
	}
	// The editors' section (editors/PROTOCOL.md): ai and preview apply,
	// onSave and trace are known keys, accepted silently.
	got, warn, err = applySettings(def, []byte(`{"ai": {"endpoint": " http://127.0.0.1:1234/v1 ", "model": "m"}, "preview": {"maxPixels": 4096}, "onSave": {"run": "tests"}, "trace": {"server": "off"}}`))
	if err != nil || len(warn) != 0 || got.AIEndpoint != "http://127.0.0.1:1234/v1" || got.AIModel != "m" || got.PreviewMaxPixels != 4096 || got.OnSaveRun != "tests" {
		t.Errorf("editor section: %+v, %q, %v", got, warn, err)
	}
	for _, bad := range []string{`{"diagnosticsDelay": "soon"}`, `{"diagnosticsDelay": -5}`, `{"logLevel": "loud"}`, `[1]`,
		`{"ai": {"endpoint": 3}}`, `{"preview": {"maxPixels": -1}}`, `{"onSave": {"run": "always"}}`} {
		if got, _, err := applySettings(def, []byte(bad)); err == nil || got != def {
			t.Errorf("%s: %+v, %v; want an error and no change", bad, got, err)
		}
	}
}
