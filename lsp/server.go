// Package lsp is the language server: sessions, the document store,
// scheduling of analyses and conversion between the analysis packages' byte
// offsets and LSP positions. It knows the protocol and nothing of WGSL
// grammar or PNG bytes: each document kind is an analyzer (analyzer.go).
//
// Layout, one file per concern as in gopls and buf:
//
//	serve.go       Serve: the connection, the codec, the session's end
//	handler.go     the one wrapper around every message (lifecycle gating,
//	               ordering, cancellation, panics, notification errors, timing)
//	server.go      the server type, lifecycle and capability table
//	nyi.go         every protocol.Server method, "not yet implemented"
//	analyzer.go    document kinds: language id / file suffix -> analyzer
//	document.go    immutable document versions, incremental edits, the store
//	mapper.go      byte offsets <-> positions (UTF-16 or UTF-8)
//	textsync.go    didOpen, didChange, didClose, didSave
//	diagnostics.go debounced per-version analysis and publishDiagnostics
//	diag_sources.go what a document's diagnostics are; push or pull, refresh
//	workspace.go   configuration (initializationOptions, workspace/configuration)
//	settings.go    the Settings struct and its JSON form
//	log.go         logging to stderr and window/logMessage
//	debug.go       rts/debug/* requests for tests
//	files.go       document paths, reading files through open buffers
//	manifest.go    the cartridge manifest analyzer (analysis/cartridge)
//	hover.go       textDocument/hover
//	codeaction.go  textDocument/codeAction: quick fixes, "Explain"
//	command.go     workspace/executeCommand
//	explain.go     rts.explain, one explain.Engine per workspace root
//	run.go         rts.run: a cartridge's tests on the GPU VM and wazero (vm/)
//	progress.go    work-done progress
//	watch.go       didChangeWatchedFiles and its dynamic registration
//	cartinfo.go    the rts/cartridgeInfo request
//	status.go      the rts/status notification
//	formatting.go  textDocument/formatting and rangeFormatting
//	symbols.go     textDocument/documentSymbol
//	folding.go     textDocument/foldingRange
//	selection.go   textDocument/selectionRange
//	wgsl.go        the WGSL analyzer's editor features (format, outline)
//	custom.go      the table of custom (rts/*) requests
//	codelens.go    textDocument/codeLens: "Run tests" on a manifest's tests
//	testdiags.go   failed cartridge tests as diagnostics on their entries
//	onsave_shader.go saving the VM shader: recompile on the device, rerun tests
//	wgsl_*.go      WGSL editor features on one cached analysis per version
//
// A new document kind is an analyzer plus one entry in kinds. A new LSP
// feature is one file defining the protocol.Server method on *server (which
// overrides nyi's), declaring the optional analyzer interface it needs (say
// hoverer), plus its entry in capabilities().
package lsp

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// lifecycle is where a session stands.
type lifecycle int

const (
	uninitialized lifecycle = iota // before the initialize request
	initialized                    // serving
	shutDown                       // after the shutdown request
)

// server is one session with one client.
type server struct {
	nyi // answers every method not defined on *server

	ctx  context.Context // the session's; cancelled when it ends
	opts Options
	log  *slog.Logger // to stderr and, while connected, window/logMessage
	logs *logHandler  // log's handler
	// logLevel follows Settings.LogLevel.
	logLevel *slog.LevelVar

	client protocol.Client // set by connect before any message is read
	conn   jsonrpc2.Conn   // for notifications protocol.Client lacks; set with client

	// analyzers holds this session's analyzer of each kind; set at creation.
	analyzers map[*docKind]analyzer
	// cart is the session's cartridge state (decode cache, preview dir).
	cart *cartState
	// explainers holds the explain engines, one per workspace root.
	explainers *explainers

	mu       sync.Mutex // guards the fields below
	state    lifecycle
	settings Settings
	enc      Encoding
	// clientConfig: the client answers workspace/configuration.
	clientConfig bool
	// clientCaps are the client capabilities the features consult.
	clientCaps clientCaps
	// roots are the workspace folders' paths (workspaceFolders, else
	// rootUri), in the client's order; empty when it named none.
	roots []string
	// gpuStatus is what rts/status last said about the GPU VM (run.go).
	gpuStatus statusParams

	docs   *store
	diags  *scheduler
	extras *extraDiags // diagnostics of asynchronous sources (diag_sources.go)
	// refresh coalesces workspace/diagnostic/refresh requests.
	refresh refresher
	// wgsl caches the WGSL features' analysis per document (wgsl_cache.go).
	wgsl *wgslCache
	// tokens keeps the semantic tokens last sent per document (wgsl_tokens.go).
	tokens *tokenResults
	calls  *inflight
	exited chan struct{} // closed by the exit notification
	once   sync.Once     // closes exited
}

