package spectest

import (
	"fmt"
	"sort"
	"strings"
)

// Table formats results as the per-file table TestSpecMVP prints, sorted
// by name, with a TOTAL line.
func Table(results []FileResult) string {
	rows := append([]FileResult(nil), results...)
	sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
	var sb strings.Builder
	fmt.Fprintf(&sb, "spec %-28s %13s %11s %11s %8s %6s\n", "file", "assert_return", "assert_trap", "validation", "cpu-only", "unsup")
	var tr, trt, tt, ttt int
	for _, x := range rows {
		fmt.Fprintf(&sb, "spec %-28s %6d/%-6d %5d/%-5d %5d/%-5d %8d %6d\n", x.Name, x.ReturnPass, x.ReturnTotal, x.TrapPass, x.TrapTotal, x.ValidPass, x.ValidTotal, x.CPUOnly, x.Unsupported)
		tr += x.ReturnPass
		trt += x.ReturnTotal
		tt += x.TrapPass
		ttt += x.TrapTotal
	}
	fmt.Fprintf(&sb, "spec %-28s %6d/%-6d %5d/%-5d\n", "TOTAL", tr, trt, tt, ttt)
	return sb.String()
}
