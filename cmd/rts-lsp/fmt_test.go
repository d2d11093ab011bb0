package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	fmtUgly = "fn f()->i32{let x=1;return x;}\n"
	fmtNice = "fn f() -> i32 {\n    let x = 1;\n    return x;\n}\n"
	fmtBad  = "fn f() {\n    let x = 1\n    let y = 2;\n}\n"
)

// fmtRun runs `rts-lsp fmt ARGS` with stdin as its standard input.
func fmtRun(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	saved := fmtStdin
	fmtStdin = strings.NewReader(stdin)
	defer func() { fmtStdin = saved }()
	var out, errw strings.Builder
	code = dispatch(append([]string{"fmt"}, args...), &out, &errw)
	return code, out.String(), errw.String()
}

// fmtTree writes files under a fresh directory and returns it.
func fmtTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFmtStdin(t *testing.T) {
	code, out, errs := fmtRun(t, fmtUgly)
	if code != 0 || out != fmtNice {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, _ = fmtRun(t, fmtUgly, "--tabs")
	if want := strings.ReplaceAll(fmtNice, "    ", "\t"); code != 0 || out != want {
		t.Errorf("--tabs: exit %d, stdout %q", code, out)
	}
	code, out, _ = fmtRun(t, fmtUgly, "--indent", "2")
	if want := strings.ReplaceAll(fmtNice, "    ", "  "); code != 0 || out != want {
		t.Errorf("--indent 2: exit %d, stdout %q", code, out)
	}
}

func TestFmtStdinCheck(t *testing.T) {
	if code, out, _ := fmtRun(t, fmtUgly, "--check"); code != 1 || out != "<stdin>\n" {
		t.Errorf("unformatted: exit %d, stdout %q", code, out)
	}
	if code, out, _ := fmtRun(t, fmtNice, "--check"); code != 0 || out != "" {
		t.Errorf("formatted: exit %d, stdout %q", code, out)
	}
}

// Without -w the formatted files go to stdout and the files stay as they are.
func TestFmtPrintsFiles(t *testing.T) {
	dir := fmtTree(t, map[string]string{"a.wgsl": fmtUgly})
	path := filepath.Join(dir, "a.wgsl")
	code, out, errs := fmtRun(t, "", path)
	if code != 0 || out != fmtNice {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if got := readFile(t, path); got != fmtUgly {
		t.Errorf("file changed without -w: %q", got)
	}
}

func TestFmtWriteAndCheckDirectory(t *testing.T) {
	dir := fmtTree(t, map[string]string{
		"a.wgsl":             fmtUgly,
		"sub/b.wgsl":         fmtNice,
		"sub/c.WGSL":         fmtUgly,
		".hidden/d.wgsl":     fmtUgly, // hidden directories are skipped
		"notes.txt":          fmtUgly, // not WGSL
		"sub/deeper/e.wgsl":  fmtUgly,
		"sub/deeper/ok.wgsl": fmtNice,
	})
	rel := func(names ...string) string {
		var b strings.Builder
		for _, n := range names {
			b.WriteString(filepath.Join(dir, n) + "\n")
		}
		return b.String()
	}

	code, out, errs := fmtRun(t, "", "--check", dir)
	if want := rel("a.wgsl", "sub/c.WGSL", "sub/deeper/e.wgsl"); code != 1 || out != want {
		t.Errorf("--check: exit %d, stdout %q, want %q (stderr %q)", code, out, want, errs)
	}
	if got := readFile(t, filepath.Join(dir, "a.wgsl")); got != fmtUgly {
		t.Errorf("--check changed a file: %q", got)
	}

	code, out, errs = fmtRun(t, "", "-w", dir)
	if code != 0 || out != "" || errs != "" {
		t.Errorf("-w: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for name, want := range map[string]string{
		"a.wgsl": fmtNice, "sub/b.wgsl": fmtNice, "sub/c.WGSL": fmtNice, "sub/deeper/e.wgsl": fmtNice,
		".hidden/d.wgsl": fmtUgly, "notes.txt": fmtUgly,
	} {
		if got := readFile(t, filepath.Join(dir, name)); got != want {
			t.Errorf("after -w, %s = %q, want %q", name, got, want)
		}
	}
	info, err := os.Stat(filepath.Join(dir, "a.wgsl"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("-w changed permissions to %o", perm)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".a.wgsl.fmt*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	if code, out, _ := fmtRun(t, "", "--check", dir); code != 0 || out != "" {
		t.Errorf("--check after -w: exit %d, stdout %q", code, out)
	}
}

func TestFmtErrors(t *testing.T) {
	dir := fmtTree(t, map[string]string{"bad.wgsl": fmtBad, "ugly.wgsl": fmtUgly})
	bad := filepath.Join(dir, "bad.wgsl")

	// A syntax error: reported with its position, the file left alone, exit 2
	// even though --check also found a file to change.
	code, out, errs := fmtRun(t, "", "--check", "-w", dir)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errs, bad+":2:14: expected ';'") || !strings.Contains(errs, "not formatted") {
		t.Errorf("stderr %q lacks the located syntax error", errs)
	}
	if out != filepath.Join(dir, "ugly.wgsl")+"\n" {
		t.Errorf("stdout %q", out)
	}
	if got := readFile(t, bad); got != fmtBad {
		t.Errorf("broken file rewritten: %q", got)
	}
	if got := readFile(t, filepath.Join(dir, "ugly.wgsl")); got != fmtNice {
		t.Errorf("the good file was not rewritten: %q", got)
	}

	for _, c := range []struct {
		name, stdin string
		args        []string
		inErr       string
	}{
		{"syntax error on stdin", fmtBad, nil, "<stdin>:2:14:"},
		{"missing path", "", []string{filepath.Join(dir, "nope.wgsl")}, "nope.wgsl"},
		{"-w without path", fmtUgly, []string{"-w"}, "-w needs a PATH"},
		{"unknown flag", "", []string{"--bogus"}, "bogus"},
		{"bad indent", "", []string{"--indent", "0"}, "--indent"},
	} {
		code, out, errs := fmtRun(t, c.stdin, c.args...)
		if code != 2 || !strings.Contains(errs, c.inErr) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q (want exit 2, stderr with %q)", c.name, code, out, errs, c.inErr)
		}
	}
}
