package explain

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/docs"
)

// Options configure an Engine. The zero value is a working offline engine
// over the embedded diagnostic catalogue with no workspace documents.
type Options struct {
	// Workspace is the root directory whose *.md files and *.wgsl comments
	// are indexed; "" indexes only the catalogue.
	Workspace string
	// IndexDir is where the index persists; "" means
	// DefaultIndexDir(Workspace).
	IndexDir string
	// Catalogue holds CODE.md files at its root; nil means the embedded
	// docs.Diagnostics catalogue. It is read at run time, never listed in
	// advance.
	Catalogue fs.FS

	// Endpoint is the base URL of an OpenAI-compatible API (LM Studio
	// http://localhost:1234/v1, Ollama http://localhost:11434/v1, OpenAI
	// https://api.openai.com/v1). "" keeps everything on this machine: answers
	// are offline. The API key is read from the environment only (see
	// APIKeyFromEnv).
	Endpoint string
	// Model is the chat model; "" takes the first one the endpoint lists.
	Model string
	// Chat replaces the endpoint's chat client when not nil.
	Chat ChatModel

	// EmbedModel, when set, embeds through EmbedEndpoint (default Endpoint)
	// instead of the local hashed n-gram embedder. Changing it rebuilds the
	// index.
	EmbedModel    string
	EmbedEndpoint string
	// Embedder replaces both when not nil.
	Embedder Embedder

	// Timeout bounds each model call (default 60s).
	Timeout time.Duration
	// ContextLines is how many code lines each side of the diagnostic the
	// prompt shows (default 4).
	ContextLines int
	// Passages is how many retrieved passages the prompt holds (default 4).
	Passages int
	// MinScore drops retrieved passages less similar than this to the
	// query (cosine; 0 means the default 0.05, below which the lexical
	// default embedder's scores are hash noise; negative keeps every passage).
	MinScore float32
	// HTTPClient is used for all endpoint calls; nil means a client that
	// refuses redirects to another host (so a key never follows one).
	HTTPClient *http.Client
	// Logf receives diagnostics about the engine itself (never keys); nil
	// discards them. The server should send them to stderr.
	Logf func(format string, args ...any)
}

// Engine explains diagnostics. It is safe for concurrent use.
//
// For the language server: create one Engine per workspace at initialize,
// call Index in the background with a progress callback mapped to work-done
// progress, UpdateFile/RemoveFile on didSave and didChangeWatchedFiles, and
// Explain from a code action or command. Explain returns Markdown meant to be
// shown whole: as a virtual document (window/showDocument) or a message plus
// hover. Answer.Offline and Answer.Reason say when no model answered.
type Engine struct {
	opts  Options
	index *Index
	cat   fs.FS

	chatMu   sync.Mutex
	chat     ChatModel // created on first use
	indexMu  sync.Mutex
	indexed  bool // a Sync has succeeded in this process
	indexing int  // Syncs in progress

	cacheMu    sync.Mutex
	cache      map[string]Answer
	cacheOrder []string
}

