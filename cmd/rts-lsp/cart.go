package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/vm"
)

func init() {
	register(&command{name: "cart", summary: "PixelRTS cartridges: info, decode, encode, verify", run: cartMain})
}

const cartUsage = `Usage:
  rts-lsp cart info FILE [--json]        describe a cartridge (FILE: X.rts.png or its X.rts.meta.json)
  rts-lsp cart decode FILE [-o OUT]      write the payload to OUT (default stdout)
  rts-lsp cart encode INPUT [-o X.rts.png] [--name N] [--type T] [--mode RGBA-dense|RGBA-code] [--compress zlib|zstd-h5]
                                         build X.rts.png and its sidecar X.rts.meta.json
  rts-lsp cart verify FILE               check hashes, sizes and metadata; exit 1 on any mismatch
`

func cartMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, cartUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "info":
		return cartInfo(args[1:], stdout, stderr)
	case "decode":
		return cartDecode(args[1:], stdout, stderr)
	case "encode":
		return cartEncode(args[1:], stdout, stderr)
	case "verify":
		return cartVerify(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "rts-lsp cart: unknown subcommand %q\n\n%s", args[0], cartUsage)
	return 2
}

func cartOptions() cartridge.Options {
	return cartridge.Options{ValidateWasm: vm.ValidateLine}
}

// parseInterspersed parses flags that may come before or after positional
// arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// cartFiles resolves FILE to the PNG and (if present) its sidecar.
func cartFiles(file string) (pngPath, sidecar string) {
	if strings.HasSuffix(file, ".json") {
		return cartridge.ImagePathFor(file), file
	}
	for _, s := range []string{strings.TrimSuffix(file, ".png") + ".meta.json", file + ".meta.json"} {
		if _, err := os.Stat(s); err == nil {
			return file, s
		}
	}
	return file, ""
}

// loaded is a cartridge read from disk for the CLI.
type loaded struct {
	pngPath, sidecar string
	img              *cartridge.Image
	meta             *cartridge.Meta
	metaFrom         string
	payload          *cartridge.Payload
	payloadErr       error
}

func loadCart(file string, opts cartridge.Options) (*loaded, error) {
	l := &loaded{}
	l.pngPath, l.sidecar = cartFiles(file)
	data, err := os.ReadFile(l.pngPath)
	if err != nil {
		return nil, err
	}
	if l.img, err = cartridge.DecodePNG(data, opts); err != nil {
		return nil, fmt.Errorf("%s: %w", l.pngPath, err)
	}
	if text, ok := l.img.EmbeddedMetadata(); ok && !strings.HasSuffix(file, ".json") {
		if l.meta, err = cartridge.ParseMeta(text); err != nil {
			return nil, fmt.Errorf("%s: embedded metadata: %w", l.pngPath, err)
		}
		l.metaFrom = "embedded tEXt"
	} else if l.sidecar != "" {
		text, err := os.ReadFile(l.sidecar)
		if err != nil {
			return nil, err
		}
		if l.meta, err = cartridge.ParseMeta(text); err != nil {
			return nil, fmt.Errorf("%s: %w", l.sidecar, err)
		}
		l.metaFrom = l.sidecar
	} else {
		return nil, fmt.Errorf("%s: no PixelRTS metadata (no tEXt chunk and no sidecar)", l.pngPath)
	}
	l.payload, l.payloadErr = cartridge.ExtractPayload(l.img, l.meta, opts)
	return l, nil
}

type infoJSON struct {
	File        string              `json:"file"`
	Sidecar     string              `json:"sidecar,omitempty"`
	Width       int                 `json:"width"`
	Height      int                 `json:"height"`
	ColorType   string              `json:"color_type"`
	BitDepth    int                 `json:"bit_depth"`
	Notes       []string            `json:"notes,omitempty"`
	Chunks      []string            `json:"chunks"`
	MetaFrom    string              `json:"metadata_from"`
	Format      string              `json:"format"`
	Name        string              `json:"name,omitempty"`
	Type        string              `json:"type,omitempty"`
	Mode        string              `json:"mode"`
	Compression string              `json:"compression,omitempty"`
	DataHash    string              `json:"data_hash,omitempty"`
	Payload     *payloadJSON        `json:"payload,omitempty"`
	PayloadErr  string              `json:"payload_error,omitempty"`
	Segments    []cartridge.Segment `json:"segments,omitempty"`
	Blueprint   json.RawMessage     `json:"blueprint,omitempty"`
}

type payloadJSON struct {
	Size        int                 `json:"size"`
	SHA256      string              `json:"sha256"`
	HashOK      bool                `json:"hash_ok"`
	Kind        string              `json:"kind"`
	Entropy     float64             `json:"entropy"`
	Wasm        *cartridge.WasmInfo `json:"wasm,omitempty"`
	ELF         *cartridge.ELFInfo  `json:"elf,omitempty"`
	TextPreview string              `json:"text_preview,omitempty"`
}

