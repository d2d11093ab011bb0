package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
	"github.com/rts-lsp/rts-lsp/lsp"
)

func init() {
	register(&command{
		name:    "check",
		summary: "print the diagnostics of WGSL files and cartridge manifests (directories: every *.wgsl and *.rts.meta.json in them)",
		run:     runCheck,
	})
}

// checkFunc checks the file at path whose content is src, with the memory
// of one checking goroutine (w).
type checkFunc func(w *checkWorker, path string, src []byte) []diag.Diagnostic

// checkWorker is what one goroutine of checkAll keeps from one file to the
// next: a WGSL checker builds each file's tree in the memory of the last.
type checkWorker struct {
	wgsl wgsl.Checker
}

// checkers maps a file name suffix to the analysis that checks it. Files met
// while walking a directory are checked only if a suffix matches.
var checkers = []struct {
	suffix string
	check  checkFunc
}{
	{".wgsl", func(w *checkWorker, _ string, src []byte) []diag.Diagnostic { return w.wgsl.Check(src) }},
	{".rts.meta.json", checkManifest},
	{".rts.png.meta.json", checkManifest},
}

// checkManifest checks a PixelRTS sidecar manifest and the PNG beside it,
// validating WebAssembly payloads with wazero.
func checkManifest(_ *checkWorker, path string, src []byte) []diag.Diagnostic {
	return cartridge.CheckManifest(src, path, os.ReadFile, cartOptions())
}

func checkerFor(path string) checkFunc {
	lower := strings.ToLower(path)
	for _, c := range checkers {
		if strings.HasSuffix(lower, c.suffix) {
			return c.check
		}
	}
	return nil
}

// runCheck is `rts-lsp check [--format text|json] PATH...`. Exit status: 0
// no errors, 1 some file has an error, 2 usage or I/O errors.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text (compiler style) or json")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: rts-lsp check [--format text|json] PATH...")
		fmt.Fprintln(stderr, "\nPrints the diagnostics of each file (*.wgsl shaders, *.rts.meta.json cartridge manifests);")
		fmt.Fprintln(stderr, "a directory means every such file under it.")
		fmt.Fprintln(stderr, "Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "rts-lsp check: --format must be text or json, not %q\n", *format)
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}

	files, ioErrs := collectFiles(fl.Args(), stderr)
	var results []fileResult
	for _, r := range checkAll(files) {
		if r.err != nil {
			fmt.Fprintf(stderr, "rts-lsp check: %v\n", r.err)
			ioErrs++
			continue
		}
		results = append(results, r.fileResult)
	}

	if *format == "json" {
		if err := writeJSON(stdout, results); err != nil {
			fmt.Fprintf(stderr, "rts-lsp check: %v\n", err)
			return 2
		}
	} else {
		for _, r := range results {
			writeText(stdout, r)
		}
	}

	counts := map[diag.Severity]int{}
	for _, r := range results {
		for _, d := range r.diags {
			counts[d.Severity]++
		}
	}
	fmt.Fprintf(stderr, "rts-lsp check: %s checked: %s, %s",
		plural(len(results), "file"), plural(counts[diag.Error], "error"), plural(counts[diag.Warning], "warning"))
	if ioErrs > 0 {
		fmt.Fprintf(stderr, ", %s", plural(ioErrs, "unreadable path"))
	}
	fmt.Fprintln(stderr)
	switch {
	case ioErrs > 0:
		return 2
	case counts[diag.Error] > 0:
		return 1
	}
	return 0
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

type checkFile struct {
	path  string
	check checkFunc
}

// checkOutcome is a file checked, or the error that kept it from being read.
type checkOutcome struct {
	fileResult
	err error
}

// checkAll reads and checks files on as many goroutines as run at once,
// each a checkWorker, and returns the outcomes in the order of files.
func checkAll(files []checkFile) []checkOutcome {
	out := make([]checkOutcome, len(files))
	var next atomic.Int64 // the next file to take
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			var w checkWorker
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				f := files[i]
				src, err := os.ReadFile(f.path)
				if err != nil {
					out[i].err = err
					continue
				}
				out[i].fileResult = fileResult{path: f.path, src: src, diags: f.check(&w, f.path, src)}
			}
		})
	}
	wg.Wait()
	return out
}

// collectFiles expands the arguments: a file is checked if a checker knows
// its suffix, a directory contributes every known file under it (hidden
// directories skipped), in lexical order. Problems are reported on stderr
// and counted.
func collectFiles(args []string, stderr io.Writer) (files []checkFile, errs int) {
	paths, errs := expandArgs("check", args, stderr,
		func(path string, _ fs.DirEntry) bool { return checkerFor(path) != nil },
		func(path string) bool {
			if checkerFor(path) == nil {
				fmt.Fprintf(stderr, "rts-lsp check: %s: don't know how to check this kind of file (want *.wgsl or *.rts.meta.json)\n", path)
				return false
			}
			return true
		})
	for _, p := range paths {
		files = append(files, checkFile{p, checkerFor(p)})
	}
	return files, errs
}

