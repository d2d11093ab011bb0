package cartridge

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand"
	"strings"
	"testing"
)

func TestD2xyIsAContinuousBijection(t *testing.T) {
	for _, side := range []int{1, 2, 4, 8, 64, 256} {
		seen := make([]bool, side*side)
		px, py := -1, -1
		for d := 0; d < side*side; d++ {
			x, y := d2xy(side, d)
			if x < 0 || y < 0 || x >= side || y >= side || seen[y*side+x] {
				t.Fatalf("side %d: d=%d -> (%d,%d) out of range or repeated", side, d, x, y)
			}
			seen[y*side+x] = true
			if d > 0 && abs(x-px)+abs(y-py) != 1 {
				t.Fatalf("side %d: d=%d (%d,%d) not adjacent to d-1 (%d,%d)", side, d, x, y, px, py)
			}
			px, py = x, y
		}
	}
}

func TestD2xyKnownPoints(t *testing.T) {
	// The classic orientation: for side 4 the curve starts at (0,0), steps
	// right to (1,0), and ends at (3,0).
	want := [][2]int{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 2}, {0, 3}, {1, 3}, {1, 2}, {2, 2}, {2, 3}, {3, 3}, {3, 2}, {3, 1}, {2, 1}, {2, 0}, {3, 0}}
	for d, w := range want {
		if x, y := d2xy(4, d); x != w[0] || y != w[1] {
			t.Errorf("d2xy(4,%d) = (%d,%d), want (%d,%d)", d, x, y, w[0], w[1])
		}
	}
}

func TestHilbertTableMatchesD2xy(t *testing.T) {
	for _, side := range []int{1, 2, 4, 32, 512} {
		tab := buildHilbertTable(side)
		for d := range tab {
			x, y := d2xy(side, d)
			if int(tab[d]) != y*side+x {
				t.Fatalf("side %d d %d: table %d, d2xy (%d,%d)", side, d, tab[d], x, y)
			}
		}
	}
}

func TestGridSizeFor(t *testing.T) {
	for _, c := range []struct{ n, side int }{{0, 4}, {1, 4}, {64, 4}, {65, 8}, {256, 8}, {257, 16}, {4 << 20, 1024}, {4<<20 + 1, 2048}} {
		if got := GridSizeFor(c.n); got != c.side {
			t.Errorf("GridSizeFor(%d) = %d, want %d", c.n, got, c.side)
		}
	}
}

func randomPayload(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name     string
		n        int
		mode     string
		compress string
	}{
		{"dense-small", 13, ModeDense, ""},
		{"dense-exact", 256, ModeDense, ""},
		{"dense-zlib", 5000, ModeDense, "zlib"},
		{"code", 777, ModeCode, ""},
		{"code-zlib", 777, ModeCode, "zlib"},
		{"empty", 0, ModeDense, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			payload := randomPayload(c.n, int64(c.n))
			if c.compress != "" {
				payload = bytes.Repeat(payload[:min(len(payload), 50)], 100)
			}
			enc, err := Encode(payload, EncodeOptions{Name: "p", Type: "blob", Mode: c.mode, Compress: c.compress})
			if err != nil {
				t.Fatal(err)
			}
			img, err := DecodePNG(enc.PNG, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if img.Header.Width != enc.GridSize || img.Header.ColorType != 6 || img.Header.BitDepth != 8 {
				t.Fatalf("header %+v, grid %d", img.Header, enc.GridSize)
			}
			text, ok := img.EmbeddedMetadata()
			if !ok || !bytes.Equal(text, enc.Metadata) {
				t.Fatalf("embedded metadata %q, want %q", text, enc.Metadata)
			}
			raw := img.Text("PixelRTS").Text
			if !bytes.HasPrefix(raw, []byte("PixelRTS{")) {
				t.Fatalf("tEXt should be PixelRTS + JSON, got %.20q", raw)
			}
			m, err := ParseMeta(enc.Sidecar)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ExtractPayload(img, m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(p.Data, payload) {
				t.Fatalf("payload differs: got %d bytes, want %d", len(p.Data), len(payload))
			}
			sum := sha256.Sum256(payload)
			if p.SHA256 != hex.EncodeToString(sum[:]) || m.DataHash != p.SHA256 {
				t.Fatalf("hash %s, meta %s", p.SHA256, m.DataHash)
			}
		})
	}
}

