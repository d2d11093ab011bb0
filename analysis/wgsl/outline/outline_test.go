package outline

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// text returns the source covered by s, or a description of a bad span.
func text(src string, s diag.Span) string {
	if s.Start < 0 || s.End > len(src) || s.Start > s.End {
		return fmt.Sprintf("<bad span %v>", s)
	}
	return src[s.Start:s.End]
}

// describe prints symbols one per line: kind name [stage] detail | name
// text | first line of the full span; children indented.
func describe(src string, syms []Symbol, indent string, b *strings.Builder) {
	for _, s := range syms {
		stage := ""
		if s.Stage != NoStage {
			stage = " @" + s.Stage.String()
		}
		full := text(src, s.Span)
		if i := strings.IndexByte(full, '\n'); i >= 0 {
			full = full[:i] + "…"
		}
		fmt.Fprintf(b, "%s%s %s%s: %s | %s | %s\n", indent, s.Kind, s.Name, stage, s.Detail, text(src, s.NameSpan), full)
		describe(src, s.Children, indent+"  ", b)
	}
}

func TestSymbols(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"declarations", `enable f16;
struct Light {
    @location(0) pos: vec4<f32>,
    color: array<vec3<f32>, 4>,
}
@group(0) @binding(1) var<storage, read_write> buf: array<u32>;
var<private> seed: u32 = 7u;
const N: u32 = 64u;
override gain = 1.5;
alias Row = array<f32, N>;
const_assert N > 1u;
fn helper(a: i32, p: ptr<function, f32>) -> f32 { return f32(a) * -(*p); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {}
@vertex fn vs() -> @builtin(position) vec4<f32> { return vec4<f32>(); }
@fragment fn fs() {}
`, `struct Light: struct Light | Light | struct Light {…
  field pos: pos: vec4<f32> | pos | @location(0) pos: vec4<f32>
  field color: color: array<vec3<f32>, 4> | color | color: array<vec3<f32>, 4>
var buf: var<storage, read_write> buf: array<u32> | buf | @group(0) @binding(1) var<storage, read_write> buf: array<u32>;
var seed: var<private> seed: u32 | seed | var<private> seed: u32 = 7u;
const N: const N: u32 = 64u | N | const N: u32 = 64u;
override gain: override gain = 1.5 | gain | override gain = 1.5;
alias Row: alias Row = array<f32, N> | Row | alias Row = array<f32, N>;
function helper: fn helper(a: i32, p: ptr<function, f32>) -> f32 | helper | fn helper(a: i32, p: ptr<function, f32>) -> f32 { return f32(a) * -(*p); }
function main @compute: fn main(id: vec3<u32>) | main | @compute @workgroup_size(64)…
function vs @vertex: fn vs() -> vec4<f32> | vs | @vertex fn vs() -> @builtin(position) vec4<f32> { return vec4<f32>(); }
function fs @fragment: fn fs() | fs | @fragment fn fs() {}
`},
		{"broken: nameless function, module let, unclosed template, truncated", "fn (x: i32) {}\nlet top = 1;\nvar<storage> v: array<u32;\nstruct T { @align(4) }\nfn h(",
			// How far a broken declaration's span runs is the parser's
			// recovery; checkSane checks it is consistent.
			`let top: let top = 1 | top
var v: var<storage> v: array | v
struct T: struct T | T
function h: fn h() | h
`},
		{"empty", "", ""},
		{"only comments", "// nothing\n/* here */", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, diags := syntax.Parse([]byte(c.src))
			var b strings.Builder
			describe(c.src, Symbols(f), "", &b)
			got := b.String()
			if strings.HasPrefix(c.name, "broken") {
				got = dropLastColumn(got)
			}
			if broken := strings.HasPrefix(c.name, "broken"); broken != (len(diags) > 0) {
				t.Fatalf("broken=%v but parse diagnostics are %v", broken, diags)
			}
			checkSane(t, c.src, Symbols(f))
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func dropLastColumn(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if j := strings.LastIndex(l, " | "); j >= 0 {
			lines[i] = l[:j] + "\n"
		}
	}
	return strings.Join(lines, "")
}

