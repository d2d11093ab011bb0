package lsp

import (
	"slices"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Semantic token answers are long arrays of numbers (about 75,000 for a
// 2,500-line shader), which the JSON codec encodes by reflection at some
// 20 ns a number: most of the time of a full tokens request. They are
// encoded here by hand instead, into the very bytes the codec writes
// (TestTokensJSONMatchesCodec), and handed to jsonrpc2 as a RawMessage,
// which it sends verbatim.

// encodeAnswer returns result, or its JSON encoding when it is an answer
// this file encodes.
func encodeAnswer(result any) any {
	switch r := result.(type) {
	case *protocol.SemanticTokens:
		if r != nil && plainID(r.ResultID) {
			return jsonrpc2.RawMessage(appendTokensJSON(nil, r))
		}
	case *protocol.SemanticTokensDelta:
		if r != nil && plainID(r.ResultID) {
			return jsonrpc2.RawMessage(appendTokensDeltaJSON(nil, r))
		}
	}
	return result
}

// plainID reports whether a result id is absent or needs no escaping in
// JSON (ours are decimal numbers).
func plainID(id *string) bool {
	if id == nil {
		return true
	}
	for _, c := range []byte(*id) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func appendResultID(b []byte, id *string) []byte {
	if id == nil {
		return b
	}
	b = append(b, `"resultId":"`...)
	b = append(b, *id...)
	return append(b, `",`...)
}

func appendTokensJSON(b []byte, t *protocol.SemanticTokens) []byte {
	b = slices.Grow(b, len(t.Data)*3+32) // most numbers have one or two digits
	b = append(b, '{')
	b = appendResultID(b, t.ResultID)
	b = append(b, `"data":`...)
	b = appendUints(b, t.Data)
	return append(b, '}')
}

func appendTokensDeltaJSON(b []byte, d *protocol.SemanticTokensDelta) []byte {
	b = append(b, '{')
	b = appendResultID(b, d.ResultID)
	b = append(b, `"edits":[`...)
	for i, e := range d.Edits {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = strconv.AppendUint(b, uint64(e.Start), 10)
		b = append(b, `,"deleteCount":`...)
		b = strconv.AppendUint(b, uint64(e.DeleteCount), 10)
		if len(e.Data) > 0 { // the codec leaves out an empty one
			b = append(b, `,"data":`...)
			b = appendUints(b, e.Data)
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendUints appends xs as a JSON array (a nil slice too is [], as the
// codec writes it).
func appendUints(b []byte, xs []uint32) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		if x < 10 {
			b = append(b, byte('0'+x))
		} else {
			b = strconv.AppendUint(b, uint64(x), 10)
		}
	}
	return append(b, ']')
}
