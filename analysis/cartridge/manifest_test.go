package cartridge

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// addWasm is the module (func (export "add") (param i32 i32) (result i32)
// (i32.add (local.get 0) (local.get 1))), assembled by hand.
var addWasm = []byte("\x00asm\x01\x00\x00\x00" +
	"\x01\x07\x01\x60\x02\x7f\x7f\x01\x7f" +
	"\x03\x02\x01\x00" +
	"\x07\x07\x01\x03add\x00\x00" +
	"\x0a\x09\x01\x07\x00\x20\x00\x20\x01\x6a\x0b")

type memFS map[string][]byte

func (m memFS) read(p string) ([]byte, error) {
	if b, ok := m[p]; ok {
		return b, nil
	}
	return nil, fmt.Errorf("open %s: %w", p, fs.ErrNotExist)
}

// fixture encodes payload and returns the files and the sidecar text.
func fixture(t testing.TB, payload []byte, o EncodeOptions) (memFS, string) {
	enc, err := Encode(payload, o)
	if err != nil {
		t.Fatal(err)
	}
	return memFS{"c/x.rts.png": enc.PNG}, string(enc.Sidecar)
}

func check(t testing.TB, files memFS, src string, opts Options) []diag.Diagnostic {
	opts.Cache = NewDecodeCache(4)
	return CheckManifest([]byte(src), "c/x.rts.meta.json", files.read, opts)
}

// spanOf is the span of the n-th (0-based) occurrence of sub in src.
func spanOf(src, sub string, n int) diag.Span {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], sub)
		if j < 0 {
			panic("no " + sub)
		}
		if i == n {
			return diag.Span{Start: off + j, End: off + j + len(sub)}
		}
		off += j + len(sub)
	}
}

func want(t *testing.T, ds []diag.Diagnostic, code string, span diag.Span, msgPart string) diag.Diagnostic {
	t.Helper()
	for _, d := range ds {
		if d.Code == code && d.Span == span && strings.Contains(d.Message, msgPart) {
			return d
		}
	}
	t.Fatalf("no %s at %v containing %q; got:\n%s", code, span, msgPart, dump(ds))
	return diag.Diagnostic{}
}

func dump(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %v %s %s: %s\n", d.Span, d.Severity, d.Code, d.Message)
	}
	return b.String()
}

func wasmOpts() EncodeOptions {
	return EncodeOptions{Name: "add", Type: "wasm", Extra: map[string]any{"tests": []any{map[string]any{"invoke": "add", "args": []any{1, 2}, "expect": []any{3}}}}}
}

func TestCleanManifestHasNoDiagnostics(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	if ds := check(t, files, src, Options{}); len(ds) != 0 {
		t.Fatalf("unexpected:\n%s", dump(ds))
	}
	// The .rts.png.meta.json spelling finds the same image.
	if got := ImagePathFor("c/x.rts.png.meta.json"); got != "c/x.rts.png" {
		t.Fatal(got)
	}
}

func TestWrongDataHashSitsOnTheValueAndIsFixable(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	m, _ := ParseMeta([]byte(src))
	bad := strings.Replace(src, m.DataHash, strings.Repeat("ab", 32), 1)
	ds := check(t, files, bad, Options{})
	span := spanOf(bad, `"`+strings.Repeat("ab", 32)+`"`, 0)
	want(t, ds, "cart-data-hash", span, m.DataHash)
	if len(ds) != 1 {
		t.Fatalf("want only the hash error (the embedded-mismatch duplicate is dropped):\n%s", dump(ds))
	}
	fixes := QuickFixes([]byte(bad), "c/x.rts.meta.json", files.read, span, Options{})
	var fixed []byte
	for _, f := range fixes {
		if f.Code == "cart-data-hash" {
			fixed = ApplyEdits([]byte(bad), f.Edits)
		}
	}
	if fixed == nil || string(fixed) != src {
		t.Fatalf("fix did not restore the manifest:\n%s", fixed)
	}
}

