package lsp

import (
	"bytes"
	"path/filepath"
	"sort"
	"sync"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// codeTestFailed is the code of a failing test's diagnostic, on its entry in
// the manifest's `tests` array.
const codeTestFailed = "cart-test-failed"

// testDiagStore holds, per manifest path, the failures of the last runs of
// its tests, tied to the manifest text they were run from: once the text
// differs (the document changed) they are dropped, and a later run passing
// a test drops that test's failure.
type testDiagStore struct {
	mu     sync.Mutex
	byPath map[string]*testFailures // guarded by mu
}

type testFailures struct {
	text  []byte                  // the manifest text the tests ran from
	byIdx map[int]diag.Diagnostic // per index into the `tests` array
}

func newTestDiagStore() *testDiagStore {
	return &testDiagStore{byPath: map[string]*testFailures{}}
}

// record stores the outcome of tests that ran from the manifest text at
// path: indexes[i] is the `tests` index of results[i] (-1 for a run of an
// entry no test declares, which gets no diagnostic). Failures of tests that
// did not run are kept when the text is unchanged. It reports whether the
// stored diagnostics changed.
func (st *testDiagStore) record(path string, text []byte, indexes []int, results []runTest) bool {
	spans := testSpans(text)
	path = filepath.Clean(path)
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.byPath[path]
	changed := false
	if f == nil || !bytes.Equal(f.text, text) {
		changed = f != nil && len(f.byIdx) > 0
		f = &testFailures{text: bytes.Clone(text), byIdx: map[int]diag.Diagnostic{}}
		st.byPath[path] = f
	}
	for i, r := range results {
		idx := indexes[i]
		if idx < 0 || idx >= len(spans) {
			continue
		}
		_, had := f.byIdx[idx]
		if r.OK {
			delete(f.byIdx, idx)
			changed = changed || had
			continue
		}
		f.byIdx[idx] = diag.Diagnostic{
			Span:     spans[idx],
			Severity: diag.Error,
			Code:     codeTestFailed,
			Message:  testFailureMessage(r),
		}
		changed = true
	}
	if len(f.byIdx) == 0 {
		delete(st.byPath, path)
	}
	return changed
}

// forText returns the stored failures of the manifest at path when text is
// the one they were run from; failures of another text are dropped.
func (st *testDiagStore) forText(path string, text []byte) []diag.Diagnostic {
	if path == "" {
		return nil
	}
	path = filepath.Clean(path)
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.byPath[path]
	if f == nil {
		return nil
	}
	if !bytes.Equal(f.text, text) {
		delete(st.byPath, path)
		return nil
	}
	idx := make([]int, 0, len(f.byIdx))
	for i := range f.byIdx {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	out := make([]diag.Diagnostic, 0, len(idx))
	for _, i := range idx {
		out = append(out, f.byIdx[i])
	}
	return out
}

// testSpans are the spans of the entries of the manifest's `tests` array, in
// order (the order cartridge.ParseMeta reads them in); nil without one.
func testSpans(text []byte) []diag.Span {
	root, _ := cartridge.ParseJSON(text)
	if root == nil || root.Kind != cartridge.JSONObject {
		return nil
	}
	ts := root.Get("tests")
	if ts == nil || ts.Kind != cartridge.JSONArray {
		return nil
	}
	out := make([]diag.Span, len(ts.Elems))
	for i, e := range ts.Elems {
		out[i] = e.Span
	}
	return out
}

// testFailureMessage is "NAME: why", e.g. "fib(10): expected [i32:55], GPU
// gave [i32:54], wazero gave [i32:55]".
func testFailureMessage(r runTest) string {
	why := r.Message
	if why == "" {
		why = "expected " + r.Want + ", got " + r.Got
	}
	return r.Name + ": " + why
}
