package ide

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
)

// TestMarkers runs every testdata/*.wgsl file: each is analysed, and each
// marker in a comment `//@name(args...)` is checked against the features.
// Markers in one comment are separated by commas or spaces.
//
// A location argument is either a string, the first match of that text on
// the marker's line before the comment (a '^' in it marks the cursor within
// the match, else the cursor is the match's start; a marker alone on its
// line looks on the last line with code above it), or an identifier
// naming a location declared anywhere by loc(name, "text").
//
//	loc(name, "text")             declares a named location
//	hover(l, "sub"...)            the hover at l contains every sub
//	nohover(l)                    nothing to hover at l
//	def(l, target)                definition at l is the name at target
//	typedef(l, target)            type definition at l is at target
//	nodef(l)                      no definition at l
//	refs(l, locs...)              references at l (declaration included)
//	writes(l, locs...)            the highlights at l that are writes
//	rename(l, "new", "sub"...)    rename at l, re-check: no new errors; result contains each sub
//	renameerr(l, "new", "sub")    rename at l fails with a message containing sub
//	complete(l, "label"...)       completion at l offers every label
//	nocomplete(l, "label"...)     completion at l offers none of them
//	signature(l, "label", n)      signature help at l shows label, parameter n active
//	token(l, "type", "mods")      the semantic token at l has that type and modifiers
//	inlay(l, "label")             an inlay hint with this label is at l
//	fix(l, "code", "sub")         a fix for diagnostic code at l applies, contains sub, and removes that diagnostic
func TestMarkers(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.wgsl")
	if len(files) == 0 {
		t.Fatal("no marker files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { runMarkerFile(t, f) })
	}
}

type marker struct {
	name      string
	args      []ast.Expr
	line      int    // 1-based
	text      string // the line's text before the comment
	lineStart int
}

func runMarkerFile(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	var markers []marker
	off := 0
	lastText, lastStart := "", 0 // the last line with code, for markers on a line of their own
	for i, line := range strings.SplitAfter(src, "\n") {
		if k := strings.Index(line, "//@"); k >= 0 {
			text, start := line[:k], off
			if strings.TrimSpace(text) == "" {
				text, start = lastText, lastStart
			} else {
				lastText, lastStart = text, off
			}
			expr, err := parser.ParseExpr("[]any{" + strings.TrimSpace(strings.ReplaceAll(line[k+3:], "//@", ",")) + "}")
			if err != nil {
				t.Fatalf("%s:%d: bad marker: %v", path, i+1, err)
			}
			for _, e := range expr.(*ast.CompositeLit).Elts {
				call, ok := e.(*ast.CallExpr)
				if !ok {
					t.Fatalf("%s:%d: marker is not a call", path, i+1)
				}
				markers = append(markers, marker{name: call.Fun.(*ast.Ident).Name, args: call.Args, line: i + 1, text: text, lineStart: start})
			}
		} else if strings.TrimSpace(line) != "" {
			lastText, lastStart = line, off
		}
		off += len(line)
	}
	named := map[string]int{}
	for _, m := range markers {
		if m.name == "loc" {
			named[m.args[0].(*ast.Ident).Name] = locOf(t, path, m, m.args[1])
		}
	}
	s := Analyze(data)
	n := 0
	for _, m := range markers {
		at := func(k int) int {
			if id, ok := m.args[k].(*ast.Ident); ok {
				o, found := named[id.Name]
				if !found {
					t.Fatalf("%s:%d: unknown location %s", path, m.line, id.Name)
				}
				return o
			}
			return locOf(t, path, m, m.args[k])
		}
		str := func(k int) string { return strArg(t, path, m, k) }
		errorf := func(format string, a ...any) {
			t.Errorf("%s:%d: %s: %s", path, m.line, m.name, fmt.Sprintf(format, a...))
		}
		n++
		switch m.name {
		case "loc":
			n--
		case "hover", "nohover":
			h, ok := s.Hover(at(0))
			if m.name == "nohover" {
				if ok {
					errorf("want no hover, got %q", h.Markdown)
				}
				break
			}
			for k := 1; k < len(m.args); k++ {
				if !strings.Contains(h.Markdown, str(k)) {
					errorf("hover %q does not contain %q", h.Markdown, str(k))
				}
			}
		case "def", "typedef", "nodef":
			var sp diag.Span
			var ok bool
			if m.name == "typedef" {
				sp, ok = s.TypeDefinition(at(0))
			} else {
				sp, ok = s.Definition(at(0))
			}
			if m.name == "nodef" {
				if ok {
					errorf("want no definition, got %v", sp)
				}
			} else if want := at(1); !ok || sp.Start != want {
				errorf("got %v (ok=%v), want start %d %s", sp, ok, want, posString(src, want))
			}
		case "refs":
			var got, want []int
			for _, o := range s.References(at(0), true) {
				got = append(got, o.Span.Start)
			}
			for k := 1; k < len(m.args); k++ {
				want = append(want, at(k))
			}
			sort.Ints(want)
			if !slices.Equal(got, want) {
				errorf("got %v, want %v", got, want)
			}
		case "writes":
			var got, want []int
			for _, o := range s.Highlights(at(0)) {
				if o.Write {
					got = append(got, o.Span.Start)
				}
			}
			for k := 1; k < len(m.args); k++ {
				want = append(want, at(k))
			}
			sort.Ints(want)
			if !slices.Equal(got, want) {
				errorf("got %v, want %v", got, want)
			}
		case "rename", "renameerr":
			edits, err := s.Rename(at(0), str(1))
			if m.name == "renameerr" {
				if err == nil || !strings.Contains(err.Error(), str(2)) {
					errorf("want error containing %q, got %v", str(2), err)
				}
				break
			}
			if err != nil {
				errorf("%v", err)
				break
			}
			out := apply(src, edits)
			if before, after := countErrors(wgsl.Check(data)), countErrors(wgsl.Check([]byte(out))); after > before {
				errorf("rename adds errors (%d -> %d):\n%s", before, after, out)
			}
			for k := 2; k < len(m.args); k++ {
				if !strings.Contains(out, str(k)) {
					errorf("result does not contain %q:\n%s", str(k), out)
				}
			}
		case "complete", "nocomplete":
			c := s.Complete(at(0))
			labels := map[string]bool{}
			for _, it := range c.Items {
				labels[it.Label] = true
			}
			for k := 1; k < len(m.args); k++ {
				if labels[str(k)] != (m.name == "complete") {
					errorf("%q offered: %v; items: %v", str(k), labels[str(k)], itemLabels(c.Items))
				}
			}
		case "signature":
			h, ok := s.SignatureHelp(at(0))
			want, _ := strconv.Atoi(m.args[2].(*ast.BasicLit).Value)
			if !ok || len(h.Signatures) == 0 {
				errorf("no signature help")
				break
			}
			if got := h.Signatures[h.ActiveSignature].Label; got != str(1) || h.ActiveParameter != want {
				errorf("got %q param %d, want %q param %d", got, h.ActiveParameter, str(1), want)
			}
		case "token":
			pos := at(0)
			var found *SemanticToken
			for _, tk := range s.Tokens(diag.Span{Start: 0, End: len(src)}) {
				if tk.Span.Start == pos {
					found = &tk
					break
				}
			}
			if found == nil {
				errorf("no token at %s", posString(src, pos))
				break
			}
			var mods []string
			for b, name := range TokenModNames {
				if found.Mods&(1<<b) != 0 {
					mods = append(mods, name)
				}
			}
			if got := TokenTypeNames[found.Type] + " " + strings.Join(mods, " "); strings.TrimSpace(got) != strings.TrimSpace(str(1)+" "+str(2)) {
				errorf("got %q, want %q", got, str(1)+" "+str(2))
			}
		case "inlay":
			pos, ok := at(0), false
			var all []string
			for _, h := range s.InlayHints(diag.Span{Start: 0, End: len(src)}) {
				all = append(all, fmt.Sprintf("%d:%s", h.Offset, h.Label))
				if h.Offset == pos && h.Label == str(1) {
					ok = true
				}
			}
			if !ok {
				errorf("no hint %q at %d; hints: %v", str(1), pos, all)
			}
		case "fix":
			pos, code := at(0), str(1)
			var fx *Fix
			for _, f := range s.Fixes(diag.Span{Start: pos, End: pos}) {
				if f.Code == code {
					fx = &f
					break
				}
			}
			if fx == nil {
				errorf("no fix for %s at %s; diagnostics: %v", code, posString(src, pos), s.Res.Diagnostics)
				break
			}
			out := apply(src, fx.Edits)
			if !strings.Contains(out, str(2)) {
				errorf("fixed text does not contain %q:\n%s", str(2), out)
			}
			before, after := countCode(wgsl.Check(data), code), countCode(wgsl.Check([]byte(out)), code)
			if after >= before {
				errorf("%q: diagnostics %s %d -> %d after the fix:\n%s\n%v", fx.Title, code, before, after, out, wgsl.Check([]byte(out)))
			}
		default:
			t.Fatalf("%s:%d: unknown marker %s", path, m.line, m.name)
		}
	}
	if n == 0 {
		t.Errorf("%s: no markers", path)
	}
}

func locOf(t *testing.T, path string, m marker, e ast.Expr) int {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("%s:%d: location must be a string or a name", path, m.line)
	}
	s, _ := strconv.Unquote(lit.Value)
	caret := strings.IndexByte(s, '^')
	s = strings.Replace(s, "^", "", 1)
	k := strings.Index(m.text, s)
	if k < 0 {
		t.Fatalf("%s:%d: %q not found on the line", path, m.line, s)
	}
	if caret >= 0 {
		k += caret
	}
	return m.lineStart + k
}

func strArg(t *testing.T, path string, m marker, k int) string {
	if k >= len(m.args) {
		t.Fatalf("%s:%d: %s needs argument %d", path, m.line, m.name, k)
	}
	lit, ok := m.args[k].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("%s:%d: argument %d must be a string", path, m.line, k)
	}
	s, _ := strconv.Unquote(lit.Value)
	return s
}

func apply(src string, edits []Edit) string {
	es := slices.Clone(edits)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Span.Start > es[j].Span.Start })
	for _, e := range es {
		src = src[:e.Span.Start] + e.NewText + src[e.Span.End:]
	}
	return src
}

func countErrors(ds []diag.Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

func countCode(ds []diag.Diagnostic, code string) int {
	n := 0
	for _, d := range ds {
		if d.Code == code {
			n++
		}
	}
	return n
}

func itemLabels(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func posString(src string, off int) string {
	line := strings.Count(src[:off], "\n") + 1
	return fmt.Sprintf("line %d col %d", line, off-strings.LastIndex(src[:off], "\n"))
}
