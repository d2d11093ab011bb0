package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/vm"
)

// cmdRun runs a cartridge's tests on the GPU VM: arguments [runArgs],
// result runResult (editors/PROTOCOL.md).
const cmdRun = "rts.run"

type runArgs struct {
	URI   string `json:"uri"`             // a manifest or its image
	Entry string `json:"entry,omitempty"` // only the tests invoking it (or it alone, without arguments)
	// Compare: the summary sets each engine's result side by side.
	Compare bool `json:"compare,omitempty"`
}

type runResult struct {
	OK         bool      `json:"ok"`
	Backend    string    `json:"backend"` // "gpu" or "cpu"
	Adapter    string    `json:"adapter,omitempty"`
	Summary    string    `json:"summary"`
	Tests      []runTest `json:"tests,omitempty"`
	DurationMs int64     `json:"durationMs"`

	calls []callRecord // per test, what each engine answered (kept for hovers)
}

type runTest struct {
	Name    string `json:"name"`
	OK      bool   `json:"ok"`
	Got     string `json:"got,omitempty"`
	Want    string `json:"want,omitempty"`
	Message string `json:"message,omitempty"`
	GPU     string `json:"gpu,omitempty"` // the GPU VM's result, when it ran the test
	CPU     string `json:"cpu,omitempty"` // wazero's
}

// gpuOpener opens the GPU VM; tests may replace it. It is vm.DefaultGPU:
// one device per process, opened on the first run.
var gpuOpener = vm.DefaultGPU

// runCommand answers rts.run: every test of the cartridge's metadata runs
// on the GPU VM (all in one batch) and on wazero, the reference; a test
// passes when its result is the expected one and both engines agree. With
// no WebGPU adapter the tests run on wazero alone (backend "cpu"). A
// cartridge that can't be read or run is a JSON-RPC error naming the file;
// failing tests are a result with ok false. Cancellation is honoured between
// the steps (a dispatch in flight is bounded by the VM's own timeout).
func (s *server) runCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (any, error) {
	var args runArgs
	if len(params.Arguments) != 1 || json.Unmarshal(params.Arguments[0], &args) != nil || args.URI == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: want one argument {uri, entry?, compare?}", cmdRun)
	}
	res, err := s.runCartridge(ctx, args, params.WorkDoneToken)
	if !s.caps().showsCommandResults {
		s.showRunResult(res, err)
	}
	return res, err
}

// showRunResult shows a run's summary with window/showMessage: info when
// every test passed, a warning otherwise, an error when nothing could run.
//
// A run cancelled (by a newer one) shows nothing: the newer one will.
func (s *server) showRunResult(res *runResult, err error) {
	var je *jsonrpc2.Error
	if errors.As(err, &je) && je.Code == requestCancelled {
		return
	}
	typ, msg := protocol.MessageTypeInfo, ""
	switch {
	case err != nil:
		typ, msg = protocol.MessageTypeError, cmdRun+": "+err.Error()
	case !res.OK:
		typ, msg = protocol.MessageTypeWarning, res.Summary
	default:
		msg = res.Summary
	}
	if err := s.client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: typ, Message: msg}); err != nil {
		s.log.Debug("window/showMessage failed", "err", err)
	}
}

// runCartridge runs what args names, reporting progress on token (or a
// token of the server's own when nil).
func (s *server) runCartridge(ctx context.Context, args runArgs, token protocol.ProgressToken) (*runResult, error) {
	c, err := s.loadCart(cmdRun, args.URI)
	if err != nil {
		return nil, err
	}
	fail := func(format string, a ...any) error {
		return jsonrpc2.Errorf(requestFailed, "%s: %s", c.path, fmt.Sprintf(format, a...))
	}
	wasm := c.payload.Data
	if !strings.HasPrefix(string(wasm), "\x00asm") {
		return nil, fail("the payload is not WebAssembly")
	}
	tests, indexes := selectTests(c.meta.Tests, args.Entry)
	if len(tests) == 0 {
		return nil, fail("nothing to run: its metadata (%s) has no tests; name an entry to run", c.metaFrom)
	}
	ctx, done := s.cart.runs.start(ctx, c.path) // a newer run of the cartridge cancels this one
	defer done()
	cancelled := func() error {
		return jsonrpc2.Errorf(requestCancelled, "%s: cancelled (a newer run of it, or the client)", c.path)
	}
	if ctx.Err() != nil {
		return nil, cancelled()
	}
	start := time.Now()
	prog := s.startProgress(ctx, token, "Running "+baseName(c.path), fmt.Sprintf("%d tests", len(tests)))
	res, err := s.runTests(ctx, wasm, tests)
	if err != nil {
		prog.end("failed")
		if ctx.Err() != nil {
			return nil, cancelled()
		}
		return nil, fail("%v", err)
	}
	wall := time.Since(start)
	res.DurationMs = wall.Milliseconds()
	s.recordRun(c, start, wall, res, tests)
	if args.Compare || args.Entry != "" {
		res.Summary += ": " + detailOf(res.Tests, args.Compare)
	}
	prog.end(res.Summary)
	s.recordTestDiags(c, indexes, res.Tests)
	return res, nil
}

