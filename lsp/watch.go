package lsp

import (
	"context"
	"os"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
)

// watchedGlobs are the files whose changes on disk the server follows:
// cartridge images (their open manifests are re-checked) and the files
// Explain indexes.
var watchedGlobs = []string{"**/*.rts.png", "**/*.md", "**/*.wgsl"}

// registerWatchers registers watchedGlobs with client/registerCapability
// when the client supports dynamic registration of didChangeWatchedFiles
// (the protocol has no static form). It returns at once: the request is
// made from its own goroutine, since Initialized runs on the read loop.
func (s *server) registerWatchers() {
	if !s.caps().watchDynamic {
		return
	}
	var opts protocol.DidChangeWatchedFilesRegistrationOptions
	for _, g := range watchedGlobs {
		opts.Watchers = append(opts.Watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(g)})
	}
	raw, err := protocol.Marshal(&opts)
	if err != nil {
		s.log.Error("bug: watcher registration", "err", err)
		return
	}
	go func() {
		err := s.client.RegisterCapability(s.ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
			ID:              "rts-lsp/watched-files",
			Method:          "workspace/didChangeWatchedFiles",
			RegisterOptions: raw,
		}}})
		if err != nil {
			s.log.Warn("client/registerCapability for watched files failed", "err", err)
		}
	}()
}

// DidChangeWatchedFiles re-checks the open manifests of a changed cartridge
// image and keeps Explain's index in step with *.md and *.wgsl files.
func (s *server) DidChangeWatchedFiles(_ context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	for _, ch := range params.Changes {
		path := fsPath(ch.URI)
		if path == "" {
			continue
		}
		lower := strings.ToLower(path)
		switch {
		case strings.HasSuffix(lower, ".png"):
			for _, sidecar := range cartridge.SidecarPathsFor(path) {
				if d := s.docs.byPath(sidecar); d != nil && d.kind != nil {
					s.log.Debug("image changed: re-checking its manifest", "image", path, "manifest", d.uri)
					s.diagnosticsChanged(d.uri) // diag_sources.go: push or refresh
				}
			}
		case isIndexed(path):
			go func() { // off the read loop: embedding takes a moment
				var content []byte
				if ch.Type != protocol.FileChangeTypeDeleted {
					b, err := os.ReadFile(path)
					if err != nil {
						s.log.Debug("watched file unreadable", "path", path, "err", err)
						return
					}
					content = b
				}
				s.explainers.fileChanged(path, content)
			}()
		}
	}
	return nil
}
