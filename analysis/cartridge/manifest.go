package cartridge

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// ImagePathFor returns the PNG a sidecar describes: X.rts.meta.json and
// X.rts.png.meta.json both describe X.rts.png; any other NAME.json
// describes NAME.png.
func ImagePathFor(manifestPath string) string {
	switch {
	case strings.HasSuffix(manifestPath, ".png.meta.json"):
		return strings.TrimSuffix(manifestPath, ".meta.json")
	case strings.HasSuffix(manifestPath, ".meta.json"):
		return strings.TrimSuffix(manifestPath, ".meta.json") + ".png"
	}
	return strings.TrimSuffix(manifestPath, ".json") + ".png"
}

// IsManifestPath reports whether path names a PixelRTS sidecar manifest
// (X.rts.meta.json or X.rts.png.meta.json): the documents lsp/ hands to
// CheckManifest, Hover and QuickFixes.
func IsManifestPath(path string) bool {
	return strings.HasSuffix(path, ".rts.meta.json") || strings.HasSuffix(path, ".rts.png.meta.json")
}

// SidecarPathsFor returns the manifest paths that may describe the PNG at
// pngPath, for re-checking them when the image changes on disk.
func SidecarPathsFor(pngPath string) []string {
	return []string{strings.TrimSuffix(pngPath, ".png") + ".meta.json", pngPath + ".meta.json"}
}

// CheckManifest checks a PixelRTS sidecar manifest (src, the document's
// current text, at manifestPath) and the PNG beside it (read through read):
// JSON syntax, the schema, and every claim the manifest makes about the
// image and its payload. Each diagnostic's span is the JSON key or value it
// is about; problems of the document as a whole sit on its "format" member.
// Diagnostics are sorted. A nil read skips the image checks.
func CheckManifest(src []byte, manifestPath string, read ReadFileFunc, opts Options) []diag.Diagnostic {
	c := runCheck(src, manifestPath, read, &opts)
	return c.diagnostics()
}

// CheckEmbedded checks the metadata a PNG carries in its own PixelRTS tEXt
// chunk against the PNG itself, with the same rules as CheckManifest. It
// returns the metadata JSON text (the spans index into it), or an error when
// the PNG cannot be decoded or has no metadata.
func CheckEmbedded(png []byte, opts Options) (metaText []byte, ds []diag.Diagnostic, err error) {
	img, err := DecodePNG(png, opts)
	if err != nil {
		return nil, nil, err
	}
	text, ok := img.EmbeddedMetadata()
	if !ok {
		return nil, nil, errors.New("the PNG has no PixelRTS metadata chunk")
	}
	c := &checker{src: text, opts: &opts, entry: &cacheEntry{img: img, payloads: map[string]payloadResult{}}, embeddedSelf: true}
	c.run()
	return text, c.diagnostics(), nil
}

type finding struct {
	d     diag.Diagnostic
	fixes []Fix
}

// checker holds one run of the manifest checks.
type checker struct {
	src          []byte
	path         string
	read         ReadFileFunc
	opts         *Options
	embeddedSelf bool // checking a PNG's own metadata: no sidecar comparison

	root     *JSONValue
	meta     *Meta
	entry    *cacheEntry
	payload  *Payload // the payload as the manifest describes it
	actual   *Payload // the best-known true payload (see resolveActual)
	embedded *JSONValue
	info     *PayloadInfo

	findings   []finding
	regenerate *Fix
}

func runCheck(src []byte, path string, read ReadFileFunc, opts *Options) *checker {
	c := &checker{src: src, path: path, read: read, opts: opts}
	c.run()
	return c
}

func (c *checker) diagnostics() []diag.Diagnostic {
	ds := make([]diag.Diagnostic, 0, len(c.findings))
	for _, f := range c.findings {
		ds = append(ds, f.d)
	}
	diag.Sort(ds)
	return ds
}

