package wgsl

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
	"math"
)

// knownAttrs lists every WGSL attribute with its argument count range.
var knownAttrs = map[string][2]int{
	"align": {1, 1}, "binding": {1, 1}, "blend_src": {1, 1}, "builtin": {1, 1}, "compute": {0, 0},
	"const": {0, 0}, "diagnostic": {2, 2}, "fragment": {0, 0}, "group": {1, 1}, "id": {1, 1},
	"interpolate": {1, 2}, "invariant": {0, 0}, "location": {1, 1}, "must_use": {0, 0},
	"size": {1, 1}, "vertex": {0, 0}, "workgroup_size": {1, 3},
}

// attrSet is a validated attribute list; get finds an attribute by name.
type attrSet []*syntax.Attribute

// get returns the attribute called name, or nil.
func (s attrSet) get(name string) *syntax.Attribute {
	for _, a := range s {
		if a.Name.Name == name {
			return a
		}
	}
	return nil
}

// attrMap validates a list of attributes against the set allowed at a
// place and returns the valid ones. Unknown, misplaced, duplicated and
// wrongly-sized attributes are reported and left out. When every
// attribute is valid the result shares list's array (no allocation).
func (c *checker) attrMap(list []*syntax.Attribute, allowed string, where string) attrSet {
	var out attrSet // the accepted attributes, once one has been left out
	filtering := false
	for i, a := range list {
		accepted := out
		if !filtering {
			accepted = list[:i]
		}
		if c.validAttr(a, list, accepted, allowed, where) {
			if filtering {
				out = append(out, a)
			}
			continue
		}
		if !filtering {
			out = append(make(attrSet, 0, len(list)-1), list[:i]...)
			filtering = true
		}
	}
	if filtering {
		return out
	}
	return list
}

// validAttr reports whether attribute a of list may stay in the validated
// set, reporting why not; accepted holds the attributes kept before it.
// A @diagnostic attribute is checked by diagnosticAttr and kept.
func (c *checker) validAttr(a *syntax.Attribute, list []*syntax.Attribute, accepted attrSet, allowed, where string) bool {
	name := a.Name.Name
	rng, known := knownAttrs[name]
	if !known {
		c.errorf(a.Span, CodeAttribute, "unknown attribute '@%s'", name)
		return false
	}
	if !hasWord(allowed, name) {
		c.errorf(a.Span, CodeAttribute, "attribute '@%s' is not allowed on %s", name, where)
		return false
	}
	if len(a.Args) < rng[0] || len(a.Args) > rng[1] || (rng[1] == 0 && a.HasParens) {
		c.errorf(a.Span, CodeAttribute, "attribute '@%s' has the wrong number of arguments", name)
		return false
	}
	if name == "diagnostic" {
		c.diagnosticAttr(a, list)
		return true
	}
	if name == "const" {
		c.errorf(a.Span, CodeAttribute, "attribute '@const' cannot be used in user code")
		return false
	}
	if prev := accepted.get(name); prev != nil {
		c.errorRel(a.Span, CodeAttribute, prev.Span, "first given here", "duplicate attribute '@%s'", name)
		return false
	}
	return true
}

func hasWord(list, w string) bool {
	for i := 0; i+len(w) <= len(list); {
		j := i
		for j < len(list) && list[j] != ' ' {
			j++
		}
		if list[i:j] == w {
			return true
		}
		i = j + 1
	}
	return false
}

func (c *checker) attrsNotAllowed(list []*syntax.Attribute, where string) {
	c.attrMap(list, "", where)
}

// constIntArg evaluates attribute argument i as a const-expression integer
// (i32, u32 or abstract-int).
func (c *checker) constIntArg(a *syntax.Attribute, i int) (int64, bool) {
	if i >= len(a.Args) {
		return 0, false
	}
	op := c.value(a.Args[i])
	if op.invalid() {
		return 0, false
	}
	if !op.t.IsScalar() || !op.t.IsInt() {
		c.errorf(a.Args[i].NodeSpan(), CodeAttribute, "'@%s' argument must be an integer, not %s", a.Name.Name, op.t)
		return 0, false
	}
	if op.stage != stConst || op.v == nil {
		c.errorf(a.Args[i].NodeSpan(), CodeNotConst, "'@%s' argument must be a const-expression", a.Name.Name)
		return 0, false
	}
	// An abstract argument takes the attribute's i32 overload: it must fit
	// (2147483648 does not; 2147483648u does).
	if op.t.Kind == AbstractInt && (op.v.I > math.MaxInt32 || op.v.I < math.MinInt32) {
		if c.convertOp(op, tI32, a.Args[i].NodeSpan()).invalid() {
			return 0, false
		}
	}
	return op.v.I, true
}