// expandArgs expands a command's path arguments. A file argument is kept
// when explicit accepts it (explicit prints its own complaint otherwise,
// and the argument counts as a problem); a directory contributes, in
// lexical order, the entries below it that wants accepts, skipping hidden
// directories. Problems are reported on stderr as "rts-lsp PROG: ..." and
// counted.
func expandArgs(prog string, args []string, stderr io.Writer, wants func(path string, d fs.DirEntry) bool, explicit func(path string) bool) (files []string, errs int) {
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp %s: %v\n", prog, err)
			errs++
			continue
		}
		if !info.IsDir() {
			if explicit(arg) {
				files = append(files, arg)
			} else {
				errs++
			}
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(stderr, "rts-lsp %s: %v\n", prog, err)
				errs++
				return nil
			}
			if d.IsDir() {
				if path != arg && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if wants(path, d) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp %s: %v\n", prog, err)
			errs++
		}
	}
	return files, errs
}

type fileResult struct {
	path  string
	src   []byte
	diags []diag.Diagnostic
}

// lineIndex locates byte offsets as 1-based lines and columns counted in
// characters, with the server's mapper (lines end at "\n", "\r\n" or "\r").
type lineIndex struct{ m *lsp.Mapper }

func newLineIndex(src []byte) lineIndex { return lineIndex{lsp.NewMapper(src, lsp.UTF32)} }

// pos returns the 1-based line and column of off (clamped to the source).
func (li lineIndex) pos(off int) (line, col int) {
	p, _ := li.m.Position(min(max(off, 0), len(li.m.Content())))
	return int(p.Line) + 1, int(p.Character) + 1
}

// lineText is the text of 1-based line n.
func (li lineIndex) lineText(n int) []byte { return li.m.LineText(n - 1) }

// writeText prints one file's diagnostics compiler-style:
//
//	file:line:col: severity: message [code]
//	<the source line>
//	<caret and tildes under the range on that line>
//
// then one "note" line per related location.
func writeText(w io.Writer, r fileResult) {
	li := newLineIndex(r.src)
	for _, d := range r.diags {
		line, col := li.pos(d.Span.Start)
		endLine, endCol := li.pos(d.Span.End)
		code := ""
		if d.Code != "" {
			code = " [" + d.Code + "]"
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s%s\n", r.path, line, col, d.Severity, d.Message, code)
		text := li.lineText(line)
		fmt.Fprintf(w, "%s\n", text)
		runes := []rune(string(text))
		width := utf8.RuneCount(text) - (col - 1) // to the end of the line
		if endLine == line {
			width = endCol - col
		}
		var u strings.Builder
		for _, c := range runes[:min(col-1, len(runes))] {
			if c == '\t' {
				u.WriteByte('\t')
			} else {
				u.WriteByte(' ')
			}
		}
		u.WriteByte('^')
		for i := 1; i < width; i++ {
			u.WriteByte('~')
		}
		fmt.Fprintln(w, u.String())
		for _, rel := range d.Related {
			if rel.URI != "" {
				// Another document: its text is not at hand to place the span.
				fmt.Fprintf(w, "%s: note: %s\n", rel.URI, rel.Message)
				continue
			}
			rl, rc := li.pos(rel.Span.Start)
			fmt.Fprintf(w, "%s:%d:%d: note: %s\n", r.path, rl, rc, rel.Message)
		}
	}
}

// jsonDiag is the JSON form of one diagnostic; positions are 1-based, the
// end exclusive, columns in characters. A related location in another
// document has its file and message only (positions 0).
type jsonDiag struct {
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Severity  string        `json:"severity"`
	Code      string        `json:"code"`
	Message   string        `json:"message"`
	Related   []jsonRelated `json:"related"`
}

type jsonRelated struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
}

// writeJSON prints every diagnostic of every file as one JSON array.
func writeJSON(w io.Writer, results []fileResult) error {
	out := []jsonDiag{}
	for _, r := range results {
		li := newLineIndex(r.src)
		for _, d := range r.diags {
			jd := jsonDiag{File: r.path, Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Related: []jsonRelated{}}
			jd.Line, jd.Column = li.pos(d.Span.Start)
			jd.EndLine, jd.EndColumn = li.pos(d.Span.End)
			for _, rel := range d.Related {
				jr := jsonRelated{File: r.path, Message: rel.Message}
				if rel.URI != "" {
					jr.File = rel.URI // another document: positions left 0
				} else {
					jr.Line, jr.Column = li.pos(rel.Span.Start)
					jr.EndLine, jr.EndColumn = li.pos(rel.Span.End)
				}
				jd.Related = append(jd.Related, jr)
			}
			out = append(out, jd)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
