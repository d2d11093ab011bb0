package cartridge

import (
	"strings"
	"testing"
)

func TestParseJSONSpans(t *testing.T) {
	src := `{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00"], "b": {"c": null, "d": true}}`
	v, ds := ParseJSON([]byte(src))
	if v == nil || len(ds) != 0 {
		t.Fatalf("%v", ds)
	}
	a := v.Member("a")
	if src[a.KeySpan.Start:a.KeySpan.End] != `"a"` || src[a.Value.Span.Start:a.Value.Span.End] != `[1, -2.5e3, "x\u00e9\ud83d\ude00"]` {
		t.Fatalf("spans %v %v", a.KeySpan, a.Value.Span)
	}
	if s := a.Value.Elems[2].Str; s != "xé😀" {
		t.Fatalf("string %q", s)
	}
	if e := a.Value.Elems[1]; e.Num != "-2.5e3" || e.IsIntegerText() {
		t.Fatal(e.Num)
	}
	if d := v.Get("b").Get("d"); d == nil || !d.Bool || src[d.Span.Start:d.Span.End] != "true" {
		t.Fatal("b.d")
	}
}

func TestParseJSONErrors(t *testing.T) {
	for _, c := range []struct {
		src   string
		start int
		msg   string
	}{
		{`{"a": }`, 6, "expected a value"},
		{`{"a": 1,}`, 8, "expected a string key"},
		{`{"a" 1}`, 5, "expected ':'"},
		{`[01]`, 1, "leading zeros"},
		{`{"a": "b`, 6, "unterminated string"},
		{`{"a": "\q"}`, 7, `invalid escape`},
		{`{} x`, 3, "after the JSON value"},
		{`{"a": tru}`, 6, "expected a value"},
		{"", 0, "end of file"},
		{strings.Repeat("[", 1000), 257, "nesting"},
	} {
		v, ds := ParseJSON([]byte(c.src))
		if v != nil || len(ds) != 1 || ds[0].Span.Start != c.start || !strings.Contains(ds[0].Message, c.msg) || ds[0].Code != "cart-json-syntax" {
			t.Errorf("%q: %+v", c.src, ds)
		}
	}
}
