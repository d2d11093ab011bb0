package lsp

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// tokensJSONCases are answers with and without result ids, nil and empty
// arrays, and numbers of every width.
func tokensJSONCases() []any {
	id, odd := "17", "a\"b"
	rng := rand.New(rand.NewPCG(3, 4))
	many := make([]uint32, 5000)
	for i := range many {
		many[i] = rng.Uint32() >> uint(rng.IntN(32))
	}
	return []any{
		&protocol.SemanticTokens{},
		&protocol.SemanticTokens{Data: []uint32{}},
		&protocol.SemanticTokens{ResultID: &id, Data: []uint32{0, 9, 10, 99, 100, 4294967295}},
		&protocol.SemanticTokens{ResultID: &id, Data: many},
		&protocol.SemanticTokens{ResultID: &odd, Data: []uint32{1}},
		&protocol.SemanticTokensDelta{},
		&protocol.SemanticTokensDelta{ResultID: &id, Edits: []protocol.SemanticTokensEdit{}},
		&protocol.SemanticTokensDelta{ResultID: &id, Edits: []protocol.SemanticTokensEdit{
			{Start: 5, DeleteCount: 10}, {Start: 20, Data: []uint32{}}, {Start: 4000000000, DeleteCount: 3, Data: many[:50]},
		}},
	}
}

// The hand encoding is byte for byte the codec's.
func TestTokensJSONMatchesCodec(t *testing.T) {
	for i, c := range tokensJSONCases() {
		want, err := jsonrpc2.DefaultCodec.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := jsonrpc2.DefaultCodec.Marshal(encodeAnswer(c))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("case %d: hand encoding\n%s\ncodec\n%s", i, got, want)
		}
	}
	if _, raw := encodeAnswer(&protocol.Hover{}).(jsonrpc2.RawMessage); raw {
		t.Error("a hover was encoded by hand")
	}
}

// BenchmarkTokensJSON: the codec and the hand encoding of the full tokens
// of a 2,500-line shader (75,000 numbers), side by side.
func BenchmarkTokensJSON(b *testing.B) {
	id := "42"
	rng := rand.New(rand.NewPCG(5, 6))
	data := make([]uint32, 75000)
	for i := range data {
		data[i] = uint32(rng.IntN([]int{3, 40, 12, 11, 8}[i%5]))
	}
	t := &protocol.SemanticTokens{ResultID: &id, Data: data}
	b.Run("codec", func(b *testing.B) {
		for b.Loop() {
			if _, err := jsonrpc2.DefaultCodec.Marshal(t); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		for b.Loop() {
			if _, err := jsonrpc2.DefaultCodec.Marshal(encodeAnswer(t)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
