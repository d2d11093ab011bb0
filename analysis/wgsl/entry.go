package wgsl

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
)

// checkRecursion reports call cycles (WGSL forbids recursion).
func (c *checker) checkRecursion() {
	state := make([]uint8, c.nsyms) // by Symbol.id: 0 new, 1 on the path, 2 done
	var visit func(s *Symbol)
	visit = func(s *Symbol) {
		if state[s.id] != 0 {
			return
		}
		state[s.id] = 1
		for _, cs := range s.Func.calls {
			if state[cs.callee.id] == 1 {
				c.errorRel(cs.span, CodeRecursion, cs.callee.NameSpan, "function declared here",
					"recursive call of '%s' (WGSL does not allow recursion)", cs.callee.Name)
				continue
			}
			visit(cs.callee)
		}
		state[s.id] = 2
	}
	for _, s := range c.modList {
		if s.Kind == SymFunc {
			visit(s)
		}
	}
}

// reachable returns the functions reachable from the entry point s (s
// first, then depth-first in call order). The slice is reused by the next
// call.
func (c *checker) reachable(s *Symbol) []*Symbol {
	if len(c.reachMark) < int(c.nsyms) {
		c.reachMark = make([]int32, c.nsyms)
	}
	c.reachEpoch++
	c.reached = c.reached[:0]
	c.reach(s)
	return c.reached
}

func (c *checker) reach(s *Symbol) {
	if c.reachMark[s.id] == c.reachEpoch {
		return
	}
	c.reachMark[s.id] = c.reachEpoch
	c.reached = append(c.reached, s)
	for _, cs := range s.Func.calls {
		c.reach(cs.callee)
	}
}

var stageNames = map[stageMask]string{stageVertex: "vertex", stageFragment: "fragment", stageCompute: "compute"}

// checkEntryPoints validates entry-point interfaces, the builtins and
// variables each stage may use, and resource binding uniqueness.
func (c *checker) checkEntryPoints() {
	for _, s := range c.modList {
		if s.Kind != SymFunc || s.Func.Stage == 0 {
			continue
		}
		fi := s.Func
		stage := fi.Stage
		c.entryIO(s)
		reported := map[diag.Span]bool{}
		bindings := c.bindingUses[:0] // the resources this entry point uses
		for _, f := range c.reachable(s) {
			for _, u := range f.Func.uses {
				if u.fn.stages&stage == 0 && !reported[u.span] {
					reported[u.span] = true
					c.errorRel(u.span, CodeStage, s.NameSpan, "entry point", "'%s' cannot be used in a %s shader (called from entry point '%s')", u.fn.name, stageNames[stage], s.Name)
				}
			}
			for _, u := range f.Func.globals {
				g, at := u.g, u.at
				if !u.noted || g.Kind != SymVar {
					continue
				}
				if g.Space == Workgroup && stage != stageCompute && !reported[at] {
					reported[at] = true
					c.errorRel(at, CodeStage, s.NameSpan, "entry point", "workgroup variable '%s' cannot be used in a %s shader", g.Name, stageNames[stage])
				}
				if stage == stageVertex && g.Space == Storage && g.Access == ReadWrite && !reported[at] {
					reported[at] = true
					c.errorRel(at, CodeStage, s.NameSpan, "entry point", "read_write storage buffer '%s' cannot be used in a vertex shader", g.Name)
				}
				if stage == stageVertex && g.Type.Kind == Texture && g.Type.Tex == TexStorage && g.Type.Access != Read && !reported[at] {
					reported[at] = true
					c.errorRel(at, CodeStage, s.NameSpan, "entry point", "writable storage texture '%s' cannot be used in a vertex shader", g.Name)
				}
				if gb := c.bindingOf(g); gb.group >= 0 && gb.binding >= 0 {
					prev := findBinding(bindings, gb)
					if prev != nil && prev != g {
						a, b := prev, g
						if b.NameSpan.Start < a.NameSpan.Start {
							a, b = b, a
						}
						c.errorRel(b.NameSpan, CodeBinding, a.NameSpan, "also bound here",
							"'%s' and '%s' both use @group(%d) @binding(%d) in entry point '%s'", a.Name, b.Name, gb.group, gb.binding, s.Name)
						continue
					}
					if prev == nil {
						bindings = append(bindings, bindingUse{gb, g})
					}
				}
			}
		}
		c.bindingUses = bindings[:0] // keep what the loop grew
	}
}

