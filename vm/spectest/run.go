package spectest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rts-lsp/rts-lsp/vm"
)

// Engine runs batches of a lowered module; *vm.GPU is one (with the
// embedded VM shader or one from (*vm.GPU).WithShader).
type Engine interface {
	Run(p *vm.Program, b *vm.Batch) (*vm.BatchResult, error)
}

// FileResult is the outcome of one spec file.
type FileResult struct {
	Name                    string // base name without ".json", e.g. "i32"
	ReturnPass, ReturnTotal int    // assert_return
	TrapPass, TrapTotal     int    // assert_trap and assert_exhaustion
	ValidPass, ValidTotal   int    // assert_invalid / assert_malformed (binary) rejected by wazero's validator
	CPUOnly                 int    // assertions the GPU VM hands to the CPU (f64 arithmetic)
	Unsupported             int    // modules with imports, registered modules, get actions
	Failures                []Failure
	Duration                time.Duration
}

// Failure is one assertion that did not pass (or could not run).
type Failure struct {
	File    string // the .wast source, e.g. "i32.wast"
	Line    int    // its line in File
	Message string
}

func (f Failure) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Message) }

// Passed reports whether every assert_return and assert_trap passed.
func (r *FileResult) Passed() bool {
	return r.ReturnPass == r.ReturnTotal && r.TrapPass == r.TrapTotal
}

// Fuel is the instruction budget of each spec action.
const Fuel = 3_000_000

// Run runs files (base names, with or without ".json"; nil: every .json in
// dir) from dir on e, in the order given (dir order when nil). An error
// means the suite itself could not be read (a missing file, bad JSON) or
// ctx ended, and comes with the results of the files finished before it;
// failing assertions are in the results, not errors.
func Run(ctx context.Context, e Engine, dir string, files []string) ([]FileResult, error) {
	if files == nil {
		paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("no spec files (*.json) in %s", dir)
		}
		sort.Strings(paths)
		for _, p := range paths {
			files = append(files, filepath.Base(p))
		}
	}
	var out []FileResult
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		r, err := RunFile(ctx, e, dir, f)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// RunFile runs one spec file (base name, with or without ".json").
func RunFile(ctx context.Context, e Engine, dir, file string) (FileResult, error) {
	name := strings.TrimSuffix(file, ".json")
	start := time.Now()
	raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		return FileResult{Name: name}, err
	}
	doc, err := parseDoc(raw)
	if err != nil {
		return FileResult{Name: name}, fmt.Errorf("%s.json: %w", name, err)
	}
	fr := &fileRun{ctx: ctx, e: e, dir: dir, res: FileResult{Name: name}, src: filepath.Base(doc.SourceFilename)}
	if fr.src == "." || fr.src == "" {
		fr.src = name + ".wast"
	}
	fr.commands(doc.Commands)
	fr.res.Duration = time.Since(start)
	if err := ctx.Err(); err != nil {
		return fr.res, err
	}
	return fr.res, nil
}

// fileRun is the state of one file's run.
type fileRun struct {
	ctx   context.Context
	e     Engine
	dir   string
	src   string // .wast name for failures
	res   FileResult
	cur   *module
	named map[string]*module
}

// module is one spec module and the state its actions left.
type module struct {
	prog *vm.Program
	err  error
	snap *vm.Snapshot // state after the actions run so far; nil: fresh
}

// action is one invoke of a module's command sequence.
type action struct {
	cmd      specCommand
	fn       uint32
	args     []uint64
	expected []specValue
	trap     string // assert_trap / assert_exhaustion text
	check    bool   // an assertion (not a plain action)
}

func (fr *fileRun) fail(line int, format string, a ...any) {
	fr.res.Failures = append(fr.res.Failures, Failure{File: fr.src, Line: line, Message: fmt.Sprintf(format, a...)})
}

func (fr *fileRun) count(isTrap, pass bool) {
	r := &fr.res
	if isTrap {
		r.TrapTotal++
		if pass {
			r.TrapPass++
		}
		return
	}
	r.ReturnTotal++
	if pass {
		r.ReturnPass++
	}
}

