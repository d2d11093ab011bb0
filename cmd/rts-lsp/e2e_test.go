package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rts-lsp/rts-lsp/lsp/lsptest"
)

// buildBinary builds the real rts-lsp into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "rts-lsp")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestE2E builds the binary once and runs every end-to-end case on it.
func TestE2E(t *testing.T) {
	bin := buildBinary(t)
	t.Run("Robustness", func(t *testing.T) { testRobustness(t, bin) })
	t.Run("Diagnostics", func(t *testing.T) { testDiagnostics(t, bin) })
	t.Run("StdoutIsProtocolOnly", func(t *testing.T) { testStdoutIsProtocolOnly(t, bin) })
	t.Run("ExitCodes", func(t *testing.T) { testExitCodes(t, bin) })
	t.Run("Cartridges", func(t *testing.T) { testCartridges(t, bin) })
	t.Run("WGSLFeatures", func(t *testing.T) { testWGSLFeatures(t, bin) })
}

// startBinary returns a Starter that runs bin with args, speaking LSP over
// its stdin and stdout.
func startBinary(bin string, args ...string) lsptest.Starter {
	return func(t *testing.T) *lsptest.Session { return startProcess(t, bin, args...) }
}

// startProcess runs bin with args, speaking LSP over its stdin and stdout;
// the process is stopped (stdin closed) when the test ends.
func startProcess(t testing.TB, bin string, args ...string) *lsptest.Session {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &lsptest.SyncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	c := lsptest.New(stdout, stdin)
	go func() {
		<-c.Done() // read all of stdout before Wait closes it
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		stdin.Close()
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("rts-lsp did not exit after stdin closed")
		}
	})
	var code *int
	return &lsptest.Session{
		Client:     c,
		CloseInput: stdin.Close,
		Wait: func(timeout time.Duration) (int, error) {
			if code != nil {
				return *code, nil
			}
			select {
			case err := <-exited:
				n := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					n = ee.ExitCode()
				} else if err != nil {
					return 0, err
				}
				code = &n
				exited <- err // for the cleanup
				return n, nil
			case <-time.After(timeout):
				return 0, fmt.Errorf("rts-lsp still running after %v", timeout)
			}
		},
		Stderr: stderr.String,
	}
}

// The robustness cases of lsp/lsptest against the real binary, started
// the way editors start it.
func testRobustness(t *testing.T, bin string) {
	lsptest.RunRobustness(t, startBinary(bin, "--stdio"))
}

// A shader with three syntax errors; the last line has an emoji and CJK in
// a comment before its error, so UTF-16, UTF-8 and byte columns differ.
const particlesWGSL = `// 🎉 particles: 粒子
struct Particle {
  pos: vec2<f32>,
  vel: vec2<f32>,
}

fn advance(p: Particle, dt: f32) -> Particle {
  var q = p
  q.pos = q.pos + q.vel * dt;
  return q;
}

fn speed(p: Particle) -> f32 {
  return length(p.vel;
}

fn drag(v: vec2<f32>) -> vec2<f32> {
  let k = /* 🎉 粒子 */ 0.5 *;
  return v * k;
}
`

type wantSyntax struct {
	rng lsptest.Range
	msg string // a substring of the message
}

// checkSyntaxErrors compares the syntax errors published (the semantic
// checker may add findings of its own on broken code; those are logged).
func checkSyntaxErrors(t *testing.T, got *lsptest.PublishDiagnostics, want []wantSyntax) {
	t.Helper()
	var syn []lsptest.Diagnostic
	for _, d := range got.Diagnostics {
		if d.CodeString() == "syntax-error" {
			syn = append(syn, d)
		} else {
			t.Logf("other diagnostic: %s %s %q", d.Range, d.CodeString(), d.Message)
		}
	}
	if len(syn) != len(want) {
		t.Fatalf("got %d syntax errors, want %d: %+v", len(syn), len(want), syn)
	}
	for i, w := range want {
		d := syn[i]
		if d.Range != w.rng || !strings.Contains(d.Message, w.msg) || d.Severity != 1 || d.Source != "rts-lsp" {
			t.Errorf("syntax error %d: %s %q (severity %d, source %q); want %s containing %q, severity 1, source rts-lsp",
				i, d.Range, d.Message, d.Severity, d.Source, w.rng, w.msg)
		}
	}
}

