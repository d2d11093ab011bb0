package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
)

// frameStream is the raw-frame side of jsonrpc2's header stream, which
// jsonrpc2.Conn uses when its Stream has these methods.
type frameStream interface {
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// tolerantStream lets a session survive a malformed message. jsonrpc2
// v1.0.1 ends the connection when a well-framed body is not a JSON-RPC
// message; JSON-RPC asks for an error response (id null) instead: Parse
// error (-32700) for a body that is not JSON, Invalid Request (-32600) for
// JSON that is not a message. tolerantStream answers those itself, reports
// them through bad, and hands only valid messages to the connection. Batch
// arrays (which LSP does not use) pass through to the library.
type tolerantStream struct {
	jsonrpc2.Stream
	frames frameStream
	bad    func(body []byte, err error)
}

func newTolerantStream(s jsonrpc2.Stream, bad func(body []byte, err error)) jsonrpc2.Stream {
	fs, ok := s.(frameStream)
	if !ok {
		return s // not the header stream: nothing to guard
	}
	return &tolerantStream{Stream: s, frames: fs, bad: bad}
}

// ReadFrame returns the next frame whose body is a valid message.
func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		body, n, err := s.frames.ReadFrame(ctx)
		if err != nil {
			return body, n, err
		}
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) > 0 && trimmed[0] == '[' {
			return body, n, nil
		}
		_, derr := jsonrpc2.DecodeMessage(body)
		if derr == nil {
			return body, n, nil
		}
		code, what := jsonrpc2.InvalidRequest, "invalid request"
		if !json.Valid(body) {
			code, what = jsonrpc2.ParseError, "parse error"
		}
		msg := fmt.Sprintf("%s: %v", what, derr)
		resp := fmt.Appendf(nil, `{"jsonrpc":"2.0","id":null,"error":{"code":%d,"message":%q}}`, code, msg)
		if _, err := s.frames.WriteFrame(ctx, resp); err != nil {
			return nil, 0, err
		}
		s.bad(body, derr)
	}
}

// WriteFrame writes one already-encoded body.
func (s *tolerantStream) WriteFrame(ctx context.Context, data []byte) (int64, error) {
	return s.frames.WriteFrame(ctx, data)
}
