package lsp

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"

	"go.lsp.dev/protocol"
)

// logHandler is the server's slog handler: every record at or above the
// level goes to stderr as text and, once a client is connected, to the
// client as window/logMessage. Nothing is ever written to stdout, which
// carries the protocol.
type logHandler struct {
	text  slog.Handler
	level *slog.LevelVar
	send  *atomic.Pointer[sendFunc] // nil inside while no client is connected
	attrs []slog.Attr
}

// sendFunc forwards a log line to the client.
type sendFunc func(protocol.MessageType, string)

func newLogHandler(stderr io.Writer, level *slog.LevelVar) *logHandler {
	return &logHandler{
		text:  slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}),
		level: level,
		send:  new(atomic.Pointer[sendFunc]),
	}
}

// setSend starts (f non-nil) or stops forwarding records to the client.
func (h *logHandler) setSend(f sendFunc) {
	if f == nil {
		h.send.Store(nil)
		return
	}
	h.send.Store(&f)
}

func (h *logHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level.Level() }

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.text.Handle(ctx, r)
	if send := h.send.Load(); send != nil {
		var b strings.Builder
		b.WriteString(r.Message)
		write := func(a slog.Attr) bool {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
			return true
		}
		for _, a := range h.attrs {
			write(a)
		}
		r.Attrs(write)
		(*send)(messageType(r.Level), b.String())
	}
	return err
}

func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	nh := *h
	nh.text = h.text.WithAttrs(attrs)
	nh.attrs = append(append([]slog.Attr(nil), h.attrs...), attrs...)
	return &nh
}

func (h *logHandler) WithGroup(name string) slog.Handler {
	nh := *h
	nh.text = h.text.WithGroup(name)
	return &nh
}

func messageType(l slog.Level) protocol.MessageType {
	switch {
	case l >= slog.LevelError:
		return protocol.MessageTypeError
	case l >= slog.LevelWarn:
		return protocol.MessageTypeWarning
	case l >= slog.LevelInfo:
		return protocol.MessageTypeInfo
	}
	return protocol.MessageTypeLog
}
