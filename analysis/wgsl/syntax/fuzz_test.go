package syntax

import (
	"strings"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// checkInvariants verifies the AST and diagnostic contracts on any input.
func checkInvariants(t *testing.T, src []byte, f *File, ds []diag.Diagnostic) {
	t.Helper()
	n := len(src)
	if f == nil {
		t.Fatal("nil File")
	}
	valid := func(s diag.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }
	for i, d := range ds {
		if !valid(d.Span) {
			t.Fatalf("diagnostic %d span %v out of [0,%d]: %s", i, d.Span, n, d.Message)
		}
		if i > 0 && ds[i-1].Span.Start > d.Span.Start {
			t.Fatalf("diagnostics not sorted at %d", i)
		}
		if d.Code == "" || d.Message == "" {
			t.Fatalf("diagnostic %d has no code or message", i)
		}
	}
	Inspect(f, func(nd Node) bool {
		s := nd.NodeSpan()
		if !valid(s) {
			t.Fatalf("%T span %v out of [0,%d]", nd, s, n)
		}
		if n <= 2048 {
			// Every descendant lies inside its ancestor (quadratic: small inputs only).
			Inspect(nd, func(c Node) bool {
				if cs := c.NodeSpan(); cs.Start < s.Start || cs.End > s.End {
					t.Fatalf("%T span %v escapes its ancestor %T %v", c, cs, nd, s)
				}
				return true
			})
		}
		return true
	})
	if !diag.HasErrors(ds) {
		// An error-free parse must contain no Bad nodes.
		Inspect(f, func(nd Node) bool {
			switch nd.(type) {
			case *BadExpr, *BadStmt, *BadDecl:
				t.Fatalf("Bad node %T at %v without a diagnostic", nd, nd.NodeSpan())
			}
			return true
		})
	}
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"", "fn f() {}", "struct S { a: f32, }", "var<storage, read_write> x: array<u32>;",
		"fn f() { let x = a<b>(c); loop { continuing { break if x; } } }",
		"fn f() { switch x { case 1, default: {} } for (var i = 0; i < 4; i++) {} }",
		"/* /* */", "@", "fn f( {", "a<b<c<d", "x>>=y", "0x1p4f 1e 0x",
		"fn f() { _ = ((((((1)))))); }", "enable f16; diagnostic(off, a.b);",
		"const c = vec3<f32>(1.0, 2., .3);", "fn 变量() { let 🎉 = 1; }",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, ds := Parse(src)
		checkInvariants(t, src, file, ds)
		toks := Lex(src)
		for i, tok := range toks {
			if tok.Start > tok.End || int(tok.End) > len(src) || (i > 0 && tok.Start < toks[i-1].End) {
				t.Fatalf("bad token %d %+v", i, tok)
			}
		}
	})
}

func TestNestingLimit(t *testing.T) {
	for _, src := range []string{
		"fn f() { _ = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "; }",
		"fn f() { _ = " + strings.Repeat("- ", 5000) + "1; }",
		"fn f() " + strings.Repeat("{", 5000) + strings.Repeat("}", 5000),
		"fn f() { " + strings.Repeat("if a { } else ", 3000) + "{ } }",
		"const a = array<" + strings.Repeat("array<", 3000) + "f32" + strings.Repeat(">", 3001) + ";",
	} {
		f, ds := Parse([]byte(src))
		checkInvariants(t, []byte(src), f, ds)
		if len(ds) != 1 || !strings.Contains(ds[0].Message, "nesting is too deep") {
			t.Errorf("%.30q...: got %s", src, diagList(ds))
		}
	}
}

func TestNonASCII(t *testing.T) {
	src := "// 计算 🎉\nfn 计算(值: f32) -> f32 {\n  /* ネスト /* 🚀 */ */\n  let δ = 值 * 2.0; // ✓\n  return δ;\n}\n"
	f, ds := Parse([]byte(src))
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %s", diagList(ds))
	}
	fn := f.Decls[0].(*FuncDecl)
	if got := src[fn.Name.Span.Start:fn.Name.Span.End]; got != "计算" || fn.Name.Name != "计算" {
		t.Errorf("function name span covers %q", got)
	}
	let := fn.Body.Stmts[0].(*VarDecl)
	if got := src[let.Name.Span.Start:let.Name.Span.End]; got != "δ" {
		t.Errorf("let name span covers %q", got)
	}
	if got := Dump(fn); got != "(fn 计算 (值:f32) f32 (block (let δ _ (* 值 2.0)) (return δ)))" {
		t.Errorf("dump: %s", got)
	}
	_, ds = Parse([]byte("fn f() { let a🎉 = 1; }"))
	if got := diagList(ds); got != "14-18 syntax-error: invalid character '🎉'\n" {
		// The identifier ends before the emoji; the emoji is reported once.
		t.Errorf("emoji in identifier: %s", got)
	}
}

// TestPathologicalInputs checks that long runs of hostile input parse in
// linear time (the test would time out otherwise) with few diagnostics.
func TestPathologicalInputs(t *testing.T) {
	for _, src := range []string{
		"x " + strings.Repeat("@a ", 200000),
		"x " + strings.Repeat("@a(", 100000),
		strings.Repeat("@a(", 100000),
		"fn f() {" + strings.Repeat("@a(", 100000),
		"fn f() { " + strings.Repeat("@a ", 200000) + "}",
		"struct S { " + strings.Repeat("@a ", 200000) + "}",
		strings.Repeat("a<", 200000),
		strings.Repeat("f(", 100000),
		strings.Repeat("}", 200000),
		strings.Repeat("/*", 100000),
		"fn f() { let x = " + strings.Repeat("a + ", 200000) + "1; }",
		"fn f() {" + strings.Repeat("x = 1\n", 100000) + "}",
	} {
		t0 := time.Now()
		f, ds := Parse([]byte(src))
		t.Logf("%.12q: %d diagnostics in %v", src, len(ds), time.Since(t0))
		checkInvariants(t, []byte(src), f, ds)
		if len(ds) > 5 {
			t.Errorf("%.20q...: %d diagnostics", src, len(ds))
		}
	}
}
