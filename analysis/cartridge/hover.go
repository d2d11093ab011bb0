package cartridge

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// hoverFields are the top-level manifest fields whose hover previews the
// whole cartridge.
var hoverFields = map[string]bool{
	"format": true, "format_version": true, "grid_size": true, "data_hash": true, "data_size": true,
	"encoding": true, "encoding_mode": true, "name": true, "type": true, "compression": true,
	"width": true, "height": true, "wasm_size": true, "embedded_type": true,
}

// Hover returns a markdown preview for the manifest field under offset in
// src (the manifest at manifestPath): on format, grid_size, data_hash and
// similar fields the whole cartridge, on a segment of "offsets" (or its
// entry in "hashes") that segment. The preview holds the image's thumbnail
// and a Hilbert-order entropy map (inline PNG data URIs when small enough,
// and file URIs into opts.CacheDir when set), a hex dump of the first bytes,
// and a payload summary (WebAssembly exports with signatures, ELF machine and
// entry, text). ok is false when the offset is on nothing previewable or the
// manifest does not parse; a missing or broken image gives ok with the
// reason, so the user learns why there is no picture.
func Hover(src []byte, offset int, manifestPath string, read ReadFileFunc, opts Options) (markdown string, ok bool) {
	root, _ := ParseJSON(src)
	if root == nil || root.Kind != JSONObject {
		return "", false
	}
	var field string
	var seg *Segment
	for _, m := range root.Members {
		if !m.Span().Contains(offset) {
			continue
		}
		switch {
		case hoverFields[m.Key]:
			field = m.Key
		case (m.Key == "offsets" || m.Key == "hashes") && m.Value.Kind == JSONObject:
			for _, s := range m.Value.Members {
				if s.Span().Contains(offset) {
					field = m.Key
					seg = findSegment(MetaFromJSON(root), s.Key)
				}
			}
		}
	}
	if field == "" || (field == "offsets" || field == "hashes") && seg == nil {
		return "", false
	}
	meta := MetaFromJSON(root)
	imgPath := ImagePathFor(manifestPath)
	var b strings.Builder
	title := meta.Name
	if title == "" {
		title = baseName(imgPath)
	}
	fmt.Fprintf(&b, "### PixelRTS cartridge `%s`\n\n", title)
	if read == nil {
		return "", false
	}
	e, err := loadImage(imgPath, read, &opts)
	if err != nil {
		fmt.Fprintf(&b, "No image: `%s` cannot be read (%v).\n", baseName(imgPath), err)
		return b.String(), true
	}
	if e.err != nil {
		fmt.Fprintf(&b, "`%s` cannot be decoded: %v\n", baseName(imgPath), e.err)
		return b.String(), true
	}
	img := e.img
	p, perr := e.payload(meta, &opts)
	mode := meta.Encoding
	if meta.IsLegacy() {
		mode = ModeLinear
	}
	fmt.Fprintf(&b, "`%s` · %d×%d · %s", baseName(imgPath), img.Header.Width, img.Header.Height, mode)
	if meta.Compression != "" {
		fmt.Fprintf(&b, " · %s", meta.Compression)
	}
	b.WriteString("\n\n")

	thumb := e.preview("thumb", func() []byte { return Thumbnail(img.Pix, opts.thumbnailSize()) })
	images := []string{imageMarkdown("cartridge pixels", thumb, "thumb", &opts)}
	var data []byte
	var dataKey string
	if perr == nil {
		data = p.Data
		if seg != nil {
			if seg.Start < 0 || seg.End > int64(len(data)) || seg.End < seg.Start {
				fmt.Fprintf(&b, "Segment `%s` [%d, %d) lies outside the %d-byte payload.\n\n", seg.Name, seg.Start, seg.End, len(data))
				data = nil
			} else {
				data = data[seg.Start:seg.End]
			}
		}
		if data != nil {
			// The cached Payload is immutable and lives as long as the entry,
			// so its address and the range identify the bytes.
			dataKey = fmt.Sprintf("%p|%d|%d", p, len(p.Data)-len(data), len(data))
			ent := e.preview("entropy|"+dataKey, func() []byte { return EntropyMap(data, max(64, opts.thumbnailSize()/2)) })
			images = append(images, imageMarkdown("entropy map (Hilbert order)", ent, "entropy", &opts))
		}
	}
	b.WriteString(strings.Join(images, " ") + "\n\n")
	if perr != nil {
		fmt.Fprintf(&b, "The payload cannot be read: %v\n", perr)
		return b.String(), true
	}
	if data == nil {
		return b.String(), true
	}
	info := e.detect(dataKey, data)
	if seg != nil {
		fmt.Fprintf(&b, "**Segment `%s`** [%d, %d) · ", seg.Name, seg.Start, seg.End)
	} else {
		b.WriteString("**Payload** · ")
	}
	fmt.Fprintf(&b, "%d bytes · %s · entropy %.2f bits/byte", len(data), info.Kind, info.Entropy)
	switch {
	case seg == nil && meta.DataHash != "" && strings.EqualFold(meta.DataHash, p.SHA256):
		b.WriteString(" · SHA-256 matches `data_hash`")
	case seg == nil && meta.DataHash != "":
		fmt.Fprintf(&b, " · SHA-256 `%s` does **not** match `data_hash`", p.SHA256)
	}
	b.WriteString("\n\n")
	writeSummary(&b, info)
	fmt.Fprintf(&b, "```text\n%s```\n", HexDump(data, opts.hexDumpBytes()))
	return b.String(), true
}

