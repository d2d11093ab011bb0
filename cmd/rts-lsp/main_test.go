package main

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestDispatchVersionHelpUnknown(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		stdout     string // substring
		stderr     string // substring
		emptyOther bool   // the other stream stays empty
	}{
		{args: []string{"--version"}, code: 0, stdout: "rts-lsp " + version + "\n"},
		{args: []string{"version"}, code: 0, stdout: "rts-lsp " + version},
		{args: []string{"help"}, code: 0, stdout: "rts-lsp check ..."},
		{args: []string{"--help"}, code: 0, stdout: "Usage:"},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"serve", "--port", "1"}, code: 2, stderr: `unknown argument "--port"`},
	} {
		var stdout, stderr strings.Builder
		code := dispatch(tc.args, &stdout, &stderr)
		if code != tc.code {
			t.Errorf("%q: exit code %d, want %d", tc.args, code, tc.code)
		}
		if !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%q: stdout %q, stderr %q; want them to contain %q and %q", tc.args, stdout.String(), stderr.String(), tc.stdout, tc.stderr)
		}
		if tc.code == 0 && stderr.Len() != 0 {
			t.Errorf("%q: unexpected stderr %q", tc.args, stderr.String())
		}
		if tc.code == 2 && stdout.Len() != 0 {
			t.Errorf("%q: unexpected stdout %q", tc.args, stdout.String())
		}
	}
}

// The same through the real process (run by TestE2E): exit statuses are
// what scripts see.
func testExitCodes(t *testing.T, bin string) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--version"}, 0},
		{[]string{"help"}, 0},
		{[]string{"no-such-command"}, 2},
		{[]string{"check"}, 2},
	} {
		cmd := exec.Command(bin, tc.args...)
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code {
			t.Errorf("rts-lsp %q: exit %d, want %d\n%s", tc.args, code, tc.code, out)
		}
	}
}
