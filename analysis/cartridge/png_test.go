package cartridge

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func chunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	writeChunk(&b, typ, data)
	return b.Bytes()
}

func ihdr(w, h uint32, depth, ctype, interlace byte) []byte {
	d := make([]byte, 13)
	binary.BigEndian.PutUint32(d[0:], w)
	binary.BigEndian.PutUint32(d[4:], h)
	d[8], d[9], d[12] = depth, ctype, interlace
	return chunk("IHDR", d)
}

func zlibBytes(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&out, zlib.BestCompression)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

func pngOf(chunks ...[]byte) []byte {
	out := append([]byte(nil), pngSignature...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}

func sampleCartridge(t testing.TB, n int) *Encoded {
	enc, err := Encode(randomPayload(n, 7), EncodeOptions{Name: "s", Type: "blob"})
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func TestTruncatedPNGNeverPanicsAndSaysWhere(t *testing.T) {
	enc := sampleCartridge(t, 300)
	for cut := 0; cut < len(enc.PNG); cut++ {
		_, err := DecodePNG(enc.PNG[:cut], Options{})
		if err == nil {
			t.Fatalf("cut at %d: no error", cut)
		}
	}
	_, err := DecodePNG(enc.PNG[:len(enc.PNG)-20], Options{})
	var pe *PNGError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("want a located truncation error, got %v", err)
	}
}

func TestBadCRC(t *testing.T) {
	enc := sampleCartridge(t, 300)
	bad := append([]byte(nil), enc.PNG...)
	idat := bytes.Index(bad, []byte("IDAT"))
	bad[idat+10] ^= 0xff
	_, err := DecodePNG(bad, Options{})
	if err == nil || !strings.Contains(err.Error(), `CRC mismatch in "IDAT"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestHugeHeaderRefusedBeforeAllocation(t *testing.T) {
	data := pngOf(ihdr(65535, 65535, 8, 6, 0), chunk("IDAT", zlibBytes(make([]byte, 100))), chunk("IEND", nil))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := DecodePNG(data, Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("allocated %d bytes before refusing", grew)
	}
	// A configured larger limit lets a bigger (but honest) image through.
	if _, err := DecodePNG(sampleCartridge(t, 300).PNG, Options{MaxPixels: 4}); err == nil {
		t.Fatal("MaxPixels 4 should refuse a 16x16 image")
	}
}

func TestZTXtBombIsBounded(t *testing.T) {
	bomb := append([]byte("PixelRTS\x00\x00"), zlibBytes(make([]byte, 8<<20))...)
	enc := sampleCartridge(t, 100)
	// Insert the zTXt right after IHDR.
	data := append(append(append([]byte(nil), enc.PNG[:33]...), chunk("zTXt", bomb)...), enc.PNG[33:]...)
	_, err := DecodePNG(data, Options{})
	if err == nil || !strings.Contains(err.Error(), "zTXt") || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v", err)
	}
	if _, err := DecodePNG(data, Options{MaxText: 16 << 20}); err != nil {
		t.Fatalf("with a larger MaxText: %v", err)
	}
}

func TestZTXtAndITXtMetadataAreRead(t *testing.T) {
	enc := sampleCartridge(t, 100)
	meta := append([]byte("PixelRTS"), enc.Metadata...)
	for _, c := range [][]byte{
		chunk("zTXt", append([]byte("PixelRTS\x00\x00"), zlibBytes(meta)...)),
		chunk("iTXt", append([]byte("PixelRTS\x00\x01\x00en\x00\x00"), zlibBytes(meta)...)),
		chunk("iTXt", append([]byte("PixelRTS\x00\x00\x00\x00\x00"), enc.Metadata...)), // plain JSON, no prefix
	} {
		// Replace the tEXt chunk with c.
		img, _ := DecodePNG(enc.PNG, Options{})
		t0 := img.Text("PixelRTS")
		end := t0.Offset + 12 + len(t0.Text) + len("PixelRTS") + 1
		data := append(append(append([]byte(nil), enc.PNG[:t0.Offset]...), c...), enc.PNG[end:]...)
		img2, err := DecodePNG(data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, ok := img2.EmbeddedMetadata()
		if !ok || !bytes.Equal(got, enc.Metadata) {
			t.Fatalf("%s: metadata %q", img2.Texts[0].Chunk, got)
		}
	}
}

func TestZlibPayloadBombIsBounded(t *testing.T) {
	stream := zlibBytes(make([]byte, 4<<20))
	enc, err := Encode(stream, EncodeOptions{Name: "bomb"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodePNG(enc.PNG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := ParseMeta([]byte(`{"format":"PixelRTS-2.0","encoding":{"type":"RGBA-dense"},"compression":{"type":"zlib","original_size":100},"encoded_size":` + strconv.Itoa(len(stream)) + `}`))
	if _, err := ExtractPayload(img, m, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("declared original_size 100: err = %v", err)
	}
	m.OriginalSize = 0
	if _, err := ExtractPayload(img, m, Options{MaxPayload: 1 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("MaxPayload 1 MiB: err = %v", err)
	}
}

// convertedCartridge re-encodes a cartridge's pixels with image/png in
// another colour model, keeping its metadata chunk.
func convertedCartridge(t *testing.T, enc *Encoded, conv func(*image.NRGBA) image.Image) []byte {
	img, err := DecodePNG(enc.PNG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, conv(img.Pix)); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	text := chunk("tEXt", append([]byte("PixelRTS\x00PixelRTS"), enc.Metadata...))
	return append(append(append([]byte(nil), out[:33]...), text...), out[33:]...)
}

func TestNonRGBAColourTypesAreConvertedWithANote(t *testing.T) {
	enc := sampleCartridge(t, 200)
	cases := map[string]struct {
		conv func(*image.NRGBA) image.Image
		note string
	}{
		"gray": {func(m *image.NRGBA) image.Image {
			g := image.NewGray(m.Rect)
			for i := range g.Pix {
				g.Pix[i] = m.Pix[i*4]
			}
			return g
		}, "grayscale"},
		"rgb": {func(m *image.NRGBA) image.Image {
			o := image.NewNRGBA(m.Rect)
			copy(o.Pix, m.Pix)
			for i := 3; i < len(o.Pix); i += 4 {
				o.Pix[i] = 255 // opaque: image/png writes colour type 2
			}
			return o
		}, "RGB"},
		"palette": {func(m *image.NRGBA) image.Image {
			p := image.NewPaletted(m.Rect, color.Palette{color.Black, color.White})
			return p
		}, "palette"},
		"16-bit": {func(m *image.NRGBA) image.Image {
			o := image.NewNRGBA64(m.Rect)
			for y := 0; y < m.Rect.Dy(); y++ {
				for x := 0; x < m.Rect.Dx(); x++ {
					c := m.NRGBAAt(x, y)
					o.SetNRGBA64(x, y, color.NRGBA64{uint16(c.R)<<8 | 0x12, uint16(c.G)<<8 | 0x34, uint16(c.B)<<8 | 0x56, uint16(c.A)<<8 | 0x78})
				}
			}
			return o
		}, "16-bit"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			data := convertedCartridge(t, enc, c.conv)
			img, err := DecodePNG(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(img.Notes) == 0 || !strings.Contains(strings.Join(img.Notes, ";"), c.note) {
				t.Fatalf("notes %q lack %q", img.Notes, c.note)
			}
			if name == "16-bit" {
				// High bytes are the original 8-bit pixels: the payload survives.
				m, _ := ParseMeta(enc.Metadata)
				p, err := ExtractPayload(img, m, Options{})
				if err != nil || p.SHA256 != m.DataHash {
					t.Fatalf("16-bit payload: %v, hash %s", err, p.SHA256)
				}
			}
		})
	}
}

// adam7 encodes an 8-bit RGBA image as an interlaced PNG (filter 0 rows).
func adam7(m *image.NRGBA, texts ...[]byte) []byte {
	passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var raw []byte
	for _, p := range passes {
		if p[0] >= w || p[1] >= h {
			continue
		}
		for y := p[1]; y < h; y += p[3] {
			raw = append(raw, 0)
			for x := p[0]; x < w; x += p[2] {
				raw = append(raw, m.Pix[m.PixOffset(x, y):][:4]...)
			}
		}
	}
	cs := [][]byte{ihdr(uint32(w), uint32(h), 8, 6, 1)}
	cs = append(cs, texts...)
	cs = append(cs, chunk("IDAT", zlibBytes(raw)), chunk("IEND", nil))
	return pngOf(cs...)
}

func TestInterlacedPNGDecodesToTheSamePayload(t *testing.T) {
	enc := sampleCartridge(t, 900)
	img, _ := DecodePNG(enc.PNG, Options{})
	data := adam7(img.Pix, chunk("tEXt", append([]byte("PixelRTS\x00PixelRTS"), enc.Metadata...)))
	img2, err := DecodePNG(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !img2.Header.Interlaced || !strings.Contains(strings.Join(img2.Notes, ";"), "interlaced") {
		t.Fatalf("header %+v notes %q", img2.Header, img2.Notes)
	}
	m, _ := ParseMeta(enc.Metadata)
	p, err := ExtractPayload(img2, m, Options{})
	if err != nil || p.SHA256 != m.DataHash {
		t.Fatalf("interlaced payload: %v %s", err, p.SHA256)
	}
}

func TestInvalidHeaders(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"signature":   {[]byte("GIF89a......"), "signature"},
		"zero width":  {pngOf(ihdr(0, 4, 8, 6, 0), chunk("IEND", nil)), "invalid image size"},
		"bad depth":   {pngOf(ihdr(4, 4, 3, 6, 0), chunk("IEND", nil)), "bit depth 3"},
		"bad ctype":   {pngOf(ihdr(4, 4, 8, 5, 0), chunk("IEND", nil)), "colour type 5"},
		"no IHDR":     {pngOf(chunk("IDAT", nil), chunk("IEND", nil)), "want IHDR"},
		"no IDAT":     {pngOf(ihdr(4, 4, 8, 6, 0), chunk("IEND", nil)), "no IDAT"},
		"bad keyword": {pngOf(ihdr(4, 4, 8, 6, 0), chunk("tEXt", []byte("\x00x")), chunk("IEND", nil)), "keyword"},
	} {
		if _, err := DecodePNG(c.data, Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

func TestBlueprintChunk(t *testing.T) {
	enc := sampleCartridge(t, 100)
	bp := chunk("tEXt", []byte("PixelRTS-Blueprint\x00PixelRTS-Blueprint{\"layers\":[]}"))
	data := append(append(append([]byte(nil), enc.PNG[:33]...), bp...), enc.PNG[33:]...)
	img, err := DecodePNG(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := img.EmbeddedBlueprint()
	if !ok || string(got) != `{"layers":[]}` {
		t.Fatalf("blueprint %q %v", got, ok)
	}
	if meta, ok := img.EmbeddedMetadata(); !ok || !bytes.Equal(meta, enc.Metadata) {
		t.Fatal("metadata lost next to a blueprint")
	}
}
