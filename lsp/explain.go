package lsp

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/explain"
)

// cmdExplain explains a diagnostic: arguments [explainArgs], result
// explainResult (editors/PROTOCOL.md).
const cmdExplain = "rts.explain"

type explainArgs struct {
	URI        string          `json:"uri"`
	Diagnostic json.RawMessage `json:"diagnostic"` // an LSP Diagnostic as published
}

type explainResult struct {
	Markdown string `json:"markdown"`
	Source   string `json:"source,omitempty"` // "offline" or the model that answered
}

// cartridger is an analyzer whose documents describe a cartridge, which an
// explanation should show the model (manifest text and PNG bytes; png nil
// when the image can't be read).
type cartridger interface {
	Cartridge(doc *docInput) (manifest, png []byte)
}

// explainCommand answers rts.explain. The model call runs under the
// request's context, so $/cancelRequest cancels it; the engine caches
// answers, so asking twice costs one call.
func (s *server) explainCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (any, error) {
	if len(params.Arguments) != 1 {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: want one argument {uri, diagnostic}, got %d", cmdExplain, len(params.Arguments))
	}
	var args explainArgs
	if err := json.Unmarshal(params.Arguments[0], &args); err != nil || args.URI == "" || len(args.Diagnostic) == 0 {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: want {uri, diagnostic}: %v", cmdExplain, err)
	}
	var pd protocol.Diagnostic
	if err := protocol.Unmarshal(args.Diagnostic, &pd); err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: diagnostic: %v", cmdExplain, err)
	}
	d, err := s.docOrFile(uri.URI(args.URI))
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %v", cmdExplain, err)
	}
	span, err := d.mapper.Span(pd.Range)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: diagnostic range %v in %s: %v", cmdExplain, pd.Range, args.URI, err)
	}
	in := s.input(d)
	req := explain.Request{
		Diagnostic: diag.Diagnostic{Span: span, Severity: fromSeverity(pd.Severity), Code: codeString(pd.Code), Message: messageString(pd.Message)},
		Path:       in.Path,
		Source:     in.Text,
	}
	if req.Path == "" {
		req.Path = args.URI
	}
	if c, ok := s.analyzers[d.kind].(cartridger); ok {
		manifest, png := c.Cartridge(in)
		req.Cartridge = &explain.Cartridge{Manifest: manifest, PNG: png}
	}
	engine, err := s.explainers.get(s.rootFor(in.Path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmdExplain, err)
	}

	what := "offline"
	if ep := s.currentSettings().AIEndpoint; ep != "" {
		what = "asking " + ep
	}
	prog := s.startProgress(ctx, params.WorkDoneToken, "Explaining "+req.Diagnostic.Code, what)
	ans, err := engine.Explain(ctx, req)
	if err != nil && ctx.Err() == nil && req.Cartridge != nil && req.Cartridge.PNG != nil {
		// An image the model can't be shown (a broken PNG is often the very
		// problem explained): explain without it.
		s.log.Info("explain: cartridge image left out", "uri", args.URI, "err", err)
		req.Cartridge.PNG = nil
		ans, err = engine.Explain(ctx, req)
	}
	if err != nil {
		prog.end("failed")
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s %s: %w", cmdExplain, args.URI, err)
	}
	source := ans.Model
	if ans.Offline || source == "" {
		source = "offline"
	}
	prog.end("answered by " + source)
	s.showExplanation(ctx, req.Diagnostic.Code, ans.Markdown)
	return explainResult{Markdown: ans.Markdown, Source: source}, nil
}

// showExplanation writes markdown to a file under the user cache dir and
// asks the client to open it (window/showDocument), when it can. Both our
// editors intercept rts.explain and display the returned markdown as a
// document themselves; a generic client that just executes the command
// would otherwise show nothing, so the server opens the same text as a
// markdown file for it. Clients that declare they display command results
// (experimental.rts.showsCommandResults) get nothing opened twice. Failures
// are logged: the result still carries the answer.
func (s *server) showExplanation(ctx context.Context, code, markdown string) {
	if !s.caps().showDocument || s.caps().showsCommandResults {
		return
	}
	dir := explainDir()
	if dir == "" {
		s.log.Debug("explain: no cache dir for the answer file")
		return
	}
	sum := sha256.Sum256([]byte(markdown))
	name := fmt.Sprintf("%s-%x.md", safeName(code), sum[:6])
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.log.Warn("explain: answer file", "err", err)
		return
	}
	if err := os.WriteFile(path, []byte(markdown), 0o644); err != nil {
		s.log.Warn("explain: answer file", "err", err)
		return
	}
	yes := true
	if _, err := s.client.ShowDocument(ctx, &protocol.ShowDocumentParams{URI: uri.File(path), TakeFocus: &yes}); err != nil {
		s.log.Debug("window/showDocument failed", "path", path, "err", err)
	}
}