func testDiagnostics(t *testing.T, bin string) {
	for _, tc := range []struct {
		name    string
		caps    any
		lastCol int // of the ';' on line 17: after 🎉 (2 units, 4 bytes) and 粒子 (2 units, 6 bytes)
	}{
		{"utf-16", nil, 27},
		{"utf-8", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8"}}}, 33},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startBinary(bin)(t)
			if _, err := s.Initialize(tc.caps, map[string]any{"rts": map[string]any{"diagnosticsDelay": 0}}, lsptest.Timeout); err != nil {
				t.Fatal(err)
			}
			const uri = "file:///work/particles.wgsl"
			if err := s.DidOpen(uri, "wgsl", 1, particlesWGSL); err != nil {
				t.Fatal(err)
			}
			got, err := s.WaitDiagnostics(uri, 1, lsptest.Timeout)
			if err != nil {
				t.Fatalf("%v\nstderr:\n%s", err, s.Stderr())
			}
			missingSemi := wantSyntax{lsptest.Rng(7, 11, 7, 11), "expected ';' after var declaration"}
			unclosed := wantSyntax{lsptest.Rng(13, 21, 13, 22), "expected ')' to close the argument list"}
			noOperand := wantSyntax{lsptest.Rng(17, tc.lastCol, 17, tc.lastCol+1), "expected expression"}
			checkSyntaxErrors(t, got, []wantSyntax{missingSemi, unclosed, noOperand})

			// Fix the first one with an incremental edit: insert ';'.
			at := lsptest.Rng(7, 11, 7, 11)
			if err := s.DidChange(uri, 2, lsptest.Edit{Range: &at, Text: ";"}); err != nil {
				t.Fatal(err)
			}
			got, err = s.WaitDiagnostics(uri, 2, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			checkSyntaxErrors(t, got, []wantSyntax{unclosed, noOperand})

			// Fix the last one, in the negotiated encoding: "*;" -> ";".
			star := lsptest.Rng(17, tc.lastCol-1, 17, tc.lastCol)
			if err := s.DidChange(uri, 3, lsptest.Edit{Range: &star, Text: ""}); err != nil {
				t.Fatal(err)
			}
			got, err = s.WaitDiagnostics(uri, 3, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			checkSyntaxErrors(t, got, []wantSyntax{unclosed})

			if err := s.DidClose(uri); err != nil {
				t.Fatal(err)
			}
			got, err = s.WaitDiagnostics(uri, -1, lsptest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Diagnostics) != 0 {
				t.Fatalf("after didClose: %+v, want an empty list", got.Diagnostics)
			}
			if err := s.Call("shutdown", nil, nil, lsptest.Timeout); err != nil {
				t.Fatal(err)
			}
			if err := s.Notify("exit", nil); err != nil {
				t.Fatal(err)
			}
			if code, err := s.Wait(lsptest.Timeout); err != nil || code != 0 {
				t.Fatalf("exit code %d, %v; want 0", code, err)
			}
		})
	}
}

// Nothing but LSP frames on stdout, even with debug logging on: every log
// line goes to stderr (and window/logMessage).
func testStdoutIsProtocolOnly(t *testing.T, bin string) {
	cmd := exec.Command(bin)
	msg := func(v any) string {
		b, _ := json.Marshal(v)
		return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b), b)
	}
	cmd.Stdin = strings.NewReader(
		msg(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{
			"capabilities": map[string]any{}, "initializationOptions": map[string]any{"logLevel": "debug"}}}) +
			msg(map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}}) +
			msg(map[string]any{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}) +
			msg(map[string]any{"jsonrpc": "2.0", "method": "exit"}))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\nstderr:\n%s", err, stderr.String())
	}
	c := lsptest.New(strings.NewReader(string(out)), io.Discard)
	<-c.Done()
	if err := c.ReadErr(); !errors.Is(err, io.EOF) {
		t.Fatalf("stdout is not a clean sequence of LSP frames: %v\n%q", err, out)
	}
	if !strings.Contains(stderr.String(), "initialized") {
		t.Errorf("stderr has no log lines:\n%s", stderr.String())
	}
}
