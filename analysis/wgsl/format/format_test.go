package format

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// repoRoot is the module root, seen from this package's directory.
const repoRoot = "../../.."

// tokenTexts lexes src and returns each token as kind + text, without the
// EOF token: the token stream minus blankspace.
func tokenTexts(src []byte) []string {
	toks := syntax.Lex(src)
	out := make([]string, 0, len(toks))
	for _, t := range toks[:len(toks)-1] {
		out = append(out, t.Kind.String()+" "+string(src[t.Start:t.End]))
	}
	return out
}

func sameTokenTexts(t *testing.T, name string, a, b []byte) {
	t.Helper()
	ta, tb := tokenTexts(a), tokenTexts(b)
	for i := range min(len(ta), len(tb)) {
		if ta[i] != tb[i] {
			t.Fatalf("%s: token %d changed: %q -> %q", name, i, ta[i], tb[i])
		}
	}
	if len(ta) != len(tb) {
		t.Fatalf("%s: %d tokens became %d", name, len(ta), len(tb))
	}
}

// Every .wgsl file in the repository either formats with its tokens kept and
// a second pass changing nothing, or is refused for its syntax errors.
func TestRepositoryFiles(t *testing.T) {
	var formatted, refused int
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != repoRoot && (strings.HasPrefix(n, ".") || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".wgsl") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, err := Format(src, Options{})
		var se *SyntaxError
		if errors.As(err, &se) {
			if _, diags := syntax.Parse(src); !diag.HasErrors(diags) {
				t.Errorf("%s: refused but parses cleanly: %v", path, err)
			}
			refused++
			return nil
		}
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		formatted++
		sameTokenTexts(t, path, src, out)
		again, err := Format(out, Options{})
		if err != nil {
			t.Errorf("%s: formatted output does not format: %v", path, err)
		} else if !bytes.Equal(again, out) {
			t.Errorf("%s: not idempotent:\n%s", path, firstDiff(out, again))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The repository holds the VM shader, the examples and the parser's large
	// test file: if none of them formats something is wrong with the walk.
	if formatted < 5 {
		t.Fatalf("only %d files formatted (%d refused)", formatted, refused)
	}
	t.Logf("%d files formatted, %d refused for syntax errors", formatted, refused)
}

// firstDiff shows the first differing line of a and b.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  " + la[i] + "\n  " + lb[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(la)) + " vs " + strconv.Itoa(len(lb)) + " lines"
}

// Golden cases: testdata/NAME.in formats to testdata/NAME.golden, and the
// golden file is a fixed point.
func TestGolden(t *testing.T) {
	ins, err := filepath.Glob("testdata/*.in")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(in, ".in") + ".golden")
			if err != nil {
				t.Fatal(err)
			}
			got, err := Format(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s\n%s", got, want, firstDiff(got, want))
			}
			again, err := Format(want, Options{})
			if err != nil || !bytes.Equal(again, want) {
				t.Errorf("golden file is not a fixed point (%v):\n%s", err, again)
			}
		})
	}
}

// Small cases, each input -> expected output, for rules worth a name.
func TestCases(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blank only", " \n\n\t\n", ""},
		{"comment only", "  // hi  ", "// hi  \n"},
		{"trailing newline added", "const a = 1;", "const a = 1;\n"},
		{"blank lines collapse", "const a = 1;\n\n\n\nconst b = 2;\n", "const a = 1;\n\nconst b = 2;\n"},
		{"no blank line at block edges", "fn f() {\n\n  return;\n\n}\n", "fn f() {\n    return;\n}\n"},
		{"brace joins its line", "fn f()\n{\n}\n", "fn f() {}\n"},
		{"unary minus kept apart", "const a = - -1;", "const a = - -1;\n"},
		{"binary then unary", "const a = 2- -1;", "const a = 2 - -1;\n"},
		{"nested template close", "var<private> a: array<vec4<f32>,2>;", "var<private> a: array<vec4<f32>, 2>;\n"},
		{"address and deref", "fn f() { var x = 1; let p = &x; *p = 2; }",
			"fn f() {\n    var x = 1;\n    let p = &x;\n    *p = 2;\n}\n"},
		{"bitwise and stays binary", "const a = 3&1;", "const a = 3 & 1;\n"},
		{"crlf", "const a = 1;\r\n\r\n\r\nconst b = 2;\r\n", "const a = 1;\n\nconst b = 2;\n"},
		{"attribute lines kept", "@compute\n@workgroup_size(1)\nfn f() {}", "@compute\n@workgroup_size(1)\nfn f() {}\n"},
		{"attribute joined", "@ group(0) @binding (0) var<uniform> u: f32;", "@group(0) @binding(0) var<uniform> u: f32;\n"},
		{"one-line block kept", "fn f() -> i32 { return 1; }", "fn f() -> i32 { return 1; }\n"},
		{"two statements split", "fn f() { let a = 1; let b = 2; }", "fn f() {\n    let a = 1;\n    let b = 2;\n}\n"},
		{"semicolon after struct", "struct S { a: f32 };", "struct S {\n    a: f32\n};\n"},
		{"trailing comments aligned per run", "struct S {\n a: u32, // one\n longer: f32,   // two\n\n c: i32, // three\n}\n",
			"struct S {\n    a: u32,      // one\n    longer: f32, // two\n\n    c: i32, // three\n}\n"},
		{"alignment counts characters, stops at another level", "fn f() { // body\n  let é = 1; // a\n  let ab = 2; // b\n}\n",
			"fn f() { // body\n    let é = 1;  // a\n    let ab = 2; // b\n}\n"},
		{"line comment forces break", "const a = 1 // one\n+ 2;", "const a = 1 // one\n    + 2;\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Format([]byte(c.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, c.want)
			}
			again, err := Format(got, Options{})
			if err != nil || !bytes.Equal(again, got) {
				t.Errorf("not idempotent (%v): %q", err, again)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	src := []byte("fn f() { if true { return; } else { discard; } }")
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{}, "fn f() {\n    if true { return; } else { discard; }\n}\n"},
		{Options{IndentWidth: 2}, "fn f() {\n  if true { return; } else { discard; }\n}\n"},
		{Options{UseTabs: true, IndentWidth: 8}, "fn f() {\n\tif true { return; } else { discard; }\n}\n"},
	} {
		got, err := Format(src, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("%+v: got %q, want %q", c.opts, got, c.want)
		}
	}
}

