package cartridge

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/klauspost/compress/zstd"
	"io"
)

// ErrUnsupportedCompression is wrapped when a payload uses a compression this
// build cannot decode (anything but zlib and zstd-h5).
var ErrUnsupportedCompression = errors.New("unsupported compression")

// ErrCapacity is wrapped when the metadata claims more bytes than the
// image's pixels can hold.
var ErrCapacity = errors.New("exceeds the image's capacity")

// Payload is what a cartridge carries, extracted under some metadata.
type Payload struct {
	Mode string // ModeDense, ModeCode or ModeLinear
	// Stream is the byte stream the pixels (or original_data_b64) carry:
	// compressed when the metadata names a compression.
	Stream []byte
	// Data is the payload itself, after decompression.
	Data []byte
	// SHA256 is the lowercase hex SHA-256 of Data.
	SHA256 string
	// Capacity is how many bytes the image's pixels can carry in this mode.
	Capacity int64
}

// Capacity returns how many payload bytes an image of the given size can
// carry in mode (ModeLinear uses 3 bytes per pixel, the others 4).
func Capacity(width, height int, mode string) int64 {
	if mode == ModeLinear {
		return int64(width) * int64(height) * 3
	}
	return int64(width) * int64(height) * 4
}

// ExtractPayload reads the payload that m describes out of img. The image
// decides the geometry (its real side, not m.GridSize: the checker compares
// the two). Lengths come from m: encoded_size or compression.compressed_size
// for a compressed stream, data_size (legacy: wasm_size) otherwise, and the
// whole capacity when none is given. Errors name the field at fault.
func ExtractPayload(img *Image, m *Meta, opts Options) (*Payload, error) {
	w, h := img.Header.Width, img.Header.Height
	p := &Payload{Mode: m.Encoding}
	if p.Mode == "" {
		p.Mode = ModeDense
	}
	if m.IsLegacy() {
		p.Mode = ModeLinear
	}
	p.Capacity = Capacity(w, h, p.Mode)

	n := p.Capacity
	switch {
	case p.Mode == ModeLinear && m.WasmSize > 0:
		n = m.WasmSize
	case m.Compression != "" && m.EncodedSize > 0:
		n = m.EncodedSize
	case m.Compression != "" && m.CompressedSize > 0:
		n = m.CompressedSize
	case m.HasDataSize:
		n = m.DataSize
	}
	if n < 0 {
		return nil, fmt.Errorf("negative payload length %d", n)
	}

	switch p.Mode {
	case ModeDense:
		if w != h || w&(w-1) != 0 {
			return nil, fmt.Errorf("RGBA-dense needs a square image with a power-of-two side, image is %dx%d", w, h)
		}
		if n > p.Capacity {
			return nil, fmt.Errorf("payload length %d %w: a %dx%d image holds %d bytes", n, ErrCapacity, w, h, p.Capacity)
		}
		p.Stream = readHilbert(img.Pix.Pix, img.Pix.Stride, w, int(n))
	case ModeCode:
		if m.OriginalDataB64 == "" {
			return nil, errors.New("RGBA-code cartridge without original_data_b64: its pixels are a lossy picture, the payload is not recoverable from them")
		}
		if int64(base64.StdEncoding.DecodedLen(len(m.OriginalDataB64))) > opts.maxPayload() {
			return nil, fmt.Errorf("original_data_b64 %w (%d bytes)", ErrTooLarge, opts.maxPayload())
		}
		b, err := base64.StdEncoding.DecodeString(m.OriginalDataB64)
		if err != nil {
			return nil, fmt.Errorf("original_data_b64: %v", err)
		}
		p.Stream = b
	case ModeLinear:
		if n > p.Capacity {
			return nil, fmt.Errorf("wasm_size %d %w: a %dx%d image holds %d bytes at 3 bytes per pixel", n, ErrCapacity, w, h, p.Capacity)
		}
		p.Stream = readLinearRGB(img, int(n))
	default:
		return nil, fmt.Errorf("unknown encoding %q (want %s or %s)", p.Mode, ModeDense, ModeCode)
	}

	switch m.Compression {
	case "", "none":
		p.Data = p.Stream
	case "zlib":
		limit := opts.maxPayload()
		if m.OriginalSize > 0 && m.OriginalSize < limit {
			limit = m.OriginalSize // a stream inflating beyond its declared size is refused
		}
		data, err := inflateLimited(p.Stream, limit)
		if err != nil {
			return nil, fmt.Errorf("zlib payload: %w", err)
		}
		p.Data = data
	case "zstd-h5", "zstd":
		limit := opts.maxPayload()
		if m.OriginalSize > 0 && m.OriginalSize < limit {
			limit = m.OriginalSize
		}
		data, err := zstdLimited(p.Stream, limit)
		if err != nil {
			return nil, fmt.Errorf("zstd payload: %w", err)
		}
		p.Data = data
	default:
		return nil, fmt.Errorf("%w %q", ErrUnsupportedCompression, m.Compression)
	}
	sum := sha256.Sum256(p.Data)
	p.SHA256 = hex.EncodeToString(sum[:])
	return p, nil
}

