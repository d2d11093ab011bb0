package cartridge

import (
	"fmt"
	"sort"
)

// Format names and encoding modes.
const (
	FormatV2     = "PixelRTS-2.0"
	FormatLegacy = "pixelrts_v2"

	ModeDense  = "RGBA-dense"
	ModeCode   = "RGBA-code"
	ModeLinear = "linear_rgb" // legacy sidecars: 3 bytes per pixel, row-major

	MappingHilbert = "hilbert"
)

// Meta is PixelRTS metadata read leniently from JSON: fields of the wrong
// type read as zero values (the manifest checker reports them). JSON is the
// parsed document it came from.
type Meta struct {
	Format        string
	FormatVersion int64
	GridSize      int64
	Encoding      string // encoding.type, or the legacy "linear_rgb"
	BytesPerPixel int64
	Mapping       string
	EncodingMode  string
	Segments      []Segment // "offsets", sorted by start
	Hashes        map[string]string
	DataHash      string
	DataSize      int64
	HasDataSize   bool

	Compression      string // "", "zlib" or "zstd-h5"
	CompressionLevel int64
	OriginalSize     int64
	CompressedSize   int64
	EncodedSize      int64

	Type, Name, ContentVersion, Description string
	OriginalDataB64                         string

	// Legacy pixelrts_v2 fields.
	Width, Height int64
	EmbeddedType  string
	WasmSize      int64

	Tests []Test
	JSON  *JSONValue
}

// Segment is one named byte range [Start, End) of the payload.
type Segment struct {
	Name             string
	Start, End, Size int64
	SHA256           string
}

// Test is one entry of a manifest's "tests" array: call Invoke with Args and
// expect Expect or a trap whose message contains ExpectTrap. Numbers are kept
// as their JSON text so 64-bit integers keep every digit.
type Test struct {
	Invoke     string
	Args       []string
	Expect     []string
	ExpectTrap string
	HasTrap    bool
}

// IsLegacy reports whether the metadata is a legacy pixelrts_v2 sidecar.
func (m *Meta) IsLegacy() bool { return m.Format == FormatLegacy || m.Encoding == ModeLinear }

// ParseMeta parses metadata JSON (an optional magic prefix such as
// "PixelRTS" is accepted). It fails only when the text is not a JSON object.
func ParseMeta(text []byte) (*Meta, error) {
	v, ds := ParseJSON(stripMetaPrefix(text))
	if v == nil {
		return nil, fmt.Errorf("%s", ds[0].Message)
	}
	if v.Kind != JSONObject {
		return nil, fmt.Errorf("metadata is a JSON %s, want an object", v.Kind)
	}
	return MetaFromJSON(v), nil
}

// MetaFromJSON reads the known fields of a metadata object.
func MetaFromJSON(v *JSONValue) *Meta {
	m := &Meta{JSON: v, Hashes: map[string]string{}}
	str := func(v *JSONValue) string {
		if v != nil && v.Kind == JSONString {
			return v.Str
		}
		return ""
	}
	num := func(v *JSONValue) int64 { n, _ := v.Int(); return n }
	m.Format = str(v.Get("format"))
	m.FormatVersion = num(v.Get("format_version"))
	m.GridSize = num(v.Get("grid_size"))
	if e := v.Get("encoding"); e != nil {
		if e.Kind == JSONString {
			m.Encoding = e.Str
		} else {
			m.Encoding = str(e.Get("type"))
			m.BytesPerPixel = num(e.Get("bytes_per_pixel"))
			m.Mapping = str(e.Get("mapping"))
		}
	}
	m.EncodingMode = str(v.Get("encoding_mode"))
	if m.Encoding == "" {
		m.Encoding = m.EncodingMode
	}
	if o := v.Get("offsets"); o != nil && o.Kind == JSONObject {
		for _, mem := range o.Members {
			s := mem.Value
			seg := Segment{Name: mem.Key, Start: num(s.Get("start")), End: num(s.Get("end")), Size: num(s.Get("size")), SHA256: str(s.Get("sha256"))}
			if s.Get("end") == nil && s.Get("size") != nil {
				seg.End = seg.Start + seg.Size
			}
			m.Segments = append(m.Segments, seg)
		}
		sort.SliceStable(m.Segments, func(i, j int) bool { return m.Segments[i].Start < m.Segments[j].Start })
	}
	if h := v.Get("hashes"); h != nil && h.Kind == JSONObject {
		for _, mem := range h.Members {
			m.Hashes[mem.Key] = str(mem.Value)
		}
	}
	m.DataHash = str(v.Get("data_hash"))
	if ds := v.Get("data_size"); ds != nil {
		m.DataSize, m.HasDataSize = ds.Int()
	}
	if c := v.Get("compression"); c != nil && c.Kind == JSONObject {
		m.Compression = str(c.Get("type"))
		m.CompressionLevel = num(c.Get("level"))
		m.OriginalSize = num(c.Get("original_size"))
		m.CompressedSize = num(c.Get("compressed_size"))
	} else if c != nil && c.Kind == JSONString {
		m.Compression = c.Str
	}
	m.EncodedSize = num(v.Get("encoded_size"))
	m.Type, m.Name = str(v.Get("type")), str(v.Get("name"))
	m.ContentVersion, m.Description = str(v.Get("content_version")), str(v.Get("description"))
	m.OriginalDataB64 = str(v.Get("original_data_b64"))
	m.Width, m.Height = num(v.Get("width")), num(v.Get("height"))
	m.EmbeddedType = str(v.Get("embedded_type"))
	m.WasmSize = num(v.Get("wasm_size"))
	if ts := v.Get("tests"); ts != nil && ts.Kind == JSONArray {
		for _, t := range ts.Elems {
			var tc Test
			tc.Invoke = str(t.Get("invoke"))
			for _, a := range arr(t.Get("args")) {
				tc.Args = append(tc.Args, a.Num)
			}
			for _, a := range arr(t.Get("expect")) {
				tc.Expect = append(tc.Expect, a.Num)
			}
			if et := t.Get("expect_trap"); et != nil {
				tc.ExpectTrap, tc.HasTrap = str(et), true
			}
			m.Tests = append(m.Tests, tc)
		}
	}
	return m
}

func arr(v *JSONValue) []*JSONValue {
	if v == nil || v.Kind != JSONArray {
		return nil
	}
	return v.Elems
}
