package cartridge

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"github.com/klauspost/compress/zstd"
	"image"
)

// EncodeOptions describes a cartridge to build.
type EncodeOptions struct {
	Name, Type, ContentVersion, Description string
	// Mode is ModeDense (default) or ModeCode.
	Mode string
	// Compress is "" (none), "zlib" or "zstd-h5"; Level is the zlib level (0-9,
	// default 6) or the zstd level (1-22, default 3).
	Compress string
	Level    int
	// Segments name byte ranges of the payload (Start, End; Size and SHA256
	// are computed). Empty means one segment named Name (or "payload")
	// covering everything.
	Segments []Segment
	// Extra holds free fields (for instance "tests") written into the
	// metadata as given: values built from map[string]any, []any, string,
	// bool, int, int64, float64 and nil.
	Extra map[string]any
	// MaxPixels bounds the image (default 4096*4096).
	MaxPixels int64
}

// Encoded is a built cartridge.
type Encoded struct {
	PNG []byte
	// Metadata is the compact JSON stored after the "PixelRTS" prefix in the
	// PNG's tEXt chunk; Sidecar is the same object indented, for X.rts.meta.json.
	Metadata, Sidecar []byte
	GridSize          int
}

// Encode builds a PixelRTS-2.0 cartridge from payload. The metadata is
// written with sorted keys as Python's json.dumps(sort_keys=True) would (see
// FORMAT.md), so the original tools decode the result identically.
func Encode(payload []byte, o EncodeOptions) (*Encoded, error) {
	mode := o.Mode
	if mode == "" {
		mode = ModeDense
	}
	if mode != ModeDense && mode != ModeCode {
		return nil, fmt.Errorf("unknown mode %q (want %s or %s)", mode, ModeDense, ModeCode)
	}
	name := o.Name
	if name == "" {
		name = "payload"
	}
	sum := sha256.Sum256(payload)
	dataHash := hex.EncodeToString(sum[:])

	meta := map[string]any{
		"format":         FormatV2,
		"format_version": 2,
		"encoding":       map[string]any{"type": mode, "bytes_per_pixel": 4, "mapping": MappingHilbert},
		"encoding_mode":  mode,
		"data_hash":      dataHash,
		"data_size":      len(payload),
		"name":           name,
	}
	for k, v := range map[string]string{"type": o.Type, "content_version": o.ContentVersion, "description": o.Description} {
		if v != "" {
			meta[k] = v
		}
	}
	segs := o.Segments
	if len(segs) == 0 {
		segs = []Segment{{Name: name, Start: 0, End: int64(len(payload))}}
	}
	offsets, hashes := map[string]any{}, map[string]any{}
	for _, s := range segs {
		if s.Start < 0 || s.End < s.Start || s.End > int64(len(payload)) {
			return nil, fmt.Errorf("segment %q [%d, %d) is outside the %d-byte payload", s.Name, s.Start, s.End, len(payload))
		}
		h := sha256.Sum256(payload[s.Start:s.End])
		hx := hex.EncodeToString(h[:])
		offsets[s.Name] = map[string]any{"start": s.Start, "end": s.End, "size": s.End - s.Start, "sha256": hx}
		hashes[s.Name] = hx
	}
	meta["offsets"], meta["hashes"] = offsets, hashes

	stream := payload
	switch o.Compress {
	case "", "none":
	case "zlib":
		level := o.Level
		if level == 0 {
			level = 6
		}
		var b bytes.Buffer
		zw, err := zlib.NewWriterLevel(&b, level)
		if err != nil {
			return nil, err
		}
		zw.Write(payload)
		zw.Close()
		stream = b.Bytes()
		ratio := 0.0
		if len(payload) > 0 {
			ratio = float64(len(stream)) / float64(len(payload))
		}
		meta["compression"] = map[string]any{"type": "zlib", "level": level, "original_size": len(payload), "compressed_size": len(stream), "ratio": ratio}
		meta["encoded_size"] = len(stream)
	case "zstd-h5", "zstd":
		level := o.Level
		if level == 0 {
			level = 3
		}
		zw, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.EncoderLevelFromZstd(level)), zstd.WithEncoderConcurrency(1))
		if err != nil {
			return nil, err
		}
		stream = zw.EncodeAll(payload, nil)
		zw.Close()
		ratio := 0.0
		if len(payload) > 0 {
			ratio = float64(len(stream)) / float64(len(payload))
		}
		meta["compression"] = map[string]any{"type": "zstd-h5", "level": level, "original_size": len(payload), "compressed_size": len(stream), "ratio": ratio}
		meta["encoded_size"] = len(stream)
	default:
		return nil, fmt.Errorf("%w %q (this encoder writes zlib and zstd-h5)", ErrUnsupportedCompression, o.Compress)
	}
	for k, v := range o.Extra {
		if _, taken := meta[k]; taken {
			return nil, fmt.Errorf("extra field %q would overwrite a PixelRTS field", k)
		}
		meta[k] = v
	}

	side := GridSizeFor(len(stream))
	maxPix := o.MaxPixels
	if maxPix <= 0 {
		maxPix = 4096 * 4096
	}
	if int64(side)*int64(side) > maxPix {
		return nil, fmt.Errorf("a %d-byte payload needs a %dx%d image: %w (%d pixels)", len(stream), side, side, ErrTooLarge, maxPix)
	}
	meta["grid_size"] = side
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	writeHilbert(img.Pix, side, stream)
	if mode == ModeCode {
		// The picture: same layout, alpha forced opaque so every pixel shows.
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 0xff
		}
		meta["original_data_b64"] = base64.StdEncoding.EncodeToString(stream)
	}
	compact := writeJSON(meta, 0)
	text := append([]byte("PixelRTS"), compact...)
	return &Encoded{
		PNG:      writePNG(img, []pngText{{Keyword: "PixelRTS", Text: text}}),
		Metadata: compact,
		Sidecar:  append(writeJSON(meta, 2), '\n'),
		GridSize: side,
	}, nil
}

// GridSizeFor returns the side an encoder chooses for an n-byte stream: the
// stream is padded to a multiple of 64 bytes (at least 64), and the side is
// the smallest power of two whose side*side*4 bytes hold the padded stream.
func GridSizeFor(n int) int {
	padded := (n + 63) / 64 * 64
	if padded == 0 {
		padded = 64
	}
	side := 1
	for side*side*4 < padded {
		side <<= 1
	}
	return side
}

// writeHilbert stores stream into the RGBA pixels of a side x side image
// (stride side*4) along the Hilbert curve; the rest stays as it is (zero).
func writeHilbert(pix []byte, side int, stream []byte) {
	table := hilbertTable(side)
	for k := 0; k < len(stream); k += 4 {
		o := int(table[k/4]) * 4
		copy(pix[o:o+4], stream[k:min(k+4, len(stream))])
	}
}
