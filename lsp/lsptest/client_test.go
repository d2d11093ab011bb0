package lsptest

import (
	"encoding/json"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
)

// The client decodes messages with JSON v2; on what a server sends it must
// agree with encoding/json, and it must refuse what is not JSON-RPC JSON.
func TestMessageDecodingMatchesEncodingJSON(t *testing.T) {
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":1,"result":null}`,
		`{"jsonrpc":"2.0","id":"a-1","result":{"data":[0,1,2,3,4],"resultId":"7"}}`,
		`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///x.wgsl","diagnostics":[{"message":"caf\u00e9 \ud83d\ude00"}]}}`,
		`{"jsonrpc":"2.0","id":3,"method":"workspace/configuration","params":{"items":[{"section":"rts"}]}}`,
		`{"jsonrpc":"2.0","id":4,"error":{"code":-32800,"message":"cancelled","data":{"why":[1,2]}}}`,
		`{"jsonrpc":"2.0","id":5,"result":[{"label":"clamp","insertText":"clamp(${1:e}, ${2:low}, ${3:high})"}]}`,
	} {
		var v1, v2 Message
		if err := json.Unmarshal([]byte(body), &v1); err != nil {
			t.Fatalf("encoding/json: %v: %s", err, body)
		}
		if err := jsonv2.Unmarshal([]byte(body), &v2); err != nil {
			t.Fatalf("json v2: %v: %s", err, body)
		}
		if !reflect.DeepEqual(v1, v2) {
			t.Errorf("%s:\nencoding/json %+v\njson v2       %+v", body, v1, v2)
		}
	}
	for _, bad := range []string{`{"jsonrpc":"2.0","id":1,"result":}`, `{"jsonrpc":"2.0","id":1,"id":2}`, "{\"method\":\"\xff\"}"} {
		var m Message
		if err := jsonv2.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
