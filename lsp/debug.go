package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.lsp.dev/protocol"
)

// debugMethods are requests served only with the debug.testMethods setting.
// They exist so tests can drive the cross-cutting paths of handler.go
// (cancellation, panic recovery) on the real binary.
var debugMethods = map[string]func(ctx context.Context, s *server, params any) (any, error){
	// rts/debug/sleep {"ms": N} answers "slept" after N ms, or fails when
	// its context is cancelled first.
	"rts/debug/sleep": func(ctx context.Context, _ *server, params any) (any, error) {
		var p struct {
			MS int `json:"ms"`
		}
		if raw, ok := params.(protocol.LSPAny); ok && len(raw) > 0 {
			if err := json.Unmarshal(raw, &p); err != nil {
				return nil, fmt.Errorf("rts/debug/sleep: %w", err)
			}
		}
		select {
		case <-time.After(time.Duration(p.MS) * time.Millisecond):
			return "slept", nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	},
	// rts/debug/panic panics.
	"rts/debug/panic": func(context.Context, *server, any) (any, error) {
		panic("rts/debug/panic called")
	},
}
