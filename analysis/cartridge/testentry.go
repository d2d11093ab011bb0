package cartridge

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// TestEntry is one entry of a manifest's `tests` array, located in its
// source: what the editor shows on hover over it.
type TestEntry struct {
	Index int       // its index in `tests` (the order Meta.Tests has)
	Test  Test      // as ParseMeta reads it
	Span  diag.Span // the whole entry
	// InvokeSpan is the span of the "invoke" value (zero when absent or
	// not a string): the name of the export the entry calls.
	InvokeSpan diag.Span
}

// OnInvoke reports whether offset lies on the entry's "invoke" value.
func (e TestEntry) OnInvoke(offset int) bool {
	return e.InvokeSpan.End > e.InvokeSpan.Start && e.InvokeSpan.Contains(offset)
}

// TestAt returns the entry of the manifest's `tests` array holding offset
// in src. ok is false when src does not parse as a JSON object, has no
// `tests` array, or offset lies outside every entry (on the `tests` key
// itself, between entries).
func TestAt(src []byte, offset int) (e TestEntry, ok bool) {
	root, _ := ParseJSON(src)
	ts := root.Get("tests")
	if ts == nil || ts.Kind != JSONArray {
		return TestEntry{}, false
	}
	tests := MetaFromJSON(root).Tests
	for i, el := range ts.Elems {
		if !el.Span.Contains(offset) || i >= len(tests) {
			continue
		}
		e = TestEntry{Index: i, Test: tests[i], Span: el.Span}
		if inv := el.Get("invoke"); inv != nil && inv.Kind == JSONString {
			e.InvokeSpan = inv.Span
		}
		return e, true
	}
	return TestEntry{}, false
}
