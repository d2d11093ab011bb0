package lsp

import (
	"context"
	"errors"
	"io"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Options configure one server session.
type Options struct {
	// Version is reported to the client in serverInfo.
	Version string
	// Stderr receives the log (nil: discarded). Never the protocol stream.
	Stderr io.Writer
	// Settings are the initial settings, before the client's (zero value:
	// DefaultSettings).
	Settings *Settings
}

// Serve speaks LSP over in (client to server) and out (server to client)
// until the client sends exit or closes in. It returns the process exit
// code: 0 after shutdown then exit, 1 when the session ends without a
// shutdown request (exit alone, or in closed), as the LSP prescribes.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	s := newServer(ctx, opts)
	stream := newTolerantStream(jsonrpc2.NewStream(readWriteCloser{in, out}), func(body []byte, err error) {
		const max = 200
		if len(body) > max {
			body = append(body[:max:max], "..."...)
		}
		s.log.Warn("malformed message answered with an error", "err", err, "body", string(body))
	})
	conn := jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.connect(conn, protocol.ClientDispatcher(conn))
	conn.Go(ctx, s.handler(protocol.ServerHandler(s, nil)))

	select {
	case <-conn.Done():
		if err := conn.Err(); err != nil {
			s.log.Error("connection failed", "err", err)
		} else {
			s.log.Info("client closed the connection")
		}
	case <-s.exited:
	}
	cancel() // stop analyses and anything else still running
	s.disconnect()
	// Close lets in-flight handlers, which observe the cancelled context,
	// write their answers, then closes the streams. It can't always finish:
	// a read blocked on a stdin without the runtime poller (a blocking pipe)
	// is not interrupted by closing it. Everything answered is already
	// written, so give it a moment and go.
	closed := make(chan struct{})
	go func() { _ = conn.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(100 * time.Millisecond):
		s.log.Debug("connection still closing; leaving it")
	}
	if s.shutdownReceived() {
		return 0
	}
	return 1
}

// readWriteCloser joins the two halves of a stdio transport. Close closes
// whichever half is a Closer.
type readWriteCloser struct {
	io.Reader
	io.Writer
}

func (rwc readWriteCloser) Close() error {
	var errs []error
	if c, ok := rwc.Reader.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	if c, ok := rwc.Writer.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// codec marshals payloads with go.lsp.dev/protocol's union-aware JSON (the
// library's own codec is unexported, and we build the connection ourselves
// to put our wrapper handler in front of its dispatcher).
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	if raw, ok := v.(jsonrpc2.RawMessage); ok {
		if raw == nil {
			return []byte("null"), nil
		}
		return raw, nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}
