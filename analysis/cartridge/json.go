package cartridge

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// JSONKind is the kind of a JSON value.
type JSONKind int

const (
	JSONNull JSONKind = iota
	JSONBool
	JSONNumber
	JSONString
	JSONArray
	JSONObject
)

func (k JSONKind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// JSONValue is a parsed JSON value that remembers where it came from: Span
// covers the value's text in the source. Objects keep their members in source
// order, duplicates included (Get returns the last, as Python's json does).
type JSONValue struct {
	Kind    JSONKind
	Span    diag.Span
	Bool    bool
	Num     string // the number's source text
	Str     string // the decoded string
	Members []JSONMember
	Elems   []*JSONValue
}

// JSONMember is one key/value pair of an object.
type JSONMember struct {
	Key     string
	KeySpan diag.Span
	Value   *JSONValue
}

// Span covers the member from the key's opening quote to the value's end.
func (m JSONMember) Span() diag.Span { return diag.Span{Start: m.KeySpan.Start, End: m.Value.Span.End} }

// Get returns the value of the last member named key, or nil when v is not an
// object or has no such member.
func (v *JSONValue) Get(key string) *JSONValue {
	if m := v.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the last member named key, or nil.
func (v *JSONValue) Member(key string) *JSONMember {
	if v == nil || v.Kind != JSONObject {
		return nil
	}
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return &v.Members[i]
		}
	}
	return nil
}

// Int returns the number as an int64. ok is false when v is not a number
// written as an integer or does not fit in int64.
func (v *JSONValue) Int() (n int64, ok bool) {
	if v == nil || v.Kind != JSONNumber {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Num, 10, 64)
	return n, err == nil
}

// Float returns the number as a float64 (false when not a finite number).
func (v *JSONValue) Float() (float64, bool) {
	if v == nil || v.Kind != JSONNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Num, 64)
	return f, err == nil && !math.IsInf(f, 0)
}

// IsIntegerText reports whether a number was written without fraction or exponent.
func (v *JSONValue) IsIntegerText() bool {
	return v != nil && v.Kind == JSONNumber && !strings.ContainsAny(v.Num, ".eE")
}

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 256

// ParseJSON parses src as one JSON document (RFC 8259). On a syntax error it
// returns nil and one diagnostic (code cart-json-syntax) at the offending
// byte. A successful parse may still return diagnostics: duplicate keys
// (cart-duplicate-key, a warning on the later key, related to the earlier)
// and numbers beyond float64 (cart-number-range).
func ParseJSON(src []byte) (*JSONValue, []diag.Diagnostic) {
	p := &jsonParser{src: src}
	v := p.value(0)
	if p.err == nil {
		p.ws()
		if p.pos < len(src) {
			p.fail(p.pos, p.pos+1, "unexpected %s after the JSON value", p.describe())
		}
	}
	if p.err != nil {
		return nil, []diag.Diagnostic{*p.err}
	}
	return v, p.diags
}

type jsonParser struct {
	src   []byte
	pos   int
	err   *diag.Diagnostic
	diags []diag.Diagnostic
}

func (p *jsonParser) fail(start, end int, format string, args ...any) {
	if p.err != nil {
		return
	}
	if end > len(p.src) {
		end = len(p.src)
	}
	if start > end {
		start = end
	}
	p.err = &diag.Diagnostic{Span: diag.Span{Start: start, End: end}, Severity: diag.Error,
		Code: "cart-json-syntax", Message: "JSON syntax error: " + fmt.Sprintf(format, args...)}
}

func (p *jsonParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) ws() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) *JSONValue {
	p.ws()
	if depth > maxJSONDepth {
		p.fail(p.pos, p.pos+1, "nesting deeper than %d levels", maxJSONDepth)
		return nil
	}
	if p.pos >= len(p.src) {
		p.fail(p.pos, p.pos, "expected a value, found end of file")
		return nil
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		return &JSONValue{Kind: JSONString, Str: s, Span: diag.Span{Start: start, End: p.pos}}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			text string
			v    JSONValue
		}{{"true", JSONValue{Kind: JSONBool, Bool: true}}, {"false", JSONValue{Kind: JSONBool}}, {"null", JSONValue{Kind: JSONNull}}} {
			if strings.HasPrefix(string(p.src[p.pos:min(len(p.src), p.pos+len(lit.text))]), lit.text) {
				p.pos += len(lit.text)
				v := lit.v
				v.Span = diag.Span{Start: start, End: p.pos}
				return &v
			}
		}
		p.fail(p.pos, p.pos+1, "expected a value, found %s", p.describe())
		return nil
	}
}

