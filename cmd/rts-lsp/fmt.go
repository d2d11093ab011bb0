package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/format"
)

func init() {
	register(&command{
		name:    "fmt",
		summary: "format WGSL files (-w rewrite, --check list unformatted; no PATH: stdin to stdout)",
		run:     runFmt,
	})
}

// fmtStdin is where `rts-lsp fmt` with no PATH reads; tests replace it.
var fmtStdin io.Reader = os.Stdin

// runFmt is `rts-lsp fmt [-w] [--check] [--tabs] [--indent N] [PATH...]`.
//
// Without PATH it formats stdin to stdout (with --check it prints "<stdin>"
// instead if the input is not formatted). A PATH is a file, or a directory
// whose *.wgsl files are formatted (hidden directories skipped). With neither
// -w nor --check the formatted files are printed to stdout; -w rewrites the
// files that change; --check lists them on stdout, and both together rewrite
// and list. Files with syntax errors are reported on stderr and left alone.
//
// Exit status: 2 if any file could not be read, parsed or written (or on
// usage errors); else 1 if --check found a file to change; else 0.
func runFmt(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("fmt", flag.ContinueOnError)
	fl.SetOutput(stderr)
	write := fl.Bool("w", false, "rewrite files that change instead of printing them")
	check := fl.Bool("check", false, "list files that would change; exit 1 if any")
	tabs := fl.Bool("tabs", false, "indent with tabs")
	width := fl.Int("indent", 4, "spaces per indentation level (without --tabs)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: rts-lsp fmt [-w] [--check] [--tabs] [--indent N] [PATH...]")
		fmt.Fprintln(stderr, "\nFormats WGSL files; a directory means every *.wgsl file under it; no PATH reads stdin.")
		fmt.Fprintln(stderr, "Exit status: 0 ok, 1 --check found unformatted files, 2 syntax, I/O or usage errors.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *width < 1 || *width > 16 {
		fmt.Fprintf(stderr, "rts-lsp fmt: --indent must be between 1 and 16, not %d\n", *width)
		return 2
	}
	opts := format.Options{UseTabs: *tabs, IndentWidth: *width}

	if fl.NArg() == 0 {
		if *write {
			fmt.Fprintln(stderr, "rts-lsp fmt: -w needs a PATH (cannot rewrite stdin)")
			return 2
		}
		src, err := io.ReadAll(fmtStdin)
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp fmt: reading stdin: %v\n", err)
			return 2
		}
		out, err := format.Format(src, opts)
		if err != nil {
			reportFmtError(stderr, "<stdin>", err)
			return 2
		}
		if *check {
			if !bytes.Equal(src, out) {
				fmt.Fprintln(stdout, "<stdin>")
				return 1
			}
			return 0
		}
		stdout.Write(out)
		return 0
	}

	paths, failed := wgslFiles(fl.Args(), stderr)
	changed := 0
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp fmt: %v\n", err)
			failed++
			continue
		}
		out, err := format.Format(src, opts)
		if err != nil {
			reportFmtError(stderr, path, err)
			failed++
			continue
		}
		differs := !bytes.Equal(src, out)
		if differs {
			changed++
		}
		if *check && differs {
			fmt.Fprintln(stdout, path)
		}
		switch {
		case *write && differs:
			if err := rewriteFile(path, out); err != nil {
				fmt.Fprintf(stderr, "rts-lsp fmt: %v\n", err)
				failed++
			}
		case !*write && !*check:
			stdout.Write(out)
		}
	}
	switch {
	case failed > 0:
		return 2
	case *check && changed > 0:
		return 1
	}
	return 0
}

// reportFmtError prints a formatting failure compiler-style when it has a
// position.
func reportFmtError(stderr io.Writer, name string, err error) {
	var se *format.SyntaxError
	if errors.As(err, &se) {
		d := se.Diagnostics[0]
		more := ""
		if n := len(se.Diagnostics) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		fmt.Fprintf(stderr, "%s:%d:%d: %s%s; file not formatted\n", name, se.Line, se.Column, d.Message, more)
		return
	}
	fmt.Fprintf(stderr, "rts-lsp fmt: %s: %v\n", name, err)
}

// wgslFiles expands the arguments: a file is taken whatever its name, a
// directory contributes its *.wgsl files (hidden directories skipped) in
// lexical order. Problems are reported on stderr and counted.
func wgslFiles(args []string, stderr io.Writer) (files []string, errs int) {
	return expandArgs("fmt", args, stderr,
		func(path string, d fs.DirEntry) bool {
			return strings.HasSuffix(strings.ToLower(path), ".wgsl") && d.Type().IsRegular()
		},
		func(string) bool { return true })
}

// rewriteFile replaces path's content, keeping its permissions: the new
// text goes to a temporary file in the same directory that is renamed over
// the original, so a failure never leaves a half-written file.
func rewriteFile(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".fmt*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(name, info.Mode().Perm())); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