// checkSane checks the contracts on any tree: names non-empty, name inside
// span, spans within the source, children inside their parent.
func checkSane(t *testing.T, src string, syms []Symbol) {
	t.Helper()
	for _, s := range syms {
		if s.Name == "" || text(src, s.NameSpan) != s.Name {
			t.Errorf("symbol %q: name span %v holds %q", s.Name, s.NameSpan, text(src, s.NameSpan))
		}
		if s.NameSpan.Start < s.Span.Start || s.NameSpan.End > s.Span.End || s.Span.End > len(src) {
			t.Errorf("symbol %q: name span %v outside span %v", s.Name, s.NameSpan, s.Span)
		}
		for _, c := range s.Children {
			if c.Span.Start < s.Span.Start || c.Span.End > s.Span.End {
				t.Errorf("child %q span %v outside %q %v", c.Name, c.Span, s.Name, s.Span)
			}
		}
		checkSane(t, src, s.Children)
	}
}

// The broken case in detail: what survives of each declaration.
func TestSymbolsBroken(t *testing.T) {
	src := `struct S {
    a: f32,
    b:
}
fn (x: i32) {}
fn g(x: , y: u32) -> {
    let z = x +
}
var<storage> v: array<u32;
`
	f, diags := syntax.Parse([]byte(src))
	if len(diags) == 0 {
		t.Fatal("expected syntax errors")
	}
	got := map[string]string{}
	var order []string
	for _, s := range Symbols(f) {
		got[s.Name] = s.Detail
		order = append(order, s.Name)
		for _, c := range s.Children {
			got[s.Name+"."+c.Name] = c.Detail
		}
	}
	if got["S"] != "struct S" || got["S.a"] != "a: f32" || got["S.b"] != "b" {
		t.Errorf("struct with a member missing its type: %v", got)
	}
	if d, ok := got["g"]; !ok || !strings.HasPrefix(d, "fn g(x, y: u32)") {
		t.Errorf("function with a missing parameter type: %q (all: %v)", d, got)
	}
	if _, ok := got[""]; ok {
		t.Errorf("a nameless symbol was returned: %v", order)
	}
	checkSane(t, src, Symbols(f))
}

func TestFoldingRanges(t *testing.T) {
	src := `// Header comment,
// three lines,
// folded together.

// #region bindings
@group(0) @binding(0) var<uniform> u: f32; // trailing
// #endregion

/* one line */
/* two
   lines */
struct S {
    a: f32,
}
struct One { b: f32 }
fn f() {
    // lone
    let x = 1; // after code
    // not joined to the line above
    // second
    switch x {
        case 1: {
            return;
        }
        default {}
    }
    loop {
        continuing {
            break if true;
        }
    }
}
// #endregion unmatched
`
	f, diags := syntax.Parse([]byte(src))
	if len(diags) != 0 {
		t.Fatalf("source does not parse: %v", diags)
	}
	var got []string
	for _, fd := range FoldingRanges([]byte(src), f) {
		s := text(src, fd.Span)
		first, last := s, s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			first = s[:i]
		}
		if i := strings.LastIndexByte(s, '\n'); i >= 0 {
			last = s[i+1:]
		}
		got = append(got, fmt.Sprintf("%s %q..%q", fd.Kind, first, last))
	}
	exp := []string{
		`comment "// Header comment,".."// folded together."`,
		`region "// #region bindings".."// #endregion"`,
		`comment "/* two".."   lines */"`,
		`block "{".."}"`,
		`block "{".."}"`,
		`comment "// not joined to the line above".."    // second"`,
		`block "{".."    }"`,
		`block "{".."        }"`,
		`block "{".."    }"`,
		`block "{".."        }"`,
	}
	if strings.Join(got, "\n") != strings.Join(exp, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(exp, "\n"))
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
