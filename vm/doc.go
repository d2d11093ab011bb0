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
//   - (*GPU).WithShader (shader.go) runs the VM from edited WGSL source on
//     the same device; a rejected shader is a *ShaderError with naga's
//     position and message (shader_error.go).
//   - RunTests (runtests.go) runs manifest tests on both engines and says
//     per test what each gave.
//   - Package vm/spectest runs the WebAssembly spec suite on a GPU (any
//     shader); QuickFiles is the few-second subset.
//
// RATIONALE.md explains the design, the limits and what is excluded.
package vm
