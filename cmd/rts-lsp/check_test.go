package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// The text form, byte for byte, on hand-made diagnostics: columns count
// characters, the caret line keeps tabs so it lines up, a range running
// past its line is underlined to the line's end.
func TestWriteText(t *testing.T) {
	src := "// 🎉 粒子\n\tlet x = 1 +;\nfn f() {\n  oops\n}\n"
	r := fileResult{path: "a.wgsl", src: []byte(src), diags: []diag.Diagnostic{
		{Span: diag.Span{Start: 27, End: 28}, Severity: diag.Error, Code: "syntax-error", Message: "expected expression, found ';'"},
		{Span: diag.Span{Start: 3, End: 7}, Severity: diag.Warning, Code: "emoji", Message: "party",
			Related: []diag.Related{{Span: diag.Span{Start: 8, End: 14}, Message: "see the CJK"}}},
		{Span: diag.Span{Start: 32, End: 43}, Severity: diag.Info, Message: "spans lines"},
	}}
	var b strings.Builder
	writeText(&b, r)
	want := "a.wgsl:2:13: error: expected expression, found ';' [syntax-error]\n" +
		"\tlet x = 1 +;\n" +
		"\t           ^\n" +
		"a.wgsl:1:4: warning: party [emoji]\n" +
		"// 🎉 粒子\n" +
		"   ^\n" +
		"a.wgsl:1:6: note: see the CJK\n" +
		"a.wgsl:3:4: info: spans lines\n" +
		"fn f() {\n" +
		"   ^~~~~\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	src := "// 🎉\nlet x = 1 +;\n"
	var b strings.Builder
	err := writeJSON(&b, []fileResult{{path: "a.wgsl", src: []byte(src), diags: []diag.Diagnostic{
		{Span: diag.Span{Start: 3, End: 7}, Severity: diag.Warning, Code: "emoji", Message: "party",
			Related: []diag.Related{{Span: diag.Span{Start: 8, End: 11}, Message: "let"}}},
		{Span: diag.Span{Start: 19, End: 20}, Severity: diag.Error, Code: "syntax-error", Message: "expected expression"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := `[{"code":"emoji","column":4,"endColumn":5,"endLine":1,"file":"a.wgsl","line":1,"message":"party",` +
		`"related":[{"column":1,"endColumn":4,"endLine":2,"file":"a.wgsl","line":2,"message":"let"}],"severity":"warning"},` +
		`{"code":"syntax-error","column":12,"endColumn":13,"endLine":2,"file":"a.wgsl","line":2,"message":"expected expression","related":[],"severity":"error"}]`
	if norm, _ := json.Marshal(got); string(norm) != want {
		t.Errorf("got  %s\nwant %s", norm, want)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const validWGSL = `@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x * 2u;
  _ = i;
}
`

// The three exit statuses of check, on real files through the real WGSL
// front end.
func TestCheckExitCodes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ok/good.wgsl":          validWGSL,
		"bad/broken.wgsl":       "fn f() -> i32 {\n  let x = 1\n  return x;\n}\n",
		"bad/notes.txt":         "not a shader",
		"bad/.hidden/skip.wgsl": "this is not WGSL at all ((",
	})
	run := func(args ...string) (int, string, string) {
		var stdout, stderr strings.Builder
		code := dispatch(append([]string{"check"}, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	code, out, errOut := run(filepath.Join(dir, "ok"))
	if code != 0 || out != "" || !strings.Contains(errOut, "1 file checked: 0 errors") {
		t.Errorf("valid directory: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	broken := filepath.Join(dir, "bad", "broken.wgsl")
	code, out, errOut = run(filepath.Join(dir, "bad"))
	if code != 1 || !strings.Contains(out, broken+":2:12: error: expected ';' after let declaration, found 'return' [syntax-error]\n  let x = 1\n           ^\n") || !strings.Contains(errOut, "1 file checked: 1 error") {
		t.Errorf("broken directory (hidden dirs and .txt skipped): exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	code, out, _ = run("--format", "json", broken)
	var ds []struct {
		File           string
		Line, Column   int
		Severity, Code string
	}
	if err := json.Unmarshal([]byte(out), &ds); code != 1 || err != nil || len(ds) != 1 ||
		ds[0].File != broken || ds[0].Line != 2 || ds[0].Column != 12 || ds[0].Code != "syntax-error" || ds[0].Severity != "error" {
		t.Errorf("json: exit %d, %v, %+v\n%s", code, err, ds, out)
	}

	for _, args := range [][]string{
		{filepath.Join(dir, "missing.wgsl")},
		{filepath.Join(dir, "ok"), filepath.Join(dir, "missing.wgsl")},
		{filepath.Join(dir, "bad", "notes.txt")},
		{"--format", "yaml", broken},
		{"--nope", broken},
		{},
	} {
		if code, _, errOut := run(args...); code != 2 || errOut == "" {
			t.Errorf("%q: exit %d (stderr %q), want 2 with a message", args, code, errOut)
		}
	}
}

// A run over many files checks them on several goroutines; what it prints
// is what checking each file alone prints, in the files' order, with an
// unreadable file reported in its place.
func TestCheckManyFilesInOrder(t *testing.T) {
	files := map[string]string{}
	var names []string
	for i := range 40 {
		name := fmt.Sprintf("f%02d.wgsl", i)
		switch i % 4 {
		case 0:
			files[name] = validWGSL
		case 1:
			files[name] = "fn f() -> i32 {\n  let x = 1\n  return x;\n}\n"
		case 2:
			files[name] = fmt.Sprintf("fn g%d() { let unused%d = %d; let y: u32 = -1; }\n", i, i, i)
		case 3:
			files[name] = "const a = b;\nconst b = a;\n" + validWGSL
		}
		names = append(names, name)
	}
	files["b/e.rts.meta.json"] = "{ not json"
	dir := writeFiles(t, files)
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "f17x.wgsl")); err != nil {
		t.Fatal(err)
	}
	names = append(names, "f17x.wgsl", "b/e.rts.meta.json")
	slices.Sort(names) // the walk's order

	var want strings.Builder
	for _, n := range names {
		var stdout, stderr strings.Builder
		dispatch([]string{"check", filepath.Join(dir, n)}, &stdout, &stderr)
		want.WriteString(stdout.String())
	}
	wantErr := "rts-lsp check: open " + filepath.Join(dir, "f17x.wgsl") + ": no such file or directory\n"
	var stdout, stderr strings.Builder
	code := dispatch([]string{"check", dir}, &stdout, &stderr)
	if code != 2 || stdout.String() != want.String() {
		t.Fatalf("exit %d; stdout differs from the files checked one by one:\n%s\nwant\n%s", code, stdout.String(), want.String())
	}
	if !strings.HasPrefix(stderr.String(), wantErr) || !strings.Contains(stderr.String(), "41 files checked") ||
		!strings.Contains(stderr.String(), "1 unreadable path") {
		t.Fatalf("stderr %q, want the read error %q first and a count of 41 files", stderr.String(), wantErr)
	}
}

// check walks into manifests too: the examples directory holds two
// deliberate mistakes (a wrong data_hash, a test invoking a missing export)
// among valid cartridges, each reported at its JSON value.
func TestCheckManifests(t *testing.T) {
	var stdout, stderr strings.Builder
	code := dispatch([]string{"check", "--format", "json", filepath.Join("..", "..", "examples", "cartridges")}, &stdout, &stderr)
	var ds []struct {
		File           string
		Line, Column   int
		Severity, Code string
	}
	if err := json.Unmarshal([]byte(stdout.String()), &ds); err != nil || code != 1 {
		t.Fatalf("exit %d, %v\nstdout:\n%s\nstderr:\n%s", code, err, stdout.String(), stderr.String())
	}
	got := map[string]string{}
	for _, d := range ds {
		got[filepath.Base(d.File)] += fmt.Sprintf("%d:%d %s %s;", d.Line, d.Column, d.Severity, d.Code)
	}
	want := map[string]string{
		"fib-wrong-hash.rts.meta.json": "3:16 error cart-data-hash;",
		"add-bad-test.rts.meta.json":   "46:17 error cart-test-export;",
	}
	if len(got) != len(want) || got["fib-wrong-hash.rts.meta.json"] != want["fib-wrong-hash.rts.meta.json"] ||
		got["add-bad-test.rts.meta.json"] != want["add-bad-test.rts.meta.json"] {
		t.Errorf("got %v, want %v", got, want)
	}
	if !strings.Contains(stderr.String(), "6 files checked: 2 errors") {
		t.Errorf("stderr %q, want 6 files and 2 errors (the valid manifests checked clean)", stderr.String())
	}
}