func (fr *fileRun) commands(cmds []specCommand) {
	fr.named = map[string]*module{}
	var pending []action
	flush := func() {
		if fr.cur != nil && len(pending) > 0 {
			fr.runActions(fr.cur, pending)
		}
		pending = nil
	}
	for _, c := range cmds {
		if fr.ctx.Err() != nil {
			return
		}
		switch c.Type {
		case "module":
			flush()
			fr.cur = fr.loadModule(c)
		case "assert_return", "assert_trap", "assert_exhaustion", "action":
			m := fr.cur
			if c.Action.Module != "" {
				if fr.named[c.Action.Module] != m {
					flush()
				}
				m = fr.named[c.Action.Module]
				fr.cur = m
			}
			counted := c.Type != "action"
			isTrap := c.Type == "assert_trap" || c.Type == "assert_exhaustion"
			if c.Action.Type == "get" && c.Type == "assert_return" && m != nil && m.err == nil {
				// An exported global's value in the instance's current state.
				flush()
				ok, why := specGet(m, c)
				fr.count(false, ok)
				if !ok {
					fr.fail(c.Line, "get %s: %s", c.Action.Field, why)
				}
				continue
			}
			if c.Action.Type != "invoke" || m == nil || m.err != nil {
				if counted {
					fr.res.Unsupported++
					fr.count(isTrap, false)
					reason := "no module"
					if m != nil && m.err != nil {
						reason = m.err.Error()
					} else if c.Action.Type != "invoke" {
						reason = "action " + c.Action.Type
					}
					fr.fail(c.Line, "unsupported: %s", reason)
				}
				continue
			}
			fi, ok := m.prog.Exports[c.Action.Field]
			if !ok {
				if counted {
					fr.count(isTrap, false)
				}
				fr.fail(c.Line, "no export %q", c.Action.Field)
				continue
			}
			a := action{cmd: c, fn: fi, expected: c.Expected, trap: c.Text, check: counted}
			bad := false
			for _, v := range c.Action.Args {
				x, err := parseArg(v)
				if err != nil {
					bad = true
				}
				a.args = append(a.args, x)
			}
			if bad {
				if counted {
					fr.count(isTrap, false)
				}
				fr.fail(c.Line, "%s: unreadable argument", c.Action.Field)
				continue
			}
			pending = append(pending, a)
		case "assert_invalid", "assert_malformed":
			if c.ModuleType == "text" {
				continue
			}
			fr.res.ValidTotal++
			wasm, err := os.ReadFile(filepath.Join(fr.dir, c.Filename))
			if err == nil && vm.Validate(wasm) != nil {
				fr.res.ValidPass++
			} else {
				fr.fail(c.Line, "%s accepted by the validator", c.Type)
			}
		case "get":
			fr.res.Unsupported++
		}
	}
	flush()
}

// loadModule loads a module command; a module importing from another
// module poisons the named modules it could change.
func (fr *fileRun) loadModule(c specCommand) *module {
	m := &module{}
	wasm, err := os.ReadFile(filepath.Join(fr.dir, c.Filename))
	if err == nil {
		m.prog, m.err = vm.Load(wasm)
	} else {
		m.err = err
	}
	if m.err == nil {
		if _, err := m.prog.FreshSnapshot(); err != nil {
			m.err = err
		}
	}
	var ui *vm.UnsupportedImportsError
	if errors.As(m.err, &ui) {
		for _, im := range ui.Imports {
			if im.Module != "spectest" {
				// It links against (and may change) earlier modules: their
				// later results would no longer be theirs alone.
				for _, other := range fr.named {
					if other.err == nil {
						other.err = fmt.Errorf("state shared with a module the GPU VM cannot link (%s)", ui.Error())
					}
				}
			}
		}
	}
	if c.Name != "" {
		fr.named[c.Name] = m
	}
	return m
}

// specGet checks an assert_return on a "get" action: the exported global's
// value in the state left by the actions run so far.
func specGet(m *module, c specCommand) (bool, string) {
	snap := m.snap
	if snap == nil {
		var err error
		if snap, err = m.prog.FreshSnapshot(); err != nil {
			return false, err.Error()
		}
	}
	for _, e := range m.prog.Module.Exports {
		if e.Kind == 3 && e.Name == c.Action.Field {
			if int(e.Index) >= len(snap.Globals) || len(c.Expected) != 1 {
				return false, "bad global index"
			}
			got := snap.Globals[e.Index]
			if matches(c.Expected[0], got) {
				return true, ""
			}
			return false, fmt.Sprintf("got 0x%x, want %v", got, c.Expected[0])
		}
	}
	return false, "no such exported global"
}
