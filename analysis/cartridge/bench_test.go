package cartridge

import (
	"bytes"
	"image/png"
	"math/rand"
	"strings"
	"testing"
)

// benchPayload is 4 MiB - 64 bytes of mixed content (a 1024x1024 cartridge):
// runs of code-like bytes, text and noise, so the PNG compresses somewhat,
// like real payloads.
func benchPayload() []byte {
	r := rand.New(rand.NewSource(1))
	var b bytes.Buffer
	for b.Len() < 4<<20-64 {
		switch r.Intn(3) {
		case 0:
			n := 64 + r.Intn(4096)
			buf := make([]byte, n)
			r.Read(buf)
			b.Write(buf)
		case 1:
			b.WriteString(strings.Repeat("local.get 0 i32.const 1 i32.add ", 1+r.Intn(64)))
		case 2:
			for i := 0; i < 512; i++ {
				b.WriteByte(byte(r.Intn(16)))
			}
		}
	}
	return b.Bytes()[:4<<20-64]
}

// BenchmarkDecode1024 compares, in one run, image/png decoding a 1024x1024
// cartridge alone with the full cartridge decode (chunk walk and CRCs,
// image/png, Hilbert remap, SHA-256). Throughput is payload bytes.
func BenchmarkDecode1024(b *testing.B) {
	payload := benchPayload()
	enc, err := Encode(payload, EncodeOptions{Name: "bench"})
	if err != nil || enc.GridSize != 1024 {
		b.Fatal(err, enc.GridSize)
	}
	meta, _ := ParseMeta(enc.Metadata)
	b.Run("image-png-only", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		for b.Loop() {
			if _, err := png.Decode(bytes.NewReader(enc.PNG)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cartridge", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		for b.Loop() {
			img, err := DecodePNG(enc.PNG, Options{})
			if err != nil {
				b.Fatal(err)
			}
			p, err := ExtractPayload(img, meta, Options{})
			if err != nil || p.SHA256 != meta.DataHash {
				b.Fatal(err)
			}
		}
	})
	img, _ := DecodePNG(enc.PNG, Options{})
	b.Run("remap-and-hash-only", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		for b.Loop() {
			if _, err := ExtractPayload(img, meta, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkHover measures a hover on a 1024x1024 cartridge's data_hash:
// "cold" decodes the PNG each time (a fresh cache), "warm" is a repeated
// hover served from the decode cache (keyed by content hash, or by
// path+size+mtime in "warm-stat").
func BenchmarkHover(b *testing.B) {
	enc, err := Encode(benchPayload(), EncodeOptions{Name: "bench", Type: "blob"})
	if err != nil {
		b.Fatal(err)
	}
	files := memFS{"c/x.rts.png": enc.PNG}
	src := enc.Sidecar
	off := bytes.Index(src, []byte(`"data_hash"`)) + 2
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, ok := Hover(src, off, "c/x.rts.meta.json", files.read, Options{Cache: NewDecodeCache(1)}); !ok {
				b.Fatal("no hover")
			}
		}
	})
	warm := Options{Cache: NewDecodeCache(1)}
	b.Run("warm", func(b *testing.B) {
		for b.Loop() {
			if _, ok := Hover(src, off, "c/x.rts.meta.json", files.read, warm); !ok {
				b.Fatal("no hover")
			}
		}
	})
	// With Options.Stat the cache is keyed by path, size and mtime: the PNG
	// is not even read again.
	warmStat := Options{Cache: NewDecodeCache(1), Stat: files.stat}
	b.Run("warm-stat", func(b *testing.B) {
		for b.Loop() {
			if _, ok := Hover(src, off, "c/x.rts.meta.json", files.read, warmStat); !ok {
				b.Fatal("no hover")
			}
		}
	})
}
