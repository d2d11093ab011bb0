package cartridge

import (
	"strings"
	"testing"
)

func TestTestAt(t *testing.T) {
	src := `{"name": "x", "tests": [
  {"invoke": "fib", "args": [10], "expect": [55]},
  {"invoke": "div", "args": [1, 0], "expect_trap": "divide"},
  7
]}`
	at := func(sub string) int {
		i := strings.Index(src, sub)
		if i < 0 {
			t.Fatalf("no %q", sub)
		}
		return i + 1
	}
	e, ok := TestAt([]byte(src), at(`"fib"`))
	if !ok || e.Index != 0 || e.Test.Invoke != "fib" || strings.Join(e.Test.Args, ",") != "10" || strings.Join(e.Test.Expect, ",") != "55" {
		t.Fatalf("on fib: %+v %v", e, ok)
	}
	if !e.OnInvoke(at(`"fib"`)) || src[e.InvokeSpan.Start:e.InvokeSpan.End] != `"fib"` || e.OnInvoke(at(`[10]`)) {
		t.Errorf("invoke span %v", e.InvokeSpan)
	}
	if got := src[e.Span.Start:e.Span.End]; !strings.HasPrefix(got, `{"invoke": "fib"`) || !strings.HasSuffix(got, "[55]}") {
		t.Errorf("entry span covers %q", got)
	}
	e, ok = TestAt([]byte(src), at(`"divide"`))
	if !ok || e.Index != 1 || !e.Test.HasTrap || e.Test.ExpectTrap != "divide" || e.OnInvoke(at(`"divide"`)) {
		t.Errorf("on div: %+v %v", e, ok)
	}
	// A malformed entry is still an entry, with nothing to invoke.
	if e, ok = TestAt([]byte(src), at("7\n")-1); !ok || e.Index != 2 || e.Test.Invoke != "" || e.OnInvoke(e.Span.Start) {
		t.Errorf("on 7: %+v %v", e, ok)
	}
	for _, off := range []int{at(`"name"`), at(`"tests"`), len(src) + 5, -1} {
		if e, ok := TestAt([]byte(src), off); ok {
			t.Errorf("offset %d: %+v", off, e)
		}
	}
	if _, ok := TestAt([]byte(`{"tests": [`), 12); ok {
		t.Error("broken JSON gave an entry")
	}
	if _, ok := TestAt([]byte(`{"tests": {"a": 1}}`), 13); ok {
		t.Error("tests not an array gave an entry")
	}
}
