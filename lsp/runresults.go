package lsp

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Bounds of the run results kept in memory: cartridges (least recently
// run dropped first), exports per cartridge and calls per export (oldest
// dropped first).
const (
	maxRunCarts       = 32
	maxRunExports     = 64
	maxCallsPerExport = 32
)

// runResultStore keeps, per cartridge and export, the last result of each
// call rts.run made (by arguments), so that hovers on the manifest can show
// them. Each cartridge's results are tied to its data key (cartDataKey):
// results of another key are stale.
type runResultStore struct {
	mu    sync.Mutex
	carts map[string]*cartRuns // by cleaned image path; guarded by mu
}

// cartRuns are the kept results of one cartridge.
type cartRuns struct {
	key     string // the cartDataKey the results were run from
	ranAt   time.Time
	exports map[string]*exportRuns
}

// exportRuns are the kept calls of one export.
type exportRuns struct {
	last  runInfo                // its latest run
	calls map[string]*callRecord // by argsKey
	order []string               // argsKeys of last's calls, in run order
}

// runInfo describes one rts.run.
type runInfo struct {
	at      time.Time
	wall    time.Duration // the whole run, both engines
	backend string        // "gpu" or "cpu"
	adapter string
	fuel    uint64 // the GPU VM's instruction budget per call (0: no GPU run)
}

// callRecord is one call of an export in a run, as each engine answered.
type callRecord struct {
	run     runInfo
	name    string   // e.g. "fib(10)"
	args    []string // as the manifest wrote them
	want    string   // the expectation, e.g. "[i32:55]", "no trap"
	expect  string   // the expectation as the manifest wrote it (expectKey)
	pass    bool
	message string // why it failed
	gpu     *engineOutcome
	cpu     *engineOutcome
}

// engineOutcome is one engine's answer to a call.
type engineOutcome struct {
	result       string // "[i32:55]" or "trap: ..."
	instructions uint64 // instructions executed (the GPU VM counts them; 0 for wazero)
	handedBack   bool   // the GPU VM handed the call to the CPU
}

// agreed reports whether both engines ran the call and gave the same
// answer; ran is false when either did not run it.
func (c *callRecord) agreed() (same, ran bool) {
	if c.gpu == nil || c.cpu == nil || c.gpu.handedBack {
		return false, false
	}
	return c.gpu.result == c.cpu.result, true
}

func newRunResultStore() *runResultStore { return &runResultStore{carts: map[string]*cartRuns{}} }

// expectKey is a test's expectation as written, to tell whether a kept
// outcome was judged against the entry's current expectation.
func expectKey(expect []string, hasTrap bool, trap string) string {
	if hasTrap {
		return "trap:" + trap
	}
	return strings.Join(expect, ",")
}

// argsKey identifies a call of an export by its arguments.
func argsKey(args []string) string { return strings.Join(args, ",") }

// cartDataKey identifies the data a run ran: the image's bytes and the
// metadata's data_hash. A result whose key differs from the cartridge's
// current one is stale.
func cartDataKey(png []byte, dataHash string) string {
	sum := sha256.Sum256(png)
	return hex.EncodeToString(sum[:]) + "|" + strings.ToLower(dataHash)
}

// record keeps the calls of one run of the cartridge at path, run from
// data key; results of an older key are dropped first.
func (st *runResultStore) record(path, key string, info runInfo, invokes []string, calls []callRecord) {
	path = filepath.Clean(path)
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.carts[path]
	if c == nil || c.key != key {
		c = &cartRuns{key: key, exports: map[string]*exportRuns{}}
		st.carts[path] = c
	}
	c.ranAt = info.at
	fresh := map[string]bool{} // exports whose last run is this one
	for i := range calls {
		name := invokes[i]
		e := c.exports[name]
		if e == nil {
			e = &exportRuns{calls: map[string]*callRecord{}}
			c.exports[name] = e
		}
		if !fresh[name] {
			fresh[name] = true
			e.last, e.order = info, nil
		}
		rec := calls[i]
		rec.run = info
		k := argsKey(rec.args)
		e.calls[k] = &rec
		if !slices.Contains(e.order, k) {
			e.order = append(e.order, k)
		}
		for len(e.calls) > maxCallsPerExport {
			delete(e.calls, oldestCall(e))
		}
	}
	for len(c.exports) > maxRunExports {
		delete(c.exports, oldestExport(c))
	}
	for len(st.carts) > maxRunCarts {
		oldest := ""
		for p, x := range st.carts {
			if oldest == "" || x.ranAt.Before(st.carts[oldest].ranAt) {
				oldest = p
			}
		}
		delete(st.carts, oldest)
	}
}

// oldestCall is the key of e's call run longest ago, preferring one not
// in its last run.
func oldestCall(e *exportRuns) string {
	best := ""
	for k, c := range e.calls {
		if best == "" {
			best = k
			continue
		}
		b := e.calls[best]
		inLast, bestInLast := slices.Contains(e.order, k), slices.Contains(e.order, best)
		if inLast != bestInLast {
			if bestInLast {
				best = k
			}
			continue
		}
		if c.run.at.Before(b.run.at) {
			best = k
		}
	}
	return best
}

func oldestExport(c *cartRuns) string {
	best := ""
	for n, e := range c.exports {
		if best == "" || e.last.at.Before(c.exports[best].last.at) {
			best = n
		}
	}
	return best
}

// exportView is a copy of what is kept for one export.
type exportView struct {
	stale bool // run from another data key than the current one
	last  runInfo
	calls []callRecord // the last run's calls, in order
}

// export returns what is kept for export name of the cartridge at path,
// judged against the current data key; ok is false when nothing is kept.
func (st *runResultStore) export(path, key, name string) (v exportView, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.carts[filepath.Clean(path)]
	if c == nil {
		return exportView{}, false
	}
	e := c.exports[name]
	if e == nil {
		return exportView{}, false
	}
	v = exportView{stale: c.key != key, last: e.last}
	for _, k := range e.order {
		if rec := e.calls[k]; rec != nil {
			v.calls = append(v.calls, *rec)
		}
	}
	return v, true
}

// call returns the kept result of export name called with args, and
// whether it is stale; ok is false when that call was not kept.
func (st *runResultStore) call(path, key, name string, args []string) (rec callRecord, stale, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.carts[filepath.Clean(path)]
	if c == nil || c.exports[name] == nil {
		return callRecord{}, false, false
	}
	r := c.exports[name].calls[argsKey(args)]
	if r == nil {
		return callRecord{}, false, false
	}
	return *r, c.key != key, true
}

// exportNames lists the exports with kept results of the cartridge at
// path, sorted, and whether they are stale.
func (st *runResultStore) exportNames(path, key string) (names []string, stale bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.carts[filepath.Clean(path)]
	if c == nil {
		return nil, false
	}
	for n := range c.exports {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, c.key != key
}
