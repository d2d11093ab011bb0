package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
)

// statusParams is the rts/status notification (editors/PROTOCOL.md).
type statusParams struct {
	State   string `json:"state"`             // "starting", "ready", "busy" or "error"
	Adapter string `json:"adapter,omitempty"` // WebGPU adapter name; "" when none is known
	Backend string `json:"backend,omitempty"` // "gpu" or "cpu"; "" while unknown
	Message string `json:"message,omitempty"`
}

// vmStatus says, at initialized, which backend runs cartridges and on
// which adapter: unknown ("") so far, because the GPU VM is opened lazily by
// the first rts.run (opening WebGPU takes a device and some 0.4 s, wasted on
// a session that only edits shaders); run.go's gpuKnown then sends
// rts/status again with the backend and the adapter's name.
//
// TODO(vm): to show the adapter from the start, probe it here (in the
// background, then call s.gpuKnown) once vm/ offers a cheap adapter query
// that does not create a device.
var vmStatus = func() (backend, adapter, message string) { return "", "", "" }

// sendStatus sends rts/status with the server's current state.
func (s *server) sendStatus() {
	backend, adapter, message := vmStatus()
	s.notify("rts/status", statusParams{State: "ready", Backend: backend, Adapter: adapter, Message: message})
}

// notify sends a notification protocol.Client has no method for; params
// are marshalled with encoding/json. A notification only writes, so this is
// safe from any handler.
func (s *server) notify(method string, params any) {
	raw, err := json.Marshal(params)
	if err != nil {
		s.log.Error("bug: notification params", "method", method, "err", err)
		return
	}
	if err := s.conn.Notify(context.WithoutCancel(s.ctx), method, jsonrpc2.RawMessage(raw)); err != nil {
		s.log.Warn("notification failed", "method", method, "err", err)
	}
}