// ioCtx collects entry-point IO for duplicate checks.
type ioCtx struct {
	c         *checker
	stage     stageMask
	input     bool
	builtins  seenSpans[string] // builtin name -> first use
	locations seenSpans[int64]  // @location -> first use
	blend     map[int64]bool    // made on first use (rare)
	blendType map[int64]*Type
	blendBad  bool
	hasLoc0   bool
}

// entryIO validates parameters and the return value of an entry point.
func (c *checker) entryIO(s *Symbol) {
	fi := s.Func
	d := fi.Decl
	// The two contexts (inputs, then outputs) reuse the checker's lists,
	// which keep what the last one grew.
	in := &ioCtx{c: c, stage: fi.Stage, input: true, builtins: c.ioBuiltins[:0], locations: c.ioLocations[:0]}
	last := in
	defer func() { c.ioBuiltins, c.ioLocations = last.builtins[:0], last.locations[:0] }()
	for i, p := range d.Params {
		ps := fi.Params[i]
		m := c.attrMap(p.Attrs, "location builtin interpolate invariant", "an entry-point parameter")
		if ps.Type == nil || ps.Type.Kind == Invalid {
			continue
		}
		io := c.ioAttributes(m)
		ps.nonUniform = true
		if io.builtin != "" {
			if bv, ok := builtinValues[io.builtin]; ok && (io.builtin == "workgroup_id" || io.builtin == "num_workgroups" || io.builtin == "subgroup_size") {
				_ = bv
				ps.nonUniform = false
			}
		}
		in.item(ps.Type, io, p.Name.Span, p.Type.NodeSpan(), false)
	}
	if d.ReturnType == nil {
		if fi.Stage == stageVertex {
			c.errorf(d.Name.Span, CodeEntryPoint, "vertex entry point '%s' must return the position builtin", s.Name)
		}
		return
	}
	rt := s.Type
	m := c.attrMap(d.ReturnAttrs, "location builtin interpolate invariant blend_src", "an entry-point return value")
	if rt == nil || rt.Kind == Invalid {
		return
	}
	if fi.Stage == stageCompute {
		c.errorf(d.ReturnType.NodeSpan(), CodeEntryPoint, "compute entry points cannot return a value")
		return
	}
	out := &ioCtx{c: c, stage: fi.Stage, input: false, builtins: in.builtins[:0], locations: in.locations[:0]}
	last = out
	io := c.ioAttributes(m)
	out.item(rt, io, d.ReturnType.NodeSpan(), d.ReturnType.NodeSpan(), false)
	if fi.Stage == stageVertex {
		if _, ok := out.builtins.get("position"); !ok {
			c.errorf(d.ReturnType.NodeSpan(), CodeEntryPoint, "vertex entry point '%s' must return the position builtin", s.Name)
		}
	}
	if len(out.blend) > 0 {
		if !(out.blend[0] && out.blend[1]) {
			c.errorf(d.ReturnType.NodeSpan(), CodeEntryPoint, "dual-source blending needs both @blend_src(0) and @blend_src(1)")
		}
	}
}

