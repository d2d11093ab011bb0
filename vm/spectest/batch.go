package spectest

import (
	"errors"
	"fmt"

	"github.com/rts-lsp/rts-lsp/vm"
)

// runActions runs a module's actions in order. All remaining actions start
// in one batch from the current state; the results are kept up to the
// first instance that changed memory or globals, whose final state becomes
// the start of the next batch: one dispatch per state change, not per
// action.
func (fr *fileRun) runActions(m *module, cases []action) {
	for len(cases) > 0 {
		if fr.ctx.Err() != nil {
			return
		}
		b := &vm.Batch{From: m.snap, CaptureFirstDirty: true, Config: vm.Config{Fuel: Fuel}}
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
		res, err := fr.e.Run(m.prog, b)
		if err != nil {
			var ie *vm.InstantiateError
			if errors.As(err, &ie) {
				m.err = err
			}
			for _, c := range cases {
				if c.check {
					fr.count(c.trap != "", false)
				}
			}
			fr.fail(cases[0].cmd.Line, "%v", err)
			return
		}
		upto := len(batch)
		if res.CapturedAt >= 0 {
			upto = res.CapturedAt + 1
		}
		fr.rerunGrowLimited(m, cases, res, &upto)
		for i, c := range cases[:upto] {
			r := res.Results[i]
			if r.Trap == vm.TrapNeedsCPU {
				if c.check {
					fr.res.CPUOnly++
				}
				if !c.check || r.Dirty || len(c.expected) == 0 && c.trap == "" {
					// The state after this action is unknown to the GPU VM.
					for _, rest := range cases[i+1:] {
						if rest.check {
							fr.res.CPUOnly++
						}
					}
					m.err = fmt.Errorf("state depends on a CPU-only action (line %d)", c.cmd.Line)
					return
				}
				continue
			}
			if c.check {
				fr.check(c, r)
			}
		}
		if res.CapturedAt >= 0 {
			m.snap = res.Captured
		}
		cases = cases[upto:]
	}
}

// rerunGrowLimited reruns, alone, the first kept action whose memory.grow
// the batch's page limit refused, where the limit is the module's own.
func (fr *fileRun) rerunGrowLimited(m *module, cases []action, res *vm.BatchResult, upto *int) {
	for i := 0; i < *upto; i++ {
		if !res.Results[i].GrowLimited {
			continue
		}
		one, err := fr.e.Run(m.prog, &vm.Batch{From: m.snap, CaptureFirstDirty: true, Funcs: []uint32{cases[i].fn},
			Args: [][]uint64{cases[i].args}, Config: vm.Config{Fuel: Fuel, MaxPages: 1024}})
		if err == nil {
			res.Results[i] = one.Results[0]
			*upto = i + 1
			res.CapturedAt, res.Captured = -1, nil
			if one.CapturedAt == 0 {
				res.CapturedAt, res.Captured = i, one.Captured
			}
		}
		return
	}
}

// check counts one assertion's result.
func (fr *fileRun) check(c action, r vm.Result) {
	if c.trap != "" {
		ok := trapMatches(c.trap, r.Trap)
		fr.count(true, ok)
		if !ok {
			fr.fail(c.cmd.Line, "%s%v: got %s, want trap %q", c.cmd.Action.Field, c.args, describe(r), c.trap)
		}
		return
	}
	ok := r.Trap == vm.TrapNone && len(r.Values) == len(c.expected)
	for k := 0; ok && k < len(c.expected); k++ {
		ok = matches(c.expected[k], r.Values[k])
	}
	fr.count(false, ok)
	if !ok {
		fr.fail(c.cmd.Line, "%s%v: got %s, want %v", c.cmd.Action.Field, c.args, describe(r), c.expected)
	}
}

func describe(r vm.Result) string {
	if r.Trap != vm.TrapNone {
		return "trap " + r.Trap.String()
	}
	return fmt.Sprint(r.Values)
}