func (c *checker) report(sev diag.Severity, span diag.Span, code, format string, args ...any) *finding {
	c.findings = append(c.findings, finding{d: diag.Diagnostic{Span: span, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)}})
	return &c.findings[len(c.findings)-1]
}

// anchor is where document-level problems go: the "format" member, else the
// opening brace.
func (c *checker) anchor() diag.Span {
	if m := c.root.Member("format"); m != nil {
		return m.Span()
	}
	return diag.Span{Start: c.root.Span.Start, End: c.root.Span.Start + 1}
}

func (c *checker) run() {
	root, ds := ParseJSON(c.src)
	for _, d := range ds {
		c.findings = append(c.findings, finding{d: d})
	}
	if root == nil {
		return
	}
	c.root = root
	if root.Kind != JSONObject {
		c.report(diag.Error, root.Span, "cart-field-type", "a PixelRTS manifest is a JSON object, this is a JSON %s", root.Kind)
		return
	}
	c.meta = MetaFromJSON(root)
	if !c.checkSchema() {
		return
	}
	if c.entry == nil {
		if c.read == nil {
			return
		}
		imgPath := ImagePathFor(c.path)
		e, err := loadImage(imgPath, c.read, c.opts)
		if err != nil {
			c.report(diag.Error, c.anchor(), "cart-image-missing", "cartridge image %s not found beside the manifest: %v", baseName(imgPath), err)
			return
		}
		if e.err != nil {
			c.report(diag.Error, c.anchor(), "cart-image-invalid", "cartridge image %s cannot be decoded: %v", baseName(imgPath), e.err)
			return
		}
		c.entry = e
	}
	c.checkImage()
	c.dropRedundant()
}

