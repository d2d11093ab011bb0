package lsptest

import (
	"encoding/json"
	"fmt"
	"time"
)

// The LSP shapes the tests need, written here with encoding/json so the
// tests read what is on the wire.

// Position is an LSP position.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Rng builds a range from four numbers.
func Rng(l1, c1, l2, c2 int) Range { return Range{Position{l1, c1}, Position{l2, c2}} }

func (r Range) String() string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

// Diagnostic is an LSP diagnostic.
type Diagnostic struct {
	Range              Range             `json:"range"`
	Severity           int               `json:"severity"`
	Code               json.RawMessage   `json:"code"`
	Source             string            `json:"source"`
	Message            string            `json:"message"`
	Tags               []int             `json:"tags"`
	RelatedInformation []RelatedLocation `json:"relatedInformation"`
}

// CodeString is the diagnostic's code when it is a string.
func (d Diagnostic) CodeString() string {
	var s string
	_ = json.Unmarshal(d.Code, &s)
	return s
}

// RelatedLocation is an LSP DiagnosticRelatedInformation.
type RelatedLocation struct {
	Location struct {
		URI   string `json:"uri"`
		Range Range  `json:"range"`
	} `json:"location"`
	Message string `json:"message"`
}

// PublishDiagnostics is the params of textDocument/publishDiagnostics.
type PublishDiagnostics struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Initialize sends initialize with the given capabilities and
// initializationOptions, then initialized, and returns the result.
func (c *Client) Initialize(capabilities, options any, timeout time.Duration) (json.RawMessage, error) {
	if capabilities == nil {
		capabilities = map[string]any{}
	}
	var res json.RawMessage
	err := c.Call("initialize", map[string]any{
		"processId":             nil,
		"rootUri":               nil,
		"clientInfo":            map[string]any{"name": "lsptest"},
		"capabilities":          capabilities,
		"initializationOptions": options,
	}, &res, timeout)
	if err != nil {
		return nil, err
	}
	return res, c.Notify("initialized", map[string]any{})
}

// DidOpen opens a document.
func (c *Client) DidOpen(uri, languageID string, version int, text string) error {
	return c.Notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": languageID, "version": version, "text": text},
	})
}

// Edit is one incremental change; a nil Range replaces the whole text.
type Edit struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidChange sends changes that bring uri to version.
func (c *Client) DidChange(uri string, version int, edits ...Edit) error {
	return c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": edits,
	})
}

// DidClose closes a document.
func (c *Client) DidClose(uri string) error {
	return c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// WaitDiagnostics waits for the publishDiagnostics of uri at version (-1:
// one without a version, as sent on close).
func (c *Client) WaitDiagnostics(uri string, version int, timeout time.Duration) (*PublishDiagnostics, error) {
	var got PublishDiagnostics
	_, err := c.WaitNotification("textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p PublishDiagnostics
		if json.Unmarshal(raw, &p) != nil || p.URI != uri {
			return false
		}
		if (version < 0 && p.Version != nil) || (version >= 0 && (p.Version == nil || *p.Version != version)) {
			return false
		}
		got = p
		return true
	}, timeout)
	if err != nil {
		return nil, fmt.Errorf("diagnostics for %s version %d: %w", uri, version, err)
	}
	return &got, nil
}
