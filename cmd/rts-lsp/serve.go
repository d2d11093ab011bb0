package main

import (
	"fmt"
	"io"
)

// serveMain is replaced by the real server (lsp.Serve over stdin/stdout).
func serveMain(args []string, stderr io.Writer) int {
	fmt.Fprintln(stderr, "rts-lsp: server not built yet")
	return 2
}
