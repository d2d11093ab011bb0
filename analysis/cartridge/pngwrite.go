package cartridge

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
)

// pngText is a tEXt chunk to write: keyword and Latin-1 text.
type pngText struct {
	Keyword string
	Text    []byte
}

// writePNG encodes img as an 8-bit RGBA PNG (colour type 6 always, even when
// every pixel is opaque, unlike image/png) with the given tEXt chunks placed
// right after IHDR, where readers that stop early still find them. Rows use
// the adaptive filter heuristic of the PNG specification (minimum sum of
// absolute differences).
func writePNG(img *image.NRGBA, texts []pngText) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	var out bytes.Buffer
	out.Write(pngSignature)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6
	writeChunk(&out, "IHDR", ihdr)
	for _, t := range texts {
		writeChunk(&out, "tEXt", append(append([]byte(t.Keyword), 0), t.Text...))
	}

	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.DefaultCompression)
	rowLen := w * 4
	prev := make([]byte, rowLen)
	cur := make([]byte, rowLen)
	filtered := [5][]byte{}
	for i := range filtered {
		filtered[i] = make([]byte, rowLen+1)
		filtered[i][0] = byte(i)
	}
	for y := 0; y < h; y++ {
		copy(cur, img.Pix[y*img.Stride:y*img.Stride+rowLen])
		best, bestSum := 0, -1
		for f := 0; f < 5; f++ {
			dst := filtered[f][1:]
			sum := 0
			for i := 0; i < rowLen; i++ {
				var a, b, c byte
				if i >= 4 {
					a, c = cur[i-4], prev[i-4]
				}
				b = prev[i]
				var pred byte
				switch f {
				case 1:
					pred = a
				case 2:
					pred = b
				case 3:
					pred = byte((int(a) + int(b)) / 2)
				case 4:
					pred = paeth(a, b, c)
				}
				v := cur[i] - pred
				dst[i] = v
				sum += int(int8(v)) * sign(int8(v))
			}
			if bestSum < 0 || sum < bestSum {
				best, bestSum = f, sum
			}
		}
		zw.Write(filtered[best])
		prev, cur = cur, prev
	}
	zw.Close()
	writeChunk(&out, "IDAT", idat.Bytes())
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

func sign(v int8) int {
	if v < 0 {
		return -1
	}
	return 1
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func writeChunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	start := out.Len()
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(out.Bytes()[start:]))
	out.Write(n[:])
}