// Broken code is refused with the position of the first syntax error, and
// nothing is returned to write back.
func TestSyntaxErrorRefused(t *testing.T) {
	src := []byte("fn f() {\n    let x = 1\n    let y = 2;\n}\n")
	out, err := Format(src, Options{})
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("want *SyntaxError, got %v (output %q)", err, out)
	}
	if out != nil {
		t.Errorf("output returned with the error: %q", out)
	}
	if se.Line != 2 || se.Column != 14 {
		t.Errorf("error at %d:%d, want 2:14, after the 1 (%v)", se.Line, se.Column, err)
	}
	if !strings.Contains(err.Error(), "2:14") {
		t.Errorf("message lacks the position: %v", err)
	}
	if _, err := Edits(src, Options{}); !errors.As(err, &se) {
		t.Errorf("Edits: want *SyntaxError, got %v", err)
	}
	if _, err := FormatRange(src, diag.Span{Start: 0, End: 3}, Options{}); !errors.As(err, &se) {
		t.Errorf("FormatRange: want *SyntaxError, got %v", err)
	}
}

// Edits only replace blankspace, and applying them gives Format's output.
func TestEdits(t *testing.T) {
	src, err := os.ReadFile("testdata/stmts.in")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Format(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	edits, err := Edits(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(edits) == 0 {
		t.Fatal("no edits for an unformatted file")
	}
	last := -1
	for _, e := range edits {
		if e.Span.Start < last {
			t.Fatalf("edits overlap or are unsorted: %+v", edits)
		}
		last = e.Span.End
		if strings.TrimSpace(string(src[e.Span.Start:e.Span.End])) != "" || strings.TrimSpace(e.NewText) != "" {
			t.Errorf("edit touches more than blankspace: %q -> %q", src[e.Span.Start:e.Span.End], e.NewText)
		}
	}
	if got := Apply(src, edits); !bytes.Equal(got, want) {
		t.Errorf("applied edits differ from Format:\n%s", firstDiff(got, want))
	}
	// A formatted file needs no edits.
	if edits, _ := Edits(want, Options{}); len(edits) != 0 {
		t.Errorf("formatted file still has edits: %+v", edits)
	}
}

// FormatRange changes only what lies in the range: here the second function.
func TestFormatRange(t *testing.T) {
	src := []byte("fn a(){let x=1;let z=x;}\nfn b(){let y=2;let z=y;}\n")
	start := bytes.Index(src, []byte("fn b"))
	edits, err := FormatRange(src, diag.Span{Start: start, End: len(src) - 1}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(Apply(src, edits))
	want := "fn a(){let x=1;let z=x;}\nfn b() {\n    let y = 2;\n    let z = y;\n}\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, e := range edits {
		if e.Span.End < start {
			t.Errorf("edit before the range: %+v", e)
		}
	}
}

func FuzzFormat(f *testing.F) {
	for _, name := range []string{"testdata/stmts.in", "testdata/comments.in", "testdata/decls.in", "testdata/continuation.in"} {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, name := range []string{"examples/particles.wgsl", "examples/tonemap.wgsl", "examples/fullscreen.wgsl"} {
		if src, err := os.ReadFile(filepath.Join(repoRoot, name)); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("fn f() { let a = - -1; let b = a-- -1; }"))
	f.Add([]byte("var<private> a: array<vec4<f32>,2>; /* c /* d */ */ // e"))
	f.Add([]byte("fn f() { x = a/ /*c*/b; y = *&*p; }"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := Format(src, Options{})
		if err != nil {
			return
		}
		sameTokenTexts(t, "fuzz", src, out)
		again, err := Format(out, Options{})
		if err != nil {
			t.Fatalf("output does not format: %v\ninput %q\noutput %q", err, src, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("not idempotent\ninput %q\nfirst %q\nsecond %q", src, out, again)
		}
		edits, err := Edits(src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if applied := Apply(src, edits); !bytes.Equal(applied, out) {
			t.Fatalf("edits disagree with Format\ninput %q\nformat %q\nedits %q", src, out, applied)
		}
	})
}

func BenchmarkFormat(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "analysis/wgsl/syntax/testdata/large_compute.wgsl"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Format(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
