package vm

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The WebAssembly MVP spec suite as converted by wast2json, read from the
// wazero module in the module cache (never copied here).
func specDir(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/tetratelabs/wazero").Output()
	if err != nil {
		t.Fatalf("locating the wazero module: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "internal", "integration_test", "spectest", "v1", "testdata")
}

type specValue struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type specAction struct {
	Type   string      `json:"type"`
	Module string      `json:"module"`
	Field  string      `json:"field"`
	Args   []specValue `json:"args"`
}

type specCommand struct {
	Type       string      `json:"type"`
	Line       int         `json:"line"`
	Name       string      `json:"name"`
	Filename   string      `json:"filename"`
	Text       string      `json:"text"`
	ModuleType string      `json:"module_type"`
	Action     specAction  `json:"action"`
	Expected   []specValue `json:"expected"`
}

// specTally counts outcomes for one file.
type specTally struct {
	ReturnPass, ReturnTotal int
	TrapPass, TrapTotal     int
	ValidPass, ValidTotal   int // assert_invalid / assert_malformed via wazero's validator
	CPUOnly                 int // assertions needing f64 arithmetic (CPU backend)
	Unsupported             int // modules with imports, registered modules, get actions
	failures                []string
}

// specCase is one action of a module's command sequence.
type specCase struct {
	cmd      specCommand
	fn       uint32
	args     []uint64
	expected []specValue // nil for plain actions
	trap     string      // assert_trap / assert_exhaustion text
	check    bool
}

func parseArg(v specValue) (uint64, error) {
	return strconv.ParseUint(v.Value, 10, 64)
}

// matches reports whether got is the expected spec value.
func matches(want specValue, got uint64) bool {
	switch want.Type {
	case "f32":
		g := uint32(got)
		switch want.Value {
		case "nan:canonical":
			return g&0x7fffffff == 0x7fc00000
		case "nan:arithmetic":
			return g&0x7fc00000 == 0x7fc00000
		}
		w, _ := strconv.ParseUint(want.Value, 10, 32)
		return uint32(w) == g
	case "f64":
		switch want.Value {
		case "nan:canonical":
			return got&0x7fffffffffffffff == 0x7ff8000000000000
		case "nan:arithmetic":
			return got&0x7ff8000000000000 == 0x7ff8000000000000
		}
		w, _ := strconv.ParseUint(want.Value, 10, 64)
		return w == got
	case "i32":
		w, _ := strconv.ParseUint(want.Value, 10, 32)
		return uint32(w) == uint32(got)
	default:
		w, _ := strconv.ParseUint(want.Value, 10, 64)
		return w == got
	}
}

// trapMatches compares a VM trap with the spec's expected message.
func trapMatches(want string, got TrapKind) bool {
	if got == TrapNone {
		return false
	}
	if strings.Contains(want, "call stack exhausted") {
		return got == TrapStackExhausted
	}
	return strings.HasPrefix(want, got.String()) || strings.HasPrefix(got.String(), want)
}

type specModule struct {
	prog *Program
	err  error
	snap *Snapshot // state after the actions run so far; nil: fresh
}

// runSpecFile runs every command of one .json file on g.
func runSpecFile(t *testing.T, g *GPU, dir, file string) *specTally {
	raw, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Commands []specCommand `json:"commands"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	tally := &specTally{}
	var cur *specModule
	named := map[string]*specModule{}
	var pending []specCase
	flush := func() {
		if cur != nil && len(pending) > 0 {
			runCases(t, g, cur, pending, tally)
		}
		pending = nil
	}
	for _, c := range doc.Commands {
		switch c.Type {
		case "module":
			flush()
			cur = &specModule{}
			wasm, err := os.ReadFile(filepath.Join(dir, c.Filename))
			if err == nil {
				cur.prog, cur.err = Load(wasm)
			} else {
				cur.err = err
			}
			if cur.err == nil {
				if _, err := cur.prog.FreshSnapshot(); err != nil {
					cur.err = err
				}
			}
			var ui *UnsupportedImportsError
			if errors.As(cur.err, &ui) {
				for _, im := range ui.Imports {
					if im.Module != "spectest" {
						// It links against (and may change) earlier modules:
						// their later results would no longer be theirs alone.
						for _, other := range named {
							if other.err == nil {
								other.err = fmt.Errorf("state shared with a module the GPU VM cannot link (%s)", ui.Error())
							}
						}
					}
				}
			}
			if c.Name != "" {
				named[c.Name] = cur
			}
		case "assert_return", "assert_trap", "assert_exhaustion", "action":
			m := cur
			if c.Action.Module != "" {
				if named[c.Action.Module] != m {
					flush()
				}
				m = named[c.Action.Module]
				cur = m
			}
			counted := c.Type != "action"
			isTrap := c.Type == "assert_trap" || c.Type == "assert_exhaustion"
			count := func(pass bool) {
				if !counted {
					return
				}
				if isTrap {
					tally.TrapTotal++
					if pass {
						tally.TrapPass++
					}
				} else {
					tally.ReturnTotal++
					if pass {
						tally.ReturnPass++
					}
				}
			}
			if c.Action.Type == "get" && c.Type == "assert_return" && m != nil && m.err == nil {
				// An exported global's value in the instance's current state.
				flush()
				ok, why := specGet(m, c)
				count(ok)
				if !ok {
					tally.failures = append(tally.failures, fmt.Sprintf("line %d: get %s: %s", c.Line, c.Action.Field, why))
				}
				continue
			}
			if c.Action.Type != "invoke" || m == nil || m.err != nil {
				if counted {
					tally.Unsupported++
					count(false)
					reason := "no module"
					if m != nil && m.err != nil {
						reason = m.err.Error()
					} else if c.Action.Type != "invoke" {
						reason = "action " + c.Action.Type
					}
					tally.failures = append(tally.failures, fmt.Sprintf("line %d: unsupported: %s", c.Line, reason))
				}
				continue
			}
			fi, ok := m.prog.Exports[c.Action.Field]
			if !ok {
				count(false)
				tally.failures = append(tally.failures, fmt.Sprintf("line %d: no export %q", c.Line, c.Action.Field))
				continue
			}
			sc := specCase{cmd: c, fn: fi, expected: c.Expected, trap: c.Text, check: counted}
			bad := false
			for _, a := range c.Action.Args {
				v, err := parseArg(a)
				if err != nil {
					bad = true
				}
				sc.args = append(sc.args, v)
			}
			if bad {
				count(false)
				continue
			}
			pending = append(pending, sc)
		case "assert_invalid", "assert_malformed":
			if c.ModuleType == "text" {
				continue
			}
			tally.ValidTotal++
			wasm, err := os.ReadFile(filepath.Join(dir, c.Filename))
			if err == nil && Validate(wasm) != nil {
				tally.ValidPass++
			} else {
				tally.failures = append(tally.failures, fmt.Sprintf("line %d: %s accepted by the validator", c.Line, c.Type))
			}
		case "assert_uninstantiable", "assert_unlinkable", "register", "get":
			if c.Type == "get" {
				tally.Unsupported++
			}
		}
	}
	flush()
	return tally
}

// specGet checks an assert_return on a "get" action: the exported global's
// value in the state left by the actions run so far.
func specGet(m *specModule, c specCommand) (bool, string) {
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

// runCases runs a module's actions in order. All remaining actions start in
// one batch from the current state; the results are kept up to the first
// instance that changed memory or globals, whose final state becomes the
// start of the next batch: one dispatch per state change, not per action.
func runCases(t *testing.T, g *GPU, m *specModule, cases []specCase, tally *specTally) {
	for len(cases) > 0 {
		b := &Batch{From: m.snap, CaptureFirstDirty: true, Config: Config{Fuel: 3_000_000}}
		// Keep the batch's linear memory within llvmpipe's 128 MiB binding.
		pages := uint64(m.prog.Module.MemMin)
		if m.snap != nil {
			pages = uint64(m.snap.Pages)
		}
		batch := cases
		if limit := (96 << 20) / ((pages + 1) * 65536); uint64(len(batch)) > limit {
			batch = batch[:max(limit, 1)]
		}
		for _, c := range batch {
			b.Funcs = append(b.Funcs, c.fn)
			b.Args = append(b.Args, c.args)
		}
		t0 := time.Now()
		res, err := g.Run(m.prog, b)
		if el := time.Since(t0); el > time.Second && os.Getenv("RTS_SPEC_VERBOSE") != "" {
			t.Logf("line %d: batch of %d took %v (%d dispatches)", cases[0].cmd.Line, len(batch), el, func() int {
				if res != nil {
					return res.Dispatches
				}
				return 0
			}())
		}
		if err != nil {
			var ie *InstantiateError
			if errors.As(err, &ie) {
				m.err = err
			}
			for _, c := range cases {
				if c.check {
					if c.trap != "" {
						tally.TrapTotal++
					} else {
						tally.ReturnTotal++
					}
				}
			}
			tally.failures = append(tally.failures, fmt.Sprintf("line %d: %v", cases[0].cmd.Line, err))
			return
		}
		upto := len(batch)
		if res.CapturedAt >= 0 {
			upto = res.CapturedAt + 1
		}
		// A memory.grow refused only by the batch's page limit: rerun that
		// case alone, where the limit is the module's own.
		for i := 0; i < upto; i++ {
			if !res.Results[i].GrowLimited {
				continue
			}
			one, err := g.Run(m.prog, &Batch{From: m.snap, CaptureFirstDirty: true, Funcs: []uint32{cases[i].fn},
				Args: [][]uint64{cases[i].args}, Config: Config{Fuel: 3_000_000, MaxPages: 1024}})
			if err == nil {
				res.Results[i] = one.Results[0]
				upto = i + 1
				res.CapturedAt, res.Captured = -1, nil
				if one.CapturedAt == 0 {
					res.CapturedAt, res.Captured = i, one.Captured
				}
			}
			break
		}
		for i, c := range cases[:upto] {
			r := res.Results[i]
			if r.Trap == TrapNeedsCPU {
				if c.check {
					tally.CPUOnly++
				}
				if !c.check || r.Dirty || len(c.expected) == 0 && c.trap == "" {
					// The state after this action is unknown to the GPU VM.
					for _, rest := range cases[i+1:] {
						if rest.check {
							tally.CPUOnly++
						}
					}
					m.err = fmt.Errorf("state depends on a CPU-only action (line %d)", c.cmd.Line)
					return
				}
				continue
			}
			if !c.check {
				continue
			}
			if c.trap != "" {
				tally.TrapTotal++
				if trapMatches(c.trap, r.Trap) {
					tally.TrapPass++
				} else {
					tally.failures = append(tally.failures, fmt.Sprintf("line %d: %s%v: got %+v, want trap %q", c.cmd.Line, c.cmd.Action.Field, c.args, r, c.trap))
				}
				continue
			}
			tally.ReturnTotal++
			ok := r.Trap == TrapNone && len(r.Values) == len(c.expected)
			for k := 0; ok && k < len(c.expected); k++ {
				ok = matches(c.expected[k], r.Values[k])
			}
			if ok {
				tally.ReturnPass++
			} else {
				tally.failures = append(tally.failures, fmt.Sprintf("line %d: %s%v: got %v trap=%v, want %v", c.cmd.Line, c.cmd.Action.Field, c.args, r.Values, r.Trap, c.expected))
			}
		}
		if res.CapturedAt >= 0 {
			m.snap = res.Captured
		}
		cases = cases[upto:]
	}
}

// specFloorPath holds the minimum pass counts per file; the test fails
// below them. RTS_SPEC_UPDATE_FLOOR=1 rewrites it from the current run.
const specFloorPath = "testdata/spec_floor.txt"

func readFloor(t *testing.T) map[string][2]int {
	floor := map[string][2]int{}
	f, err := os.Open(specFloorPath)
	if err != nil {
		return floor
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var name string
		var r, tr int
		if _, err := fmt.Sscanf(sc.Text(), "%s %d %d", &name, &r, &tr); err == nil {
			floor[name] = [2]int{r, tr}
		}
	}
	return floor
}

// TestSpecMVP runs the MVP spec suite on the GPU VM, one subtest per file.
// RTS_SPEC_FILES=i32,loop limits the files (comma-separated base names).
func TestSpecMVP(t *testing.T) {
	g := testGPU(t)
	dir := specDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no spec files under %s", dir)
	}
	only := map[string]bool{}
	if s := os.Getenv("RTS_SPEC_FILES"); s != "" {
		for _, n := range strings.Split(s, ",") {
			only[n] = true
		}
	}
	floor := readFloor(t)
	type row struct {
		name string
		t    *specTally
	}
	var rows []row
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		if len(only) > 0 && !only[name] {
			continue
		}
		t.Run(name, func(t *testing.T) {
			tally := runSpecFile(t, g, dir, filepath.Base(path))
			rows = append(rows, row{name, tally})
			if os.Getenv("RTS_SPEC_VERBOSE") != "" {
				for _, f := range tally.failures {
					t.Log(f)
				}
			}
			if fl, ok := floor[name]; ok && (tally.ReturnPass < fl[0] || tally.TrapPass < fl[1]) {
				for i, f := range tally.failures {
					if i < 20 {
						t.Log(f)
					}
				}
				t.Errorf("%s: assert_return %d (floor %d), assert_trap %d (floor %d)", name, tally.ReturnPass, fl[0], tally.TrapPass, fl[1])
			}
		})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].name < rows[j].name })
	var sb strings.Builder
	fmt.Fprintf(&sb, "spec %-28s %13s %11s %11s %8s %6s\n", "file", "assert_return", "assert_trap", "validation", "cpu-only", "unsup")
	var tr, trt, tt, ttt int
	for _, r := range rows {
		x := r.t
		fmt.Fprintf(&sb, "spec %-28s %6d/%-6d %5d/%-5d %5d/%-5d %8d %6d\n", r.name, x.ReturnPass, x.ReturnTotal, x.TrapPass, x.TrapTotal, x.ValidPass, x.ValidTotal, x.CPUOnly, x.Unsupported)
		tr += x.ReturnPass
		trt += x.ReturnTotal
		tt += x.TrapPass
		ttt += x.TrapTotal
	}
	fmt.Fprintf(&sb, "spec %-28s %6d/%-6d %5d/%-5d\n", "TOTAL", tr, trt, tt, ttt)
	fmt.Print(sb.String())
	if os.Getenv("RTS_SPEC_UPDATE_FLOOR") == "1" && len(only) == 0 {
		var fb strings.Builder
		fb.WriteString("# file assert_return_pass assert_trap_pass: minimum passes on the GPU VM (TestSpecMVP)\n")
		for _, r := range rows {
			fmt.Fprintf(&fb, "%s %d %d\n", r.name, r.t.ReturnPass, r.t.TrapPass)
		}
		if err := os.WriteFile(specFloorPath, []byte(fb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