func TestGridSizeProblems(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	bad := strings.Replace(src, `"grid_size": 4`, `"grid_size": 3`, 1)
	want(t, check(t, files, bad, Options{}), "cart-grid-size", shift(spanOf(bad, "3,\n  \"hashes", 0), 0, 1), "not a power of two")
	bad = strings.Replace(src, `"grid_size": 4`, `"grid_size": 32`, 1)
	d := want(t, check(t, files, bad, Options{}), "cart-grid-mismatch", spanOf(bad, "32", 0), "image is 4x4")
	_ = d
	bad = strings.Replace(src, `"grid_size": 4`, `"grid_size": "4"`, 1)
	want(t, check(t, files, bad, Options{}), "cart-field-type", spanOf(bad, `"4"`, 0), "non-negative integer")
}

func TestMissingAndBrokenImage(t *testing.T) {
	_, src := fixture(t, addWasm, wasmOpts())
	fm := spanOf(src, `"format": "PixelRTS-2.0"`, 0)
	want(t, check(t, memFS{}, src, Options{}), "cart-image-missing", fm, "x.rts.png not found")
	broken := memFS{"c/x.rts.png": []byte("\x89PNG\r\n\x1a\nrubbish")}
	want(t, check(t, broken, src, Options{}), "cart-image-invalid", fm, "truncated chunk header")
}

func TestDataSizeBeyondCapacity(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	bad := strings.Replace(src, `"data_size": 41`, `"data_size": 999`, 1)
	want(t, check(t, files, bad, Options{}), "cart-data-size", spanOf(bad, "999", 0), "exceeds the image's capacity: a 4x4 image holds 64 bytes")
}

func TestSegments(t *testing.T) {
	payload := bytes.Repeat([]byte("0123456789"), 20)
	o := EncodeOptions{Name: "multi", Segments: []Segment{{Name: "kernel", Start: 0, End: 100}, {Name: "initrd", Start: 100, End: 200}}}
	files, src := fixture(t, payload, o)
	if ds := check(t, files, src, Options{}); len(ds) != 0 {
		t.Fatalf("clean multi-segment:\n%s", dump(ds))
	}
	// Overlap: initrd starts at 90.
	bad := strings.Replace(src, `"start": 100`, `"start": 90`, 1)
	ds := check(t, files, bad, Options{})
	want(t, ds, "cart-segment-overlap", spanOf(bad, `"kernel"`, 1), `overlaps segment "initrd"`)
	want(t, ds, "cart-segment-range", shift(spanOf(bad, `"size": 100`, 0), 8, 3), "end - start = 110")
	want(t, ds, "cart-segment-hash", shift(spanOf(bad, `"sha256": "`, 0), 10, 66), `segment "initrd"`)
	// Out of range: kernel ends at 300.
	bad = strings.Replace(src, `"end": 100`, `"end": 300`, 1)
	want(t, check(t, files, bad, Options{}), "cart-segment-range", spanOf(bad, "300", 0), "beyond the 200-byte payload")
}

// shift moves a span's start by ds and sets its length to n (n 0: keep the length).
func shift(s diag.Span, ds, n int) diag.Span {
	if n == 0 {
		n = s.Len()
	}
	return diag.Span{Start: s.Start + ds, End: s.Start + ds + n}
}

func TestEmbeddedMetadataDisagreement(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	bad := strings.Replace(src, `"name": "add"`, `"name": "sum"`, 1)
	ds := check(t, files, bad, Options{})
	want(t, ds, "cart-embedded-mismatch", spanOf(bad, `"sum"`, 0), `which has "add"`)
	var regen *Fix
	for _, f := range QuickFixes([]byte(bad), "c/x.rts.meta.json", files.read, spanOf(bad, `"sum"`, 0), Options{}) {
		if strings.HasPrefix(f.Title, "Regenerate") {
			regen = &f
		}
	}
	if regen == nil {
		t.Fatal("no regenerate fix")
	}
	if got := string(ApplyEdits([]byte(bad), regen.Edits)); got != src {
		t.Fatalf("regenerated sidecar differs:\n%s", got)
	}
}