func findSegment(m *Meta, name string) *Segment {
	for i := range m.Segments {
		if m.Segments[i].Name == name {
			return &m.Segments[i]
		}
	}
	return nil
}

// preview computes a derived image once per decoded cartridge.
func (e *cacheEntry) preview(key string, render func() []byte) []byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.previews == nil {
		e.previews = map[string][]byte{}
	}
	if b, ok := e.previews[key]; ok {
		return b
	}
	b := render()
	if len(e.previews) > 32 {
		clear(e.previews)
	}
	e.previews[key] = b
	return b
}

// detect runs DetectPayload once per distinct payload range of the entry.
func (e *cacheEntry) detect(key string, data []byte) PayloadInfo {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.infos == nil {
		e.infos = map[string]PayloadInfo{}
	}
	if info, ok := e.infos[key]; ok {
		return info
	}
	info := DetectPayload(data)
	if len(e.infos) > 32 {
		clear(e.infos)
	}
	e.infos[key] = info
	return info
}

func imageMarkdown(alt string, png []byte, kind string, opts *Options) string {
	var parts []string
	if len(png) <= opts.maxDataURI() {
		parts = append(parts, fmt.Sprintf("![%s](data:image/png;base64,%s)", alt, base64.StdEncoding.EncodeToString(png)))
	}
	if uri := cachePNG(opts.CacheDir, kind, png); uri != "" {
		parts = append(parts, fmt.Sprintf("[%s](%s)", alt, uri))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("(%s: %d-byte PNG, too large to inline; set a cache directory to link it)", alt, len(png))
	}
	return strings.Join(parts, " ")
}

func writeSummary(b *strings.Builder, info PayloadInfo) {
	switch info.Kind {
	case KindWasm:
		w := info.Wasm
		fmt.Fprintf(b, "**WebAssembly** v%d · %d functions", w.Version, w.Functions)
		for _, m := range w.Memories {
			if m.Max >= 0 {
				fmt.Fprintf(b, " · memory %d..%d × 64 KiB pages", m.Min, m.Max)
			} else {
				fmt.Fprintf(b, " · memory %d × 64 KiB pages", m.Min)
			}
		}
		b.WriteString("\n\n")
		for _, ex := range w.Exports {
			if ex.Kind == "func" {
				fmt.Fprintf(b, "- export `%s%s`\n", ex.Name, ex.Signature)
			} else {
				fmt.Fprintf(b, "- export %s `%s`\n", ex.Kind, ex.Name)
			}
		}
		for _, im := range w.Imports {
			fmt.Fprintf(b, "- import %s `%s.%s%s`\n", im.Kind, im.Module, im.Name, im.Signature)
		}
		if w.Err != "" {
			fmt.Fprintf(b, "- malformed: %s\n", w.Err)
		}
		b.WriteString("\n")
	case KindELF:
		e := info.ELF
		fmt.Fprintf(b, "**ELF** %d-bit %s %s · %s · entry 0x%x\n\n", e.Class, e.Endian, e.Type, e.Machine, e.Entry)
	case KindText:
		fmt.Fprintf(b, "**Text**\n\n```text\n%s\n```\n\n", strings.ReplaceAll(info.TextPreview, "```", "`\u200b``"))
	}
}
