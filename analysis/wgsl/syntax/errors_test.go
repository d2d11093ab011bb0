package syntax

import (
	"strings"
	"testing"
)

// TestSyntaxErrors checks the exact diagnostics (span, code, message) of
// broken inputs: one diagnostic per mistake, placed on the right token.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		// A missing ';' is reported at the end of the previous token.
		{"fn f() {\n  let x = 1\n  let y = 2;\n}\n", "20-20 syntax-error: expected ';' after let declaration, found 'let'"},
		{"fn f() { return 1 }", "17-17 syntax-error: expected ';' after return statement, found '}'"},
		{"enable f16\nfn f() {}", "10-10 syntax-error: expected ';' after directive, found 'fn'"},
		{"fn f() {\n  x = 1 +;\n  y = 2;\n}\n", "18-19 syntax-error: expected expression, found ';'"},
		{"fn f() {\n  let x = a b;\n  y = 2;\n}\n", "20-20 syntax-error: expected ';' after let declaration, found 'b'"},
		{"fn f( {\n  y = 2;\n}\nfn g() {}\n", "6-7 syntax-error: expected parameter name, found '{'"},
		{"struct S {\n  a: f32;\n  b: i32\n  c: u32,\n}\n",
			"19-20 syntax-error: struct members are separated by ',', not ';'\n" +
				"29-29 syntax-error: expected ',' after struct member, found 'c'"},
		{"let g = 1;\nvar x: = 2;\nfn f() {}\n",
			"0-3 syntax-error: 'let' declarations are only allowed inside functions\n" +
				"18-19 syntax-error: expected type, found '='"},
		{"fn f() {\n  if (a { }\n  y = 1;\n}\n", "17-18 syntax-error: expected ')' to close the parenthesis, found '{'"},
		{"fn f() {\n  y = 1;\n\nfn g() { }\n", "19-21 syntax-error: expected '}' to close the block, found 'fn'"},
		{"/* unterminated /* nested */ \nfn f() {}", "0-2 syntax-error: unterminated block comment"},
		{"fn f() { let as = 1; let __x = 2; }",
			"13-15 reserved-word: 'as' is a reserved word and cannot be used as an identifier\n" +
				"25-28 reserved-word: identifiers must not start with '__'"},
		{"fn f() { let x = 1 € 2; }", "19-22 syntax-error: invalid character '€'"},
		{"@group(0) fn;", "12-13 syntax-error: expected function name, found ';'"},
		{"fn f() { break if x; loop { continuing { break if a; i++; } } }",
			"9-20 syntax-error: 'break if' must be the last statement of a continuing block\n" +
				"41-52 syntax-error: 'break if' must be the last statement of a continuing block"},
		{"x y z; fn f() {}", "0-1 syntax-error: expected declaration, found 'x'"},
		{"fn f() { let x = 01; let y = 0x; }",
			"17-19 syntax-error: integer literal must not have leading zeros\n" +
				"29-31 syntax-error: hexadecimal literal has no digits"},
		{"fn f() { switch x { foo } }", "20-23 syntax-error: expected 'case', 'default' or '}' in switch, found 'foo'"},
		{"fn f() { @unroll x = 1; }", "9-16 syntax-error: attributes are only allowed on compound, if, switch, loop, for and while statements"},
		{"fn f() -> { }", "10-11 syntax-error: expected type, found '{'"},
		{"fn f() { let loop = 1; }", "13-17 syntax-error: expected name for let declaration, found keyword 'loop'"},
		{"fn f() { x = ; }", "13-14 syntax-error: expected expression, found ';'"},
		{"fn f() { f(1, 2; }", "15-16 syntax-error: expected ')' to close the argument list, found ';'"},
		{"fn f() { continuing { } }", "9-19 syntax-error: 'continuing' is only allowed at the end of a loop body"},
		{"diagnostic(off, x);\nconst a = 1;\nenable f16;", "33-39 syntax-error: directives must come before any declaration"},
		{"fn f() {", "8-8 syntax-error: expected '}' to close the block, found end of file"},
		{"fn f() { a.; }", "11-12 syntax-error: expected member name after '.', found ';'"},
		{"fn f() { _ + 1; }", "11-12 syntax-error: expected '=' after '_', found '+'"},
		{"fn f() {\n  x = 1;\n@compute @workgroup_size(1) fn g() {}", "18-19 syntax-error: expected '}' to close the block, found '@'"},
		{"fn f() {\n  x = 1;\n@group(0) @binding(0) var<uniform> u: f32;", "18-19 syntax-error: expected '}' to close the block, found '@'"},
		{"alias T = atomic<>;", "16-18 syntax-error: template list must not be empty"},
		{"// a \x00 in a comment\nfn f() {}", "5-6 syntax-error: the null character (U+0000) is not allowed in WGSL source"},
		{"fn f() {\x00}", "8-9 syntax-error: the null character (U+0000) is not allowed in WGSL source"},
		{"fn f() { let x = 1 " + strings.Repeat("long", 20) + "; }", "18-18 syntax-error: expected ';' after let declaration, found '" + strings.Repeat("long", 10) + "…'"},
		{"fn f() { a + b; }", "11-12 syntax-error: expected assignment or function call, found '+'"},
	}
	for _, tc := range tests {
		_, ds := Parse([]byte(tc.src))
		if got := strings.TrimSpace(diagList(ds)); got != tc.want {
			t.Errorf("%q:\n got\n%s\n want\n%s", tc.src, got, tc.want)
		}
	}
}

