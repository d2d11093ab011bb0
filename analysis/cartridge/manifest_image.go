package cartridge

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// checkImage compares the manifest with the decoded image and its payload.
func (c *checker) checkImage() {
	img := c.entry.img
	m := c.meta
	w, h := img.Header.Width, img.Header.Height
	legacyRGB := m.IsLegacy() && img.Header.BitDepth == 8 && (img.Header.ColorType == 2 || img.Header.ColorType == 6)
	for _, n := range img.Notes {
		switch {
		case strings.HasPrefix(n, "interlaced"):
			// De-interlacing loses nothing: worth knowing, not a problem.
			c.report(diag.Info, c.anchor(), "cart-image-format", "%s", n)
		case legacyRGB:
			// Legacy cartridges carry 3 bytes per pixel: RGB is their natural form.
		default:
			c.report(diag.Warning, c.anchor(), "cart-image-format", "the image is not plain 8-bit RGBA: %s", n)
		}
	}
	if m.IsLegacy() {
		for _, f := range []struct {
			name string
			want int
		}{{"width", w}, {"height", h}} {
			if v := c.root.Get(f.name); v != nil {
				if n, _ := v.Int(); n != int64(f.want) {
					c.report(diag.Error, v.Span, "cart-grid-mismatch", "%s %d, but the image is %dx%d", f.name, n, w, h)
				}
			}
		}
	} else if v := c.root.Get("grid_size"); v != nil {
		n, _ := v.Int()
		switch {
		case w != h:
			c.report(diag.Error, v.Span, "cart-grid-mismatch", "the image is %dx%d, not square: a PixelRTS grid is grid_size x grid_size", w, h)
		case n != int64(w):
			f := c.report(diag.Error, v.Span, "cart-grid-mismatch", "grid_size %d, but the image is %dx%d", n, w, h)
			f.fixes = append(f.fixes, Fix{Title: fmt.Sprintf("Set grid_size to %d", w), Code: f.d.Code, Span: f.d.Span, Edits: []TextEdit{{v.Span, fmt.Sprint(w)}}})
		}
	}

	c.embeddedCheck()

	p, err := c.entry.payload(m, c.opts)
	if err != nil {
		c.reportPayloadError(err)
		return
	}
	c.payload = p
	c.actual = c.resolveActual()
	c.checkSizes()
	c.checkHashes()
	info := DetectPayload(c.actual.Data)
	c.info = &info
	c.checkWasm()
}

// resolveActual decides what the true payload is. The manifest's own view
// (c.payload) is used unless the PNG's embedded metadata describes a
// payload that matches its own data_hash while the manifest's does not:
// then the embedded view is the truth, and fixes propose its values.
func (c *checker) resolveActual() *Payload {
	if c.embedded == nil || c.embeddedSelf {
		return c.payload
	}
	if strings.EqualFold(c.payload.SHA256, c.meta.DataHash) {
		return c.payload
	}
	em := MetaFromJSON(c.embedded)
	ep, err := c.entry.payload(em, c.opts)
	if err != nil || !strings.EqualFold(ep.SHA256, em.DataHash) {
		return c.payload
	}
	return ep
}

func (c *checker) reportPayloadError(err error) {
	m := c.root
	switch {
	case errors.Is(err, ErrUnsupportedCompression):
		// Already reported on compression.type by the schema check.
		if cm := m.Get("compression"); cm == nil {
			c.report(diag.Warning, c.anchor(), "cart-unsupported-compression", "%v", err)
		}
	case errors.Is(err, ErrCapacity):
		span := c.anchor()
		for _, f := range []string{"encoded_size", "data_size", "wasm_size"} {
			if v := m.Get(f); v != nil {
				span = v.Span
				break
			}
		}
		c.report(diag.Error, span, "cart-data-size", "%v", err)
	default:
		span := c.anchor()
		if v := m.Get("compression"); v != nil {
			span = v.Span
		} else if v := m.Get("original_data_b64"); v != nil {
			span = v.Span
		}
		c.report(diag.Error, span, "cart-payload-error", "the payload cannot be read: %v", err)
	}
}

func (c *checker) checkSizes() {
	if c.meta.IsLegacy() {
		return
	}
	got := int64(len(c.actual.Data))
	if v := c.root.Get("data_size"); v != nil {
		n, _ := v.Int()
		if n != got {
			f := c.report(diag.Error, v.Span, "cart-data-size", "data_size %d, but the payload is %d bytes", n, got)
			f.fixes = append(f.fixes, c.setFix(fmt.Sprintf("Set data_size to %d", got), f, v.Span, fmt.Sprint(got)))
		}
	}
	if cm := c.root.Get("compression"); cm != nil {
		if v := cm.Get("original_size"); v != nil {
			if n, _ := v.Int(); n != got {
				c.report(diag.Error, v.Span, "cart-data-size", "compression.original_size %d, but the payload decompresses to %d bytes", n, got)
			}
		}
	}
}

