package cartridge

import (
	"crypto/sha256"
	"fmt"
	"sync"
)

// DecodeCache keeps recently decoded cartridge images, keyed by file
// identity: path, size and modification time when Options.Stat is set,
// otherwise path and a SHA-256 of the bytes (still far cheaper than decoding
// the PNG again). Failed decodes are cached too. Safe for concurrent use.
type DecodeCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]*cacheEntry
	order   []string // oldest first
}

type cacheEntry struct {
	img  *Image
	err  error
	size int64

	mu       sync.Mutex
	payloads map[string]payloadResult
	previews map[string][]byte
	infos    map[string]PayloadInfo
}

type payloadResult struct {
	p   *Payload
	err error
}

// NewDecodeCache returns a cache holding at most limit images (at least 1).
func NewDecodeCache(limit int) *DecodeCache {
	return &DecodeCache{max: max(limit, 1), entries: map[string]*cacheEntry{}}
}

// DefaultCache is used when Options.Cache is nil.
var DefaultCache = NewDecodeCache(8)

func (o *Options) cache() *DecodeCache {
	if o.Cache != nil {
		return o.Cache
	}
	return DefaultCache
}

// loadImage reads and decodes the PNG at path through the cache. A missing
// file is reported as errMissing wrapping the read error.
func loadImage(path string, read ReadFileFunc, opts *Options) (*cacheEntry, error) {
	c := opts.cache()
	var key string
	var data []byte
	if opts.Stat != nil {
		fi, err := opts.Stat(path)
		if err != nil {
			return nil, &missingError{err}
		}
		key = fmt.Sprintf("%s\x00%d\x00%d", path, fi.Size(), fi.ModTime().UnixNano())
	} else {
		b, err := read(path)
		if err != nil {
			return nil, &missingError{err}
		}
		data = b
		sum := sha256.Sum256(b)
		key = fmt.Sprintf("%s\x00%x", path, sum)
	}
	key += fmt.Sprintf("\x00%d", opts.maxPixels())
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.mu.Unlock()
		return e, nil
	}
	c.mu.Unlock()
	if data == nil {
		b, err := read(path)
		if err != nil {
			return nil, &missingError{err}
		}
		data = b
	}
	e := &cacheEntry{size: int64(len(data)), payloads: map[string]payloadResult{}}
	e.img, e.err = DecodePNG(data, *opts)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.entries[key] = e
		c.order = append(c.order, key)
		for len(c.order) > c.max {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
	}
	return e, nil
}

// payload extracts (once per distinct set of metadata fields that matter)
// the payload m describes from the entry's image.
func (e *cacheEntry) payload(m *Meta, opts *Options) (*Payload, error) {
	sum := sha256.Sum256([]byte(m.OriginalDataB64))
	key := fmt.Sprintf("%s|%s|%v|%d|%d|%d|%d|%d|%x", m.Encoding, m.Compression, m.IsLegacy(), m.DataSize, m.EncodedSize, m.CompressedSize, m.OriginalSize, m.WasmSize, sum[:8])
	if !m.HasDataSize {
		key += "|nosize"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if r, ok := e.payloads[key]; ok {
		return r.p, r.err
	}
	p, err := ExtractPayload(e.img, m, *opts)
	if len(e.payloads) > 16 {
		clear(e.payloads)
	}
	e.payloads[key] = payloadResult{p, err}
	return p, err
}

type missingError struct{ err error }

func (e *missingError) Error() string { return e.err.Error() }
func (e *missingError) Unwrap() error { return e.err }
