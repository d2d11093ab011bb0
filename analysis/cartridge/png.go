package cartridge

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// Chunk is one PNG chunk as found in the file. Offset is the byte offset of
// the chunk's length field; Data aliases the input.
type Chunk struct {
	Type   string
	Offset int
	Data   []byte
}

// Header is the decoded IHDR chunk.
type Header struct {
	Width, Height int
	BitDepth      int
	ColorType     int // 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
	Interlaced    bool
}

// ColorTypeName names a PNG colour type.
func ColorTypeName(ct int) string {
	switch ct {
	case 0:
		return "grayscale"
	case 2:
		return "RGB"
	case 3:
		return "palette"
	case 4:
		return "grayscale+alpha"
	case 6:
		return "RGBA"
	}
	return fmt.Sprintf("colour type %d", ct)
}

// TextChunk is a decoded tEXt, zTXt or iTXt chunk.
type TextChunk struct {
	Chunk   string // "tEXt", "zTXt" or "iTXt"
	Offset  int    // of the chunk in the file
	Keyword string
	Text    []byte // Latin-1 for tEXt/zTXt, UTF-8 for iTXt, as stored
}

// PNGError is a problem with the PNG container, located by byte offset in the file.
type PNGError struct {
	Offset int
	Msg    string
	Err    error // a sentinel such as ErrTooLarge, or nil
}

// pngError builds a PNGError; an optional sentinel becomes its Err.
func pngError(offset int, msg string, sentinel ...error) *PNGError {
	e := &PNGError{Offset: offset, Msg: msg}
	if len(sentinel) > 0 {
		e.Err = sentinel[0]
	}
	return e
}

func (e *PNGError) Error() string { return fmt.Sprintf("PNG byte %d: %s", e.Offset, e.Msg) }

// Unwrap returns the sentinel error, for errors.Is(err, ErrTooLarge).
func (e *PNGError) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by errors for inputs refused by a configured limit.
var ErrTooLarge = errors.New("exceeds the configured limit")

// pngFile is the structure of a PNG read without decoding its pixels.
type pngFile struct {
	Header Header
	Chunks []Chunk
	Texts  []TextChunk
}

// readPNGStructure walks the chunks of data, checking the signature, every
// CRC, the IHDR fields and the pixel limit, and decoding text chunks (zTXt
// and compressed iTXt inflated to at most opts.maxText() bytes). It allocates
// nothing proportional to the image size.
//
// With skipIDATCRC the CRCs of IDAT chunks are not computed here: image/png
// verifies them while inflating, and DecodePNG calls this again with full
// checks to locate an error when it reports one.
func readPNGStructure(data []byte, opts *Options, skipIDATCRC bool) (*pngFile, error) {
	if len(data) < len(pngSignature) || !bytes.Equal(data[:8], pngSignature) {
		return nil, pngError(0, "not a PNG file (bad signature)")
	}
	f := &pngFile{}
	pos := 8
	sawIHDR, sawIDAT, sawIEND := false, false, false
	for pos < len(data) {
		if len(data)-pos < 12 {
			return nil, pngError(pos, fmt.Sprintf("truncated chunk header (%d bytes left, a chunk needs at least 12)", len(data)-pos))
		}
		n := binary.BigEndian.Uint32(data[pos:])
		typ := string(data[pos+4 : pos+8])
		if n > 0x7fffffff || int(n) > len(data)-pos-12 {
			return nil, pngError(pos, fmt.Sprintf("truncated %q chunk: declares %d data bytes, only %d remain", typ, n, len(data)-pos-12))
		}
		for _, c := range []byte(typ) {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return nil, pngError(pos+4, fmt.Sprintf("invalid chunk type %q", typ))
			}
		}
		body := data[pos+8 : pos+8+int(n)]
		want := binary.BigEndian.Uint32(data[pos+8+int(n):])
		if skipIDATCRC && typ == "IDAT" {
			// checked by image/png
		} else if got := crc32.ChecksumIEEE(data[pos+4 : pos+8+int(n)]); got != want {
			return nil, pngError(pos+8+int(n), fmt.Sprintf("CRC mismatch in %q chunk: stored %08x, computed %08x", typ, want, got))
		}
		c := Chunk{Type: typ, Offset: pos, Data: body}
		f.Chunks = append(f.Chunks, c)
		if !sawIHDR && typ != "IHDR" {
			return nil, pngError(pos, fmt.Sprintf("first chunk is %q, want IHDR", typ))
		}
		switch typ {
		case "IHDR":
			if sawIHDR {
				return nil, pngError(pos, "second IHDR chunk")
			}
			sawIHDR = true
			h, err := parseIHDR(c, opts)
			if err != nil {
				return nil, err
			}
			f.Header = h
		case "IDAT":
			sawIDAT = true
		case "IEND":
			sawIEND = true
		case "tEXt", "zTXt", "iTXt":
			t, err := parseTextChunk(c, opts.maxText())
			if err != nil {
				return nil, err
			}
			f.Texts = append(f.Texts, t)
		}
		pos += 12 + int(n)
		if sawIEND {
			break
		}
	}
	if !sawIDAT {
		return nil, pngError(len(data), "no IDAT chunk (no pixel data)")
	}
	if !sawIEND {
		return nil, pngError(len(data), "truncated file: no IEND chunk")
	}
	return f, nil
}

