package lsp

import (
	"fmt"
	"slices"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// document is one version of an open text document. It is immutable: an
// edit makes a new document, so analysis can read one without locks while
// the next edit arrives.
type document struct {
	uri        uri.URI
	languageID string
	version    int32
	kind       *docKind // nil when no analyzer knows the document
	mapper     *Mapper  // over the content, in the session's encoding
}

// content is the document's text.
func (d *document) content() []byte { return d.mapper.Content() }

// withChanges applies LSP content changes in order, each to the result of
// the one before (the didChange contract), and returns the new version. A
// change without a range replaces the whole text. It fails without partial
// effect if a range is invalid.
func (d *document) withChanges(version int32, changes []protocol.TextDocumentContentChangeEvent) (*document, error) {
	m := d.mapper
	for i, ch := range changes {
		var text []byte
		switch ch := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = []byte(ch.Text)
		case *protocol.TextDocumentContentChangePartial:
			span, err := m.Span(ch.Range)
			if err != nil {
				return nil, fmt.Errorf("change %d: %w", i, err)
			}
			old := m.Content()
			text = slices.Concat(old[:span.Start], []byte(ch.Text), old[span.End:])
		default:
			return nil, fmt.Errorf("change %d: unsupported content change %T", i, ch)
		}
		m = NewMapper(text, m.Encoding())
	}
	nd := *d
	nd.version = version
	nd.mapper = m
	return &nd, nil
}

// store holds the open documents by URI.
type store struct {
	mu   sync.Mutex
	docs map[uri.URI]*document // guarded by mu
}

func newStore() *store { return &store{docs: map[uri.URI]*document{}} }

// get returns the current version of u, or nil if it is not open.
func (s *store) get(u uri.URI) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[u]
}

// put makes d the current version of its URI.
func (s *store) put(d *document) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[d.uri] = d
}

// update replaces the current version of u with f's result. It fails if u is
// not open or f fails; the store is then unchanged.
func (s *store) update(u uri.URI, f func(*document) (*document, error)) (*document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[u]
	if !ok {
		return nil, fmt.Errorf("%s is not open", u)
	}
	nd, err := f(d)
	if err != nil {
		return nil, err
	}
	s.docs[u] = nd
	return nd, nil
}

// remove forgets u and reports whether it was open.
func (s *store) remove(u uri.URI) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.docs[u]
	delete(s.docs, u)
	return ok
}
