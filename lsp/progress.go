package lsp

import (
	"context"
	"fmt"
	"sync/atomic"

	"go.lsp.dev/protocol"
)

// progress reports one piece of work-done progress ($/progress begin,
// report, end). A nil *progress reports nothing: the client offered no
// token and does not support window/workDoneProgress/create.
type progress struct {
	s       *server
	token   protocol.ProgressToken
	release func() // forgets the token's cancel (cancellable progress only)
}

var progressSeq atomic.Int64

// startProgress begins progress titled title on token (a request's
// workDoneToken) or, when token is nil and the client supports it, on a
// token created with window/workDoneProgress/create. It must not be called
// from a notification handler (create is a request whose answer the read
// loop delivers).
//
// Progress on a created token is cancellable when ctx is a run's context
// (runRegistry.start): window/workDoneProgress/cancel for the token then
// cancels the run. On a request's token the client cancels the request
// instead ($/cancelRequest).
func (s *server) startProgress(ctx context.Context, token protocol.ProgressToken, title, message string) *progress {
	p := &progress{s: s, token: token}
	begin := protocol.WorkDoneProgressBegin{Kind: "begin", Title: title}
	if token == nil {
		if !s.caps().workDoneProgress {
			return nil
		}
		name := fmt.Sprintf("rts-lsp/%d", progressSeq.Add(1))
		p.token = protocol.String(name)
		if err := s.client.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: p.token}); err != nil {
			s.log.Debug("window/workDoneProgress/create failed", "err", err)
			return nil
		}
		if cancel, ok := ctx.Value(runCancelKey{}).(context.CancelFunc); ok {
			yes := true
			begin.Cancellable = &yes
			p.release = s.cart.runs.watchToken(name, cancel)
		}
	}
	if message != "" {
		begin.Message = &message
	}
	p.send(begin)
	return p
}

// report sends a message and, when pct >= 0, a percentage.
func (p *progress) report(message string, pct int) {
	if p == nil {
		return
	}
	r := protocol.WorkDoneProgressReport{Kind: "report", Message: &message}
	if pct >= 0 {
		u := uint32(min(pct, 100))
		r.Percentage = &u
	}
	p.send(r)
}

// end ends the progress with a final message.
func (p *progress) end(message string) {
	if p == nil {
		return
	}
	if p.release != nil {
		p.release()
	}
	e := protocol.WorkDoneProgressEnd{Kind: "end"}
	if message != "" {
		e.Message = &message
	}
	p.send(e)
}

// WorkDoneProgressCancel cancels the run behind a cancellable progress the
// server created; other tokens (ended, unknown, or a request's) are
// ignored.
func (s *server) WorkDoneProgressCancel(_ context.Context, params *protocol.WorkDoneProgressCancelParams) error {
	if name, ok := params.Token.(protocol.String); ok {
		s.cart.runs.cancelToken(string(name))
	}
	return nil
}

func (p *progress) send(v any) {
	raw, err := protocol.Marshal(v)
	if err != nil {
		p.s.log.Error("bug: $/progress value", "err", err)
		return
	}
	// Progress outlives a cancelled request (its end must still arrive).
	ctx := context.WithoutCancel(p.s.ctx)
	if err := p.s.client.Progress(ctx, &protocol.ProgressParams{Token: p.token, Value: raw}); err != nil {
		p.s.log.Debug("$/progress failed", "err", err)
	}
}
