package outline

import (
	"fmt"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

func foldList(src string) []string {
	f, _ := syntax.Parse([]byte(src))
	var out []string
	for _, fd := range FoldingRanges([]byte(src), f) {
		out = append(out, fmt.Sprintf("%s %q", fd.Kind, text(src, fd.Span)))
	}
	return out
}

func TestFoldingRangesMore(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"crlf and lone cr", "fn f() {\r\n  x();\r\n}\r\n// a\r// b\r", []string{
			"block \"{\\r\\n  x();\\r\\n}\"", "comment \"// a\\r// b\"",
		}},
		{"one-line block is not folded", "fn f() { return; }\n", nil},
		{"nested regions, unmatched ends ignored", "// #endregion\n//#region outer\n// #region inner\nconst a = 1;\n// #endregion\n// #endregion outer\n// #region never closed\n", []string{
			"region \"//#region outer\\n// #region inner\\nconst a = 1;\\n// #endregion\\n// #endregion outer\"",
			"region \"// #region inner\\nconst a = 1;\\n// #endregion\"",
		}},
		{"not a region marker", "// #regional\n// #regions\n", []string{"comment \"// #regional\\n// #regions\""}},
		{"blank line splits comment runs", "// a\n// b\n\n// c\n// d\n", []string{
			"comment \"// a\\n// b\"", "comment \"// c\\n// d\"",
		}},
		{"broken: unclosed body is not folded, inner blocks are", "fn f() {\n    if x {\n        y();\n    }\n", []string{
			"block \"{\\n        y();\\n    }\"",
		}},
		{"broken: unterminated block comment", "const a = 1;\n/* open\n  to the end", []string{
			"comment \"/* open\\n  to the end\"",
		}},
		{"compound statement with attribute", "fn f() {\n    @diagnostic(off, derivative_uniformity) {\n        x();\n    }\n}\n", []string{
			"block \"{\\n    @diagnostic(off, derivative_uniformity) {\\n        x();\\n    }\\n}\"",
			"block \"{\\n        x();\\n    }\"",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := foldList(c.src)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("got:\n%q\nwant:\n%q", got, c.want)
			}
		})
	}
}

// No input makes the queries panic or return spans outside the source.
func FuzzOutline(f *testing.F) {
	f.Add([]byte("struct S { a: f32 }\n@compute @workgroup_size(1) fn main() { loop { continuing { break if true; } } }\n"))
	f.Add([]byte("// #region\n/* a\n*/ fn f( { switch x { case 1: {"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := syntax.Parse(src)
		var walk func([]Symbol)
		walk = func(ss []Symbol) {
			for _, s := range ss {
				if s.Span.Start < 0 || s.Span.End > len(src) || s.NameSpan.Start < s.Span.Start || s.NameSpan.End > s.Span.End || s.Name == "" {
					t.Fatalf("bad symbol %+v", s)
				}
				walk(s.Children)
			}
		}
		walk(Symbols(file))
		for _, fd := range FoldingRanges(src, file) {
			if fd.Span.Start < 0 || fd.Span.End > len(src) || fd.Span.Start >= fd.Span.End {
				t.Fatalf("bad fold %+v", fd)
			}
		}
		offs := []int{0, len(src) / 2, len(src)}
		for i, spans := range SelectionRanges(file, offs) {
			for j := 1; j < len(spans); j++ {
				if spans[j-1].Start < spans[j].Start || spans[j-1].End > spans[j].End {
					t.Fatalf("offset %d: not nested: %v", offs[i], spans)
				}
			}
		}
	})
}

func BenchmarkOutline(b *testing.B) {
	src := mustRead(b, "../syntax/testdata/large_compute.wgsl")
	file, _ := syntax.Parse(src)
	offs := []int{len(src) / 3, len(src) / 2}
	b.ReportAllocs()
	for b.Loop() {
		Symbols(file)
		FoldingRanges(src, file)
		SelectionRanges(file, offs)
	}
}