// selectTests returns the tests invoking entry (all when entry is ""),
// each with its index in all; an entry no test invokes is run alone,
// without arguments (index -1).
func selectTests(all []cartridge.Test, entry string) ([]vm.Test, []int) {
	var out []vm.Test
	var idx []int
	for i, t := range all {
		if entry == "" || t.Invoke == entry {
			out = append(out, vm.Test{Invoke: t.Invoke, Args: t.Args, Expect: t.Expect, HasTrap: t.HasTrap, ExpectTrap: t.ExpectTrap})
			idx = append(idx, i)
		}
	}
	if len(out) == 0 && entry != "" {
		out, idx = []vm.Test{{Invoke: entry}}, []int{-1}
	}
	return out, idx
}

// recordTestDiags turns the failing tests of a run from a sidecar manifest
// into cart-test-failed diagnostics on their entries, and republishes the
// manifest's diagnostics when it is open and they changed.
func (s *server) recordTestDiags(c *loadedCart, indexes []int, results []runTest) {
	if !cartridge.IsManifestPath(c.metaFrom) || len(indexes) != len(results) {
		return // the image's own text chunk: no document to show them on
	}
	if !s.cart.tests.record(c.metaFrom, c.metaText, indexes, results) {
		return
	}
	if d := s.docs.byPath(c.metaFrom); d != nil {
		s.diagnosticsChanged(d.uri) // diag_sources.go: push or refresh
	}
}

// runTests runs tests with vm.RunTests on the GPU VM when it opens, else on
// wazero alone, and sums them up.
func (s *server) runTests(ctx context.Context, wasm []byte, tests []vm.Test) (*runResult, error) {
	out := &runResult{Backend: "cpu"}
	g, err := gpuOpener()
	switch {
	case err == nil:
		out.Backend, out.Adapter = "gpu", g.Describe()
		s.gpuKnown(out.Adapter, nil)
	case errors.Is(err, vm.ErrNoAdapter):
		g = nil
		s.gpuKnown("", err)
	default:
		g = nil
		s.gpuKnown("", err)
		s.log.Warn("GPU VM unavailable: running on wazero", "err", err)
	}
	results, err := vm.RunTests(ctx, g, wasm, tests)
	if err != nil {
		return nil, err
	}
	prog, _ := vm.Load(wasm) // RunTests loaded it: no error here
	passed, disagree := 0, false
	for i, r := range results {
		rt := runTest{Name: r.Name, OK: r.Pass, Got: r.Got, Want: r.Want, Message: r.Message}
		if prog != nil {
			if _, ft, err := prog.ExportedFunc(tests[i].Invoke); err == nil {
				if r.GPU != nil {
					rt.GPU = r.GPU.Describe(ft.Results)
				}
				if r.CPU != nil {
					rt.CPU = r.CPU.Describe(ft.Results)
				}
			}
		}
		out.Tests = append(out.Tests, rt)
		out.calls = append(out.calls, callOf(tests[i], r, rt))
		if r.Pass {
			passed++
		}
		disagree = disagree || strings.HasPrefix(r.Message, "the engines disagree")
	}
	out.OK = passed == len(results)
	where := "on wazero (no GPU adapter)"
	switch {
	case out.Backend == "gpu" && disagree:
		where = "on " + out.Adapter + ", DIFFERS from wazero"
	case out.Backend == "gpu":
		where = "on " + out.Adapter + ", matches wazero"
	}
	out.Summary = fmt.Sprintf("%d/%d tests passed %s", passed, len(results), where)
	return out, nil
}

// callOf is what is kept of test t's result r (rt: r rendered).
func callOf(t vm.Test, r vm.TestResult, rt runTest) callRecord {
	rec := callRecord{name: r.Name, args: t.Args, want: r.Want, pass: r.Pass, message: r.Message,
		expect: expectKey(t.Expect, t.HasTrap, t.ExpectTrap)}
	if r.GPU != nil && rt.GPU != "" {
		rec.gpu = &engineOutcome{result: rt.GPU, instructions: r.GPU.Instructions, handedBack: r.GPU.Trap == vm.TrapNeedsCPU}
	}
	if r.CPU != nil && rt.CPU != "" {
		rec.cpu = &engineOutcome{result: rt.CPU}
	}
	return rec
}

// recordRun keeps the calls of a finished run of c (started at start,
// lasting wall) for the hovers on its manifest (runresults.go).
func (s *server) recordRun(c *loadedCart, start time.Time, wall time.Duration, res *runResult, tests []vm.Test) {
	if len(res.calls) != len(tests) {
		return
	}
	info := runInfo{at: start, wall: wall, backend: res.Backend, adapter: res.Adapter}
	if res.Backend == "gpu" {
		info.fuel = vm.DefaultFuel
	}
	invokes := make([]string, len(tests))
	for i, t := range tests {
		invokes[i] = t.Invoke
	}
	s.cart.runs.results.record(c.path, cartDataKey(c.png, c.meta.DataHash), info, invokes, res.calls)
}

