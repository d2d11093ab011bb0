package lsp

import (
	"context"
	"sort"
	"strconv"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

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

// tokenResultsLimit bounds the documents whose last result a session
// keeps; entries are dropped when their document closes, and past the limit
// an arbitrary other entry makes room.
const tokenResultsLimit = 64

// tokenResults remembers the last full result sent per document, for
// deltas. Each session has its own (server.tokens), and its result ids are
// unique within the session.
type tokenResults struct {
	mu   sync.Mutex
	next int                     // the last id handed out; guarded by mu
	m    map[uri.URI]tokenResult // guarded by mu
}

func newTokenResults() *tokenResults { return &tokenResults{m: map[uri.URI]tokenResult{}} }

type tokenResult struct {
	id   string
	text []byte // the document version it encodes (identity, see wgsl_cache.go)
	data []uint32
}

// fullTokens encodes toks, every token of d, reusing the last result sent
// for this very version.
func (s *server) fullTokens(d *document, toks []ide.SemanticToken) []uint32 {
	s.tokens.mu.Lock()
	r, ok := s.tokens.m[d.uri]
	s.tokens.mu.Unlock()
	if ok && sameBytes(r.text, d.content()) {
		return r.data
	}
	return s.encodeTokens(d, toks)
}

// remember records data, the tokens of text, as the latest result for u
// and returns its id. The data must not be modified afterwards.
func (t *tokenResults) remember(u uri.URI, text []byte, data []uint32) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	id := strconv.Itoa(t.next)
	if _, ok := t.m[u]; !ok && len(t.m) >= tokenResultsLimit {
		for other := range t.m {
			delete(t.m, other)
			break
		}
	}
	t.m[u] = tokenResult{id: id, text: text, data: data}
	return id
}

// previous returns the data of result id for u, if it is the last one sent.
func (t *tokenResults) previous(u uri.URI, id string) ([]uint32, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r, ok := t.m[u]
	return r.data, ok && r.id == id
}

// forget drops u's result (the document closed).
func (t *tokenResults) forget(u uri.URI) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, u)
}

// SemanticTokensFull answers every token of the document.
func (s *server) SemanticTokensFull(_ context.Context, params *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	d, toks, ok, err := s.wgslTokens(params.TextDocument.URI)
	if err != nil || !ok {
		return &protocol.SemanticTokens{Data: []uint32{}}, err
	}
	data := s.fullTokens(d, toks)
	id := s.tokens.remember(d.uri, d.content(), data)
	return &protocol.SemanticTokens{ResultID: &id, Data: data}, nil
}

// SemanticTokensRange answers the tokens overlapping the range.
func (s *server) SemanticTokensRange(_ context.Context, params *protocol.SemanticTokensRangeParams) (*protocol.SemanticTokens, error) {
	d, toks, ok, err := s.wgslTokens(params.TextDocument.URI)
	if err != nil || !ok {
		return &protocol.SemanticTokens{Data: []uint32{}}, err
	}
	sp, err := d.mapper.Span(params.Range)
	if err != nil {
		return nil, err
	}
	return &protocol.SemanticTokens{Data: s.encodeTokens(d, ide.TokensIn(toks, sp))}, nil
}

// SemanticTokensFullDelta answers one edit from the previous result when
// the client names the last one sent, else the full tokens.
func (s *server) SemanticTokensFullDelta(ctx context.Context, params *protocol.SemanticTokensDeltaParams) (protocol.SemanticTokensDeltaResult, error) {
	d, toks, ok, err := s.wgslTokens(params.TextDocument.URI)
	if err != nil || !ok {
		return &protocol.SemanticTokens{Data: []uint32{}}, err
	}
	prev, ok := s.tokens.previous(d.uri, params.PreviousResultID)
	data := s.fullTokens(d, toks)
	id := s.tokens.remember(d.uri, d.content(), data)
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
// overlapping), lengths and columns in the session's encoding. A token
// spanning lines is cut at each line break (LF, CRLF or CR, as the mapper
// counts lines), the break itself left out. Positions come from a cursor
// walking the line index forward (toks are sorted), not a search per
// token, and a length is counted over the token's own bytes: this runs on
// every version's first tokens request.
func (s *server) encodeTokens(d *document, toks []ide.SemanticToken) []uint32 {
	m := d.mapper
	text := m.content
	data := make([]uint32, 0, len(toks)*5)
	cur := posCursor{m: m}
	var line, char uint32 // the previous token's start
	for _, t := range toks {
		a, end := t.Span.Start, min(t.Span.End, len(text))
		for a < end {
			sl, sc, ok := cur.at(a)
			if !ok {
				break
			}
			if b := min(end, cur.end); b > a {
				dl, dc := sl-line, sc
				if dl == 0 {
					dc -= char
				}
				n := b - a
				if !m.ascii {
					n = m.units(text[a:b])
				}
				data = append(data, dl, dc, uint32(n), uint32(t.Type), uint32(t.Mods))
				line, char = sl, sc
			}
			if cur.line+1 >= len(m.lineStart) {
				break
			}
			a = m.lineStart[cur.line+1]
		}
	}
	return data
}

// posCursor maps offsets to (line, character) as Mapper.Position does,
// walking forward from the previous line for nondecreasing offsets and
// searching only when an offset goes back. It keeps the bounds of its
// current line (start and end, valid when known is set).
type posCursor struct {
	m          *Mapper
	line       int // the line of the last offset mapped
	known      bool
	start, end int // line's start and the end of its text (Mapper.lineEnd)
}

func (c *posCursor) at(offset int) (line, char uint32, ok bool) {
	m := c.m
	if offset < 0 || offset > len(m.content) {
		return 0, 0, false
	}
	if offset < m.lineStart[c.line] {
		c.line = sort.Search(len(m.lineStart), func(i int) bool { return m.lineStart[i] > offset }) - 1
		c.known = false
	}
	for c.line+1 < len(m.lineStart) && m.lineStart[c.line+1] <= offset {
		c.line++
		c.known = false
	}
	if !c.known {
		c.start, c.end, c.known = m.lineStart[c.line], m.lineEnd(c.line), true
	}
	offset = min(offset, c.end)
	if m.ascii {
		return uint32(c.line), uint32(offset - c.start), true
	}
	offset = m.charStart(offset, c.start)
	return uint32(c.line), uint32(m.units(m.content[c.start:offset])), true
}