func (p *jsonParser) object(depth int) *JSONValue {
	v := &JSONValue{Kind: JSONObject, Span: diag.Span{Start: p.pos}}
	p.pos++ // {
	seen := map[string]diag.Span{}
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		v.Span.End = p.pos
		return v
	}
	for {
		p.ws()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			p.fail(p.pos, p.pos+1, "expected a string key, found %s", p.describe())
			return nil
		}
		ks := p.pos
		key, ok := p.str()
		if !ok {
			return nil
		}
		keySpan := diag.Span{Start: ks, End: p.pos}
		if prev, dup := seen[key]; dup {
			p.diags = append(p.diags, diag.Diagnostic{Span: keySpan, Severity: diag.Warning, Code: "cart-duplicate-key",
				Message: fmt.Sprintf("duplicate key %q: the later value wins, the earlier one is ignored", key),
				Related: []diag.Related{{Span: prev, Message: "first " + strconv.Quote(key) + " here"}}})
		}
		seen[key] = keySpan
		p.ws()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.fail(p.pos, p.pos+1, "expected ':' after key %q, found %s", key, p.describe())
			return nil
		}
		p.pos++
		val := p.value(depth + 1)
		if val == nil {
			return nil
		}
		v.Members = append(v.Members, JSONMember{Key: key, KeySpan: keySpan, Value: val})
		p.ws()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			v.Span.End = p.pos
			return v
		}
		p.fail(p.pos, p.pos+1, "expected ',' or '}' in object, found %s", p.describe())
		return nil
	}
}

func (p *jsonParser) array(depth int) *JSONValue {
	v := &JSONValue{Kind: JSONArray, Span: diag.Span{Start: p.pos}}
	p.pos++ // [
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		v.Span.End = p.pos
		return v
	}
	for {
		e := p.value(depth + 1)
		if e == nil {
			return nil
		}
		v.Elems = append(v.Elems, e)
		p.ws()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			v.Span.End = p.pos
			return v
		}
		p.fail(p.pos, p.pos+1, "expected ',' or ']' in array, found %s", p.describe())
		return nil
	}
}

func (p *jsonParser) number() *JSONValue {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.src[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		p.fail(p.pos, p.pos+1, "expected a digit, found %s", p.describe())
		return nil
	}
	if p.src[intStart] == '0' && p.pos-intStart > 1 {
		p.fail(intStart, p.pos, "numbers may not have leading zeros")
		return nil
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			p.fail(p.pos, p.pos+1, "expected a digit after '.', found %s", p.describe())
			return nil
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			p.fail(p.pos, p.pos+1, "expected a digit in the exponent, found %s", p.describe())
			return nil
		}
	}
	v := &JSONValue{Kind: JSONNumber, Num: string(p.src[start:p.pos]), Span: diag.Span{Start: start, End: p.pos}}
	if f, err := strconv.ParseFloat(v.Num, 64); err != nil && math.IsInf(f, 0) {
		p.diags = append(p.diags, diag.Diagnostic{Span: v.Span, Severity: diag.Error, Code: "cart-number-range",
			Message: fmt.Sprintf("number %s is beyond the range of a 64-bit float", abbreviate(v.Num, 40))})
	}
	return v
}

// str parses a string starting at the opening quote, leaving pos after the
// closing quote.
func (p *jsonParser) str() (string, bool) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			p.fail(start, p.pos, "unterminated string")
			return "", false
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), true
		case c < 0x20:
			p.fail(p.pos, p.pos+1, "control character %#02x in string (escape it)", c)
			return "", false
		case c == '\\':
			if p.pos+1 >= len(p.src) {
				p.fail(start, len(p.src), "unterminated string")
				return "", false
			}
			esc := p.src[p.pos+1]
			p.pos += 2
			switch esc {
			case '"', '\\', '/':
				b.WriteByte(esc)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", false
				}
				if utf16.IsSurrogate(r) && p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
					save := p.pos
					p.pos += 2
					r2, ok := p.hex4()
					if !ok {
						return "", false
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
					} else {
						p.pos = save
					}
				}
				b.WriteRune(r)
			default:
				p.fail(p.pos-2, p.pos, "invalid escape \\%c", esc)
				return "", false
			}
		default:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				p.fail(p.pos, p.pos+1, "invalid UTF-8 byte %#02x in string", c)
				return "", false
			}
			b.Write(p.src[p.pos : p.pos+size])
			p.pos += size
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.pos+4 > len(p.src) {
		p.fail(p.pos-2, len(p.src), "truncated \\u escape")
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.src[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		p.fail(p.pos-2, p.pos+4, "invalid \\u escape")
		return 0, false
	}
	p.pos += 4
	return rune(n), true
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
