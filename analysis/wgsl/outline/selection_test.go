package outline

import (
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Each case's source has one '|' marking the offset; want lists the
// selected texts innermost first, without the final whole-file span (checked
// apart).
func TestSelectionRanges(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"name in expression", "fn f(a: i32) -> i32 {\n    return a * (b|ee + 1);\n}\n", []string{
			"bee", "bee + 1", "(bee + 1)", "a * (bee + 1)", "return a * (bee + 1);",
			"{\n    return a * (bee + 1);\n}", "fn f(a: i32) -> i32 {\n    return a * (bee + 1);\n}",
		}},
		{"end of a word selects it", "const x = foo|;\n", []string{"foo", "const x = foo;"}},
		{"literal", "const x = 1.|5;\n", []string{"1.5", "const x = 1.5;"}},
		{"member name", "fn f() { let p = s.po|s; }\n", []string{
			"pos", "s.pos", "let p = s.pos;", "{ let p = s.pos; }", "fn f() { let p = s.pos; }",
		}},
		{"template argument", "var<private> a: array<vec|4<f32>, 2>;\n", []string{
			"vec4", "vec4<f32>", "<vec4<f32>, 2>", "array<vec4<f32>, 2>", "var<private> a: array<vec4<f32>, 2>;",
		}},
		{"attribute argument", "@group(|0) @binding(1) var<uniform> u: f32;\n", []string{
			"0", "@group(0)", "@group(0) @binding(1) var<uniform> u: f32;",
		}},
		{"struct member type", "struct S {\n    a: f3|2,\n}\n", []string{
			"f32", "a: f32", "struct S {\n    a: f32,\n}",
		}},
		{"parameter name", "fn f(al|pha: f32) {}\n", []string{"alpha", "alpha: f32", "fn f(alpha: f32) {}"}},
		{"keyword starts at the statement", "fn f() { if true { ret|urn; } }\n", []string{
			"return;", "{ return; }", "if true { return; }", "{ if true { return; } }", "fn f() { if true { return; } }",
		}},
		{"continuing block", "fn f() { loop { continuing { i|++; } } }\n", []string{
			"i", "i++;", "continuing { i++; }", "{ continuing { i++; } }", "loop { continuing { i++; } }",
			"{ loop { continuing { i++; } } }", "fn f() { loop { continuing { i++; } } }",
		}},
		{"between declarations", "const a = 1;\n|\nconst b = 2;\n", nil},
		{"end of file", "const z = 0;\nconst a = 1;|", []string{"const a = 1;"}},
		{"broken: missing operand", "fn f() {\n    let y = x| +\n}\n", []string{
			"x", "x +", // the BinaryExpr with a missing right operand
		}},
		{"broken: unclosed call", "fn f() { g(a|, \n", []string{"a"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			off := strings.IndexByte(c.src, '|')
			src := c.src[:off] + c.src[off+1:]
			f, diags := syntax.Parse([]byte(src))
			if broken := strings.HasPrefix(c.name, "broken"); broken != (len(diags) > 0) {
				t.Fatalf("broken=%v but diagnostics %v", broken, diags)
			}
			got := SelectionRanges(f, []int{off})
			if len(got) != 1 {
				t.Fatalf("%d results for one offset", len(got))
			}
			spans := got[0]
			if len(spans) == 0 || spans[len(spans)-1] != f.Span {
				t.Fatalf("last span is not the file: %v", spans)
			}
			for i := 1; i < len(spans); i++ {
				in, out := spans[i-1], spans[i]
				if in == out || in.Start < out.Start || in.End > out.End {
					t.Errorf("span %d %v not strictly inside %v", i-1, in, out)
				}
			}
			var texts []string
			for _, s := range spans[:len(spans)-1] {
				texts = append(texts, text(src, s))
			}
			n := len(c.want)
			if strings.HasPrefix(c.name, "broken") {
				// Only the innermost part is ours; the rest is recovery.
				if len(texts) > n {
					texts = texts[:n]
				}
			}
			if strings.Join(texts, "\n---\n") != strings.Join(c.want, "\n---\n") {
				t.Errorf("got:\n%q\nwant:\n%q", texts, c.want)
			}
		})
	}
}

func TestSelectionRangesEdges(t *testing.T) {
	src := "const a = 1;\n"
	f, _ := syntax.Parse([]byte(src))
	got := SelectionRanges(f, []int{-5, len(src) + 10, 6})
	if len(got) != 3 {
		t.Fatalf("got %d results", len(got))
	}
	for i := 0; i < 2; i++ {
		if len(got[i]) != 1 || got[i][0] != f.Span {
			t.Errorf("offset out of range: %v, want just the file", got[i])
		}
	}
	if len(got[2]) != 3 || text(src, got[2][0]) != "a" {
		t.Errorf("offset 6: %v", got[2])
	}
	if got := SelectionRanges(nil, []int{0}); len(got) != 1 || len(got[0]) != 1 {
		t.Errorf("nil file: %v", got)
	}
	if got := SelectionRanges(f, nil); len(got) != 0 {
		t.Errorf("no offsets: %v", got)
	}
}