func parseIHDR(c Chunk, opts *Options) (Header, error) {
	if len(c.Data) != 13 {
		return Header{}, pngError(c.Offset, fmt.Sprintf("IHDR has %d bytes, want 13", len(c.Data)))
	}
	d := c.Data
	w, h := binary.BigEndian.Uint32(d[0:]), binary.BigEndian.Uint32(d[4:])
	hd := Header{Width: int(w), Height: int(h), BitDepth: int(d[8]), ColorType: int(d[9]), Interlaced: d[12] == 1}
	if w == 0 || h == 0 || w > 0x7fffffff || h > 0x7fffffff {
		return hd, pngError(c.Offset+8, fmt.Sprintf("invalid image size %dx%d", w, h))
	}
	if limit := opts.maxPixels(); uint64(w)*uint64(h) > uint64(limit) {
		return hd, pngError(c.Offset+8, fmt.Sprintf("image %dx%d has %d pixels: %v (%d pixels); refused before decoding", w, h, uint64(w)*uint64(h), ErrTooLarge, limit), ErrTooLarge)
	}
	okDepth := map[int][]int{0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
	depths, known := okDepth[hd.ColorType]
	if !known {
		return hd, pngError(c.Offset+17, fmt.Sprintf("invalid colour type %d", hd.ColorType))
	}
	valid := false
	for _, v := range depths {
		valid = valid || v == hd.BitDepth
	}
	if !valid {
		return hd, pngError(c.Offset+16, fmt.Sprintf("bit depth %d is not allowed for %s", hd.BitDepth, ColorTypeName(hd.ColorType)))
	}
	if d[10] != 0 || d[11] != 0 || d[12] > 1 {
		return hd, pngError(c.Offset+18, fmt.Sprintf("invalid compression/filter/interlace method %d/%d/%d", d[10], d[11], d[12]))
	}
	return hd, nil
}

func parseTextChunk(c Chunk, maxText int) (TextChunk, error) {
	t := TextChunk{Chunk: c.Type, Offset: c.Offset}
	nul := bytes.IndexByte(c.Data, 0)
	if nul < 1 || nul > 79 {
		return t, pngError(c.Offset, fmt.Sprintf("%s chunk has no valid keyword (1-79 bytes then NUL)", c.Type))
	}
	t.Keyword = string(c.Data[:nul])
	rest := c.Data[nul+1:]
	switch c.Type {
	case "tEXt":
		t.Text = rest
	case "zTXt":
		if len(rest) < 1 || rest[0] != 0 {
			return t, pngError(c.Offset, "zTXt chunk with unknown compression method")
		}
		txt, err := inflateBounded(rest[1:], maxText)
		if err != nil {
			return t, pngError(c.Offset, fmt.Sprintf("zTXt %q: %v", t.Keyword, err), errors.Unwrap(err))
		}
		t.Text = txt
	case "iTXt":
		if len(rest) < 2 {
			return t, pngError(c.Offset, "truncated iTXt chunk")
		}
		compressed, method := rest[0], rest[1]
		rest = rest[2:]
		for i := 0; i < 2; i++ { // language tag, translated keyword
			z := bytes.IndexByte(rest, 0)
			if z < 0 {
				return t, pngError(c.Offset, "truncated iTXt chunk")
			}
			rest = rest[z+1:]
		}
		if compressed == 1 {
			if method != 0 {
				return t, pngError(c.Offset, "iTXt chunk with unknown compression method")
			}
			txt, err := inflateBounded(rest, maxText)
			if err != nil {
				return t, pngError(c.Offset, fmt.Sprintf("iTXt %q: %v", t.Keyword, err), errors.Unwrap(err))
			}
			rest = txt
		}
		t.Text = rest
	}
	return t, nil
}

// inflateBounded decompresses a zlib stream, refusing output beyond limit
// bytes: a few kilobytes of zeros cannot expand into gigabytes here.
func inflateBounded(src []byte, limit int) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("zlib: %v", err)
	}
	defer zr.Close()
	var out bytes.Buffer
	n, err := io.Copy(&out, io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("zlib: %v", err)
	}
	if n > int64(limit) {
		return nil, fmt.Errorf("decompressed data %w (%d bytes)", ErrTooLarge, limit)
	}
	return out.Bytes(), nil
}

// latin1ToUTF8 converts tEXt/zTXt text (ISO 8859-1) to UTF-8. ASCII, the
// common case, is returned unchanged.
func latin1ToUTF8(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	out := make([]byte, 0, len(b)+8)
	for _, c := range b {
		out = append(out, string(rune(c))...)
	}
	return out
}
