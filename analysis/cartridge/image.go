package cartridge

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// Image is a decoded PNG: its structure, its text chunks and its pixels as
// 8-bit non-premultiplied RGBA.
type Image struct {
	Header Header
	Chunks []Chunk
	Texts  []TextChunk
	Pix    *image.NRGBA
	// Notes describe conversions applied to reach 8-bit RGBA (for instance
	// from a 16-bit or RGB image); each means payload bytes may be wrong.
	Notes []string
}

// DecodePNG reads a PNG: chunk structure, CRCs and limits first (see
// readPNGStructure), then the pixels via image/png, converted to 8-bit RGBA
// when the file is not already 8-bit RGBA (with a note saying so). Errors
// carry the byte offset of the problem (*PNGError) where it has one.
func DecodePNG(data []byte, opts Options) (img *Image, err error) {
	f, err := readPNGStructure(data, &opts, true)
	if err != nil {
		return nil, err
	}
	defer func() {
		// image/png is robust, but a decoder bug must not take the server down.
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("PNG pixel decoding failed: %v", r)
		}
	}()
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		if _, located := readPNGStructure(data, &opts, false); located != nil {
			return nil, located // for instance an IDAT CRC mismatch, with its offset
		}
		return nil, fmt.Errorf("PNG pixel data: %v", err)
	}
	img = &Image{Header: f.Header, Chunks: f.Chunks, Texts: f.Texts}
	h := f.Header
	if h.Interlaced {
		img.Notes = append(img.Notes, "interlaced (Adam7) PNG: de-interlaced before reading the payload")
	}
	if nrgba, ok := m.(*image.NRGBA); ok && h.BitDepth == 8 && h.ColorType == 6 {
		img.Pix = nrgba
		return img, nil
	}
	switch {
	case h.BitDepth == 16:
		img.Notes = append(img.Notes, fmt.Sprintf("16-bit %s PNG: each channel reduced to its high byte", ColorTypeName(h.ColorType)))
	case h.ColorType != 6:
		img.Notes = append(img.Notes, fmt.Sprintf("%d-bit %s PNG converted to RGBA: PixelRTS payloads need 8-bit RGBA, so bytes in missing channels read as 255 (alpha) or copies of gray", h.BitDepth, ColorTypeName(h.ColorType)))
	}
	if h.BitDepth == 16 && h.ColorType != 6 {
		img.Notes = append(img.Notes, fmt.Sprintf("%s has no alpha channel: alpha reads as 255", ColorTypeName(h.ColorType)))
	}
	img.Pix = toNRGBA(m)
	return img, nil
}

// toNRGBA converts any image to 8-bit non-premultiplied RGBA, keeping 16-bit
// channels' high bytes (not the rounded value color.NRGBAModel would give).
func toNRGBA(m image.Image) *image.NRGBA {
	b := m.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBA64Model.Convert(m.At(x, y)).(color.NRGBA64)
			i := out.PixOffset(x-b.Min.X, y-b.Min.Y)
			out.Pix[i+0] = uint8(c.R >> 8)
			out.Pix[i+1] = uint8(c.G >> 8)
			out.Pix[i+2] = uint8(c.B >> 8)
			out.Pix[i+3] = uint8(c.A >> 8)
		}
	}
	return out
}

// Text returns the first text chunk with the given keyword, or nil.
func (img *Image) Text(keyword string) *TextChunk {
	for i := range img.Texts {
		if img.Texts[i].Keyword == keyword {
			return &img.Texts[i]
		}
	}
	return nil
}

// EmbeddedMetadata returns the JSON text of the image's PixelRTS metadata
// (keyword "PixelRTS"), with the optional "PixelRTS" prefix removed and
// tEXt's Latin-1 converted to UTF-8. ok is false when there is none.
func (img *Image) EmbeddedMetadata() (jsonText []byte, ok bool) {
	return img.textJSON("PixelRTS")
}

// EmbeddedBlueprint is EmbeddedMetadata for the "PixelRTS-Blueprint" chunk.
func (img *Image) EmbeddedBlueprint() (jsonText []byte, ok bool) {
	return img.textJSON("PixelRTS-Blueprint")
}

func (img *Image) textJSON(keyword string) ([]byte, bool) {
	t := img.Text(keyword)
	if t == nil {
		return nil, false
	}
	text := t.Text
	if t.Chunk != "iTXt" {
		text = latin1ToUTF8(text)
	}
	return stripMetaPrefix(text), true
}

// stripMetaPrefix removes a leading magic word (such as "PixelRTS" or
// "PixelRTS-Blueprint") before the JSON: letters, digits, '-', '_' and '.'
// up to the first '{'. Plain JSON is returned unchanged.
func stripMetaPrefix(text []byte) []byte {
	t := bytes.TrimLeft(text, " \t\r\n")
	if len(t) == 0 || t[0] == '{' {
		return text
	}
	i := bytes.IndexByte(t, '{')
	if i <= 0 || i > 64 {
		return text
	}
	for _, c := range t[:i] {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return text
		}
	}
	return t[i:]
}
