package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// fixer is an analyzer that offers quick fixes.
type fixer interface {
	// Fixes returns the fixes for doc's diagnostics whose spans touch span,
	// plus any offered without a diagnostic (code "").
	Fixes(ctx context.Context, doc *docInput, span diag.Span) []fix
}

// fix is a quick fix: edits to the document itself.
type fix struct {
	title string
	code  string    // the diagnostic it resolves ("" for none)
	span  diag.Span // that diagnostic's span
	edits []textEdit
}

// runnable is an analyzer whose documents describe something rts.run can
// run (a cartridge manifest): CodeAction offers "Run" on them.
type runnable interface{ runnable() }

// fixTarget identifies the diagnostic a fix resolves.
type fixTarget struct {
	code string
	span diag.Span
}

// textEdit replaces span with newText.
type textEdit struct {
	span    diag.Span
	newText string
}

// CodeAction answers the analyzer's quick fixes (kind quickfix, with a
// WorkspaceEdit, each tied to the diagnostic it resolves) and, for every
// diagnostic of ours in the request's context, an "Explain" action; on a
// runnable document (a manifest), a "Run" action (rts.run).
//
// The Explain and Run actions have no kind, deliberately: they change no
// text, so they are no fix (as "quickfix", Explain would sit among the
// fixes that "fix all" and auto-fix consider), no refactoring and no source
// action. A kind-less action is listed in VS Code's lightbulb menu and in
// Neovim's code action list, and is left out when a client asks for
// specific kinds only. Their commands run nothing until the user picks one:
// no model call happens for a listing.
func (s *server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	d, err := s.openDoc(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	wantQuickFix, wantUnkinded := wantKinds(params.Context.Only)
	out := []protocol.CommandOrCodeAction{}
	if f, ok := s.analyzers[d.kind].(fixer); ok && wantQuickFix {
		span, err := d.mapper.Span(params.Range)
		if err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "codeAction %s: %v", d.uri, err)
		}
		for _, cd := range params.Context.Diagnostics { // the hull: fixes of every diagnostic shown
			if sp, err := d.mapper.Span(cd.Range); err == nil {
				span.Start, span.End = min(span.Start, sp.Start), max(span.End, sp.End)
			}
		}
		preferred := map[fixTarget]bool{} // the first fix of each diagnostic
		for _, fx := range f.Fixes(ctx, s.input(d), span) {
			a := s.fixAction(d, fx, params.Context.Diagnostics)
			if t := (fixTarget{fx.code, fx.span}); len(a.Diagnostics) > 0 && !preferred[t] {
				preferred[t] = true
				yes := true
				a.IsPreferred = &yes
			}
			out = append(out, a)
		}
	}
	if _, ok := s.analyzers[d.kind].(runnable); ok && wantUnkinded {
		args, err := json.Marshal(runArgs{URI: string(d.uri)})
		if err != nil {
			return nil, err
		}
		const title = "Run the cartridge's tests on the GPU VM"
		out = append(out, &protocol.CodeAction{
			Title:   title,
			Command: protocol.Command{Title: title, Command: cmdRun, Arguments: []protocol.LSPAny{args}},
		})
		out = append(out, s.entryActions(d)...) // codelens.go
	}
	if wantUnkinded && d.kind != nil {
		for _, cd := range params.Context.Diagnostics {
			if src, _ := cd.Source.Get(); src != "" && src != diagnosticSource {
				continue // another server's
			}
			a, err := explainAction(d.uri, cd)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// wantKinds reads a codeAction "only" filter: whether quick fixes and
// kind-less actions are wanted.
func wantKinds(only []protocol.CodeActionKind) (quickFix, unkinded bool) {
	if len(only) == 0 {
		return true, true
	}
	for _, k := range only {
		if k == protocol.CodeActionKindQuickFix || k == protocol.CodeActionKindEmpty {
			quickFix = true
		}
	}
	return quickFix, false
}

// fixAction converts fx to a quickfix CodeAction, tied to the client's
// diagnostics it resolves (same code and range). CodeAction marks the
// first fix of each diagnostic preferred (the one "auto fix" applies).
func (s *server) fixAction(d *document, fx fix, shown []protocol.Diagnostic) *protocol.CodeAction {
	kind := protocol.CodeActionKindQuickFix
	edits := make([]protocol.TextEdit, 0, len(fx.edits))
	for _, e := range fx.edits {
		edits = append(edits, protocol.TextEdit{Range: s.rangeOf(d, e.span), NewText: e.newText})
	}
	a := &protocol.CodeAction{
		Title: fx.title,
		Kind:  &kind,
		Edit:  &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{d.uri: edits}},
	}
	if fx.code != "" {
		want := s.rangeOf(d, fx.span)
		for _, cd := range shown {
			if codeString(cd.Code) == fx.code && cd.Range == want {
				a.Diagnostics = append(a.Diagnostics, cd)
			}
		}
	}
	return a
}

// explainAction is the "Explain" action for diagnostic cd of document u:
// the rts.explain command with ExplainArgs.
func explainAction(u uri.URI, cd protocol.Diagnostic) (*protocol.CodeAction, error) {
	raw, err := protocol.Marshal(cd)
	if err != nil {
		return nil, fmt.Errorf("codeAction: diagnostic: %w", err)
	}
	args, err := json.Marshal(explainArgs{URI: string(u), Diagnostic: raw})
	if err != nil {
		return nil, fmt.Errorf("codeAction: %w", err)
	}
	title := "Explain this diagnostic"
	if c := codeString(cd.Code); c != "" {
		title += " (" + c + ")"
	}
	return &protocol.CodeAction{
		Title:       title,
		Diagnostics: []protocol.Diagnostic{cd},
		Command:     protocol.Command{Title: title, Command: cmdExplain, Arguments: []protocol.LSPAny{args}},
	}, nil
}

// codeString is a diagnostic code as text ("" when absent).
func codeString(c protocol.ProgressToken) string {
	switch c := c.(type) {
	case protocol.String:
		return string(c)
	case protocol.Integer:
		return fmt.Sprint(int32(c))
	case *protocol.String:
		if c != nil {
			return string(*c)
		}
	}
	return ""
}

// messageString is a diagnostic message as text.
func messageString(m protocol.InlayHintTooltip) string {
	switch m := m.(type) {
	case protocol.String:
		return string(m)
	case *protocol.MarkupContent:
		if m != nil {
			return m.Value
		}
	}
	return strings.TrimSpace(fmt.Sprint(m))
}
