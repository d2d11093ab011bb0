package lsp

import (
	"fmt"
	"strings"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
)

// runHoverCtx is what a hover on a manifest needs to look up kept run
// results: the cartridge's image path and its current data key.
type runHoverCtx struct {
	image string
	key   string // cartDataKey of the image on disk (or open) and the text's data_hash
}

// runContext returns the run-result context of manifest document d whose
// text is text; ok is false for a document with no file path.
func (s *server) runContext(d *document, text []byte) (runHoverCtx, bool) {
	path := fsPath(d.uri)
	if path == "" || !cartridge.IsManifestPath(path) {
		return runHoverCtx{}, false
	}
	img := cartridge.ImagePathFor(path)
	root, _ := cartridge.ParseJSON(text)
	hash := ""
	if root != nil && root.Kind == cartridge.JSONObject {
		hash = cartridge.MetaFromJSON(root).DataHash
	}
	png, err := s.readFile(img)
	if err != nil {
		return runHoverCtx{image: img, key: "unreadable"}, true // every kept result is stale
	}
	return runHoverCtx{image: img, key: cartDataKey(png, hash)}, true
}

// runHover answers a hover inside an entry of a manifest's `tests` array:
// on its "invoke" value, the export's last run (exportRunMarkdown); elsewhere
// in the entry, the test itself and its last outcome. ok is false outside
// the `tests` entries.
func (s *server) runHover(d *document, offset int) (hoverResult, bool) {
	text := d.content()
	e, ok := cartridge.TestAt(text, offset)
	if !ok {
		return hoverResult{}, false
	}
	rc, ok := s.runContext(d, text)
	if !ok {
		return hoverResult{}, false
	}
	st := s.cart.runs.results
	if e.OnInvoke(offset) {
		span := e.InvokeSpan
		v, kept := st.export(rc.image, rc.key, e.Test.Invoke)
		return hoverResult{markdown: exportRunMarkdown(e.Test.Invoke, v, kept), span: &span}, true
	}
	rec, stale, kept := st.call(rc.image, rc.key, e.Test.Invoke, e.Test.Args)
	span := e.Span
	return hoverResult{markdown: testEntryMarkdown(e, rec, stale, kept), span: &span}, true
}

// lastRunsMarkdown is the section the cartridge preview hover gets: one
// line per export with kept results; "" when there are none.
func (s *server) lastRunsMarkdown(d *document) string {
	rc, ok := s.runContext(d, d.content())
	if !ok {
		return ""
	}
	st := s.cart.runs.results
	names, stale := st.exportNames(rc.image, rc.key)
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n---\n\n**Last runs**")
	if stale {
		b.WriteString(" (stale: the cartridge changed since)")
	}
	b.WriteString("\n\n")
	for _, n := range names {
		v, ok := st.export(rc.image, rc.key, n)
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "- `%s`: %s · %s%s\n", n, callsVerdict(v.calls), when(v.last.at), callResults(v.calls))
	}
	return b.String()
}

// maxListedCalls bounds the calls listed per export in the cartridge
// preview's Last runs.
const maxListedCalls = 4