func TestJSONProblemsHaveSpans(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	bad := strings.Replace(src, `"name": "add",`, `"name": "add" "x": 1,`, 1)
	ds := check(t, files, bad, Options{})
	want(t, ds, "cart-json-syntax", shift(spanOf(bad, `"x"`, 0), 0, 1), "expected ',' or '}'")
	dup := strings.Replace(src, `"name": "add",`, `"name": "add", "name": "add",`, 1)
	d := want(t, check(t, files, dup, Options{}), "cart-duplicate-key", spanOf(dup, `"name"`, 1), "duplicate key")
	if len(d.Related) != 1 || d.Related[0].Span != spanOf(dup, `"name"`, 0) {
		t.Fatalf("related %+v", d.Related)
	}
	huge := strings.Replace(src, `"data_size": 41`, `"data_size": 123456789012345678901234567890`, 1)
	want(t, check(t, files, huge, Options{}), "cart-number-range", spanOf(huge, "123456789012345678901234567890", 0), "64-bit integer")
	inf := strings.Replace(src, `"format_version": 2`, `"format_version": 1e999`, 1)
	want(t, check(t, files, inf, Options{}), "cart-number-range", spanOf(inf, "1e999", 0), "64-bit float")
}

func TestSchemaValues(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	for _, c := range []struct{ from, to, code, at, msg string }{
		{`"format": "PixelRTS-2.0"`, `"format": "PixelRTS-9"`, "cart-unknown-format", `"PixelRTS-9"`, "unknown format"},
		{`"type": "RGBA-dense"`, `"type": "RGBA-sparse"`, "cart-unknown-encoding", `"RGBA-sparse"`, "unknown encoding"},
		{`"mapping": "hilbert"`, `"mapping": "zorder"`, "cart-bad-value", `"zorder"`, "Hilbert"},
		{`"bytes_per_pixel": 4`, `"bytes_per_pixel": 3`, "cart-bad-value", "3,\n    \"mapping", "4 bytes per pixel"},
		{`"invoke": "add"`, `"invoke": 7`, "cart-tests-shape", "7\n", "function name"},
		{`"args": [`, `"args": ["one", `, "cart-tests-shape", `"one"`, "want numbers"},
		{`"invoke": "add"`, `"invoke": "mul"`, "cart-test-export", `"mul"`, "does not export"},
		{`"expect": [`, `"expect": [4, `, "cart-test-export", `[4, `, "returns 1 values, 2 expected"},
		{`"compression"`, `"compression"`, "", "", ""},
	} {
		if c.code == "" {
			continue
		}
		bad := strings.Replace(src, c.from, c.to, 1)
		if bad == src {
			t.Fatalf("fixture lacks %s", c.from)
		}
		span := spanOf(bad, c.at, 0)
		if i := strings.IndexAny(c.at, ",\n"); i > 0 && strings.Contains(c.at, "\n") {
			span.End = span.Start + i
		}
		if strings.HasSuffix(c.at, ", ") {
			// an array value: from "[" to "]"
			end := strings.Index(bad[span.Start:], "]")
			span.End = span.Start + end + 1
		}
		want(t, check(t, files, bad, Options{}), c.code, span, c.msg)
	}
}

func TestWasmValidationHookMessageIsShown(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	opts := Options{ValidateWasm: func(b []byte) error {
		if !bytes.Equal(b, addWasm) {
			return errors.New("not the payload")
		}
		return errors.New("function[0] is invalid: type mismatch")
	}}
	want(t, check(t, files, src, opts), "cart-wasm-invalid", spanOf(src, `"wasm"`, 0), "type mismatch")
	// Declared wasm but not a module.
	files2, src2 := fixture(t, []byte("hello, world"), EncodeOptions{Name: "t", Type: "wasm"})
	want(t, check(t, files2, src2, Options{}), "cart-wasm-invalid", spanOf(src2, `"wasm"`, 0), `\0asm magic (it looks like text)`)
}

func TestZstdCartridgeChecks(t *testing.T) {
	payload := bytes.Repeat([]byte("compress me "), 100)
	files, src := fixture(t, payload, EncodeOptions{Name: "z", Compress: "zstd-h5"})
	if ds := check(t, files, src, Options{}); len(ds) != 0 {
		t.Fatalf("clean zstd cartridge:\n%s", dump(ds))
	}
	bad := strings.Replace(src, `"data_size": 1200`, `"data_size": 1000`, 1)
	ds := check(t, files, bad, Options{})
	want(t, ds, "cart-data-size", spanOf(bad, "1000", 0), "payload is 1200 bytes")
}