// TestManyErrors checks that a file with several independent mistakes gets
// exactly one diagnostic per mistake and that the good parts still parse.
func TestManyErrors(t *testing.T) {
	src := `struct Particle {
  pos: vec3<f32>,
  vel: vec3<f32>
  mass f32,
}

@group(0) @binding(0) var<storage, read_write> particles: array<Particle>;

fn step(i: u32, dt: f32) {
  var p = particles[i]
  p.pos += p.vel * dt;
  if p.pos.y < 0.0 {
    p.vel.y = -p.vel.y * ;
  }
  particles[i] = p;
  let broken = (1 + 2;
  for (var k = 0u; k < 3u; k++) {
    p.mass = p.mass & 1 | 2;
  }
}

fn ok() -> f32 { return 1.0; }

alias A = ;
`
	f, ds := Parse([]byte(src))
	want := []string{
		"expected ',' after struct member, found 'mass'",
		"expected ':' after struct member name, found 'f32'",
		"expected ';' after var declaration, found 'p'",
		"expected expression, found ';'",
		"expected ')' to close the parenthesis, found ';'",
		"mixing '&' and '|' requires parentheses",
		"expected type, found ';'",
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(ds), len(want), diagList(ds))
	}
	for i, d := range ds {
		if d.Message != want[i] {
			t.Errorf("diagnostic %d: got %q, want %q", i, d.Message, want[i])
		}
	}
	// The missing ';' after `particles[i]` sits right after the ']'.
	if off := strings.Index(src, "particles[i]\n") + len("particles[i]"); ds[2].Span.Start != off || ds[2].Span.End != off {
		t.Errorf("missing ';' span = %v, want zero-length at %d", ds[2].Span, off)
	}
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *FuncDecl:
			names = append(names, "fn "+d.Name.Name)
		case *StructDecl:
			names = append(names, "struct "+d.Name.Name)
		case *VarDecl:
			names = append(names, "var "+d.Name.Name)
		case *AliasDecl:
			names = append(names, "alias "+d.Name.Name)
		}
	}
	if got := strings.Join(names, ", "); got != "struct Particle, var particles, fn step, fn ok, alias A" {
		t.Errorf("declarations: %s", got)
	}
}

// A statement broken before its ';' still ends there: recovery must not
// swallow the statement after it (which would also make its uses vanish and
// cascade into "unused" warnings downstream).
func TestRecoveryKeepsNextStatement(t *testing.T) {
	for _, src := range []string{
		"fn f() { let x = g(1, 2; y = x; }",
		"fn f() { let x = (1 + ; y = x; }",
		"fn f() { for (var i = 0; i < 3; i++) { let x = g(i; y += x; } }",
	} {
		file, ds := Parse([]byte(src))
		if len(ds) != 1 {
			t.Errorf("%q: want exactly one diagnostic, got %v", src, ds)
		}
		assigns := 0
		Inspect(file, func(n Node) bool {
			if _, ok := n.(*AssignStmt); ok {
				assigns++
			}
			return true
		})
		if assigns != 1 {
			t.Errorf("%q: the assignment after the broken statement was lost (%d assignments)\n%s", src, assigns, Dump(file))
		}
	}
}