// item validates one IO value: a parameter, a return value or a struct
// member of one (nested: true).
func (x *ioCtx) item(t *Type, io ioAttrs, nameSp, typeSp diag.Span, nested bool) {
	c := x.c
	if t.Kind == Struct && io.builtin == "" && io.location < 0 {
		if nested {
			c.errorf(typeSp, CodeEntryPoint, "nested structures cannot be used for entry-point IO")
			return
		}
		for _, m := range t.Struct.Members {
			if m.Type.Kind == Invalid {
				continue
			}
			mio := ioAttrs{location: int64(m.Location), builtin: m.Builtin, interp: m.Interp, invariant: m.Invariant, blendSrc: int64(m.BlendSrc)}
			sp := memberSpan(m, typeSp)
			mio.locSpan, mio.builtinSpan = sp, sp
			x.item(m.Type, mio, sp, sp, true)
		}
		return
	}
	dir := "output"
	if x.input {
		dir = "input"
	}
	switch {
	case io.builtin != "":
		bv := builtinValues[io.builtin]
		allowed := bv.out
		if x.input {
			allowed = bv.in
		}
		if allowed&x.stage == 0 {
			c.errorf(io.builtinSpan, CodeEntryPoint, "builtin '%s' cannot be used as a %s shader %s", io.builtin, stageNames[x.stage], dir)
			return
		}
		want := bv.t
		if io.builtin == "clip_distances" {
			if !(t.Kind == Array && t.Elem.Kind == F32 && t.N >= 1 && t.N <= 8) {
				c.errorf(typeSp, CodeEntryPoint, "builtin 'clip_distances' must be array<f32, N> with N <= 8, not %s", t)
				return
			}
		} else if !Identical(t, want) {
			c.errorf(typeSp, CodeEntryPoint, "builtin '%s' must have type %s, not %s", io.builtin, want, t)
			return
		}
		if prev, dup := x.builtins.get(io.builtin); dup {
			c.errorRel(io.builtinSpan, CodeEntryPoint, prev, "first used here", "builtin '%s' is used more than once in the entry point %s", io.builtin, dir)
			return
		}
		x.builtins = append(x.builtins, seenSpan[string]{io.builtin, io.builtinSpan})
		if io.interp != "" {
			c.errorf(io.builtinSpan, CodeAttribute, "'@interpolate' cannot be used on a builtin")
		}
	case io.location >= 0:
		if x.stage == stageCompute {
			c.errorf(io.locSpan, CodeEntryPoint, "compute entry points cannot have user-defined IO (@location)")
			return
		}
		leaf := t.Leaf()
		if !(t.IsScalar() || t.Kind == Vector) || !(leaf.Kind == I32 || leaf.Kind == U32 || leaf.Kind == F32 || leaf.Kind == F16) {
			c.errorf(typeSp, CodeEntryPoint, "@location values must be numeric scalars or vectors, not %s", t)
			return
		}
		if (leaf.Kind == I32 || leaf.Kind == U32) && io.interp != "flat" {
			if (x.stage == stageVertex && !x.input) || (x.stage == stageFragment && x.input) {
				c.errorf(typeSp, CodeEntryPoint, "integer @location values must use @interpolate(flat)")
				return
			}
		}
		if io.blendSrc >= 0 {
			if x.input || x.stage != stageFragment {
				if !x.blendBad {
					x.blendBad = true
					c.errorf(io.locSpan, CodeEntryPoint, "@blend_src is only allowed on fragment shader outputs")
				}
				return
			}
			if io.location != 0 {
				c.errorf(io.locSpan, CodeEntryPoint, "@blend_src requires @location(0)")
				return
			}
			if x.blend[io.blendSrc] {
				c.errorf(io.locSpan, CodeEntryPoint, "@blend_src(%d) is used more than once", io.blendSrc)
				return
			}
			if x.blend == nil {
				x.blend = map[int64]bool{}
			}
			x.blend[io.blendSrc] = true
			if x.blendType == nil {
				x.blendType = map[int64]*Type{}
			}
			x.blendType[io.blendSrc] = t
			if a, b := x.blendType[0], x.blendType[1]; a != nil && b != nil && !Identical(a, b) {
				c.errorf(typeSp, CodeEntryPoint, "@blend_src(0) and @blend_src(1) must have the same type (%s and %s)", a, b)
			}
			return
		}
		if prev, dup := x.locations.get(io.location); dup {
			c.errorRel(io.locSpan, CodeEntryPoint, prev, "first used here", "@location(%d) is used more than once in the entry point %s", io.location, dir)
			return
		}
		x.locations = append(x.locations, seenSpan[int64]{io.location, io.locSpan})
	case io.bad:
	default:
		c.errorf(nameSp, CodeEntryPoint, "entry-point %s of type %s needs a @location or @builtin attribute", dir, t)
	}
}

// symbolNonUniform reports whether reading s may give different values in
// different invocations.
func (c *checker) symbolNonUniform(s *Symbol) bool {
	switch s.Kind {
	case SymVar:
		if s.Module {
			switch s.Space {
			case Private, Workgroup:
				return true
			case Storage:
				return s.Access == ReadWrite
			}
			return false
		}
		return s.nonUniform
	case SymLet, SymParam:
		return s.nonUniform
	}
	return false
}

// bindingUse is a resource variable an entry point uses, by its binding.
type bindingUse struct {
	at resBinding
	g  *Symbol
}

// findBinding returns the variable of uses bound at b, or nil. Entry
// points use few resources: a scan beats a map.
func findBinding(uses []bindingUse, b resBinding) *Symbol {
	for _, u := range uses {
		if u.at == b {
			return u.g
		}
	}
	return nil
}

// seenSpans is a small association list from IO keys (builtin names,
// locations) to where each was first used: an entry point has few, and a
// scan beats a map. Keys are added once (callers check get first).
type seenSpans[K comparable] []seenSpan[K]

type seenSpan[K comparable] struct {
	k  K
	sp diag.Span
}

// get returns where k was first used.
func (s seenSpans[K]) get(k K) (diag.Span, bool) {
	for _, e := range s {
		if e.k == k {
			return e.sp, true
		}
	}
	return diag.Span{}, false
}