// setFix builds a fix replacing span with text.
func (c *checker) setFix(title string, f *finding, span diag.Span, text string) Fix {
	return Fix{Title: title, Code: f.d.Code, Span: f.d.Span, Edits: []TextEdit{{span, text}}}
}

func (c *checker) checkHashes() {
	data := c.actual.Data
	if v := c.root.Get("data_hash"); v != nil && isHex64(v.Str) && !strings.EqualFold(v.Str, c.actual.SHA256) {
		f := c.report(diag.Error, v.Span, "cart-data-hash", "data_hash does not match the payload: its SHA-256 is %s", c.actual.SHA256)
		f.fixes = append(f.fixes, c.setFix("Set data_hash to the payload's SHA-256", f, v.Span, quote(c.actual.SHA256)))
	}
	if c.meta.IsLegacy() {
		return
	}
	segHash := map[string]string{}
	if o := c.root.Get("offsets"); o != nil && o.Kind == JSONObject {
		for _, m := range o.Members {
			start, ok1 := m.Value.Get("start").Int()
			end, ok2 := m.Value.Get("end").Int()
			if !ok1 || !ok2 || end < start {
				continue
			}
			if end > int64(len(data)) {
				c.report(diag.Error, m.Value.Get("end").Span, "cart-segment-range", "segment %q ends at %d, beyond the %d-byte payload", m.Key, end, len(data))
				continue
			}
			sum := sha256.Sum256(data[start:end])
			actual := hex.EncodeToString(sum[:])
			segHash[m.Key] = actual
			if v := m.Value.Get("sha256"); v != nil && isHex64(v.Str) && !strings.EqualFold(v.Str, actual) {
				f := c.report(diag.Error, v.Span, "cart-segment-hash", "segment %q: sha256 does not match bytes [%d, %d): their SHA-256 is %s", m.Key, start, end, actual)
				f.fixes = append(f.fixes, c.setFix("Set the segment's sha256 to the actual hash", f, v.Span, quote(actual)))
			}
		}
	}
	if hs := c.root.Get("hashes"); hs != nil && hs.Kind == JSONObject {
		for _, m := range hs.Members {
			if m.Value.Kind != JSONString {
				c.checkType("hashes."+m.Key, m.Value, fString)
				continue
			}
			actual, ok := segHash[m.Key]
			if !ok {
				if m.Key == "data" || m.Key == "payload" || m.Key == c.meta.Name {
					actual = c.actual.SHA256
				} else {
					c.report(diag.Warning, m.KeySpan, "cart-segment-hash", "hashes names %q, which is not a segment in \"offsets\"", m.Key)
					continue
				}
			}
			if !strings.EqualFold(m.Value.Str, actual) {
				f := c.report(diag.Error, m.Value.Span, "cart-segment-hash", "hashes[%q] does not match: the SHA-256 is %s", m.Key, actual)
				f.fixes = append(f.fixes, c.setFix("Set the hash to the actual SHA-256", f, m.Value.Span, quote(actual)))
			}
		}
	}
}

func (c *checker) checkWasm() {
	isWasm := c.info.Kind == KindWasm
	declared := c.meta.Type == "wasm" || c.meta.EmbeddedType == "wasm"
	span := c.anchor()
	if v := c.root.Get("type"); v != nil {
		span = v.Span
	} else if v := c.root.Get("embedded_type"); v != nil {
		span = v.Span
	}
	if declared && !isWasm {
		c.report(diag.Error, span, "cart-wasm-invalid", "declared a WebAssembly payload, but it does not start with the \\0asm magic (it looks like %s)", c.info.Kind)
		return
	}
	if !isWasm {
		return
	}
	if c.opts.ValidateWasm != nil {
		if err := c.opts.ValidateWasm(c.actual.Data); err != nil {
			c.report(diag.Error, span, "cart-wasm-invalid", "the WebAssembly payload does not validate: %v", err)
			return
		}
	} else if c.info.Wasm.Err != "" {
		c.report(diag.Error, span, "cart-wasm-invalid", "the WebAssembly payload is malformed: %s", c.info.Wasm.Err)
		return
	}
	c.checkTestsAgainstExports()
}

