package explain

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// MaxImageSide is the largest width or height of an image sent to a model.
const MaxImageSide = 512

// maxImagePixels bounds the images DecodePNG accepts (64 Mpixel).
const maxImagePixels = 64 << 20

// Downscale returns img scaled so that neither side exceeds limit pixels,
// keeping the aspect ratio, with a box filter (each output pixel is the
// average of the source pixels it covers). Images already small enough are
// returned as they are.
func Downscale(img image.Image, limit int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= limit && h <= limit || w == 0 || h == 0 {
		return img
	}
	nw, nh := limit, limit
	if w > h {
		nh = max(1, h*limit/w)
	} else {
		nw = max(1, w*limit/h)
	}
	out := image.NewNRGBA(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0, y1 := b.Min.Y+y*h/nh, b.Min.Y+(y+1)*h/nh
		for x := 0; x < nw; x++ {
			x0, x1 := b.Min.X+x*w/nw, b.Min.X+(x+1)*w/nw
			var r, g, bl, a, n uint64
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					c := color.NRGBAModel.Convert(img.At(sx, sy)).(color.NRGBA)
					r += uint64(c.R)
					g += uint64(c.G)
					bl += uint64(c.B)
					a += uint64(c.A)
					n++
				}
			}
			out.SetNRGBA(x, y, color.NRGBA{R: uint8(r / n), G: uint8(g / n), B: uint8(bl / n), A: uint8(a / n)})
		}
	}
	return out
}

// ImageDataURI encodes img, downscaled to at most MaxImageSide pixels a
// side, as a data:image/png;base64 URI for an image_url content part.
func ImageDataURI(img image.Image) (string, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Downscale(img, MaxImageSide)); err != nil {
		return "", fmt.Errorf("encoding the preview image: %w", err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// DecodePNG decodes PNG bytes, with an error that says the image was bad.
// Images over maxImagePixels are refused before decoding.
func DecodePNG(data []byte) (image.Image, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cartridge image is not a valid PNG: %w", err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return nil, fmt.Errorf("cartridge image is %dx%d pixels, over the %d-pixel limit", cfg.Width, cfg.Height, maxImagePixels)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cartridge image is not a valid PNG: %w", err)
	}
	return img, nil
}
