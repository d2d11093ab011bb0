package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

// customMethods are the requests outside the LSP that the server answers
// (editors/PROTOCOL.md). params is the raw JSON (nil when absent); the
// result is marshalled as is, so handlers return jsonrpc2.RawMessage made
// with encoding/json.
var customMethods = map[string]func(s *server, ctx context.Context, params protocol.LSPAny) (any, error){
	"rts/cartridgeInfo": (*server).cartridgeInfo, // cartinfo.go
}
