// Package vm runs WebAssembly (MVP) on the GPU: a WGSL interpreter
// (shaders/wasm_vm.wgsl) dispatched through WebGPU, checked against wazero.
//
//   - Load validates a module with wazero, decodes it (module.go) and lowers
//     it to the shader's fixed-width instruction stream (lower.go).
//   - GPU (gpu.go) owns one WebGPU device on one goroutine and runs a Batch:
//     one VM instance per argument list, in as many resumable dispatches as
//     the fuel and the device need. Results carry values or a TrapKind with
//     the function and module offset, and the instructions executed.
//   - CPU (cpu.go) runs the same calls on wazero; Compare and SameTrap say
//     whether the two agree.
//   - GenModule (gen.go) makes random valid programs for differential tests.
//
// RATIONALE.md explains the design, the limits and what is excluded.
package vm
