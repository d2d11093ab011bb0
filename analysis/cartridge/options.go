package cartridge

import "io/fs"

// ReadFileFunc reads a whole file by path, like os.ReadFile. The LSP server
// passes one that prefers unsaved editor buffers.
type ReadFileFunc func(path string) ([]byte, error)

// Options configures decoding, checking and previews. The zero value is
// usable: every limit has a default, shown beside each field.
type Options struct {
	// MaxPixels refuses images whose IHDR declares more pixels, before any
	// pixel memory is allocated. Default 4096*4096.
	MaxPixels int64
	// MaxPayload bounds a decompressed or base64-decoded payload. Default 256 MiB.
	MaxPayload int64
	// MaxText bounds a decompressed zTXt/iTXt chunk. Default 1 MiB.
	MaxText int

	// ValidateWasm, when set, validates WebAssembly payloads (for instance
	// with wazero's CompileModule); its error text is shown to the user.
	ValidateWasm func(module []byte) error

	// Stat, when set, lets the decode cache key files by path, size and
	// modification time without reading them. Without it the cache keys by
	// path and content hash.
	Stat func(path string) (fs.FileInfo, error)
	// Cache holds decoded cartridges between calls. Nil means DefaultCache.
	Cache *DecodeCache

	// CacheDir receives preview images (thumbnails, entropy maps) so hovers
	// can link them by file URI. Empty: previews are inline data URIs only.
	CacheDir string
	// ThumbnailSize is the largest side of a hover thumbnail. Default 256.
	ThumbnailSize int
	// HexDumpBytes is how many payload bytes a hover dumps. Default 256.
	HexDumpBytes int
	// MaxDataURI is the largest image embedded inline in hover markdown, in
	// bytes of PNG; larger ones are only linked. Default 96 KiB.
	MaxDataURI int
}

func (o *Options) maxPixels() int64 {
	if o == nil || o.MaxPixels <= 0 {
		return 4096 * 4096
	}
	return o.MaxPixels
}

func (o *Options) maxPayload() int64 {
	if o == nil || o.MaxPayload <= 0 {
		return 256 << 20
	}
	return o.MaxPayload
}

func (o *Options) maxText() int {
	if o == nil || o.MaxText <= 0 {
		return 1 << 20
	}
	return o.MaxText
}

func (o *Options) thumbnailSize() int {
	if o == nil || o.ThumbnailSize <= 0 {
		return 256
	}
	return o.ThumbnailSize
}

func (o *Options) hexDumpBytes() int {
	if o == nil || o.HexDumpBytes <= 0 {
		return 256
	}
	return o.HexDumpBytes
}

func (o *Options) maxDataURI() int {
	if o == nil || o.MaxDataURI <= 0 {
		return 96 << 10
	}
	return o.MaxDataURI
}
