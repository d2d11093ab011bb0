// Package cartridge is the PixelRTS v2 codec and the knowledge built on it:
// PNG chunk reading with limits checked before allocation, the Hilbert-order
// payload mapping, metadata (embedded tEXt chunks and JSON sidecars), payload
// detection (WebAssembly, ELF, text), the encoder, manifest diagnostics with
// quick fixes, and hover previews.
//
// Everything here is a pure function of its inputs: files are reached only
// through a ReadFileFunc supplied by the caller, and WebAssembly validation
// through the Options.ValidateWasm hook, so the package depends on the
// standard library alone. See FORMAT.md for the byte-level format and
// RATIONALE.md for the choices made where the format is ambiguous.
package cartridge
