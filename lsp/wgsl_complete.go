package lsp

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
)

// wgslTriggerCharacters start a completion without a typed letter: members
// and swizzles, attributes, template arguments, @builtin(...) values.
var wgslTriggerCharacters = []string{".", "@", "<", "(", ","}

// wgslCompletionOptions is the completionProvider capability.
func wgslCompletionOptions() *protocol.CompletionOptions {
	return &protocol.CompletionOptions{TriggerCharacters: wgslTriggerCharacters}
}

// wgslSignatureHelpOptions is the signatureHelpProvider capability.
func wgslSignatureHelpOptions() *protocol.SignatureHelpOptions {
	return &protocol.SignatureHelpOptions{TriggerCharacters: []string{"(", ","}, RetriggerCharacters: []string{","}}
}

// Completion answers the context's proposals (ide.Snapshot.Complete) as a
// complete list, each replacing the identifier typed so far. Functions come
// as snippets with their parameters as placeholders when the client takes
// snippets, else as plain text up to the first placeholder ("clamp(" for
// clamp(e, low, high), "f()" for a function without parameters), the
// client's signature help taking over from the "(".
func (s *server) Completion(_ context.Context, params *protocol.CompletionParams) (protocol.CompletionResult, error) {
	d, snap, off, err := s.wgslAtFor(params.TextDocumentPositionParams)
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	if err != nil || snap == nil {
		return list, err
	}
	snippets := s.caps().snippets
	c := snap.Complete(off)
	rng := s.rangeOf(d, c.Replace)
	for _, it := range c.Items {
		ci := protocol.CompletionItem{Label: it.Label, Kind: wgslItemKind(it.Kind)}
		if it.Detail != "" {
			ci.Detail = protocol.NewOptional(it.Detail)
		}
		if it.Doc != "" {
			ci.Documentation = &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: it.Doc}
		}
		text := it.Label
		if it.Insert != "" {
			text = it.Insert
		}
		switch {
		case it.Snippet && snippets:
			ci.InsertTextFormat = protocol.InsertTextFormatSnippet
		case it.Snippet:
			text = plainInsert(text)
			ci.InsertTextFormat = protocol.InsertTextFormatPlainText
		default:
			ci.InsertTextFormat = protocol.InsertTextFormatPlainText
		}
		ci.TextEdit = &protocol.TextEdit{Range: rng, NewText: text}
		list.Items = append(list.Items, ci)
	}
	return list, nil
}

// plainInsert is snippet as plain text: its text up to the first tabstop
// or placeholder ($1, ${1:x}, $0 ...), with the snippet escapes (\$, \},
// \\) resolved.
func plainInsert(snippet string) string {
	var b strings.Builder
	for i := 0; i < len(snippet); i++ {
		c := snippet[i]
		switch {
		case c == '\\' && i+1 < len(snippet) && strings.IndexByte(`$}\\`, snippet[i+1]) >= 0:
			i++
			b.WriteByte(snippet[i])
		case c == '$' && i+1 < len(snippet) && (snippet[i+1] == '{' || snippet[i+1] >= '0' && snippet[i+1] <= '9'):
			return b.String()
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func wgslItemKind(k ide.ItemKind) protocol.CompletionItemKind {
	switch k {
	case ide.ItemVariable:
		return protocol.CompletionItemKindVariable
	case ide.ItemConstant:
		return protocol.CompletionItemKindConstant
	case ide.ItemParameter:
		return protocol.CompletionItemKindVariable
	case ide.ItemFunction:
		return protocol.CompletionItemKindFunction
	case ide.ItemStruct:
		return protocol.CompletionItemKindStruct
	case ide.ItemField:
		return protocol.CompletionItemKindField
	case ide.ItemType:
		return protocol.CompletionItemKindTypeParameter
	case ide.ItemKeyword:
		return protocol.CompletionItemKindKeyword
	case ide.ItemEnum:
		return protocol.CompletionItemKindEnumMember
	case ide.ItemAttribute:
		return protocol.CompletionItemKindProperty
	}
	return protocol.CompletionItemKindText
}

// SignatureHelp answers the signatures of the call around the position with
// the active parameter, or null outside a call.
func (s *server) SignatureHelp(_ context.Context, params *protocol.SignatureHelpParams) (*protocol.SignatureHelp, error) {
	_, snap, off, err := s.wgslAtFor(params.TextDocumentPositionParams)
	if err != nil || snap == nil {
		return nil, err
	}
	h, ok := snap.SignatureHelp(off)
	if !ok {
		return nil, nil
	}
	out := &protocol.SignatureHelp{}
	for _, sig := range h.Signatures {
		si := protocol.SignatureInformation{Label: sig.Label}
		if sig.Doc != "" {
			si.Documentation = &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: sig.Doc}
		}
		for _, p := range sig.Params {
			// Label offsets count UTF-16 code units.
			si.Parameters = append(si.Parameters, protocol.ParameterInformation{Label: protocol.ParameterInformationLabelTuple{
				utf16Units(sig.Label[:p[0]]), utf16Units(sig.Label[:p[1]])}})
		}
		out.Signatures = append(out.Signatures, si)
	}
	as := uint32(h.ActiveSignature)
	out.ActiveSignature = &as
	out.ActiveParameter = protocol.NewNullable(uint32(h.ActiveParameter))
	return out, nil
}

// utf16Units is the length of s in UTF-16 code units.
func utf16Units(s string) uint32 {
	n := uint32(0)
	for _, r := range s {
		n += uint32(utf16Len(r))
	}
	return n
}
