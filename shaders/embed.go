// Package shaders holds the WGSL sources the rest of rts-lsp embeds.
package shaders

import _ "embed"

// WasmVM is the source of wasm_vm.wgsl, the WebAssembly interpreter the GPU
// VM dispatches (entry point "main"; bindings documented in the file).
//
//go:embed wasm_vm.wgsl
var WasmVM string