// enumArg reads attribute argument i as a bare identifier.
func (c *checker) enumArg(a *syntax.Attribute, i int) (string, diag.Span, bool) {
	if i >= len(a.Args) {
		return "", a.Span, false
	}
	id, ok := a.Args[i].(*syntax.IdentExpr)
	if !ok || id.Template != nil {
		c.errorf(a.Args[i].NodeSpan(), CodeAttribute, "'@%s' expects a name here", a.Name.Name)
		return "", a.Args[i].NodeSpan(), false
	}
	return id.Name.Name, id.Span(), true
}

// builtinValues maps each @builtin name to its type and where it may
// appear (stage and direction).
type builtinValue struct {
	t      *Type
	in     stageMask
	out    stageMask
	enable string
}

var builtinValues = map[string]builtinValue{
	"vertex_index":           {t: tU32, in: stageVertex},
	"instance_index":         {t: tU32, in: stageVertex},
	"position":               {t: vecOf(4, tF32), in: stageFragment, out: stageVertex},
	"front_facing":           {t: tBool, in: stageFragment},
	"frag_depth":             {t: tF32, out: stageFragment},
	"sample_index":           {t: tU32, in: stageFragment},
	"sample_mask":            {t: tU32, in: stageFragment, out: stageFragment},
	"local_invocation_id":    {t: vecOf(3, tU32), in: stageCompute},
	"local_invocation_index": {t: tU32, in: stageCompute},
	"global_invocation_id":   {t: vecOf(3, tU32), in: stageCompute},
	"workgroup_id":           {t: vecOf(3, tU32), in: stageCompute},
	"num_workgroups":         {t: vecOf(3, tU32), in: stageCompute},
	"subgroup_invocation_id": {t: tU32, in: stageCompute | stageFragment, enable: "subgroups"},
	"subgroup_size":          {t: tU32, in: stageCompute | stageFragment, enable: "subgroups"},
	"clip_distances":         {in: 0, out: stageVertex, enable: "clip_distances"},
	"primitive_index":        {t: tU32, in: stageFragment, enable: "primitive_index"},
}

// ioAttrs are the entry-point IO attributes of a parameter, return value or
// struct member.
type ioAttrs struct {
	location    int64 // -1 when absent
	locSpan     diag.Span
	builtin     string
	builtinSpan diag.Span
	interp      string
	interpSamp  string
	interpSpan  diag.Span
	invariant   bool
	invSpan     diag.Span
	blendSrc    int64 // -1 when absent
	blendSpan   diag.Span
	// bad is set when an IO attribute was present but invalid (already
	// reported), so the value is not reported again as missing one.
	bad bool
}

