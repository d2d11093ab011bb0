package lsp

import (
	"context"
	"strconv"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/ide"
)

// Semantic tokens for WGSL: full, range and delta. The legend is
// ide.TokenTypeNames and ide.TokenModNames. A token spanning lines (a
// block comment) is sent as one token per line, for clients without
// multiline token support.

// wgslSemanticTokensOptions is the semanticTokensProvider capability.
func wgslSemanticTokensOptions() *protocol.SemanticTokensOptions {
	return &protocol.SemanticTokensOptions{
		Legend: protocol.SemanticTokensLegend{TokenTypes: ide.TokenTypeNames, TokenModifiers: ide.TokenModNames},
		Range:  protocol.Boolean(true),
		Full:   &protocol.SemanticTokensFullDelta{Delta: wgslPtr(true)},
	}
}

func wgslPtr[T any](v T) *T { return &v }

// tokenResults remembers the last full result sent per session and
// document, for deltas.
var tokenResults = struct {
	sync.Mutex
	next int
	m    map[tokenKey]tokenResult // guarded by the mutex
}{m: map[tokenKey]tokenResult{}}

type tokenKey struct {
	s *server
	u uri.URI
}

type tokenResult struct {
	id   string
	text []byte // the document version it encodes (identity, see wgsl_cache.go)
	data []uint32
}

// fullTokens encodes every token of d, reusing the last result sent for
// this very version.
func (s *server) fullTokens(d *document, snap *ide.Snapshot) []uint32 {
	tokenResults.Lock()
	r, ok := tokenResults.m[tokenKey{s, d.uri}]
	tokenResults.Unlock()
	if ok && sameBytes(r.text, d.content()) {
		return r.data
	}
	return s.encodeTokens(d, snap.Tokens(diag.Span{Start: 0, End: len(d.content())}))
}

// remember records data, the tokens of text, as the latest result for
// (s, u) and returns its id. The data must not be modified afterwards.
func rememberTokens(s *server, u uri.URI, text []byte, data []uint32) string {
	tokenResults.Lock()
	defer tokenResults.Unlock()
	tokenResults.next++
	id := strconv.Itoa(tokenResults.next)
	if len(tokenResults.m) >= 256 {
		clear(tokenResults.m)
	}
	tokenResults.m[tokenKey{s, u}] = tokenResult{id: id, text: text, data: data}
	return id
}

func previousTokens(s *server, u uri.URI, id string) ([]uint32, bool) {
	tokenResults.Lock()
	defer tokenResults.Unlock()
	r, ok := tokenResults.m[tokenKey{s, u}]
	return r.data, ok && r.id == id
}

// SemanticTokensFull answers every token of the document.
func (s *server) SemanticTokensFull(_ context.Context, params *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	d, snap, err := s.wgslDoc(params.TextDocument.URI)
	if err != nil || snap == nil {
		return &protocol.SemanticTokens{Data: []uint32{}}, err
	}
	data := s.fullTokens(d, snap)
	id := rememberTokens(s, d.uri, d.content(), data)
	return &protocol.SemanticTokens{ResultID: &id, Data: data}, nil
}

// SemanticTokensRange answers the tokens overlapping the range.
func (s *server) SemanticTokensRange(_ context.Context, params *protocol.SemanticTokensRangeParams) (*protocol.SemanticTokens, error) {
	d, snap, err := s.wgslDoc(params.TextDocument.URI)
	if err != nil || snap == nil {
		return &protocol.SemanticTokens{Data: []uint32{}}, err
	}
	sp, err := d.mapper.Span(params.Range)
	if err != nil {
		return nil, err
	}
	return &protocol.SemanticTokens{Data: s.encodeTokens(d, snap.Tokens(sp))}, nil
}

// SemanticTokensFullDelta answers one edit from the previous result when
// the client names the last one sent, else the full tokens.
func (s *server) SemanticTokensFullDelta(ctx context.Context, params *protocol.SemanticTokensDeltaParams) (protocol.SemanticTokensDeltaResult, error) {
	d, snap, err := s.wgslDoc(params.TextDocument.URI)
	if err != nil || snap == nil {
		return &protocol.SemanticTokens{Data: []uint32{}}, err
	}
	prev, ok := previousTokens(s, d.uri, params.PreviousResultID)
	data := s.fullTokens(d, snap)
	id := rememberTokens(s, d.uri, d.content(), data)
	if !ok {
		return &protocol.SemanticTokens{ResultID: &id, Data: data}, nil
	}
	return &protocol.SemanticTokensDelta{ResultID: &id, Edits: tokenEdits(prev, data)}, nil
}

// tokenEdits is the single edit turning prev into next: the differing
// middle between their common prefix and suffix (none when equal).
func tokenEdits(prev, next []uint32) []protocol.SemanticTokensEdit {
	p := 0
	for p < len(prev) && p < len(next) && prev[p] == next[p] {
		p++
	}
	if p == len(prev) && p == len(next) {
		return []protocol.SemanticTokensEdit{}
	}
	q := 0
	for q < len(prev)-p && q < len(next)-p && prev[len(prev)-1-q] == next[len(next)-1-q] {
		q++
	}
	return []protocol.SemanticTokensEdit{{
		Start:       uint32(p),
		DeleteCount: uint32(len(prev) - p - q),
		Data:        append([]uint32{}, next[p:len(next)-q]...),
	}}
}

// encodeTokens is the LSP relative encoding of toks (sorted, not
// overlapping), lengths and columns in the session's encoding.
func (s *server) encodeTokens(d *document, toks []ide.SemanticToken) []uint32 {
	text := d.content()
	data := make([]uint32, 0, len(toks)*5)
	var line, char uint32
	emit := func(a, b int, t ide.SemanticToken) {
		if b <= a {
			return
		}
		start, err1 := d.mapper.Position(a)
		end, err2 := d.mapper.Position(b)
		if err1 != nil || err2 != nil || end.Line != start.Line {
			return
		}
		dl, dc := start.Line-line, start.Character
		if dl == 0 {
			dc -= char
		}
		data = append(data, dl, dc, end.Character-start.Character, uint32(t.Type), uint32(t.Mods))
		line, char = start.Line, start.Character
	}
	for _, t := range toks {
		a := t.Span.Start
		for i := a; i < t.Span.End; i++ {
			if text[i] == '\n' {
				e := i
				if e > a && text[e-1] == '\r' {
					e--
				}
				emit(a, e, t)
				a = i + 1
			}
		}
		emit(a, t.Span.End, t)
	}
	return data
}
