package cartridge

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Thumbnail renders img's pixels, nearest-neighbour scaled so the larger side
// is size pixels, as an opaque PNG (alpha carries payload bytes, not
// transparency, so it is dropped).
func Thumbnail(img *image.NRGBA, size int) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	tw, th := size, size
	if w > h {
		th = max(1, h*size/w)
	} else if h > w {
		tw = max(1, w*size/h)
	}
	out := image.NewNRGBA(image.Rect(0, 0, tw, th))
	for y := 0; y < th; y++ {
		sy := y * h / th
		row := img.Pix[sy*img.Stride:]
		for x := 0; x < tw; x++ {
			sx := x * w / tw
			o := out.PixOffset(x, y)
			copy(out.Pix[o:o+3], row[sx*4:sx*4+3])
			out.Pix[o+3] = 0xff
		}
	}
	return writePNG(out, nil)
}

// EntropyMap renders the local Shannon entropy of data as a heat map laid
// out along a Hilbert curve, like the cartridge itself: each cell is one
// block of bytes (256; more for large payloads so there are at most 4096
// cells, down to 32 for small ones), coloured by its entropy relative to the
// most its length allows: black (constant) through red and yellow to white
// (compressed or random). Cells past the end are transparent.
// The image is size x size pixels.
func EntropyMap(data []byte, size int) []byte {
	block := 256
	for (len(data)+block-1)/block > 4096 {
		block *= 2
	}
	for block > 32 && (len(data)+block-1)/block < 64 {
		block /= 2 // small payloads: smaller blocks, so the map still shows structure
	}
	cells := max(1, (len(data)+block-1)/block)
	side := 1
	for side*side < cells {
		side *= 2
	}
	grid := image.NewNRGBA(image.Rect(0, 0, side, side))
	for i := 0; i < cells && i*block < len(data); i++ {
		chunk := data[i*block : min(len(data), (i+1)*block)]
		// Normalise by the most a block of this length can reach (a 32-byte
		// block holds at most 5 bits/byte).
		e := Entropy(chunk) / math.Min(8, math.Log2(float64(max(2, len(chunk)))))
		x, y := d2xy(side, i)
		o := grid.PixOffset(x, y)
		grid.Pix[o+0] = unit(3 * e)
		grid.Pix[o+1] = unit(3*e - 1)
		grid.Pix[o+2] = unit(3*e - 2)
		grid.Pix[o+3] = 0xff
	}
	out := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			copy(out.Pix[out.PixOffset(x, y):][:4], grid.Pix[grid.PixOffset(x*side/size, y*side/size):][:4])
		}
	}
	return writePNG(out, nil)
}

func unit(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 1:
		return 255
	}
	return uint8(v * 255)
}

// HexDump formats the first n bytes of b as offset, 16 hex bytes and ASCII
// per line (the layout of hexdump -C).
func HexDump(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	var sb strings.Builder
	for off := 0; off < len(b); off += 16 {
		line := b[off:min(off+16, len(b))]
		fmt.Fprintf(&sb, "%08x ", off)
		for i := 0; i < 16; i++ {
			if i == 8 {
				sb.WriteByte(' ')
			}
			if i < len(line) {
				fmt.Fprintf(&sb, " %02x", line[i])
			} else {
				sb.WriteString("   ")
			}
		}
		sb.WriteString("  |")
		for _, c := range line {
			if c < 0x20 || c > 0x7e {
				c = '.'
			}
			sb.WriteByte(c)
		}
		sb.WriteString("|\n")
	}
	return sb.String()
}

// cachePNG stores png in dir under a name derived from its content and
// returns a file URI for it ("" when dir is empty or the write fails).
func cachePNG(dir, kind string, png []byte) string {
	if dir == "" {
		return ""
	}
	sum := sha256.Sum256(png)
	p := filepath.Join(dir, kind+"-"+hex.EncodeToString(sum[:12])+".png")
	if _, err := os.Stat(p); err != nil {
		if os.MkdirAll(dir, 0o755) != nil || os.WriteFile(p, png, 0o644) != nil {
			return ""
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	path := filepath.ToSlash(abs)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}