func TestDenseLayoutByteForByte(t *testing.T) {
	// Byte n lies in pixel n/4, channel n%4, at d2xy(side, n/4).
	payload := make([]byte, 64)
	for i := range payload {
		payload[i] = byte(i + 1)
	}
	enc, err := Encode(payload, EncodeOptions{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodePNG(enc.PNG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if enc.GridSize != 4 {
		t.Fatalf("grid %d", enc.GridSize)
	}
	for n, b := range payload {
		x, y := d2xy(4, n/4)
		if got := img.Pix.Pix[img.Pix.PixOffset(x, y)+n%4]; got != b {
			t.Fatalf("byte %d at (%d,%d) ch %d = %d, want %d", n, x, y, n%4, got, b)
		}
	}
}

func TestMetadataIsSortedCompactPythonStyle(t *testing.T) {
	enc, err := Encode([]byte("hello"), EncodeOptions{Name: "h", Type: "text", Description: "caf\u00e9 <&>", Compress: "zlib"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(enc.Metadata)
	if strings.Contains(s, " ") && !strings.Contains(s, "caf") {
		t.Fatalf("not compact: %s", s)
	}
	for _, want := range []string{`"caf\u00e9 <&>"`, `{"compression":{"compressed_size":`, `"format":"PixelRTS-2.0","format_version":2,"grid_size":4,`} {
		if !strings.Contains(s, want) {
			t.Errorf("metadata lacks %s:\n%s", want, s)
		}
	}
	if !strings.Contains(string(enc.Sidecar), "{\n  \"compression\": {\n    \"compressed_size\": ") {
		t.Errorf("sidecar not indented like json.dumps(indent=2):\n%s", enc.Sidecar)
	}
}

func TestPythonFloat(t *testing.T) {
	for f, want := range map[float64]string{1: "1.0", 0.5: "0.5", 1234567.5: "1234567.5", 1e16: "1e+16", 1.5e-5: "1.5e-05", 0: "0.0", 0.0001: "0.0001"} {
		if got := pythonFloat(f); got != want {
			t.Errorf("pythonFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestZstdRoundTripAndBomb(t *testing.T) {
	payload := bytes.Repeat([]byte("zstd payload "), 500)
	enc, err := Encode(payload, EncodeOptions{Name: "z", Compress: "zstd-h5"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodePNG(enc.PNG, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMeta(enc.Sidecar)
	if err != nil {
		t.Fatal(err)
	}
	if m.Compression != "zstd-h5" {
		t.Fatalf("compression = %q", m.Compression)
	}
	p, err := ExtractPayload(img, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Data, payload) {
		t.Fatalf("zstd round trip lost data: %d bytes back, want %d", len(p.Data), len(payload))
	}
	// A frame that inflates beyond the declared original size is refused, not allocated.
	m.OriginalSize = 100
	if _, err := ExtractPayload(img, m, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("zstd bomb: err = %v, want ErrTooLarge", err)
	}
	// Garbage is an error, not a panic.
	junk, _ := Encode([]byte("not a zstd frame"), EncodeOptions{})
	jimg, _ := DecodePNG(junk.PNG, Options{})
	jm, _ := ParseMeta([]byte(`{"format":"PixelRTS-2.0","grid_size":4,"encoding":{"type":"RGBA-dense"},"compression":{"type":"zstd-h5"},"encoded_size":16}`))
	if _, err := ExtractPayload(jimg, jm, Options{}); err == nil || !strings.Contains(err.Error(), "zstd") {
		t.Fatalf("junk zstd: err = %v", err)
	}
}

func TestLegacyLinearRGB(t *testing.T) {
	payload := []byte("\x00asm\x01\x00\x00\x00")
	// 2x2 image, 3 bytes per pixel row-major.
	img := newTestImage(2, 2)
	for i, b := range payload {
		px := i / 3
		img.Pix.Pix[img.Pix.PixOffset(px%2, px/2)+i%3] = b
	}
	m, err := ParseMeta([]byte(`{"format":"pixelrts_v2","width":2,"height":2,"embedded_type":"wasm","wasm_size":8,"encoding":"linear_rgb"}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ExtractPayload(img, m, Options{})
	if err != nil || !bytes.Equal(p.Data, payload) {
		t.Fatalf("got %q, %v", p.Data, err)
	}
}