func cartInfo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cart info", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, cartUsage)
		return 2
	}
	l, err := loadCart(pos[0], cartOptions())
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart info: %v\n", err)
		return 2
	}
	h := l.img.Header
	out := infoJSON{File: l.pngPath, Sidecar: l.sidecar, Width: h.Width, Height: h.Height, ColorType: cartridge.ColorTypeName(h.ColorType),
		BitDepth: h.BitDepth, Notes: l.img.Notes, MetaFrom: l.metaFrom, Format: l.meta.Format, Name: l.meta.Name, Type: l.meta.Type,
		Mode: l.meta.Encoding, Compression: l.meta.Compression, DataHash: l.meta.DataHash, Segments: l.meta.Segments}
	if l.meta.IsLegacy() {
		out.Mode = cartridge.ModeLinear
	}
	if bp, ok := l.img.EmbeddedBlueprint(); ok && json.Valid(bp) {
		out.Blueprint = bp
	}
	for _, c := range l.img.Chunks {
		out.Chunks = append(out.Chunks, fmt.Sprintf("%s(%d)", c.Type, len(c.Data)))
	}
	if l.payloadErr != nil {
		out.PayloadErr = l.payloadErr.Error()
	} else {
		info := cartridge.DetectPayload(l.payload.Data)
		out.Payload = &payloadJSON{Size: len(l.payload.Data), SHA256: l.payload.SHA256, HashOK: strings.EqualFold(l.payload.SHA256, l.meta.DataHash),
			Kind: string(info.Kind), Entropy: info.Entropy, Wasm: info.Wasm, ELF: info.ELF, TextPreview: info.TextPreview}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
		return 0
	}
	fmt.Fprintf(stdout, "%s: %dx%d %d-bit %s, %d chunks (%s)\n", out.File, h.Width, h.Height, h.BitDepth, out.ColorType, len(out.Chunks), strings.Join(out.Chunks, " "))
	for _, n := range out.Notes {
		fmt.Fprintf(stdout, "  note: %s\n", n)
	}
	fmt.Fprintf(stdout, "  metadata: %s from %s; name %q, type %q, mode %s", out.Format, out.MetaFrom, out.Name, out.Type, out.Mode)
	if out.Compression != "" {
		fmt.Fprintf(stdout, ", %s", out.Compression)
	}
	fmt.Fprintln(stdout)
	for _, s := range out.Segments {
		fmt.Fprintf(stdout, "  segment %q [%d, %d)\n", s.Name, s.Start, s.End)
	}
	if out.Blueprint != nil {
		fmt.Fprintf(stdout, "  blueprint: %d bytes of JSON (PixelRTS-Blueprint chunk)\n", len(out.Blueprint))
	}
	if out.PayloadErr != "" {
		fmt.Fprintf(stdout, "  payload: cannot be read: %s\n", out.PayloadErr)
		return 0
	}
	p := out.Payload
	status := "matches data_hash"
	if !p.HashOK {
		status = "DOES NOT MATCH data_hash " + out.DataHash
	}
	fmt.Fprintf(stdout, "  payload: %d bytes, %s, entropy %.2f bits/byte, sha256 %s (%s)\n", p.Size, p.Kind, p.Entropy, p.SHA256, status)
	switch {
	case p.Wasm != nil:
		fmt.Fprintf(stdout, "  wasm: version %d, %d functions, %d imports, %d memories\n", p.Wasm.Version, p.Wasm.Functions, len(p.Wasm.Imports), len(p.Wasm.Memories))
		for _, e := range p.Wasm.Exports {
			fmt.Fprintf(stdout, "    export %s %s%s\n", e.Kind, e.Name, e.Signature)
		}
		for _, i := range p.Wasm.Imports {
			fmt.Fprintf(stdout, "    import %s %s.%s%s\n", i.Kind, i.Module, i.Name, i.Signature)
		}
		if p.Wasm.Err != "" {
			fmt.Fprintf(stdout, "    malformed: %s\n", p.Wasm.Err)
		}
	case p.ELF != nil:
		fmt.Fprintf(stdout, "  elf: %d-bit %s %s, %s, entry 0x%x\n", p.ELF.Class, p.ELF.Endian, p.ELF.Type, p.ELF.Machine, p.ELF.Entry)
	case p.TextPreview != "":
		fmt.Fprintf(stdout, "  text: %q\n", abbrev(p.TextPreview, 100))
	}
	return 0
}

