package cartridge

import (
	"image"
	"io/fs"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

func newTestImage(w, h int) *Image {
	return &Image{Header: Header{Width: w, Height: h, BitDepth: 8, ColorType: 6}, Pix: image.NewNRGBA(image.Rect(0, 0, w, h))}
}

func fullSpan(src []byte) diag.Span { return diag.Span{Start: 0, End: len(src)} }

// memInfo is the fs.FileInfo of a memFS file: size only, a fixed mtime.
type memInfo struct{ size int64 }

func (m memInfo) Name() string       { return "f" }
func (m memInfo) Size() int64        { return m.size }
func (m memInfo) Mode() fs.FileMode  { return 0o644 }
func (m memInfo) ModTime() time.Time { return time.Unix(1700000000, 0) }
func (m memInfo) IsDir() bool        { return false }
func (m memInfo) Sys() any           { return nil }

func (m memFS) stat(p string) (fs.FileInfo, error) {
	b, err := m.read(p)
	if err != nil {
		return nil, err
	}
	return memInfo{int64(len(b))}, nil
}
