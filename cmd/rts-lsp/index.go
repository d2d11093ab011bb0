package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/rts-lsp/rts-lsp/analysis/explain"
)

func init() {
	register(&command{name: "index", summary: "build or update the explain index of a workspace DIR", run: runIndex})
}

const indexUsage = `Usage: rts-lsp index [flags] DIR

Builds or updates the retrieval index that 'rts-lsp explain' and the server
use: the diagnostic catalogue plus DIR's *.md files and *.wgsl comments.
Only changed files are re-indexed. Prints counts and the time taken.

Flags:
`

func runIndex(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("index", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, indexUsage); fl.PrintDefaults() }
	var ai aiFlags
	ai.register(fl)
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
	dir := fl.Arg(0)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "rts-lsp index: %s is not a directory\n", dir)
		return 2
	}
	eng, err := explain.New(ai.options(dir, stderr))
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp index: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := eng.Index(ctx, ai.progress(stderr))
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp index: %v\n", err)
		return 2
	}
	ix := eng.IndexHandle()
	rebuilt := ""
	if st.Rebuilt {
		rebuilt = " (rebuilt: new embedder or interrupted write)"
	}
	fmt.Fprintf(stdout, "indexed %s: %d files, %d passages (%d added, %d updated, %d removed, %d unchanged) in %s%s\n",
		dir, st.Files, st.Chunks, st.Added, st.Updated, st.Removed, st.Unchanged, st.Elapsed.Round(1e6), rebuilt)
	fmt.Fprintf(stdout, "embedder %s/%d, stored in %s\n", ix.Embedder().Name(), ix.Embedder().Dims(), ix.Dir())
	return 0
}