func abbrev(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func cartDecode(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cart decode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outPath := fs.String("o", "", "output file (default stdout)")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, cartUsage)
		return 2
	}
	l, err := loadCart(pos[0], cartOptions())
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart decode: %v\n", err)
		return 2
	}
	if l.payloadErr != nil {
		fmt.Fprintf(stderr, "rts-lsp cart decode: %s: %v\n", l.pngPath, l.payloadErr)
		return 1
	}
	if l.meta.DataHash != "" && !strings.EqualFold(l.meta.DataHash, l.payload.SHA256) {
		fmt.Fprintf(stderr, "rts-lsp cart decode: warning: payload sha256 %s does not match data_hash %s\n", l.payload.SHA256, l.meta.DataHash)
	}
	if *outPath == "" {
		_, err = stdout.Write(l.payload.Data)
	} else {
		err = os.WriteFile(*outPath, l.payload.Data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart decode: %v\n", err)
		return 2
	}
	return 0
}

func cartEncode(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cart encode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outPath := fs.String("o", "", "output PNG (default INPUT without extension + .rts.png)")
	name := fs.String("name", "", "cartridge name (default: INPUT's base name)")
	typ := fs.String("type", "", "payload type: wasm, kernel, initrd, ... (default: detected)")
	mode := fs.String("mode", cartridge.ModeDense, "RGBA-dense or RGBA-code")
	compress := fs.String("compress", "", "zlib or zstd-h5 (default: none)")
	level := fs.Int("level", 6, "zlib level 1-9")
	desc := fs.String("description", "", "free-text description")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, cartUsage)
		return 2
	}
	in := pos[0]
	payload, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart encode: %v\n", err)
		return 2
	}
	base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
	if *name == "" {
		*name = base
	}
	if *typ == "" {
		switch cartridge.DetectPayload(payload).Kind {
		case cartridge.KindWasm:
			*typ = "wasm"
		case cartridge.KindELF:
			*typ = "kernel"
		}
	}
	if *outPath == "" {
		*outPath = filepath.Join(filepath.Dir(in), base+".rts.png")
	}
	enc, err := cartridge.Encode(payload, cartridge.EncodeOptions{Name: *name, Type: *typ, Mode: *mode, Compress: *compress, Level: *level, Description: *desc})
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart encode: %v\n", err)
		return 2
	}
	sidecar := strings.TrimSuffix(*outPath, ".png") + ".meta.json"
	if err := os.WriteFile(*outPath, enc.PNG, 0o644); err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart encode: %v\n", err)
		return 2
	}
	if err := os.WriteFile(sidecar, enc.Sidecar, 0o644); err != nil {
		fmt.Fprintf(stderr, "rts-lsp cart encode: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "wrote %s (%dx%d, %d-byte payload) and %s\n", *outPath, enc.GridSize, enc.GridSize, len(payload), sidecar)
	return 0
}

func cartVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cart verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, cartUsage)
		return 2
	}
	opts := cartOptions()
	pngPath, sidecar := cartFiles(pos[0])
	findings := 0
	checked := 0
	if !strings.HasSuffix(pos[0], ".json") {
		data, err := os.ReadFile(pngPath)
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp cart verify: %v\n", err)
			return 2
		}
		text, ds, err := cartridge.CheckEmbedded(data, opts)
		switch {
		case err != nil && sidecar == "":
			fmt.Fprintf(stdout, "%s: error: %v\n", pngPath, err)
			return 1
		case err == nil:
			checked++
			findings += printDiags(stdout, pngPath+" [embedded metadata]", text, ds)
		}
	}
	if sidecar != "" {
		src, err := os.ReadFile(sidecar)
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp cart verify: %v\n", err)
			return 2
		}
		checked++
		ds := cartridge.CheckManifest(src, sidecar, os.ReadFile, opts)
		findings += printDiags(stdout, sidecar, src, ds)
	}
	if findings > 0 {
		fmt.Fprintf(stdout, "%s: FAILED (%d problems)\n", pngPath, findings)
		return 1
	}
	fmt.Fprintf(stdout, "%s: OK (%d metadata source(s) verified)\n", pngPath, checked)
	return 0
}

// printDiags prints diagnostics as FILE:LINE:COL: severity: message [code]
// and returns how many are errors or warnings.
func printDiags(w io.Writer, file string, src []byte, ds []diag.Diagnostic) int {
	n := 0
	for _, d := range ds {
		line, col := lineCol(src, d.Span.Start)
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", file, line, col, d.Severity, d.Message, d.Code)
		if d.Severity == diag.Error || d.Severity == diag.Warning {
			n++
		}
	}
	return n
}

func lineCol(src []byte, off int) (int, int) {
	off = min(max(off, 0), len(src))
	line := 1 + strings.Count(string(src[:off]), "\n")
	col := off - strings.LastIndexByte(string(src[:off]), '\n')
	return line, col
}
