package syntax

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// TestConformance runs the WebGPU CTS shader-validation cases (a JSONL file
// outside this repository, named by $WGSL_CTS, e.g.
// ../shared/conformance/wgsl-cts.jsonl) through the parser: no syntax
// diagnostic on any case the spec says is valid, and the tree and diagnostic
// invariants on every case and on truncated/mangled variants of it.
func TestConformance(t *testing.T) {
	path := os.Getenv("WGSL_CTS")
	if path == "" {
		t.Skip("set WGSL_CTS to the CTS cases file (wgsl-cts.jsonl) to run")
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var valid, invalid, flagged int
	for sc.Scan() {
		var c struct{ ID, Expect, WGSL string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		src := []byte(c.WGSL)
		f, ds := Parse(src)
		checkInvariants(t, src, f, ds)
		switch c.Expect {
		case "valid":
			valid++
			if len(ds) > 0 {
				t.Errorf("%s: valid per spec, got %s", c.ID, diagList(ds))
			}
		case "invalid":
			invalid++
			if len(ds) > 0 {
				flagged++
			}
		}
		for cut := 1; cut < len(src); cut += 1 + len(src)/7 {
			b := append(append([]byte{}, src[:cut]...), src[min(len(src), cut+cut%3):]...)
			f, ds := Parse(b)
			checkInvariants(t, b, f, ds)
		}
	}
	t.Logf("%d valid cases parsed cleanly; %d of %d invalid cases have a syntax diagnostic (the rest are semantic)", valid, flagged, invalid)
}