// gpuKnown sends rts/status when a run has learnt the adapter (or that
// there is none) and it differs from what the client was last told.
func (s *server) gpuKnown(adapter string, err error) {
	st := statusParams{State: "ready", Backend: "gpu", Adapter: adapter}
	if adapter == "" {
		st.Backend, st.Message = "cpu", "no GPU VM: "+err.Error()
	}
	s.mu.Lock()
	same := s.gpuStatus == st
	s.gpuStatus = st
	s.mu.Unlock()
	if !same {
		s.notify("rts/status", st)
	}
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// runOnSave runs a saved manifest's tests when the rts.onSave.run setting
// asks for it (a saved VM shader: see vmShaderOnSave), and shows the summary (window/showMessage: info when every
// test passed, a warning otherwise, an error when nothing could run). It
// returns at once; the run happens in the background.
func (s *server) runOnSave(d *document) {
	mode := s.currentSettings().OnSaveRun
	if mode == "off" {
		return
	}
	if p := fsPath(d.uri); p != "" && s.isVMShader(p) {
		s.vmShaderOnSave(d, p, mode) // onsave_shader.go
		return
	}
	if _, ok := s.analyzers[d.kind].(runnable); !ok {
		return
	}
	go func() {
		res, err := s.runCartridge(s.ctx, runArgs{URI: string(d.uri)}, nil)
		if err != nil {
			err = fmt.Errorf("on save: %w", err)
		}
		s.showRunResult(res, err)
	}()
}

// detailOf lists each test's outcome: with compare, both engines' results
// side by side ("fib(10): GPU [i32:55], wazero [i32:55]"); else the result
// judged ("fib(10) = [i32:55]") or why it failed.
func detailOf(tests []runTest, compare bool) string {
	parts := make([]string, 0, len(tests))
	for _, t := range tests {
		switch {
		case compare && t.CPU != "":
			gpu := t.GPU
			if gpu == "" {
				gpu = "not run"
			}
			same := "same"
			if t.GPU != "" && t.GPU != t.CPU {
				same = "DIFFER"
			}
			parts = append(parts, fmt.Sprintf("%s: GPU %s, wazero %s (%s)", t.Name, gpu, t.CPU, same))
		case t.OK || t.Message == "":
			parts = append(parts, t.Name+" = "+t.Got)
		default:
			parts = append(parts, t.Name+": "+t.Message)
		}
	}
	return strings.Join(parts, "; ")
}

// runRegistry keeps the cancel func of the run in flight per cartridge,
// and the results of the last runs (results).
type runRegistry struct {
	mu     sync.Mutex
	runs   map[string]*runSlot           // by image path; guarded by mu
	tokens map[string]context.CancelFunc // by cancellable progress token (progress.go); guarded by mu

	results *runResultStore
}

type runSlot struct{ cancel context.CancelFunc }

// runCancelKey is the context key under which a run's context carries its
// cancel func, so that progress started for it can be cancellable
// (progress.go).
type runCancelKey struct{}

func newRunRegistry() *runRegistry {
	return &runRegistry{runs: map[string]*runSlot{}, results: newRunResultStore()}
}

// start cancels the run of key in flight, if any, and returns the context
// of the new one and the func to call when it ends.
func (r *runRegistry) start(ctx context.Context, key string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	ctx = context.WithValue(ctx, runCancelKey{}, cancel)
	slot := &runSlot{cancel: cancel}
	r.mu.Lock()
	if prev := r.runs[key]; prev != nil {
		prev.cancel()
	}
	r.runs[key] = slot
	r.mu.Unlock()
	return ctx, func() {
		cancel()
		r.mu.Lock()
		if r.runs[key] == slot {
			delete(r.runs, key)
		}
		r.mu.Unlock()
	}
}

// watchToken makes window/workDoneProgress/cancel for the server-created
// progress token name call cancel, until the returned func is called.
func (r *runRegistry) watchToken(name string, cancel context.CancelFunc) (release func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tokens == nil {
		r.tokens = map[string]context.CancelFunc{}
	}
	r.tokens[name] = cancel
	return func() {
		r.mu.Lock()
		delete(r.tokens, name)
		r.mu.Unlock()
	}
}

// cancelToken cancels the run whose progress token is name, if it is still
// running.
func (r *runRegistry) cancelToken(name string) {
	r.mu.Lock()
	cancel := r.tokens[name]
	r.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// requestCancelled is LSP's RequestCancelled: a run cancelled by a newer
// run of the same cartridge, or by the client.
const requestCancelled jsonrpc2.Code = -32800

// showsCommandResults reads experimental.rts.showsCommandResults from the
// client capabilities: the client shows rts.run's results itself.
func showsCommandResults(raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	var x struct {
		RTS struct {
			ShowsCommandResults bool `json:"showsCommandResults"`
		} `json:"rts"`
	}
	return json.Unmarshal(raw, &x) == nil && x.RTS.ShowsCommandResults
}
