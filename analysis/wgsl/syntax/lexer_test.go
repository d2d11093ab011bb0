package syntax

import (
	"strings"
	"testing"
)

// lexDump renders the tokens of src as "kind:text" separated by spaces,
// without the final EOF.
func lexDump(src string) string {
	var parts []string
	for _, t := range Lex([]byte(src)) {
		if t.Kind == TokEOF {
			break
		}
		name := t.Kind.String()
		switch t.Kind {
		case TokIdent:
			name = "id"
		case TokIntLit:
			name = "int"
		case TokFloatLit:
			name = "float"
		case TokLineComment, TokBlockComment:
			name = "comment"
		case TokTemplateStart:
			name = "T<"
		case TokTemplateEnd:
			name = "T>"
		case TokInvalid:
			name = "invalid"
		}
		parts = append(parts, name+":"+src[t.Start:t.End])
	}
	return strings.Join(parts, " ")
}

func TestLexLiterals(t *testing.T) {
	tests := []struct{ src, want string }{
		{"0 123 0i 7u 0x1F 0XaBi 0x10u", "int:0 int:123 int:0i int:7u int:0x1F int:0XaBi int:0x10u"},
		{"1.0 .5 1. 1e3 1E-3 2.5e+10 1f 0h 3h 0.0f", "float:1.0 float:.5 float:1. float:1e3 float:1E-3 float:2.5e+10 float:1f float:0h float:3h float:0.0f"},
		{"0x1p4 0x1.8p-1f 0x.8 0x1. 0X1P+2h", "float:0x1p4 float:0x1.8p-1f float:0x.8 float:0x1. float:0X1P+2h"},
		{"1.x a.b 1..2", "float:1. id:x id:a .:. id:b float:1. float:.2"},
		{"1e 2", "int:1 id:e int:2"},
	}
	for _, tc := range tests {
		if got := lexDump(tc.src); got != tc.want {
			t.Errorf("%q:\n got  %s\n want %s", tc.src, got, tc.want)
		}
	}
}

func TestLexOperators(t *testing.T) {
	src := "& && -> @ / ! [ ] { } : , = == != > >= >> < <= << % - -- . + ++ | || ( ) ; * ~ ^ += -= *= /= %= &= |= ^= >>= <<= _"
	var want []string
	for _, f := range strings.Fields(src) {
		want = append(want, f+":"+f)
	}
	if got := lexDump(src); got != strings.Join(want, " ") {
		t.Errorf("got  %s\nwant %s", got, strings.Join(want, " "))
	}
}

func TestLexCommentsAndBlankspace(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a // line\nb", "id:a comment:// line id:b"},
		{"a /* x /* nested */ still */ b", "id:a comment:/* x /* nested */ still */ id:b"},
		{"a /* open /* */", "id:a comment:/* open /* */"},
		{"a//x\u2028b", "id:a comment://x id:b"},
		{"a//x\u0085b", "id:a comment://x id:b"},
		{"a\u0085b\u200Ec\u200Fd\u2028e\u2029f\v\fg\r\nh", "id:a id:b id:c id:d id:e id:f id:g id:h"},
		{"// 注释 🎉 comment\nx /* 🚀 */", "comment:// 注释 🎉 comment id:x comment:/* 🚀 */"},
		{"变量 δx x_1 _a", "id:变量 id:δx id:x_1 id:_a"},
		{"a🎉b", "id:a invalid:🎉 id:b"},
		{"a \xff b", "id:a invalid:\xff id:b"},
	}
	for _, tc := range tests {
		if got := lexDump(tc.src); got != tc.want {
			t.Errorf("%q:\n got  %s\n want %s", tc.src, got, tc.want)
		}
	}
}

// TestTemplateDiscovery follows the spec's template list discovery.
func TestTemplateDiscovery(t *testing.T) {
	tests := []struct{ src, want string }{
		{"array<f32, 4>", "id:array T<:< id:f32 ,:, int:4 T>:>"},
		{"a < b", "id:a <:< id:b"},
		{"a<b>(c)", "id:a T<:< id:b T>:> (:( id:c ):)"},
		{"a<b<c>>", "id:a T<:< id:b T<:< id:c T>:> T>:>"},
		{"a<b>=c", "id:a T<:< id:b T>:> =:= id:c"},
		{"a<b>>=c", "id:a T<:< id:b T>:> >=:>= id:c"},
		{"a < b >> c", "id:a T<:< id:b T>:> >:> id:c"},
		{"a<b>>c>", "id:a T<:< id:b T>:> >:> id:c >:>"},
		{"a << b > c", "id:a <<:<< id:b >:> id:c"},
		{"a <= b > c", "id:a <=:<= id:b >:> id:c"},
		{"a<(b>c)>", "id:a T<:< (:( id:b >:> id:c ):) T>:>"},
		{"a<b[c>d]>", "id:a T<:< id:b [:[ id:c >:> id:d ]:] T>:>"},
		{"a<b || c>d", "id:a <:< id:b ||:|| id:c >:> id:d"},
		{"a<b; c>d", "id:a <:< id:b ;:; id:c >:> id:d"},
		{"a<b = c>d", "id:a <:< id:b =:= id:c >:> id:d"},
		{"a<b == c>", "id:a T<:< id:b ==:== id:c T>:>"},
		{"a<b != c>", "id:a T<:< id:b !=:!= id:c T>:>"},
		{"a /* c */ < b >", "id:a comment:/* c */ T<:< id:b T>:>"},
		{"1 < b > c", "int:1 <:< id:b >:> id:c"},
		{"var<storage, read> x", "var:var T<:< id:storage ,:, id:read T>:> id:x"},
		{"f(a<b, c>d)", "id:f (:( id:a T<:< id:b ,:, id:c T>:> id:d ):)"},
		{"x<y>-z", "id:x T<:< id:y T>:> -:- id:z"},
	}
	for _, tc := range tests {
		if got := lexDump(tc.src); got != tc.want {
			t.Errorf("%q:\n got  %s\n want %s", tc.src, got, tc.want)
		}
	}
}

func TestLexSpans(t *testing.T) {
	src := []byte("let 变量 = 0x1p4; // 注释")
	toks := Lex(src)
	for i, tok := range toks {
		if tok.Start > tok.End || int(tok.End) > len(src) || (i > 0 && tok.Start < toks[i-1].End) {
			t.Fatalf("bad token %d %+v", i, tok)
		}
	}
	if last := toks[len(toks)-1]; last.Kind != TokEOF || int(last.Start) != len(src) {
		t.Errorf("last token = %+v, want EOF at %d", last, len(src))
	}
}

func TestKeywordLookup(t *testing.T) {
	if len(keywords) != 26+len(reservedWords) {
		t.Errorf("keywords table has %d entries, want %d", len(keywords), 26+len(reservedWords))
	}
	for w, k := range keywords {
		if got, ok := lookupKeyword([]byte(w)); !ok || got != k {
			t.Errorf("lookupKeyword(%q) = %v, %v", w, got, ok)
		}
		if !mayBeKeyword([]byte(w)) {
			t.Errorf("mayBeKeyword(%q) = false, so the lexer would skip the lookup", w)
		}
		if k != tokReserved && (k.String() != w || !k.IsKeyword()) {
			t.Errorf("keyword %q has kind %v", w, k)
		}
	}
	for _, w := range []string{"f32", "vec4", "variable", "le", "structs", "array", "binding_array", "_"} {
		if _, ok := lookupKeyword([]byte(w)); ok {
			t.Errorf("%q found as keyword", w)
		}
	}
}
