package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// commands are the workspace/executeCommand commands, by name; each answers
// a value that encoding/json marshals.
var commands = map[string]func(s *server, ctx context.Context, params *protocol.ExecuteCommandParams) (any, error){
	cmdExplain: (*server).explainCommand, // explain.go
	cmdRun:     (*server).runCommand,     // run.go
}

// commandNames lists commands for executeCommandProvider, sorted.
func commandNames() []string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ExecuteCommand runs one of commands; an unknown one is InvalidParams.
func (s *server) ExecuteCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (protocol.LSPAny, error) {
	f, ok := commands[params.Command]
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "workspace/executeCommand: unknown command %q (known: %v)", params.Command, commandNames())
	}
	res, err := f(s, ctx, params)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(res)
	if err != nil {
		return nil, fmt.Errorf("%s: result: %w", params.Command, err)
	}
	return protocol.LSPAny(raw), nil
}
