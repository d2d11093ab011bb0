package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// handler wraps the protocol dispatcher with everything that concerns every
// message, so the feature files need not care:
//
//   - lifecycle: before initialize, requests are refused with
//     ServerNotInitialized and notifications dropped (exit excepted); after
//     shutdown, requests are refused with InvalidRequest;
//   - ordering: notifications (the document edits) run inline on the read
//     loop, in wire order; requests other than initialize and shutdown run
//     concurrently, so a slow one neither blocks edits nor its own
//     $/cancelRequest;
//   - cancellation: $/cancelRequest cancels the named request's context and
//     its answer becomes RequestCancelled;
//   - failures: a panic becomes an InternalError response (a call) and an
//     error log (stderr and window/logMessage), and the session goes on; a
//     notification's error (unknown method, malformed params) is logged and
//     ignored, since jsonrpc2 would close the connection on it; malformed
//     params of a call answer InvalidParams;
//   - timing: each call's duration is logged at debug level.
func (s *server) handler(inner jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() {
			return s.handleCall(ctx, req, inner)
		}
		s.handleNotification(ctx, req, inner)
		return nil, nil
	}
}

func (s *server) handleNotification(ctx context.Context, req *jsonrpc2.Request, inner jsonrpc2.Handler) {
	method := req.Method()
	if method == protocol.MethodCancelRequest {
		s.cancelRequest(req.Params())
		return
	}
	if method != protocol.MethodExit && s.lifecycle() == uninitialized {
		s.log.Warn("notification before initialize dropped", "method", method)
		return
	}
	_, err := s.protect(jsonrpc2.DetachContext(ctx), method, req, inner)
	if err == nil {
		return
	}
	var werr *jsonrpc2.Error
	level := slog.LevelWarn
	if errors.As(err, &werr) && werr.Code == jsonrpc2.MethodNotFound && strings.HasPrefix(method, "$/") {
		level = slog.LevelDebug // "$/" notifications are optional by spec
	}
	s.log.Log(ctx, level, "notification ignored", "method", method, "err", err)
}

func (s *server) handleCall(ctx context.Context, req *jsonrpc2.Request, inner jsonrpc2.Handler) (any, error) {
	method := req.Method()
	switch st := s.lifecycle(); {
	case st == uninitialized && method != protocol.MethodInitialize:
		return nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s: the server is not initialized", method)
	case st == shutDown:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s: the server is shutting down", method)
	}
	// Register before releasing the read loop, so a $/cancelRequest read
	// right after this request finds it. The handler's context derives from
	// the session's, not from jsonrpc2's pooled per-request context: a
	// context.WithCancel child of that one may call its Done after it was
	// recycled (jsonrpc2 v1.0.1), which panics.
	id := req.ID()
	callCtx, c := s.calls.start(jsonrpc2.DetachContext(ctx), id)
	defer s.calls.end(id)
	if method != protocol.MethodInitialize && method != protocol.MethodShutdown {
		jsonrpc2.Async(ctx) // req stays valid: Async clones it
		method = req.Method()
	}
	ctx = callCtx

	start := time.Now()
	result, err := s.protect(ctx, method, req, inner)
	s.log.Debug("request", "method", method, "duration", time.Since(start), "err", err)
	switch {
	case c.wasCancelled():
		return nil, protocol.ErrRequestCancelled
	case errors.Is(err, jsonrpc2.ErrParse):
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: invalid params: %v", method, err)
	case err != nil:
		return nil, err
	}
	return encodeAnswer(result), nil
}

// protect runs inner, turning a panic into an InternalError and an error log
// with the stack.
func (s *server) protect(ctx context.Context, method string, req *jsonrpc2.Request, inner jsonrpc2.Handler) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error(fmt.Sprintf("bug: %s panicked: %v", method, r), "stack", string(debug.Stack()))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
		}
	}()
	if !serverMethods[method] {
		// protocol.ServerHandler would insist on params for these; a request
		// without params is valid JSON-RPC.
		return s.Request(ctx, method, protocol.LSPAny(req.Params()))
	}
	return inner(ctx, req)
}

// cancelRequest handles $/cancelRequest. Unknown ids (already answered) and
// malformed params are logged and ignored.
func (s *server) cancelRequest(params jsonrpc2.RawMessage) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		s.log.Warn("$/cancelRequest with malformed params ignored", "err", err)
		return
	}
	var id jsonrpc2.ID
	var n int64
	var str string
	switch {
	case json.Unmarshal(p.ID, &n) == nil:
		id = jsonrpc2.NewNumberID(n)
	case json.Unmarshal(p.ID, &str) == nil:
		id = jsonrpc2.NewStringID(str)
	default:
		s.log.Warn("$/cancelRequest with malformed id ignored", "id", string(p.ID))
		return
	}
	if !s.calls.cancel(id) {
		s.log.Debug("$/cancelRequest for a request not in flight", "id", string(p.ID))
	}
}

// inflight tracks the calls being answered, for $/cancelRequest.
type inflight struct {
	mu    sync.Mutex
	calls map[jsonrpc2.ID]*call // guarded by mu
}

// call is one request being answered.
type call struct {
	cancel    context.CancelFunc
	mu        sync.Mutex
	cancelled bool // by $/cancelRequest; guarded by mu
}

func (c *call) wasCancelled() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cancelled
}

func newInflight() *inflight { return &inflight{calls: map[jsonrpc2.ID]*call{}} }

// start registers the call id and returns the context its handler runs in.
func (f *inflight) start(ctx context.Context, id jsonrpc2.ID) (context.Context, *call) {
	ctx, cancel := context.WithCancel(ctx)
	c := &call{cancel: cancel}
	f.mu.Lock()
	f.calls[id] = c
	f.mu.Unlock()
	return ctx, c
}

// end forgets the call id.
func (f *inflight) end(id jsonrpc2.ID) {
	f.mu.Lock()
	c := f.calls[id]
	delete(f.calls, id)
	f.mu.Unlock()
	if c != nil {
		c.cancel()
	}
}

// cancel cancels the call id and reports whether it was in flight.
func (f *inflight) cancel(id jsonrpc2.ID) bool {
	f.mu.Lock()
	c := f.calls[id]
	f.mu.Unlock()
	if c == nil {
		return false
	}
	c.mu.Lock()
	c.cancelled = true
	c.mu.Unlock()
	c.cancel()
	return true
}