// New opens the engine's index (no scanning yet: see Index) and, when
// EmbedModel is set, probes the embeddings endpoint. It makes no network
// call otherwise.
func New(opts Options) (*Engine, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.ContextLines <= 0 {
		opts.ContextLines = 4
	}
	if opts.Passages <= 0 {
		opts.Passages = 4
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = sameHostClient()
	}
	if opts.MinScore == 0 {
		opts.MinScore = 0.05
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	cat := opts.Catalogue
	if cat == nil {
		sub, err := fs.Sub(docs.Diagnostics, "diagnostics")
		if err != nil {
			return nil, fmt.Errorf("explain: embedded catalogue: %w", err)
		}
		cat = sub
	}
	emb := opts.Embedder
	if emb == nil && opts.EmbedModel != "" {
		endpoint := opts.EmbedEndpoint
		if endpoint == "" {
			endpoint = opts.Endpoint
		}
		ctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
		defer cancel()
		oe, err := NewOpenAIEmbedder(ctx, endpoint, opts.EmbedModel, opts.HTTPClient)
		if err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
		oe.Timeout = opts.Timeout
		emb = oe
	}
	if emb == nil {
		emb = NewHashedNgrams(DefaultDims)
	}
	dir := opts.IndexDir
	if dir == "" {
		var err error
		if dir, err = DefaultIndexDir(opts.Workspace); err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
	}
	ix, err := OpenIndex(dir, emb)
	if err != nil {
		return nil, err
	}
	return &Engine{opts: opts, index: ix, cat: cat, chat: opts.Chat, cache: map[string]Answer{}}, nil
}

// Index brings the index up to date with the catalogue and the workspace
// (see Index.Sync). progress may be nil.
func (e *Engine) Index(ctx context.Context, progress func(Progress)) (IndexStats, error) {
	e.indexMu.Lock()
	e.indexing++
	e.indexMu.Unlock()
	defer func() {
		e.indexMu.Lock()
		e.indexing--
		e.indexMu.Unlock()
	}()
	st, err := e.index.Sync(ctx, Sources{Workspace: e.opts.Workspace, Catalogue: e.cat}, progress)
	if st.Added+st.Updated+st.Removed > 0 {
		e.clearCache()
	}
	if err == nil {
		e.indexMu.Lock()
		e.indexed = true
		e.indexMu.Unlock()
	}
	return st, err
}

// UpdateFile re-indexes one workspace file from content. name is an
// absolute path (files outside the workspace are ignored) or a slash path
// relative to the workspace root. Only *.md and *.wgsl files are indexed.
func (e *Engine) UpdateFile(ctx context.Context, name string, content []byte) error {
	rel, ok := e.relPath(name)
	if !ok {
		return nil
	}
	defer e.clearCache()
	return e.index.UpdateFile(ctx, rel, content)
}

// RemoveFile drops a deleted workspace file (name as in UpdateFile).
func (e *Engine) RemoveFile(name string) error {
	rel, ok := e.relPath(name)
	if !ok {
		return nil
	}
	defer e.clearCache()
	return e.index.RemoveFile(rel)
}

// relPath makes name relative to the workspace; false when it lies outside.
func (e *Engine) relPath(name string) (string, bool) {
	if !filepath.IsAbs(name) {
		rel := path.Clean(filepath.ToSlash(name))
		return rel, rel != ".." && !strings.HasPrefix(rel, "../")
	}
	if e.opts.Workspace == "" {
		return "", false
	}
	root, err := filepath.Abs(e.opts.Workspace)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(root, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// IndexHandle exposes the underlying index (for statistics and tests).
func (e *Engine) IndexHandle() *Index { return e.index }

// Request is one diagnostic to explain.
type Request struct {
	Diagnostic diag.Diagnostic
	// Path is the document's path or URI, shown in the prompt and answer.
	Path string
	// Source is the document's text; the diagnostic's span indexes it.
	Source []byte
	// Cartridge is set for diagnostics on a PixelRTS manifest.
	Cartridge *Cartridge
}

// Cartridge is the context a vision model sees for a cartridge diagnostic.
type Cartridge struct {
	Manifest []byte      // the manifest JSON text
	PNG      []byte      // the cartridge image as PNG bytes, or
	Image    image.Image // the decoded image (used when PNG is nil)
}

// Source is a passage an answer cites. Line is 1-based.
type Source struct {
	Path  string
	Line  int
	Title string
}

// Answer is the explanation of one diagnostic.
type Answer struct {
	// Markdown is the whole answer, ready to show.
	Markdown string
	// Sources are the catalogue entry and passages the answer drew on.
	Sources []Source
	// Model names the model that answered; "" when offline.
	Model string
	// Offline is true when no model answered; Reason then says why ("no model
	// configured", "model endpoint failed: HTTP 500: ...").
	Offline bool
	Reason  string
	// Cached is true when the answer came from the engine's answer cache.
	Cached bool
}

// Explain answers req. It always returns an answer unless ctx ends or the
// request itself is unusable (a bad cartridge image): when no endpoint is
// configured, or the model fails or times out, the answer is the offline
// one with the reason. Answers are cached per diagnostic code, document
// content and context; failed model calls are not cached, so a later call
// retries.
func (e *Engine) Explain(ctx context.Context, req Request) (Answer, error) {
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	e.ensureIndexed(ctx)
	in := promptInput{
		diag: req.Diagnostic, path: req.Path, src: req.Source,
		context: codeContext(req.Source, req.Diagnostic.Span.Start, req.Diagnostic.Span.End, e.opts.ContextLines),
	}
	if len(req.Source) == 0 {
		in.context = ""
	}
	if c := req.Cartridge; c != nil {
		in.manifest = c.Manifest
		img := c.Image
		if c.PNG != nil {
			var err error
			if img, err = DecodePNG(c.PNG); err != nil {
				return Answer{}, err
			}
		}
		if img != nil {
			uri, err := ImageDataURI(img)
			if err != nil {
				return Answer{}, err
			}
			in.imageURI = uri
		}
	}
	key := e.cacheKey(req, in)
	if a, ok := e.cached(key); ok {
		a.Cached = true
		return a, nil
	}
	if entry, err := fs.ReadFile(e.cat, req.Diagnostic.Code+".md"); err == nil && req.Diagnostic.Code != "" && !strings.ContainsAny(req.Diagnostic.Code, "/\\") {
		in.catalogue = string(entry)
	}
	in.passages = e.retrieve(ctx, req, in)
	sources := sourcesOf(in)

	chat, err := e.chatModel(ctx)
	if chat == nil {
		reason := "no model configured"
		if err != nil {
			reason = "model endpoint failed: " + describeError(err)
		}
		return e.offline(key, in, sources, reason, err == nil), nil
	}
	cctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	text, err := chat.Complete(cctx, buildPrompt(in))
	if err != nil {
		if ctx.Err() != nil {
			return Answer{}, ctx.Err()
		}
		reason := "model endpoint failed: " + describeError(err)
		if errors.Is(err, context.DeadlineExceeded) {
			reason = fmt.Sprintf("model endpoint failed: no complete answer within %s", e.opts.Timeout)
		}
		e.opts.Logf("explain: %s", reason)
		return e.offline(key, in, sources, reason, false), nil
	}
	a := Answer{Markdown: modelMarkdown(in, text, sources, chat.Model()), Sources: sources, Model: chat.Model()}
	e.store(key, a)
	return a, nil
}

// ensureIndexed runs a first Sync when none has succeeded in this process
// and none is running (an Explain during the server's initial indexing uses
// what the index holds rather than waiting); failures are logged.
func (e *Engine) ensureIndexed(ctx context.Context) {
	e.indexMu.Lock()
	done := e.indexed || e.indexing > 0
	e.indexMu.Unlock()
	if done {
		return
	}
	if _, err := e.Index(ctx, nil); err != nil {
		e.opts.Logf("explain: indexing: %v", err)
	}
}

// retrieve queries the index with the diagnostic and the code it sits on,
// leaving out the catalogue entry of the diagnostic's own code (the prompt
// has it whole).
func (e *Engine) retrieve(ctx context.Context, req Request, in promptInput) []Passage {
	// The diagnostic counts most; the code and manifest around it narrow it.
	parts := []WeightedText{
		{Text: req.Diagnostic.Code + " " + req.Diagnostic.Message, Weight: 2},
		{Text: in.context, Weight: 1},
		{Text: oneLine(string(in.manifest), 2000), Weight: 1},
	}
	got, err := e.index.QueryWeighted(ctx, parts, e.opts.Passages+1)
	if err != nil {
		e.opts.Logf("explain: retrieval: %v", err)
		return nil
	}
	own := cataloguePath + req.Diagnostic.Code + ".md"
	var out []Passage
	for _, p := range got {
		if p.Path == own || len(out) == e.opts.Passages || p.Score < e.opts.MinScore {
			continue
		}
		out = append(out, p)
	}
	return out
}

// chatModel returns the chat client, creating it on first use; nil and no
// error when no endpoint is configured.
func (e *Engine) chatModel(ctx context.Context) (ChatModel, error) {
	e.chatMu.Lock()
	defer e.chatMu.Unlock()
	if e.chat != nil || e.opts.Endpoint == "" {
		return e.chat, nil
	}
	cctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	c, err := NewOpenAIChat(cctx, e.opts.Endpoint, e.opts.Model, e.opts.HTTPClient)
	if err != nil {
		return nil, err
	}
	e.chat = c
	return c, nil
}

func sourcesOf(in promptInput) []Source {
	var out []Source
	if in.catalogue != "" {
		out = append(out, Source{Path: cataloguePath + in.diag.Code + ".md", Line: 1, Title: in.diag.Code})
	}
	for _, p := range in.passages {
		out = append(out, Source{Path: p.Path, Line: p.Line, Title: p.Title})
	}
	return out
}