var _ protocol.Server = (*server)(nil)

func newServer(ctx context.Context, opts Options) *server {
	s := &server{
		ctx:      ctx,
		opts:     opts,
		logLevel: new(slog.LevelVar),
		settings: DefaultSettings(),
		docs:     newStore(),
		extras:   newExtraDiags(),
		wgsl:     newWGSLCache(),
		tokens:   newTokenResults(),
		calls:    newInflight(),
		exited:   make(chan struct{}),
	}
	if opts.Settings != nil {
		s.settings = *opts.Settings
	}
	s.logLevel.Set(s.settings.LogLevel)
	s.diags = newScheduler(s)
	s.cart = newCartState()
	s.explainers = newExplainers(s)
	s.analyzers = map[*docKind]analyzer{}
	for _, k := range kinds {
		s.analyzers[k] = k.newAnalyzer(s)
	}
	stderr := opts.Stderr
	if stderr == nil {
		stderr = nopWriter{}
	}
	s.logs = newLogHandler(stderr, s.logLevel)
	s.log = slog.New(s.logs)
	return s
}

// connect attaches the connection and the client dispatcher over it and
// starts logging to it.
func (s *server) connect(conn jsonrpc2.Conn, c protocol.Client) {
	s.conn = conn
	s.client = c
	s.logs.setSend(func(t protocol.MessageType, msg string) {
		// A notification only writes; it cannot deadlock the read loop.
		_ = c.LogMessage(context.WithoutCancel(s.ctx), &protocol.LogMessageParams{Type: t, Message: msg})
	})
}

// disconnect stops logging to the client (the connection is going away).
func (s *server) disconnect() { s.logs.setSend(nil) }

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }

