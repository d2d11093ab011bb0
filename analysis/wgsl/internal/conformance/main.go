// Command conformance measures the WGSL checker against the WebGPU CTS
// shader-validation expectations recorded in a JSONL file (see
// ../shared/conformance/README.md): agreement with `expect` overall and per
// CTS directory, next to naga 29 and Tint from the same records.
//
// Usage: go run ./analysis/wgsl/internal/conformance FILE.jsonl [-v DIR] [-fail PATTERN]
//
// It skips with a message (exit 0) when the file is missing.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl"
)

type record struct {
	ID        string `json:"id"`
	Expect    string `json:"expect"`
	WGSL      string `json:"wgsl"`
	NagaValid bool   `json:"naga29_valid"`
	TintValid bool   `json:"tint_valid"`
	CTSTest   string `json:"cts_test"`
}

type tally struct {
	n, ours, naga, tint      int
	valid, validOK           int
	invalid, invalidRejected int
}

func (t *tally) add(r record, ok bool) {
	want := r.Expect == "valid"
	t.n++
	if ok == want {
		t.ours++
	}
	if r.NagaValid == want {
		t.naga++
	}
	if r.TintValid == want {
		t.tint++
	}
	if want {
		t.valid++
		if ok {
			t.validOK++
		}
	} else {
		t.invalid++
		if !ok {
			t.invalidRejected++
		}
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func main() {
	verbose := flag.String("v", "", "print disagreeing cases whose id contains this string")
	limit := flag.Int("n", 20, "maximum number of cases printed with -v")
	only := flag.String("only", "", "with -v: print only cases expected 'valid' or 'invalid'")
	flag.Parse()
	path := flag.Arg(0)
	if path == "" {
		path = "../shared/conformance/wgsl-cts.jsonl"
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "conformance: skipped, cannot open %s: %v\n", path, err)
		return
	}
	defer f.Close()
	total := &tally{}
	dirs := map[string]*tally{}
	groups := map[string]*tally{}
	printed := 0
	internal := 0
	var checker wgsl.Checker // one check after another, in the same memory
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fmt.Fprintf(os.Stderr, "conformance: bad record: %v\n", err)
			continue
		}
		if r.Expect != "valid" && r.Expect != "invalid" {
			continue
		}
		ds := checker.Check([]byte(r.WGSL))
		ok := !diag.HasErrors(ds)
		for _, d := range ds {
			if d.Code == wgsl.CodeInternal {
				internal++
				fmt.Fprintf(os.Stderr, "conformance: internal error on %s: %s\n", r.ID, d.Message)
			}
		}
		parts := strings.Split(r.ID, "/")
		dir, group := "?", "?"
		if len(parts) > 2 {
			dir = parts[2]
		}
		if len(parts) > 5 {
			group = strings.Join(parts[2:len(parts)-2], "/")
		}
		for i, m := range []map[string]*tally{dirs, groups} {
			k := dir
			if i == 1 {
				k = group
			}
			if m[k] == nil {
				m[k] = &tally{}
			}
			m[k].add(r, ok)
		}
		total.add(r, ok)
		if *verbose != "" && strings.Contains(r.ID, *verbose) && ok != (r.Expect == "valid") && printed < *limit && (*only == "" || *only == r.Expect) {
			printed++
			fmt.Printf("---- %s\n%s\nexpect %s (tint %v)\n%s\n", r.ID, r.CTSTest, r.Expect, r.TintValid, r.WGSL)
			for _, d := range ds {
				if d.Severity == diag.Error {
					fmt.Printf("  error %s: %s\n", d.Code, d.Message)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "conformance: reading %s: %v\n", path, err)
	}
	fmt.Printf("%-14s %6s %8s %8s %8s %10s %10s\n", "directory", "cases", "rts-lsp", "naga29", "tint", "valid-ok", "invalid-rej")
	keys := make([]string, 0, len(dirs))
	for k := range dirs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	row := func(k string, t *tally) {
		fmt.Printf("%-14s %6d %7.1f%% %7.1f%% %7.1f%% %9.1f%% %9.1f%%\n", k, t.n, pct(t.ours, t.n), pct(t.naga, t.n), pct(t.tint, t.n),
			pct(t.validOK, t.valid), pct(t.invalidRejected, t.invalid))
	}
	for _, k := range keys {
		row(k, dirs[k])
	}
	row("TOTAL", total)
	fmt.Printf("agreement: rts-lsp %d/%d (%.2f%%), naga29 %d, tint %d\n", total.ours, total.n, pct(total.ours, total.n), total.naga, total.tint)
	if internal > 0 {
		fmt.Printf("internal errors: %d\n", internal)
	}
	if os.Getenv("CONFORMANCE_GROUPS") != "" {
		type kv struct {
			k string
			t *tally
		}
		var gs []kv
		for k, t := range groups {
			gs = append(gs, kv{k, t})
		}
		sort.Slice(gs, func(i, j int) bool { return gs[i].t.n-gs[i].t.ours > gs[j].t.n-gs[j].t.ours })
		fmt.Println("\nlargest failing groups:")
		for i, g := range gs {
			if i >= 40 || g.t.n == g.t.ours {
				break
			}
			fmt.Printf("%5d fail / %5d  %s (valid-ok %.0f%%, invalid-rej %.0f%%)\n", g.t.n-g.t.ours, g.t.n, g.k, pct(g.t.validOK, g.t.valid), pct(g.t.invalidRejected, g.t.invalid))
		}
	}
}