// dropRedundant removes cart-embedded-mismatch warnings on a value that
// already carries an error (a wrong data_hash is both; the error says more).
func (c *checker) dropRedundant() {
	errs := map[diag.Span]bool{}
	for _, f := range c.findings {
		if f.d.Severity == diag.Error {
			errs[f.d.Span] = true
		}
	}
	kept := c.findings[:0]
	for _, f := range c.findings {
		if f.d.Code == "cart-embedded-mismatch" && errs[f.d.Span] {
			continue
		}
		kept = append(kept, f)
	}
	c.findings = kept
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// ---- schema ----

type fieldKind int

const (
	fString fieldKind = iota
	fUint
	fNumber
	fObject
	fArray
	fStringOrNumber
)

var v2Fields = map[string]fieldKind{
	"format": fString, "format_version": fUint, "grid_size": fUint, "encoding": fObject, "encoding_mode": fString,
	"offsets": fObject, "hashes": fObject, "data_hash": fString, "data_size": fUint, "compression": fObject,
	"encoded_size": fUint, "type": fString, "name": fString, "content_version": fStringOrNumber,
	"description": fString, "original_data_b64": fString, "tests": fArray,
}

var legacyFields = map[string]fieldKind{
	"format": fString, "width": fUint, "height": fUint, "embedded_type": fString, "wasm_size": fUint,
	"encoding": fString, "data_hash": fString, "name": fString, "type": fString, "tests": fArray,
}

// checkType reports v when it is not of kind k; it returns whether v is fine.
func (c *checker) checkType(name string, v *JSONValue, k fieldKind) bool {
	want := ""
	switch k {
	case fString:
		if v.Kind != JSONString {
			want = "a string"
		}
	case fObject:
		if v.Kind != JSONObject {
			want = "an object"
		}
	case fArray:
		if v.Kind != JSONArray {
			want = "an array"
		}
	case fNumber:
		if v.Kind != JSONNumber {
			want = "a number"
		}
	case fStringOrNumber:
		if v.Kind != JSONString && v.Kind != JSONNumber {
			want = "a string or a number"
		}
	case fUint:
		if v.Kind != JSONNumber || !v.IsIntegerText() {
			want = "a non-negative integer"
		} else if n, ok := v.Int(); !ok {
			c.report(diag.Error, v.Span, "cart-number-range", "%s %s does not fit in a 64-bit integer", name, abbreviate(v.Num, 40))
			return false
		} else if n < 0 {
			want = "a non-negative integer"
		}
	}
	if want != "" {
		c.report(diag.Error, v.Span, "cart-field-type", "%s must be %s, found %s", name, want, describeValue(v))
		return false
	}
	return true
}

func describeValue(v *JSONValue) string {
	switch v.Kind {
	case JSONNumber:
		return "the number " + abbreviate(v.Num, 30)
	case JSONString:
		return "the string " + quote(abbreviate(v.Str, 30))
	}
	return "a JSON " + v.Kind.String()
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// checkSchema checks field types and values; false means the manifest is
// too broken (no usable format) to compare with the image.
func (c *checker) checkSchema() bool {
	root := c.root
	fm := root.Member("format")
	if fm == nil {
		c.report(diag.Error, c.anchor(), "cart-missing-field", "missing \"format\": a PixelRTS manifest says %q (or the legacy %q)", FormatV2, FormatLegacy)
		return false
	}
	if !c.checkType("format", fm.Value, fString) {
		return false
	}
	fields := v2Fields
	switch fm.Value.Str {
	case FormatV2:
	case FormatLegacy:
		fields = legacyFields
	default:
		c.report(diag.Error, fm.Value.Span, "cart-unknown-format", "unknown format %q: this checker knows %q and the legacy %q", fm.Value.Str, FormatV2, FormatLegacy)
		return false
	}
	ok := true
	for _, m := range root.Members {
		if k, known := fields[m.Key]; known && !c.checkType(m.Key, m.Value, k) {
			ok = false
		}
	}
	if !ok {
		return false
	}
	if fm.Value.Str == FormatLegacy {
		return c.checkLegacySchema()
	}
	for _, req := range []string{"grid_size", "encoding"} {
		if root.Member(req) == nil {
			c.report(diag.Error, c.anchor(), "cart-missing-field", "missing %q", req)
			ok = false
		}
	}
	if root.Member("data_hash") == nil {
		c.report(diag.Warning, c.anchor(), "cart-missing-field", "missing \"data_hash\": the payload's integrity cannot be checked")
	}
	if v := root.Get("format_version"); v != nil {
		if n, _ := v.Int(); n != 2 {
			c.report(diag.Warning, v.Span, "cart-bad-value", "format_version %d: %s is format_version 2", n, FormatV2)
		}
	}
	if v := root.Get("grid_size"); v != nil {
		if n, _ := v.Int(); n == 0 || n&(n-1) != 0 {
			c.report(diag.Error, v.Span, "cart-grid-size", "grid_size %d is not a power of two: the Hilbert curve covers squares of side 1, 2, 4, 8, ...", n)
			ok = false
		}
	}
	if e := root.Get("encoding"); e != nil {
		t := e.Get("type")
		switch {
		case t == nil:
			c.report(diag.Error, e.Span, "cart-missing-field", "encoding has no \"type\" (%s or %s)", ModeDense, ModeCode)
			ok = false
		case t.Kind != JSONString:
			c.checkType("encoding.type", t, fString)
			ok = false
		case t.Str != ModeDense && t.Str != ModeCode:
			c.report(diag.Error, t.Span, "cart-unknown-encoding", "unknown encoding %q: want %s or %s", t.Str, ModeDense, ModeCode)
			ok = false
		}
		if b := e.Get("bytes_per_pixel"); b != nil && c.checkType("encoding.bytes_per_pixel", b, fUint) {
			if n, _ := b.Int(); n != 4 {
				c.report(diag.Error, b.Span, "cart-bad-value", "bytes_per_pixel %d: PixelRTS-2.0 stores 4 bytes per pixel (R, G, B, A)", n)
			}
		}
		if mp := e.Get("mapping"); mp != nil && c.checkType("encoding.mapping", mp, fString) && !strings.EqualFold(mp.Str, MappingHilbert) {
			c.report(diag.Error, mp.Span, "cart-bad-value", "mapping %q: PixelRTS-2.0 lays bytes along the Hilbert curve (\"hilbert\")", mp.Str)
		}
		if em := root.Get("encoding_mode"); em != nil && t != nil && t.Kind == JSONString && em.Str != t.Str {
			c.report(diag.Warning, em.Span, "cart-bad-value", "encoding_mode %q disagrees with encoding.type %q (the type is used)", em.Str, t.Str)
		}
	}
	if h := root.Get("data_hash"); h != nil && !isHex64(h.Str) {
		c.report(diag.Error, h.Span, "cart-bad-value", "data_hash must be 64 hexadecimal digits (a SHA-256), found %d characters", len(h.Str))
	}
	if cm := root.Get("compression"); cm != nil {
		switch t := cm.Get("type"); {
		case t == nil:
			c.report(diag.Error, cm.Span, "cart-missing-field", "compression has no \"type\" (zlib or zstd-h5)")
			ok = false
		case t.Kind != JSONString:
			c.checkType("compression.type", t, fString)
			ok = false
		case t.Str == "zlib" || t.Str == "none" || t.Str == "zstd-h5" || t.Str == "zstd":
		default:
			c.report(diag.Error, t.Span, "cart-unsupported-compression", "unsupported compression %q: PixelRTS uses zlib or zstd-h5", t.Str)
			ok = false
		}
		for _, f := range []string{"level", "original_size", "compressed_size"} {
			if v := cm.Get(f); v != nil {
				c.checkType("compression."+f, v, fUint)
			}
		}
		if v := cm.Get("ratio"); v != nil {
			c.checkType("compression.ratio", v, fNumber)
		}
	}
	if c.meta.Encoding == ModeCode && root.Get("original_data_b64") == nil {
		c.report(diag.Error, c.anchor(), "cart-missing-field", "RGBA-code manifests carry the payload in \"original_data_b64\" (the pixels are a lossy picture)")
	}
	c.checkSegmentsSchema()
	c.checkTestsShape()
	return ok
}

func (c *checker) checkLegacySchema() bool {
	ok := true
	for _, req := range []string{"width", "height", "wasm_size"} {
		if c.root.Member(req) == nil {
			c.report(diag.Error, c.anchor(), "cart-missing-field", "missing %q (legacy %s manifests give the image size and the payload length)", req, FormatLegacy)
			ok = false
		}
	}
	if e := c.root.Get("encoding"); e != nil && e.Str != ModeLinear {
		c.report(diag.Error, e.Span, "cart-unknown-encoding", "legacy encoding %q: %s manifests use %q", e.Str, FormatLegacy, ModeLinear)
		ok = false
	}
	if t := c.root.Get("embedded_type"); t != nil && t.Str != "wasm" {
		c.report(diag.Warning, t.Span, "cart-bad-value", "embedded_type %q: legacy cartridges embed \"wasm\"", t.Str)
	}
	if h := c.root.Get("data_hash"); h != nil && !isHex64(h.Str) {
		c.report(diag.Error, h.Span, "cart-bad-value", "data_hash must be 64 hexadecimal digits (a SHA-256), found %d characters", len(h.Str))
	}
	c.checkTestsShape()
	return ok
}

func (c *checker) checkSegmentsSchema() {
	o := c.root.Get("offsets")
	if o == nil {
		return
	}
	type seg struct {
		key        diag.Span
		name       string
		start, end int64
	}
	var segs []seg
	for _, m := range o.Members {
		s := m.Value
		if s.Kind != JSONObject {
			c.report(diag.Error, s.Span, "cart-field-type", "segment %q must be an object {start, end, size, sha256}, found %s", m.Key, describeValue(s))
			continue
		}
		good := true
		for _, f := range []string{"start", "end"} {
			v := s.Get(f)
			if v == nil {
				c.report(diag.Error, m.KeySpan, "cart-missing-field", "segment %q has no %q", m.Key, f)
				good = false
			} else if !c.checkType(m.Key+"."+f, v, fUint) {
				good = false
			}
		}
		if v := s.Get("size"); v != nil && !c.checkType(m.Key+".size", v, fUint) {
			good = false
		}
		if v := s.Get("sha256"); v != nil && c.checkType(m.Key+".sha256", v, fString) && !isHex64(v.Str) {
			c.report(diag.Error, v.Span, "cart-bad-value", "segment %q: sha256 must be 64 hexadecimal digits", m.Key)
		}
		if !good {
			continue
		}
		start, _ := s.Get("start").Int()
		end, _ := s.Get("end").Int()
		if end < start {
			c.report(diag.Error, s.Get("end").Span, "cart-segment-range", "segment %q ends (%d) before it starts (%d)", m.Key, end, start)
			continue
		}
		if v := s.Get("size"); v != nil {
			if n, _ := v.Int(); n != end-start {
				f := c.report(diag.Error, v.Span, "cart-segment-range", "segment %q: size %d but end - start = %d", m.Key, n, end-start)
				f.fixes = append(f.fixes, Fix{Title: fmt.Sprintf("Set size to %d", end-start), Code: f.d.Code, Span: f.d.Span, Edits: []TextEdit{{v.Span, fmt.Sprint(end - start)}}})
			}
		}
		segs = append(segs, seg{m.KeySpan, m.Key, start, end})
	}
	for i := range segs {
		for j := range i {
			a, b := segs[j], segs[i]
			if a.start < b.end && b.start < a.end {
				f := c.report(diag.Warning, b.key, "cart-segment-overlap", "segment %q [%d, %d) overlaps segment %q [%d, %d)", b.name, b.start, b.end, a.name, a.start, a.end)
				f.d.Related = []diag.Related{{Span: a.key, Message: fmt.Sprintf("segment %q", a.name)}}
			}
		}
	}
}

func (c *checker) checkTestsShape() {
	ts := c.root.Get("tests")
	if ts == nil || ts.Kind != JSONArray {
		return
	}
	for i, t := range ts.Elems {
		if t.Kind != JSONObject {
			c.report(diag.Error, t.Span, "cart-tests-shape", "tests[%d] must be an object like {\"invoke\": \"fib\", \"args\": [10], \"expect\": [55]}", i)
			continue
		}
		inv := t.Member("invoke")
		if inv == nil {
			c.report(diag.Error, t.Span, "cart-tests-shape", "tests[%d] has no \"invoke\" (the exported function to call)", i)
		} else if inv.Value.Kind != JSONString || inv.Value.Str == "" {
			c.report(diag.Error, inv.Value.Span, "cart-tests-shape", "tests[%d].invoke must be a function name (a non-empty string)", i)
		}
		for _, m := range t.Members {
			switch m.Key {
			case "invoke":
			case "args", "expect":
				if m.Value.Kind != JSONArray {
					c.report(diag.Error, m.Value.Span, "cart-tests-shape", "tests[%d].%s must be an array of numbers", i, m.Key)
					continue
				}
				for _, e := range m.Value.Elems {
					if e.Kind != JSONNumber {
						c.report(diag.Error, e.Span, "cart-tests-shape", "tests[%d].%s holds %s, want numbers", i, m.Key, describeValue(e))
					}
				}
			case "expect_trap":
				if m.Value.Kind != JSONString {
					c.report(diag.Error, m.Value.Span, "cart-tests-shape", "tests[%d].expect_trap must be a string (part of the trap message)", i)
				}
				if t.Member("expect") != nil {
					c.report(diag.Error, m.KeySpan, "cart-tests-shape", "tests[%d] has both \"expect\" and \"expect_trap\": a call returns or traps, not both", i)
				}
			default:
				c.report(diag.Warning, m.KeySpan, "cart-tests-shape", "tests[%d]: unknown key %q (known: invoke, args, expect, expect_trap)", i, m.Key)
			}
		}
	}
}