// explainDir is where answer files go (os.UserCacheDir()/rts-lsp/explain),
// or "" when there is no user cache dir.
func explainDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "rts-lsp", "explain")
}

// safeName keeps letters, digits, '-' and '_' of s (a diagnostic code) for
// a file name.
func safeName(s string) string {
	out := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if out == "" {
		return "diagnostic"
	}
	return out
}

// docOrFile returns the open document u or, when it is not open, its file
// read from disk as a document of this session's encoding.
func (s *server) docOrFile(u uri.URI) (*document, error) {
	if d := s.docs.get(u); d != nil {
		return d, nil
	}
	path := fsPath(u)
	if path == "" {
		return nil, fmt.Errorf("%s is neither open nor a file", u)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &document{uri: u, kind: kindOf("", u), mapper: NewMapper(text, s.encoding())}, nil
}

func fromSeverity(sev protocol.DiagnosticSeverity) diag.Severity {
	switch sev {
	case protocol.DiagnosticSeverityWarning:
		return diag.Warning
	case protocol.DiagnosticSeverityInformation:
		return diag.Info
	case protocol.DiagnosticSeverityHint:
		return diag.Hint
	}
	return diag.Error
}

// explainers holds the session's explain engines: one per workspace root
// ("" for files outside every root), made on first use with the settings of
// that moment and made again when rts.ai.endpoint or rts.ai.model change.
type explainers struct {
	s  *server
	mu sync.Mutex
	by map[string]*engineEntry // by root; guarded by mu
}

type engineEntry struct {
	endpoint, model string
	engine          *explain.Engine
}

func newExplainers(s *server) *explainers { return &explainers{s: s, by: map[string]*engineEntry{}} }

// get returns the engine for root under the current settings.
func (x *explainers) get(root string) (*explain.Engine, error) {
	st := x.s.currentSettings()
	x.mu.Lock()
	defer x.mu.Unlock()
	if e := x.by[root]; e != nil && e.endpoint == st.AIEndpoint && e.model == st.AIModel {
		return e.engine, nil
	}
	log := x.s.log
	engine, err := explain.New(explain.Options{
		Workspace: root,
		Endpoint:  st.AIEndpoint, // the API key: from the environment only, read by explain
		Model:     st.AIModel,
		Logf:      func(format string, args ...any) { log.Info(fmt.Sprintf(format, args...)) },
	})
	if err != nil {
		return nil, err
	}
	x.by[root] = &engineEntry{endpoint: st.AIEndpoint, model: st.AIModel, engine: engine}
	return engine, nil
}

// existing returns the engine made for root, or nil.
func (x *explainers) existing(root string) *explain.Engine {
	x.mu.Lock()
	defer x.mu.Unlock()
	if e := x.by[root]; e != nil {
		return e.engine
	}
	return nil
}

// indexAll indexes every workspace root in the background, with work-done
// progress when the client supports it. Explain does not wait for it: an
// early question uses what the index holds.
func (x *explainers) indexAll() {
	x.s.mu.Lock()
	roots := x.s.roots
	x.s.mu.Unlock()
	for _, root := range roots {
		go x.index(root)
	}
}

func (x *explainers) index(root string) {
	s := x.s
	engine, err := x.get(root)
	if err != nil {
		s.log.Warn("explain: no engine", "root", root, "err", err)
		return
	}
	prog := s.startProgress(s.ctx, nil, "Indexing for Explain", filepath.Base(root))
	st, err := engine.Index(s.ctx, func(p explain.Progress) {
		if p.Total > 0 && (p.Done%25 == 0 || p.Done+1 == p.Total) {
			prog.report(fmt.Sprintf("%d/%d files", p.Done, p.Total), 100*p.Done/p.Total)
		}
	})
	if err != nil {
		prog.end("indexing failed")
		if !errors.Is(err, context.Canceled) {
			s.log.Warn("explain: indexing failed", "root", root, "err", err)
		}
		return
	}
	prog.end(fmt.Sprintf("%d files, %d passages", st.Files, st.Chunks))
	s.log.Info("explain: indexed", "root", root, "files", st.Files, "chunks", st.Chunks, "elapsed", st.Elapsed)
}

// fileChanged re-indexes (or drops) a *.md or *.wgsl file in the engine of
// its root, if one was made; a later first Index picks it up otherwise.
// content nil means the file was deleted.
func (x *explainers) fileChanged(path string, content []byte) {
	if !isIndexed(path) {
		return
	}
	engine := x.existing(x.s.rootFor(path))
	if engine == nil {
		return
	}
	var err error
	if content == nil {
		err = engine.RemoveFile(path)
	} else {
		err = engine.UpdateFile(x.s.ctx, path, content)
	}
	if err != nil {
		x.s.log.Warn("explain: re-indexing failed", "path", path, "err", err)
	}
}

// isIndexed reports whether Explain's index holds files like path.
func isIndexed(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".wgsl")
}
