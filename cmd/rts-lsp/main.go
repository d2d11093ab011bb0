// Command rts-lsp is the language server for WGSL shaders and PixelRTS
// cartridges, and the command-line tools built on the same analysis.
//
// With no arguments (or --stdio, which editor clients append) it serves LSP
// over stdin/stdout. Subcommands live one per file in this package and
// register themselves in the commands table from an init function.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// version is set by the linker (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

// command is one subcommand: rts-lsp NAME ARGS...
type command struct {
	name    string
	summary string // one line for `rts-lsp help`
	// run executes the command. It returns the process exit code:
	// 0 success, 1 findings (errors in checked files, failed verification),
	// 2 usage or I/O errors.
	run func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "--stdio" || args[0] == "serve" {
		return serveMain(args, stderr)
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintf(stdout, "rts-lsp %s\n", version)
		return 0
	case "help", "--help", "-h", "-help":
		usage(stdout)
		return 0
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "rts-lsp: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `rts-lsp %s: language server and tools for WGSL shaders and PixelRTS cartridges

Usage:
  rts-lsp [--stdio]          serve the Language Server Protocol over stdin/stdout
  rts-lsp --version          print the version
  rts-lsp help               print this help
`, version)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  rts-lsp %-18s %s\n", n+" ...", commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'rts-lsp COMMAND -h' for a command's flags.")
}
