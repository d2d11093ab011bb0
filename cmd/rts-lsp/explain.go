package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/explain"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
)

func init() {
	register(&command{name: "explain", summary: "explain the diagnostic at FILE:LINE:COL (offline unless --endpoint)", run: runExplain})
}

const explainUsage = `Usage: rts-lsp explain [flags] FILE:LINE:COL

Checks FILE (*.wgsl, or a cartridge manifest *.meta.json with its PNG), picks
the diagnostic at LINE:COL (1-based; the nearest one otherwise) and prints an
explanation in Markdown. Without --endpoint nothing leaves this machine and
the answer is the offline one (catalogue entry and related passages).
The API key is read only from RTS_OPENAI_API_KEY or OPENAI_API_KEY.

Flags:
`

// aiFlags are the settings explain and index share.
type aiFlags struct {
	endpoint, model, embedModel, workspace, indexDir string
	timeout                                          time.Duration
	verbose                                          bool
}

func (a *aiFlags) register(fl *flag.FlagSet) {
	fl.StringVar(&a.endpoint, "endpoint", os.Getenv("RTS_AI_ENDPOINT"), "OpenAI-compatible base URL, e.g. http://localhost:1234/v1 (env RTS_AI_ENDPOINT)")
	fl.StringVar(&a.model, "model", os.Getenv("RTS_AI_MODEL"), "chat model; empty takes the endpoint's first (env RTS_AI_MODEL)")
	fl.StringVar(&a.embedModel, "embed-model", "", "embed through the endpoint with this model instead of the local hashed-ngrams-v1")
	fl.StringVar(&a.indexDir, "index-dir", "", "index directory (default: user cache dir/rts-lsp/index/<hash of workspace>)")
	fl.DurationVar(&a.timeout, "timeout", 60*time.Second, "limit for each model call")
	fl.BoolVar(&a.verbose, "v", false, "report indexing progress on stderr")
}

func (a *aiFlags) options(workspace string, stderr io.Writer) explain.Options {
	o := explain.Options{
		Workspace: workspace, IndexDir: a.indexDir, Endpoint: a.endpoint, Model: a.model,
		EmbedModel: a.embedModel, Timeout: a.timeout,
	}
	if a.verbose {
		o.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	}
	return o
}

func (a *aiFlags) progress(stderr io.Writer) func(explain.Progress) {
	if !a.verbose {
		return nil
	}
	return func(p explain.Progress) {
		if p.Path != "" && (p.Done%100 == 0 || p.Done+1 == p.Total) {
			fmt.Fprintf(stderr, "indexing %d/%d %s\n", p.Done+1, p.Total, p.Path)
		}
	}
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, explainUsage); fl.PrintDefaults() }
	var ai aiFlags
	ai.register(fl)
	fl.StringVar(&ai.workspace, "workspace", "", "workspace whose docs are indexed (default: the enclosing git repository, else FILE's directory)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return 2
	}
	file, line, col, err := parseFilePos(fl.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp explain: %v\n", err)
		return 2
	}
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp explain: %v\n", err)
		return 2
	}
	off, err := explain.Offset(src, line, col)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp explain: %s: %v\n", file, err)
		return 2
	}
	req := explain.Request{Path: file, Source: src}
	var ds []diag.Diagnostic
	switch lower := strings.ToLower(file); {
	case strings.HasSuffix(lower, ".wgsl"):
		ds = wgsl.Check(src)
	case strings.HasSuffix(lower, ".json"):
		ds = cartridge.CheckManifest(src, file, os.ReadFile, cartridge.Options{})
		req.Cartridge = &explain.Cartridge{Manifest: src}
		if png, err := os.ReadFile(cartridge.ImagePathFor(file)); err == nil {
			if _, err := explain.DecodePNG(png); err == nil {
				req.Cartridge.PNG = png
			}
		}
	default:
		fmt.Fprintf(stderr, "rts-lsp explain: %s: not a .wgsl file or cartridge manifest (.meta.json)\n", file)
		return 2
	}
	d, ok := pickDiagnostic(ds, off)
	if !ok {
		fmt.Fprintf(stderr, "rts-lsp explain: %s: no diagnostics to explain\n", file)
		return 1
	}
	req.Diagnostic = d
	workspace := ai.workspace
	if workspace == "" {
		workspace = enclosingRepo(file)
	}
	eng, err := explain.New(ai.options(workspace, stderr))
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp explain: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if _, err := eng.Index(ctx, ai.progress(stderr)); err != nil {
		fmt.Fprintf(stderr, "rts-lsp explain: indexing %s: %v (answering from what is indexed)\n", workspace, err)
	}
	ans, err := eng.Explain(ctx, req)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp explain: %v\n", err)
		return 2
	}
	fmt.Fprint(stdout, ans.Markdown)
	if ans.Offline && ai.endpoint != "" {
		fmt.Fprintf(stderr, "rts-lsp explain: %s\n", ans.Reason)
	}
	return 0
}

// parseFilePos splits FILE:LINE:COL from the right, so FILE may contain
// colons. COL may be left out (FILE:LINE means column 1).
func parseFilePos(arg string) (file string, line, col int, err error) {
	parts := strings.Split(arg, ":")
	nums := []int{}
	for len(parts) > 1 && len(nums) < 2 {
		n, err := strconv.Atoi(parts[len(parts)-1])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		parts = parts[:len(parts)-1]
	}
	file = strings.Join(parts, ":")
	if file == "" {
		return "", 0, 0, fmt.Errorf("%q: want FILE:LINE:COL", arg)
	}
	switch len(nums) {
	case 1:
		return file, nums[0], 1, nil
	case 2:
		return file, nums[0], nums[1], nil
	}
	return "", 0, 0, fmt.Errorf("%q: want FILE:LINE:COL", arg)
}

// pickDiagnostic returns the diagnostic whose span contains off (the
// narrowest, then the most severe), or else the one nearest to off.
func pickDiagnostic(ds []diag.Diagnostic, off int) (diag.Diagnostic, bool) {
	best, bestDist := -1, 0
	for i, d := range ds {
		dist := 0
		switch {
		case d.Span.Contains(off):
			dist = 0
		case off < d.Span.Start:
			dist = d.Span.Start - off
		default:
			dist = off - d.Span.End
		}
		if best < 0 || dist < bestDist || dist == bestDist && dist == 0 && narrower(d, ds[best]) {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return diag.Diagnostic{}, false
	}
	return ds[best], true
}

func narrower(a, b diag.Diagnostic) bool {
	if a.Span.Len() != b.Span.Len() {
		return a.Span.Len() < b.Span.Len()
	}
	return a.Severity < b.Severity
}

// enclosingRepo returns the nearest ancestor of file holding a .git entry,
// or file's own directory.
func enclosingRepo(file string) string {
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return filepath.Dir(file)
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}