func (c *checker) checkTestsAgainstExports() {
	ts := c.root.Get("tests")
	if ts == nil || ts.Kind != JSONArray {
		return
	}
	exports := map[string]WasmExport{}
	var names []string
	for _, e := range c.info.Wasm.Exports {
		if e.Kind == "func" {
			exports[e.Name] = e
			names = append(names, e.Name)
		}
	}
	for i, t := range ts.Elems {
		inv := t.Get("invoke")
		if inv == nil || inv.Kind != JSONString || inv.Str == "" {
			continue
		}
		ex, ok := exports[inv.Str]
		if !ok {
			c.report(diag.Error, inv.Span, "cart-test-export", "tests[%d] invokes %q, which the module does not export as a function (exports: %s)", i, inv.Str, strings.Join(names, ", "))
			continue
		}
		if ex.Signature == "" {
			continue
		}
		if a := t.Get("args"); a != nil && a.Kind == JSONArray && len(a.Elems) != len(ex.Params) {
			c.report(diag.Error, a.Span, "cart-test-export", "tests[%d]: %s%s takes %d arguments, %d given", i, ex.Name, ex.Signature, len(ex.Params), len(a.Elems))
		} else if a == nil && len(ex.Params) > 0 {
			c.report(diag.Error, inv.Span, "cart-test-export", "tests[%d]: %s%s takes %d arguments, none given", i, ex.Name, ex.Signature, len(ex.Params))
		}
		if e := t.Get("expect"); e != nil && e.Kind == JSONArray && len(e.Elems) != len(ex.Results) {
			c.report(diag.Error, e.Span, "cart-test-export", "tests[%d]: %s%s returns %d values, %d expected", i, ex.Name, ex.Signature, len(ex.Results), len(e.Elems))
		}
	}
}

// embeddedCheck compares the sidecar with the PNG's own metadata, field by
// field, and prepares the "regenerate" fix.
func (c *checker) embeddedCheck() {
	if c.embeddedSelf {
		return
	}
	text, ok := c.entry.img.EmbeddedMetadata()
	if !ok {
		return
	}
	ev, _ := ParseJSON(text)
	if ev == nil || ev.Kind != JSONObject {
		c.report(diag.Warning, c.anchor(), "cart-embedded-mismatch", "the PNG's PixelRTS metadata chunk is not a JSON object; only the sidecar is checked")
		return
	}
	c.embedded = ev
	c.compareEmbedded(c.root, ev, "")
	// Regenerate: the embedded object, plus fields only the sidecar has
	// (such as "tests"), written the way the encoder writes sidecars.
	merged := jsonToAny(ev).(map[string]any)
	for _, m := range c.root.Members {
		if _, ok := merged[m.Key]; !ok {
			merged[m.Key] = jsonToAny(m.Value)
		}
	}
	newText := string(writeJSON(merged, 2)) + "\n"
	if newText != string(c.src) {
		c.regenerate = &Fix{Title: "Regenerate the sidecar from the PNG's metadata", Edits: []TextEdit{{diag.Span{Start: 0, End: len(c.src)}, newText}}}
	}
}

// compareEmbedded reports members of the sidecar object side whose values
// differ from the embedded object's, descending into objects present in both
// so each warning sits on the innermost differing value.
func (c *checker) compareEmbedded(side, emb *JSONValue, path string) {
	for _, m := range side.Members {
		em := emb.Member(m.Key)
		if em == nil {
			continue
		}
		name := path + m.Key
		if m.Value.Kind == JSONObject && em.Value.Kind == JSONObject {
			c.compareEmbedded(m.Value, em.Value, name+".")
			continue
		}
		want := string(writeJSON(jsonToAny(em.Value), 0))
		if string(writeJSON(jsonToAny(m.Value), 0)) == want {
			continue
		}
		f := c.report(diag.Warning, m.Value.Span, "cart-embedded-mismatch", "%s differs from the PNG's embedded metadata, which has %s", name, abbreviate(want, 120))
		f.fixes = append(f.fixes, c.setFix("Use the PNG's value for "+name, f, m.Value.Span, want))
	}
}

// jsonToAny converts a parsed value to the writeJSON data model. Numbers stay
// exact: integers as int64 when they fit, others as float64.
func jsonToAny(v *JSONValue) any {
	switch v.Kind {
	case JSONNull:
		return nil
	case JSONBool:
		return v.Bool
	case JSONString:
		return v.Str
	case JSONNumber:
		if n, ok := v.Int(); ok && v.IsIntegerText() {
			return n
		}
		f, _ := v.Float()
		return f
	case JSONArray:
		out := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = jsonToAny(e)
		}
		return out
	}
	out := map[string]any{}
	for _, m := range v.Members {
		out[m.Key] = jsonToAny(m.Value)
	}
	return out
}
