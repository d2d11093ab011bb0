package spectest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode"
)

// QuickFiles is a small subset of the suite that exercises every part of
// the VM (integer and float arithmetic, conversions, branch tables,
// indirect calls, memory) and runs in a few seconds on llvmpipe.
var QuickFiles = []string{"i32", "i64", "f32", "conversions", "br_table", "call_indirect", "memory"}

const (
	wazeroModule = "github.com/tetratelabs/wazero"
	suitePath    = "internal/integration_test/spectest/v1/testdata"
)

// SuiteDir finds the MVP spec suite (wast2json output) inside the wazero
// module in the module cache: from the version this binary was built with
// (runtime/debug.ReadBuildInfo) under GOMODCACHE, else from `go list -m`
// run in the current directory. The error says what was tried when
// neither works, e.g. in a binary run where the module cache is absent.
func SuiteDir() (string, error) {
	var tried []string
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path != wazeroModule {
				continue
			}
			if d.Replace != nil {
				d = d.Replace
			}
			cache := modCache()
			if cache == "" {
				tried = append(tried, "no module cache (GOMODCACHE, GOPATH and the home directory are unset)")
				break
			}
			dir := filepath.Join(cache, escapePath(d.Path)+"@"+escapePath(d.Version), suitePath)
			if hasSuite(dir) {
				return dir, nil
			}
			tried = append(tried, dir+": no spec files")
		}
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", wazeroModule).Output()
	if err == nil && strings.TrimSpace(string(out)) != "" {
		dir := filepath.Join(strings.TrimSpace(string(out)), suitePath)
		if hasSuite(dir) {
			return dir, nil
		}
		tried = append(tried, dir+": no spec files")
	} else {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			err = errors.New(strings.TrimSpace(string(ee.Stderr)))
		}
		tried = append(tried, fmt.Sprintf("go list -m %s: %v", wazeroModule, err))
	}
	return "", fmt.Errorf("the WebAssembly spec suite (inside %s) was not found: %s", wazeroModule, strings.Join(tried, "; "))
}

func hasSuite(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "i32.json"))
	return err == nil
}

// modCache is GOMODCACHE as the go command would choose it.
func modCache() string {
	if c := os.Getenv("GOMODCACHE"); c != "" {
		return c
	}
	if p := os.Getenv("GOPATH"); p != "" {
		return filepath.Join(filepath.SplitList(p)[0], "pkg", "mod")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, "go", "pkg", "mod")
	}
	return ""
}

// escapePath is the module cache's case encoding: "!x" for upper-case X.
func escapePath(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			sb.WriteByte('!')
			r = unicode.ToLower(r)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// Floor is the minimum assert_return and assert_trap passes of one file.
type Floor struct{ Return, Trap int }

// ReadFloors reads "name returnPass trapPass" lines ('#' starts a comment
// line), as in vm/testdata/spec_floor.txt.
func ReadFloors(r io.Reader) (map[string]Floor, error) {
	floors := map[string]Floor{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var name string
		var f Floor
		if _, err := fmt.Sscanf(line, "%s %d %d", &name, &f.Return, &f.Trap); err != nil {
			return nil, fmt.Errorf("line %d: want \"name returnPass trapPass\": %v", n, err)
		}
		floors[name] = f
	}
	return floors, sc.Err()
}

// WriteFloors writes the results' pass counts in ReadFloors' format.
func WriteFloors(w io.Writer, results []FileResult) error {
	var sb strings.Builder
	sb.WriteString("# file assert_return_pass assert_trap_pass: minimum passes on the GPU VM (TestSpecMVP)\n")
	for _, r := range results {
		fmt.Fprintf(&sb, "%s %d %d\n", r.Name, r.ReturnPass, r.TrapPass)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// BelowFloor describes how r falls short of f ("" when it does not).
func (r *FileResult) BelowFloor(f Floor) string {
	if r.ReturnPass >= f.Return && r.TrapPass >= f.Trap {
		return ""
	}
	return fmt.Sprintf("%s: assert_return %d (floor %d), assert_trap %d (floor %d)", r.Name, r.ReturnPass, f.Return, r.TrapPass, f.Trap)
}