// ioAttributes validates IO attributes present in m.
func (c *checker) ioAttributes(m attrSet) ioAttrs {
	io := ioAttrs{location: -1, blendSrc: -1}
	if a := m.get("location"); a != nil {
		io.bad = true
		if v, ok := c.constIntArg(a, 0); ok {
			if v < 0 {
				c.errorf(a.Span, CodeAttribute, "'@location' must be non-negative, got %d", v)
			} else {
				io.location = v
				io.bad = false
			}
		}
		io.locSpan = a.Span
	}
	if a := m.get("builtin"); a != nil {
		if name, sp, ok := c.enumArg(a, 0); ok {
			bv, known := builtinValues[name]
			switch {
			case !known:
				c.errorf(sp, CodeAttribute, "unknown builtin value '%s'", name)
			case bv.enable != "" && !c.enabled[bv.enable]:
				c.errorf(sp, CodeExtension, "builtin '%s' requires 'enable %s;'", name, bv.enable)
			default:
				io.builtin = name
			}
		}
		io.bad = io.bad || io.builtin == ""
		io.builtinSpan = a.Span
	}
	if a := m.get("interpolate"); a != nil {
		io.interpSpan = a.Span
		if ty, sp, ok := c.enumArg(a, 0); ok {
			switch ty {
			case "perspective", "linear", "flat":
				io.interp = ty
			default:
				c.errorf(sp, CodeAttribute, "unknown interpolation type '%s'", ty)
			}
			if len(a.Args) == 2 && io.interp != "" {
				if s, sp2, ok := c.enumArg(a, 1); ok {
					switch s {
					case "center", "centroid", "sample":
						if ty == "flat" {
							c.errorf(sp2, CodeAttribute, "flat interpolation takes 'first' or 'either' sampling, not '%s'", s)
							io.interp = ""
						}
					case "first", "either":
						if ty != "flat" {
							c.errorf(sp2, CodeAttribute, "'%s' sampling is only valid with flat interpolation", s)
							io.interp = ""
						}
					default:
						c.errorf(sp2, CodeAttribute, "unknown interpolation sampling '%s'", s)
						io.interp = ""
					}
					io.interpSamp = s
				} else {
					io.interp = ""
				}
			}
		}
	}
	if a := m.get("invariant"); a != nil {
		io.invariant = true
		io.invSpan = a.Span
	}
	if a := m.get("blend_src"); a != nil {
		io.blendSpan = a.Span
		if !c.enabled["dual_source_blending"] {
			c.errorf(a.Span, CodeExtension, "'@blend_src' requires 'enable dual_source_blending;'")
		} else if v, ok := c.constIntArg(a, 0); ok {
			if v != 0 && v != 1 {
				c.errorf(a.Span, CodeAttribute, "'@blend_src' must be 0 or 1, got %d", v)
			} else {
				io.blendSrc = v
			}
		}
	}
	// Combinations.
	if io.builtin != "" && io.location >= 0 {
		c.errorf(io.builtinSpan, CodeAttribute, "'@builtin' and '@location' cannot both be given")
	}
	if io.interpSpan.Len() > 0 && io.locSpan.Len() == 0 && m.get("interpolate") != nil {
		c.errorf(io.interpSpan, CodeAttribute, "'@interpolate' is only allowed with '@location'")
	}
	if io.invariant && io.builtin != "position" && io.builtinSpan.Len() == 0 {
		c.errorf(io.invSpan, CodeAttribute, "'@invariant' is only allowed on the position builtin")
	} else if io.invariant && io.builtin != "" && io.builtin != "position" {
		c.errorf(io.invSpan, CodeAttribute, "'@invariant' is only allowed on the position builtin")
	}
	if io.blendSpan.Len() > 0 && io.locSpan.Len() == 0 {
		c.errorf(io.blendSpan, CodeAttribute, "'@blend_src' is only allowed with '@location'")
	}
	return io
}

// diagnosticAttr validates @diagnostic(severity, rule) and records nothing
// global (rule-scoped filtering applies to the uniformity analysis through
// the node's attribute list).
func (c *checker) diagnosticAttr(a *syntax.Attribute, list []*syntax.Attribute) {
	sev, _, ok := c.enumArg(a, 0)
	if !ok {
		return
	}
	switch sev {
	case "error", "warning", "info", "off":
	default:
		c.errorf(a.Args[0].NodeSpan(), CodeAttribute, "unknown diagnostic severity '%s'", sev)
		return
	}
	rule := ruleName(a.Args[1])
	if rule == "" {
		c.errorf(a.Args[1].NodeSpan(), CodeAttribute, "expected a diagnostic rule name")
		return
	}
	c.checkRuleName(rule, a.Args[1].NodeSpan())
	// Two @diagnostic attributes for the same rule on one place conflict.
	for _, b := range list {
		if b == a {
			break
		}
		if b.Name.Name == "diagnostic" && len(b.Args) == 2 && ruleName(b.Args[1]) == rule {
			c.errorRel(a.Span, CodeAttribute, b.Span, "first given here", "duplicate diagnostic attribute for rule '%s'", rule)
			return
		}
	}
}

func (c *checker) enumArgQuiet(a *syntax.Attribute, i int) (string, diag.Span, bool) {
	id, ok := a.Args[i].(*syntax.IdentExpr)
	if !ok {
		return "", diag.Span{}, false
	}
	return id.Name.Name, id.Span(), true
}

func ruleName(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.IdentExpr:
		if e.Template != nil {
			return ""
		}
		return e.Name.Name
	case *syntax.MemberExpr:
		if id, ok := e.X.(*syntax.IdentExpr); ok && id.Template == nil {
			return id.Name.Name + "." + e.Member.Name
		}
	}
	return ""
}

// checkRuleName warns about unknown diagnostic rules (namespaced rules are
// accepted silently).
func (c *checker) checkRuleName(rule string, sp diag.Span) {
	switch rule {
	case "derivative_uniformity", "subgroup_uniformity":
		return
	}
	for i := 0; i < len(rule); i++ {
		if rule[i] == '.' {
			return
		}
	}
	c.warnf(sp, CodeUnknownDiagRule, "unknown diagnostic rule '%s'", rule)
}
