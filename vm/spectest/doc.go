// Package spectest runs the WebAssembly MVP spec suite (as converted by
// wast2json and shipped inside the wazero module) on an Engine: the GPU VM,
// with the embedded shader or one built from edited source
// ((*vm.GPU).WithShader), so a changed VM shader can be checked in seconds
// with QuickFiles or in full with every file.
//
// Counted per file: assert_return and assert_trap (run on the engine),
// assert_invalid and assert_malformed of binary modules (wazero's
// validator), assertions needing the CPU (f64 arithmetic the GPU VM hands
// back) and unsupported ones (imports other than none, registered modules).
// Text-format assertions are skipped: wast2json gives no binary for them.
package spectest
