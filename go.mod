module github.com/rts-lsp/rts-lsp

go 1.26

require (
	github.com/cogentcore/webgpu v0.23.0
	github.com/go-json-experiment/json v0.0.0-20260623181947-01eb4420fa68
	github.com/klauspost/compress v1.18.0
	github.com/philippgille/chromem-go v0.7.0
	github.com/sashabaranov/go-openai v1.43.0
	github.com/tetratelabs/wazero v1.12.0
	go.lsp.dev/jsonrpc2 v1.0.1
	go.lsp.dev/protocol v1.0.1
	go.lsp.dev/uri v1.0.1
)

require golang.org/x/sys v0.45.0 // indirect