// callResults lists the first calls' results (the GPU VM's when it ran
// them, else wazero's): " · `fib(10)` → `[i32:55]` (167 instructions), ...".
func callResults(calls []callRecord) string {
	var parts []string
	for i, c := range calls {
		if i == maxListedCalls {
			parts = append(parts, fmt.Sprintf("and %d more", len(calls)-i))
			break
		}
		switch {
		case c.gpu != nil && !c.gpu.handedBack:
			parts = append(parts, fmt.Sprintf("`%s` → `%s` (%d instructions)", c.name, c.gpu.result, c.gpu.instructions))
		case c.cpu != nil:
			parts = append(parts, fmt.Sprintf("`%s` → `%s`", c.name, c.cpu.result))
		default:
			parts = append(parts, fmt.Sprintf("`%s` did not run", c.name))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(parts, ", ")
}

// callsVerdict sums up a run's calls of one export, e.g. "3 calls, all
// passed, GPU VM and wazero agree".
func callsVerdict(calls []callRecord) string {
	passed, compared, agreed := 0, 0, 0
	for i := range calls {
		if calls[i].pass {
			passed++
		}
		if same, ran := calls[i].agreed(); ran {
			compared++
			if same {
				agreed++
			}
		}
	}
	out := fmt.Sprintf("%d/%d calls passed", passed, len(calls))
	if len(calls) == 1 {
		out = "1 call, passed"
		if passed == 0 {
			out = "1 call, FAILED"
		}
	}
	switch {
	case compared == 0:
		out += ", wazero only"
	case agreed == compared:
		out += ", GPU VM and wazero agree"
	default:
		out += fmt.Sprintf(", GPU VM and wazero DISAGREE on %d", compared-agreed)
	}
	return out
}

// exportRunMarkdown shows the last run of export name: when, how long, on
// which backend, and per call each engine's results or trap, instructions
// and whether they agreed.
func exportRunMarkdown(name string, v exportView, kept bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Export `%s`\n\n", name)
	if !kept {
		fmt.Fprintf(&b, "Not run in this session. Run it with the code action \"Run %s on the GPU VM\" (or \"... and compare\"), or run the tests.\n", name)
		return b.String()
	}
	if v.stale {
		b.WriteString("**Stale**: the cartridge changed since this run (its PNG or `data_hash`); run it again.\n\n")
	}
	fmt.Fprintf(&b, "**Last run** %s · %s\n\n", when(v.last.at), runWhere(v.last))
	b.WriteString("| call | GPU VM | wazero | agree | outcome |\n|---|---|---|---|---|\n")
	for _, c := range v.calls {
		same, ran := c.agreed()
		agree := "n/a"
		if ran {
			agree = "no"
			if same {
				agree = "yes"
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", cell(c.name), engineCell(c.gpu, true), engineCell(c.cpu, false), agree, cell(outcome(c)))
	}
	return b.String()
}

// testEntryMarkdown shows a `tests` entry (invoke, args, expectation) and
// the last outcome of the call it makes.
func testEntryMarkdown(e cartridge.TestEntry, rec callRecord, stale, kept bool) string {
	var b strings.Builder
	t := e.Test
	fmt.Fprintf(&b, "### Test %d: `%s(%s)`\n\n", e.Index+1, t.Invoke, strings.Join(t.Args, ", "))
	fmt.Fprintf(&b, "- invoke: `%s`\n- args: `[%s]`\n", t.Invoke, strings.Join(t.Args, ", "))
	switch {
	case t.HasTrap && t.ExpectTrap == "":
		b.WriteString("- expect: a trap\n")
	case t.HasTrap:
		fmt.Fprintf(&b, "- expect a trap containing: `%s`\n", t.ExpectTrap)
	case len(t.Expect) > 0:
		fmt.Fprintf(&b, "- expect: `[%s]`\n", strings.Join(t.Expect, ", "))
	default:
		b.WriteString("- expect: no trap\n")
	}
	b.WriteString("\n")
	if !kept {
		b.WriteString("Not run in this session: \"Run tests\" runs it.\n")
		return b.String()
	}
	if stale {
		b.WriteString("**Stale**: the cartridge changed since this run (its PNG or `data_hash`); run it again.\n\n")
	}
	fmt.Fprintf(&b, "**Last outcome** %s: %s\n\n", when(rec.run.at), outcome(rec))
	if rec.expect != expectKey(t.Expect, t.HasTrap, t.ExpectTrap) {
		fmt.Fprintf(&b, "(judged against an earlier expectation, %s: run the tests again)\n\n", rec.want)
	}
	fmt.Fprintf(&b, "- GPU VM: %s\n- wazero: %s\n- %s\n", engineCell(rec.gpu, true), engineCell(rec.cpu, false), runWhere(rec.run))
	return b.String()
}

// outcome is "passed" or "FAILED: why".
func outcome(c callRecord) string {
	switch {
	case c.pass:
		return "passed (" + c.want + ")"
	case c.message != "":
		return "FAILED: " + c.message
	default:
		return "FAILED: expected " + c.want
	}
}

// engineCell renders one engine's answer: results or trap, and for the
// GPU VM the instructions it executed.
func engineCell(o *engineOutcome, gpu bool) string {
	switch {
	case o == nil:
		return "not run"
	case o.handedBack:
		return "handed to the CPU"
	case gpu:
		return fmt.Sprintf("`%s` · %d instructions", cell(o.result), o.instructions)
	default:
		return "`" + cell(o.result) + "`"
	}
}

// runWhere says on what a run ran and how long it took.
func runWhere(r runInfo) string {
	where := "wazero only (no GPU adapter)"
	if r.backend == "gpu" {
		where = fmt.Sprintf("GPU VM on %s, fuel %d instructions per call, checked against wazero", r.adapter, r.fuel)
	}
	return fmt.Sprintf("%s · wall time %s (the whole run, both engines)", where, r.wall.Round(time.Millisecond))
}

// when renders a run's time, in UTC.
func when(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// cell escapes text for a markdown table cell.
func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }

// hoverMemberKey is the key of the top-level member of the manifest text
// holding offset ("" when none).
func hoverMemberKey(text []byte, offset int) string {
	root, _ := cartridge.ParseJSON(text)
	if root == nil || root.Kind != cartridge.JSONObject {
		return ""
	}
	for _, m := range root.Members {
		if m.Span().Contains(offset) {
			return m.Key
		}
	}
	return ""
}