func (s *server) lifecycle() lifecycle {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

func (s *server) currentSettings() Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

func (s *server) encoding() Encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

func (s *server) shutdownReceived() bool { return s.lifecycle() == shutDown }

// Initialize negotiates the position encoding, reads initializationOptions
// and announces the capabilities.
func (s *server) Initialize(_ context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.mu.Lock()
	if s.state != uninitialized {
		s.mu.Unlock()
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize: the server is already initialized")
	}
	// UTF-8 saves the server work and is exact for byte offsets: take it
	// when offered, else the mandatory UTF-16.
	s.enc = UTF16
	caps := params.Capabilities
	if caps.General != nil && slices.Contains(caps.General.PositionEncodings, protocol.PositionEncodingKindUTF8) {
		s.enc = UTF8
	}
	s.clientConfig = caps.Workspace != nil && caps.Workspace.Configuration != nil && *caps.Workspace.Configuration
	s.clientCaps = clientCapsOf(caps)
	s.roots = workspaceRoots(params)
	next, warnings, err := applySettings(s.settings, params.InitializationOptions)
	if err == nil {
		s.settings = next
		s.logLevel.Set(next.LogLevel)
	}
	s.state = initialized
	enc := s.enc
	s.mu.Unlock()

	for _, w := range warnings {
		s.log.Warn(w)
	}
	if err != nil {
		s.log.Error("initializationOptions ignored", "err", err)
	}
	name := params.ClientInfo.Name
	if name == "" {
		name = "unknown client"
	}
	s.log.Info("initialized", "client", name, "positionEncoding", enc.String())

	return &protocol.InitializeResult{
		Capabilities: s.capabilities(enc),
		ServerInfo:   protocol.ServerInfo{Name: "rts-lsp", Version: protocol.NewOptional(s.opts.Version)},
	}, nil
}

// capabilities is the capability table: one entry per feature file.
func (s *server) capabilities(enc Encoding) protocol.ServerCapabilities {
	yes := true
	change := protocol.TextDocumentSyncKindIncremental
	return protocol.ServerCapabilities{
		PositionEncoding: protocol.PositionEncodingKind(enc.String()),
		TextDocumentSync: &protocol.TextDocumentSyncOptions{ // textsync.go
			OpenClose: &yes,
			Change:    &change,
			Save:      &protocol.SaveOptions{},
		},
		HoverProvider: protocol.Boolean(true), // hover.go
		// Not CodeActionOptions with a kind list: "Explain" actions have no
		// kind (codeaction.go), and a list would let clients filter them out.
		CodeActionProvider:     protocol.Boolean(true),                                   // codeaction.go
		ExecuteCommandProvider: protocol.ExecuteCommandOptions{Commands: commandNames()}, // command.go
		CodeLensProvider:       s.codeLensOptions(),                                      // codelens.go
		// WGSL only today (wgsl.go); other kinds answer empty results.
		DocumentFormattingProvider:      protocol.Boolean(true), // formatting.go
		DocumentRangeFormattingProvider: protocol.Boolean(true), // formatting.go
		DocumentSymbolProvider:          protocol.Boolean(true), // symbols.go
		FoldingRangeProvider:            protocol.Boolean(true), // folding.go
		SelectionRangeProvider:          protocol.Boolean(true), // selection.go
		// WGSL editor features (wgsl_*.go); other kinds answer empty results.
		DefinitionProvider: protocol.Boolean(true), TypeDefinitionProvider: protocol.Boolean(true), ReferencesProvider: protocol.Boolean(true), DocumentHighlightProvider: protocol.Boolean(true), // wgsl_nav.go
		RenameProvider:     &protocol.RenameOptions{PrepareProvider: &yes},                             // wgsl_nav.go
		CompletionProvider: wgslCompletionOptions(), SignatureHelpProvider: wgslSignatureHelpOptions(), // wgsl_complete.go
		SemanticTokensProvider: wgslSemanticTokensOptions(), InlayHintProvider: protocol.Boolean(true), // wgsl_tokens.go, wgsl_inlay.go
		DiagnosticProvider: wgslDiagnosticOptions(), WorkspaceSymbolProvider: protocol.Boolean(true), // wgsl_pull.go, wgsl_symbols.go
	}
}

// Initialized pulls the "rts" settings section when the client offers
// workspace/configuration.
func (s *server) Initialized(context.Context, *protocol.InitializedParams) error {
	s.pullConfiguration()
	s.registerWatchers()    // watch.go
	s.sendStatus()          // status.go
	s.explainers.indexAll() // explain.go
	s.pruneCaches()         // cachedir.go
	return nil
}

// Shutdown stops analyses; the process ends on exit.
func (s *server) Shutdown(context.Context) error {
	s.mu.Lock()
	s.state = shutDown
	s.mu.Unlock()
	s.diags.stopAll()
	s.log.Info("shutdown")
	return nil
}

// Exit ends the session; Serve returns.
func (s *server) Exit(context.Context) error {
	s.once.Do(func() { close(s.exited) })
	return nil
}

// SetTrace is accepted and ignored: the log level is a setting.
func (s *server) SetTrace(context.Context, *protocol.SetTraceParams) error { return nil }

// Request answers methods that protocol.Server does not name: the custom
// rts/* requests (custom.go), the debug methods when enabled, else
// MethodNotFound.
func (s *server) Request(ctx context.Context, method string, params any) (any, error) {
	if f, ok := customMethods[method]; ok {
		raw, _ := params.(protocol.LSPAny)
		return f(s, ctx, raw)
	}
	if s.currentSettings().DebugMethods {
		if f, ok := debugMethods[method]; ok {
			return f(ctx, s, params)
		}
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.MethodNotFound, Message: fmt.Sprintf("method not found: %s", method)}
}
