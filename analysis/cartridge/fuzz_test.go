package cartridge

import "testing"

func FuzzDecodePNG(f *testing.F) {
	enc, _ := Encode([]byte("\x00asm\x01\x00\x00\x00 some payload"), EncodeOptions{Name: "f", Compress: "zlib"})
	f.Add(enc.PNG)
	f.Add(pngOf(ihdr(4, 4, 8, 6, 1), chunk("IDAT", zlibBytes(make([]byte, 80))), chunk("IEND", nil)))
	f.Add(pngOf(ihdr(2, 2, 16, 2, 0), chunk("zTXt", append([]byte("PixelRTS\x00\x00"), zlibBytes([]byte("{}"))...)), chunk("IDAT", zlibBytes(make([]byte, 26))), chunk("IEND", nil)))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{MaxPixels: 1 << 16, MaxPayload: 1 << 20, MaxText: 1 << 16}
		img, err := DecodePNG(data, opts)
		if err != nil {
			return
		}
		if img.Pix == nil || img.Pix.Rect.Dx() != img.Header.Width {
			t.Fatalf("decoded image %v does not match header %+v", img.Pix.Rect, img.Header)
		}
		if text, ok := img.EmbeddedMetadata(); ok {
			if m, err := ParseMeta(text); err == nil {
				ExtractPayload(img, m, opts)
			}
		}
		CheckEmbedded(data, opts)
	})
}

func FuzzCheckManifest(f *testing.F) {
	enc, _ := Encode(addWasm, wasmOpts())
	f.Add(enc.Sidecar)
	f.Add([]byte(`{"format":"pixelrts_v2","width":4,"height":4,"wasm_size":41,"encoding":"linear_rgb"}`))
	f.Add([]byte(`{"format":"PixelRTS-2.0","grid_size":4,"encoding":{"type":"RGBA-dense"},"offsets":{"a":{"start":0,"end":9},"b":{"start":3,"end":99}},"compression":{"type":"zlib"},"encoded_size":41}`))
	files := memFS{"c/x.rts.png": enc.PNG}
	f.Fuzz(func(t *testing.T, src []byte) {
		opts := Options{Cache: NewDecodeCache(1), MaxPayload: 1 << 20}
		ds := CheckManifest(src, "c/x.rts.meta.json", files.read, opts)
		for _, d := range ds {
			if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.Start > d.Span.End || d.Code == "" || d.Message == "" {
				t.Fatalf("bad diagnostic %+v for %d-byte input", d, len(src))
			}
		}
		for _, fx := range QuickFixes(src, "c/x.rts.meta.json", files.read, fullSpan(src), opts) {
			for _, e := range fx.Edits {
				if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End {
					t.Fatalf("fix %q has edit %v outside the %d-byte input", fx.Title, e.Span, len(src))
				}
			}
		}
		Hover(src, len(src)/2, "c/x.rts.meta.json", files.read, opts)
		for _, off := range []int{0, len(src) / 3, len(src) / 2, len(src) - 1} {
			e, ok := TestAt(src, off)
			if ok && (!e.Span.Contains(off) || e.Span.End > len(src) || e.InvokeSpan.End > len(src) || e.InvokeSpan.Start < e.Span.Start) {
				t.Fatalf("TestAt(%d) = %+v for a %d-byte input", off, e, len(src))
			}
		}
	})
}
