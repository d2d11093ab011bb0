package lsp

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/outline"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Workspace symbols: the module-scope declarations (and struct members) of
// every .wgsl file under the workspace roots and of every open WGSL
// document, matched against the query as a case-insensitive subsequence.
// Files are read through open buffers (unsaved edits count) and parsed per
// request; the walk skips hidden directories and node_modules and stops at
// wgslSymbolFileLimit files.

const (
	wgslSymbolFileLimit   = 2000
	wgslSymbolResultLimit = 500
)

// Symbols answers workspace/symbol.
func (s *server) Symbols(ctx context.Context, params *protocol.WorkspaceSymbolParams) (protocol.WorkspaceSymbolResult, error) {
	s.mu.Lock()
	roots := slices.Clone(s.roots)
	s.mu.Unlock()
	files := map[string]bool{}
	var order []string
	add := func(p string) {
		if !files[p] && len(order) < wgslSymbolFileLimit {
			files[p] = true
			order = append(order, p)
		}
	}
	s.docs.mu.Lock()
	for u := range s.docs.docs {
		if p := fsPath(u); strings.HasSuffix(p, ".wgsl") {
			add(filepath.Clean(p))
		}
	}
	s.docs.mu.Unlock()
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil || len(order) >= wgslSymbolFileLimit {
				return filepath.SkipDir
			}
			if e.IsDir() {
				if n := e.Name(); p != root && (strings.HasPrefix(n, ".") || n == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(p, ".wgsl") {
				add(filepath.Clean(p))
			}
			return nil
		})
	}
	out := protocol.WorkspaceSymbolSlice{}
	for _, p := range order {
		if ctx.Err() != nil || len(out) >= wgslSymbolResultLimit {
			break
		}
		src, err := s.readFile(p)
		if err != nil {
			continue
		}
		file, _ := syntax.Parse(src)
		m := NewMapper(src, s.encoding())
		u := uri.File(p)
		var walk func(syms []outline.Symbol, container string)
		walk = func(syms []outline.Symbol, container string) {
			for _, sy := range syms {
				if wgslFuzzyMatch(params.Query, sy.Name) && len(out) < wgslSymbolResultLimit {
					r, err := m.Range(sy.NameSpan)
					if err == nil {
						ws := protocol.WorkspaceSymbol{Location: &protocol.Location{URI: u, Range: r}}
						ws.Name, ws.Kind = sy.Name, wgslSymbolKind(sy)
						if container != "" {
							c := container
							ws.ContainerName = &c
						}
						out = append(out, ws)
					}
				}
				walk(sy.Children, sy.Name)
			}
		}
		walk(outline.Symbols(file), "")
	}
	return out, nil
}

// fuzzyMatch reports whether query's letters appear in name in order,
// ignoring case (an empty query matches everything).
func wgslFuzzyMatch(query, name string) bool {
	q, n := strings.ToLower(query), strings.ToLower(name)
	for _, r := range q {
		i := strings.IndexRune(n, r)
		if i < 0 {
			return false
		}
		n = n[i+len(string(r)):]
	}
	return true
}