func TestCompressedCartridgeChecks(t *testing.T) {
	payload := bytes.Repeat([]byte("compress me "), 100)
	files, src := fixture(t, payload, EncodeOptions{Name: "z", Compress: "zlib"})
	if ds := check(t, files, src, Options{}); len(ds) != 0 {
		t.Fatalf("clean zlib cartridge:\n%s", dump(ds))
	}
	bad := strings.Replace(src, `"data_size": 1200`, `"data_size": 1000`, 1)
	ds := check(t, files, bad, Options{})
	want(t, ds, "cart-data-size", spanOf(bad, "1000", 0), "payload is 1200 bytes")
}

func TestConvertedImageIsFlagged(t *testing.T) {
	enc := sampleCartridge(t, 200)
	rgb := convertedCartridge(t, enc, func(m *image.NRGBA) image.Image {
		o := image.NewNRGBA(m.Rect)
		copy(o.Pix, m.Pix)
		for i := 3; i < len(o.Pix); i += 4 {
			o.Pix[i] = 255
		}
		return o
	})
	src := string(enc.Sidecar)
	ds := check(t, memFS{"c/x.rts.png": rgb}, src, Options{})
	want(t, ds, "cart-image-format", spanOf(src, `"format": "PixelRTS-2.0"`, 0), "RGB")
	want(t, ds, "cart-data-hash", spanOf(src, `"`+strings.Split(strings.Split(src, `"data_hash": "`)[1], `"`)[0]+`"`, 0), "does not match")
}

func TestLegacySidecar(t *testing.T) {
	img := newTestImage(4, 4)
	for i, b := range addWasm {
		px := i / 3
		img.Pix.Pix[img.Pix.PixOffset(px%4, px/4)+i%3] = b
	}
	for i := 3; i < len(img.Pix.Pix); i += 4 {
		img.Pix.Pix[i] = 255
	}
	// Opaque, so image/png writes colour type 2 (RGB), as legacy tools did.
	var rgb bytes.Buffer
	png.Encode(&rgb, img.Pix)
	if rgb.Bytes()[25] != 2 {
		t.Fatal("want an RGB PNG")
	}
	files := memFS{"c/x.rts.png": rgb.Bytes()}
	src := `{"format": "pixelrts_v2", "width": 4, "height": 4, "embedded_type": "wasm", "wasm_size": 41, "encoding": "linear_rgb"}`
	if ds := check(t, files, src, Options{}); len(ds) != 0 {
		t.Fatalf("clean legacy:\n%s", dump(ds))
	}
	bad := strings.Replace(src, `"width": 4`, `"width": 8`, 1)
	want(t, check(t, files, bad, Options{}), "cart-grid-mismatch", spanOf(bad, "8", 0), "width 8")
	bad = strings.Replace(src, `"wasm_size": 41`, `"wasm_size": 49`, 1)
	want(t, check(t, files, bad, Options{}), "cart-data-size", spanOf(bad, "49", 0), "capacity")
}

func TestManifestPaths(t *testing.T) {
	for p, want := range map[string]bool{"a/x.rts.meta.json": true, "x.rts.png.meta.json": true, "x.json": false, "x.meta.json": false} {
		if IsManifestPath(p) != want {
			t.Errorf("IsManifestPath(%q) = %v", p, !want)
		}
	}
	for _, side := range SidecarPathsFor("a/x.rts.png") {
		if ImagePathFor(side) != "a/x.rts.png" || !IsManifestPath(side) {
			t.Errorf("sidecar %q does not map back", side)
		}
	}
}

func TestInterlacedImageIsOnlyInfo(t *testing.T) {
	enc := sampleCartridge(t, 900)
	img, _ := DecodePNG(enc.PNG, Options{})
	data := adam7(img.Pix, chunk("tEXt", append([]byte("PixelRTS\x00PixelRTS"), enc.Metadata...)))
	src := string(enc.Sidecar)
	ds := check(t, memFS{"c/x.rts.png": data}, src, Options{})
	d := want(t, ds, "cart-image-format", spanOf(src, `"format": "PixelRTS-2.0"`, 0), "interlaced")
	if d.Severity != diag.Info || len(ds) != 1 {
		t.Fatalf("want one info:\n%s", dump(ds))
	}
}
