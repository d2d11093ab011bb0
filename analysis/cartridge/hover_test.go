package cartridge

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestHoverOnDataHashPreviewsTheCartridge(t *testing.T) {
	files, src := fixture(t, addWasm, wasmOpts())
	dir := t.TempDir()
	opts := Options{CacheDir: dir, ThumbnailSize: 64, Cache: NewDecodeCache(2)}
	off := strings.Index(src, `"data_hash"`) + 3
	md, ok := Hover([]byte(src), off, "c/x.rts.meta.json", files.read, opts)
	if !ok {
		t.Fatal("no hover")
	}
	for _, want := range []string{"### PixelRTS cartridge `add`", "4×4", "RGBA-dense", "41 bytes · wasm", "export `add(i32, i32) -> i32`",
		"00000000  00 61 73 6d 01 00 00 00  01 07 01 60 02 7f 7f 01  |.asm.......`....|"} {
		if !strings.Contains(md, want) {
			t.Errorf("hover lacks %q:\n%s", want, md)
		}
	}
	// Two inline images (thumbnail and entropy map), each a valid PNG of the
	// configured size, and each also linked as a file in the cache dir.
	uris := regexp.MustCompile(`data:image/png;base64,([A-Za-z0-9+/=]+)`).FindAllStringSubmatch(md, -1)
	if len(uris) != 2 {
		t.Fatalf("want 2 data URIs, got %d", len(uris))
	}
	raw, _ := base64.StdEncoding.DecodeString(uris[0][1])
	thumb, err := png.Decode(bytes.NewReader(raw))
	if err != nil || thumb.Bounds().Dx() != 64 {
		t.Fatalf("thumbnail: %v %v", err, thumb.Bounds())
	}
	files2, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(files2) != 2 || !strings.Contains(md, "(file://") {
		t.Fatalf("cache files %v", files2)
	}
	onDisk, _ := os.ReadFile(filepath.Join(dir, filepath.Base(files2[1])))
	if len(onDisk) == 0 {
		t.Fatal("empty cache file")
	}
}

func TestHoverOnSegmentAndElsewhere(t *testing.T) {
	payload := append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00\x01\x00\x00\x00\x00\x10\x40\x00\x00\x00\x00\x00"), bytes.Repeat([]byte{0}, 100)...)
	payload = append(payload, []byte("Linux initrd text: hello world\n")...)
	o := EncodeOptions{Name: "os", Segments: []Segment{{Name: "kernel", Start: 0, End: 132}, {Name: "initrd", Start: 132, End: int64(len(payload))}}}
	files, src := fixture(t, payload, o)
	opts := Options{Cache: NewDecodeCache(2)}
	at := func(sub string, n int) int { return spanOf(src, sub, n).Start + 1 }
	md, ok := Hover([]byte(src), at(`"kernel"`, 1), "c/x.rts.meta.json", files.read, opts)
	if !ok || !strings.Contains(md, "**Segment `kernel`** [0, 132)") || !strings.Contains(md, "**ELF** 64-bit little-endian executable · AArch64 · entry 0x401000") {
		t.Fatalf("kernel hover:\n%s", md)
	}
	md, ok = Hover([]byte(src), at(`"initrd"`, 1), "c/x.rts.meta.json", files.read, opts)
	if !ok || !strings.Contains(md, "Linux initrd text: hello world") {
		t.Fatalf("initrd hover:\n%s", md)
	}
	if _, ok := Hover([]byte(src), at(`"bytes_per_pixel"`, 0)+20, "c/x.rts.meta.json", files.read, opts); !ok {
		t.Fatal("encoding member should hover")
	}
	if _, ok := Hover([]byte(src), 0, "c/x.rts.meta.json", files.read, opts); ok {
		t.Fatal("the opening brace is not a field")
	}
	md, ok = Hover([]byte(src), at(`"format"`, 0), "c/missing.rts.meta.json", files.read, opts)
	if !ok || !strings.Contains(md, "cannot be read") {
		t.Fatalf("missing image hover:\n%s", md)
	}
}

func TestEntropyMapAndHexDump(t *testing.T) {
	zeros := EntropyMap(make([]byte, 4096), 32)
	random := EntropyMap(randomPayload(4096, 1), 32)
	z, _ := png.Decode(bytes.NewReader(zeros))
	r, _ := png.Decode(bytes.NewReader(random))
	zr, _, _, _ := z.At(0, 0).RGBA()
	rr, rg, _, _ := r.At(0, 0).RGBA()
	if zr != 0 || rr < 0xf000 || rg < 0x8000 {
		t.Fatalf("zeros should be black, random bright: %x vs %x,%x", zr, rr, rg)
	}
	if got := HexDump([]byte("AB\x00"), 256); got != "00000000  41 42 00                                          |AB.|\n" {
		t.Fatalf("%q", got)
	}
}