// inflateLimited inflates a zlib stream of at most limit bytes.
func inflateLimited(src []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var out bytes.Buffer
	got, err := io.Copy(&out, io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if got > limit {
		return nil, fmt.Errorf("decompresses to more than %d bytes: %w", limit, ErrTooLarge)
	}
	return out.Bytes(), nil
}

// zstdLimited decompresses a zstd frame of at most limit bytes. The decoder's
// window is capped too, so a hostile frame cannot make it allocate more.
func zstdLimited(src []byte, limit int64) ([]byte, error) {
	zr, err := zstd.NewReader(bytes.NewReader(src), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(limit)+1), zstd.WithDecoderMaxWindow(uint64(min(max(limit+1, 1<<20), 1<<30))))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var out bytes.Buffer
	got, err := io.Copy(&out, io.LimitReader(zr, limit+1))
	if errors.Is(err, zstd.ErrDecoderSizeExceeded) || errors.Is(err, zstd.ErrWindowSizeExceeded) {
		return nil, fmt.Errorf("decompresses to more than %d bytes: %w", limit, ErrTooLarge)
	}
	if err != nil {
		return nil, err
	}
	if got > limit {
		return nil, fmt.Errorf("decompresses to more than %d bytes: %w", limit, ErrTooLarge)
	}
	return out.Bytes(), nil
}

// readHilbert reads n payload bytes from an RGBA image of the given
// power-of-two side: byte k lies in channel k%4 of the pixel at curve
// distance k/4.
func readHilbert(pix []byte, stride, side, n int) []byte {
	out := make([]byte, n)
	if n == 0 {
		return out
	}
	table := hilbertTable(side)
	full := n / 4
	if stride == side*4 {
		// One 32-bit load and store per pixel (the compiler emits single moves).
		for d, idx := range table[:full] {
			o := int(idx) * 4
			binary.LittleEndian.PutUint32(out[d*4:], binary.LittleEndian.Uint32(pix[o:o+4]))
		}
	} else {
		for d, idx := range table[:full] {
			o := int(idx)/side*stride + int(idx)%side*4
			copy(out[d*4:d*4+4], pix[o:o+4])
		}
	}
	if rem := n - full*4; rem > 0 {
		idx := int(table[full])
		o := idx/side*stride + idx%side*4
		copy(out[full*4:], pix[o:o+rem])
	}
	return out
}

// readLinearRGB reads n bytes from R, G, B of consecutive pixels in row-major order.
func readLinearRGB(img *Image, n int) []byte {
	out := make([]byte, 0, n)
	w := img.Header.Width
	for i := 0; len(out) < n; i++ {
		o := img.Pix.PixOffset(i%w, i/w)
		out = append(out, img.Pix.Pix[o:o+3]...)
	}
	return out[:n]
}
