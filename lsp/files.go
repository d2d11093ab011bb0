package lsp

import (
	"os"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// fsPath is u's file system path, or "" when u is not a file: URI.
func fsPath(u uri.URI) string {
	if !u.IsFile() {
		return ""
	}
	return u.FsPath()
}

// input is what d's analyzer sees.
func (s *server) input(d *document) *docInput {
	return &docInput{URI: d.uri, Path: fsPath(d.uri), Text: d.content(), Read: s.readFile}
}

// readFile reads path, preferring the text of an open document at that path
// (unsaved edits count) over the disk.
func (s *server) readFile(path string) ([]byte, error) {
	if d := s.docs.byPath(path); d != nil {
		return d.content(), nil
	}
	return os.ReadFile(path)
}

// byPath returns the open document whose file is path, or nil.
func (s *store) byPath(path string) *document {
	path = filepath.Clean(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.docs[uri.File(path)]; ok {
		return d
	}
	for u, d := range s.docs { // URIs spelt differently (percent-encoding, case of a drive)
		if p := fsPath(u); p != "" && filepath.Clean(p) == path {
			return d
		}
	}
	return nil
}

// openDoc returns the open document u, or an error naming it.
func (s *server) openDoc(u uri.URI) (*document, error) {
	d := s.docs.get(u)
	if d == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s is not open", u)
	}
	return d, nil
}

// clientCaps are the client capabilities the server's features consult.
// They are read once, at initialize, and never change afterwards.
type clientCaps struct {
	workDoneProgress bool // window/workDoneProgress/create and $/progress
	showDocument     bool // window/showDocument
	watchDynamic     bool // didChangeWatchedFiles dynamic registration
	codeLens         bool // textDocument/codeLens (codelens.go)
	// pullDiagnostics: the client pulls (textDocument/diagnostic) and is
	// never pushed publishDiagnostics (diag_sources.go).
	pullDiagnostics bool
	// diagnosticRefresh: workspace/diagnostic/refresh is supported.
	diagnosticRefresh bool
	snippets          bool // completion items may be snippets (wgsl_complete.go)
	// showsCommandResults: the client shows rts.run's and rts.explain's
	// results itself (experimental.rts.showsCommandResults, run.go), so the
	// server sends no window/showMessage or showDocument for them.
	showsCommandResults bool
}

func clientCapsOf(c protocol.ClientCapabilities) clientCaps {
	var cc clientCaps
	if td := c.TextDocument; td != nil {
		cc.codeLens = td.CodeLens != nil
		cc.pullDiagnostics = td.Diagnostic != nil
		if comp := td.Completion; comp != nil && comp.CompletionItem != nil {
			cc.snippets = comp.CompletionItem.SnippetSupport != nil && *comp.CompletionItem.SnippetSupport
		}
	}
	cc.showsCommandResults = showsCommandResults(c.Experimental)
	if w := c.Window; w != nil {
		cc.workDoneProgress = w.WorkDoneProgress != nil && *w.WorkDoneProgress
		cc.showDocument = w.ShowDocument != nil && w.ShowDocument.Support
	}
	if w := c.Workspace; w != nil && w.DidChangeWatchedFiles != nil {
		cc.watchDynamic = w.DidChangeWatchedFiles.DynamicRegistration != nil && *w.DidChangeWatchedFiles.DynamicRegistration
	}
	if w := c.Workspace; w != nil && w.Diagnostics != nil {
		cc.diagnosticRefresh = w.Diagnostics.RefreshSupport != nil && *w.Diagnostics.RefreshSupport
	}
	return cc
}

// caps returns the client capabilities (after initialize).
func (s *server) caps() clientCaps {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clientCaps
}

// workspaceRoots are the paths of the workspace folders, else of rootUri
// (file: URIs only).
func workspaceRoots(p *protocol.InitializeParams) []string {
	var roots []string
	if folders, ok := p.WorkspaceFolders.Get(); ok {
		for _, f := range folders {
			if path := fsPath(f.URI); path != "" {
				roots = append(roots, filepath.Clean(path))
			}
		}
	}
	if len(roots) == 0 && p.RootURI != nil {
		if path := fsPath(*p.RootURI); path != "" {
			roots = append(roots, filepath.Clean(path))
		}
	}
	return roots
}

// rootFor is the workspace root holding path: the longest root that is a
// parent of it, else "" (no workspace: only the catalogue is indexed).
func (s *server) rootFor(path string) string {
	s.mu.Lock()
	roots := s.roots
	s.mu.Unlock()
	best := ""
	for _, r := range roots {
		rel, err := filepath.Rel(r, path)
		if err != nil || rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
			continue
		}
		if len(r) > len(best) {
			best = r
		}
	}
	return best
}
