package wgsl

import (
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// call checks a function call, value constructor or builtin call. asExpr is
// false for a call statement, where the result is discarded.
func (c *checker) call(e *syntax.CallExpr, asExpr bool) operand {
	mark := len(c.opStack)
	op := c.call0(e, asExpr)
	c.opStack = c.opStack[:mark] // release the argument operands
	return op
}

func (c *checker) call0(e *syntax.CallExpr, asExpr bool) operand {
	if e.Callee == nil {
		return bad
	}
	name := e.Callee.Name.Name
	if name == "" {
		c.args(e.Args)
		return bad
	}
	s, p := c.lookupPredecl(name)
	if s != nil {
		c.setRef(e.Callee, s)
		switch s.Kind {
		case SymFunc:
			if e.Callee.Template != nil {
				c.errorf(e.Callee.Template.Span, CodeInvalidExpr, "function '%s' does not take template arguments", name)
				c.args(e.Args)
				return bad
			}
			return c.userCall(e, s, asExpr)
		case SymStruct, SymAlias:
			t := c.typeIdent(e.Callee, true)
			return c.construct(e, t, asExpr)
		}
		c.useSymbol(s, e.Callee.Name.Span)
		c.errorRel(e.Callee.Name.Span, CodeInvalidExpr, s.NameSpan, "declared here", "'%s' is a %s, not a function", name, s.Kind)
		c.args(e.Args)
		return bad
	}
	switch p.kind {
	case predeclType:
		t := c.predeclaredType(e.Callee, p, true)
		if t == nil {
			c.args(e.Args)
			return bad
		}
		return c.construct(e, t, asExpr)
	case predeclBitcast:
		return c.bitcast(e, asExpr)
	case predeclBuiltin:
		return c.builtinCall(e, p.fn, asExpr)
	}
	c.errorf(e.Callee.Name.Span, CodeUndeclared, "unresolved function '%s'", name)
	c.args(e.Args)
	return bad
}

// args checks arguments whose call is already known to be wrong, so their
// own errors are still reported.
//
// The operands live on c.opStack until the enclosing call returns (see
// call), so that checking a call allocates nothing for its arguments.
func (c *checker) args(args []syntax.Expr) []operand {
	n, k := len(c.opStack), len(args)
	c.opStack = append(c.opStack, make([]operand, k)...)
	for i, a := range args {
		op := c.value(a)
		c.opStack[n+i] = op // nested calls may have moved the stack
	}
	return c.opStack[n : n+k : n+k]
}

func anyInvalid(ops []operand) bool {
	for _, o := range ops {
		if o.invalid() {
			return true
		}
	}
	return false
}

func typeList(ops []operand) string {
	parts := make([]string, len(ops))
	for i, o := range ops {
		parts[i] = o.t.String()
	}
	return strings.Join(parts, ", ")
}

func (c *checker) mustUse(e *syntax.CallExpr, what string) {
	c.errorf(e.Span, CodeMustUse, "the result of %s must be used", what)
}

// builtinCall resolves a builtin overload, checks its restrictions and
// evaluates it when all arguments are constant.
func (c *checker) builtinCall(e *syntax.CallExpr, b *builtinFn, asExpr bool) operand {
	ops := c.args(e.Args)
	if e.Callee.Template != nil {
		c.errorf(e.Callee.Template.Span, CodeInvalidExpr, "builtin '%s' does not take template arguments", b.name)
		return bad
	}
	if b.enable != "" && !c.enabled[b.enable] {
		c.errorf(e.Callee.Span(), CodeExtension, "'%s' requires 'enable %s;'", b.name, b.enable)
		return bad
	}
	if anyInvalid(ops) {
		return bad
	}
	if c.fn == nil && b.noConst {
		c.errorf(e.Span, CodeNotConst, "'%s' cannot be called in a constant or override expression", b.name)
		return bad
	}
	if c.fn != nil && b.stages != allStages {
		// Only stage-restricted builtins matter to the entry-point checks.
		c.fn.uses = append(c.fn.uses, builtinUse{fn: b, span: e.Callee.Span()})
	}
	if b.isWorkgroupUniformLoad {
		return c.workgroupUniformLoad(e, ops, asExpr)
	}
	var argBuf [4]*Type
	argTypes := argBuf[:0]
	for _, o := range ops {
		argTypes = append(argTypes, o.t)
	}
	m := c.resolveOverload(b, argTypes)
	if m.o == nil {
		c.errorf(e.Span, CodeNoOverload, "no overload of '%s' accepts (%s)", b.name, typeList(ops))
		return bad
	}
	bestO := m.o
	st := stConst
	nu := false
	// The converted argument values reuse one buffer: nothing below checks
	// a nested expression, and constant evaluation gets its own copy.
	conv := c.convBuf[:0]
	allConst := true
	for i, p := range bestO.params {
		pt := m.params[i]
		o := ops[i]
		if p.kind != pPtr && p.kind != pTexture && p.kind != pSampler && p.kind != pSamplerCmp && p.kind != pArray {
			o = c.convertOp(o, pt, e.Args[i].NodeSpan())
			if o.invalid() {
				return bad
			}
		}
		if p.isConst && o.stage != stConst {
			c.errorf(e.Args[i].NodeSpan(), CodeNotConst, "argument %d of '%s' must be a const-expression", i+1, b.name)
			return bad
		}
		st = maxStage(st, o.stage)
		nu = nu || o.nonUniform
		conv = append(conv, o.v)
		if o.v == nil {
			allConst = false
		}
	}
	c.convBuf = conv[:0] // keep what the loop grew
	if !b.isArrayLength {
		for _, o := range ops {
			if o.t.Kind == Pointer {
				c.noteAccess(o.root, !b.isAtomicLoad)
			}
		}
	}
	rt := m.ret
	if !c.builtinArgChecks(e, b, bestO, conv, rt) {
		return bad
	}
	if b.noConst {
		st = stRuntime
	}
	if rt == nil {
		if asExpr {
			c.errorf(e.Span, CodeInvalidExpr, "'%s' does not return a value", b.name)
			return bad
		}
		return operand{t: tVoid, stage: stRuntime}
	}
	if !asExpr && b.mustUse {
		c.mustUse(e, "'"+b.name+"'")
	}
	nu = nu || b.nonUniformResult
	res := operand{t: rt, stage: st, nonUniform: nu}
	if allConst && st == stConst && c.noEval == 0 {
		if f := b.constFn; f != nil {
			v, err := f(append([]*Value(nil), conv...), rt)
			if err != nil {
				c.errorf(e.Span, CodeConstEval, "%s", err.Error())
				return bad
			}
			res.v = v
		}
	}
	return res
}

// builtinArgChecks enforces value constraints on constant arguments
// (gather component, texel offsets).
func (c *checker) builtinArgChecks(e *syntax.CallExpr, b *builtinFn, o *overload, vals []*Value, rt *Type) bool {
	if c.noEval > 0 || !(b.constArgCheck || b.isTexture) {
		return true
	}
	// Checks on the constant arguments of partially constant calls.
	componentsOf := func(v *Value) []*Value {
		if v.T.IsScalar() {
			return []*Value{v}
		}
		return v.Elems
	}
	pairBad := func(lo, hi *Value, bad func(a, b *Value) bool) bool {
		if lo == nil || hi == nil {
			return false
		}
		a, b := componentsOf(lo), componentsOf(hi)
		for i := range a {
			if i < len(b) && bad(a[i], b[i]) {
				return true
			}
		}
		return false
	}
	switch b.name {
	case "smoothstep":
		if pairBad(vals[0], vals[1], func(a, b *Value) bool { return a.F >= b.F }) {
			c.errorf(e.Span, CodeConstEval, "smoothstep: the low edge must be less than the high edge")
			return false
		}
	case "clamp":
		if pairBad(vals[1], vals[2], func(a, b *Value) bool {
			if a.T.IsFloat() {
				return a.F > b.F
			}
			return a.I > b.I
		}) {
			c.errorf(e.Span, CodeConstEval, "clamp: the low bound %s is greater than the high bound %s", vals[1], vals[2])
			return false
		}
	case "extractBits", "insertBits":
		i := 1
		if b.name == "insertBits" {
			i = 2
		}
		if vals[i] != nil && vals[i+1] != nil && vals[i].I+vals[i+1].I > 32 {
			c.errorf(e.Span, CodeConstEval, "%s: offset %d + count %d exceeds 32 bits", b.name, vals[i].I, vals[i+1].I)
			return false
		}
	case "ldexp":
		if vals[1] != nil && rt != nil {
			bias := int64(1023)
			switch rt.Leaf().Kind {
			case F32:
				bias = 127
			case F16:
				bias = 15
			}
			for _, x := range componentsOf(vals[1]) {
				if x.I > bias+1 {
					c.errorf(e.Span, CodeConstEval, "ldexp: exponent %d is too large for %s", x.I, rt.Leaf())
					return false
				}
			}
		}
	}
	if b.isTextureGather && o.params[0].isConst && vals[0] != nil {
		if vals[0].I < 0 || vals[0].I > 3 {
			c.errorf(e.Args[0].NodeSpan(), CodeConstEval, "textureGather component must be 0, 1, 2 or 3, got %d", vals[0].I)
			return false
		}
	}
	if b.isTexture {
		for i, p := range o.params {
			if p.isConst && p.kind == pVec && vals[i] != nil {
				for _, comp := range vals[i].Elems {
					if comp.I < -8 || comp.I > 7 {
						c.errorf(e.Args[i].NodeSpan(), CodeConstEval, "texel offset components must be in [-8, 7], got %s", vals[i])
						return false
					}
				}
			}
		}
	}
	return true
}

func (c *checker) workgroupUniformLoad(e *syntax.CallExpr, ops []operand, asExpr bool) operand {
	if len(ops) != 1 {
		c.errorf(e.Span, CodeArgCount, "'workgroupUniformLoad' takes 1 argument, got %d", len(ops))
		return bad
	}
	t := ops[0].t
	if t.Kind != Pointer || t.Space != Workgroup {
		c.errorf(e.Args[0].NodeSpan(), CodeNoOverload, "'workgroupUniformLoad' expects a pointer to the workgroup address space, got %s", t)
		return bad
	}
	st := t.Elem
	if st.Kind == Atomic {
		st = st.Elem
	} else if !st.IsConstructible() || st.ContainsAtomic() {
		c.errorf(e.Args[0].NodeSpan(), CodeNoOverload, "'workgroupUniformLoad' cannot load %s", t.Elem)
		return bad
	}
	if !asExpr {
		c.mustUse(e, "'workgroupUniformLoad'")
	}
	c.noteAccess(ops[0].root, false)
	return operand{t: st, stage: stRuntime}
}

// bitcast checks bitcast<T>(e).
func (c *checker) bitcast(e *syntax.CallExpr, asExpr bool) operand {
	ops := c.args(e.Args)
	if e.Callee.Template == nil || len(e.Callee.Template.Args) != 1 {
		c.errorf(e.Callee.Span(), CodeInvalidExpr, "bitcast requires one template argument: bitcast<T>(e)")
		return bad
	}
	t := c.typeOf(e.Callee.Template.Args[0])
	if len(ops) != 1 {
		if !anyInvalid(ops) {
			c.errorf(e.Span, CodeArgCount, "bitcast takes 1 argument, got %d", len(ops))
		}
		return bad
	}
	if t.Kind == Invalid || anyInvalid(ops) {
		return bad
	}
	x := ops[0]
	size := func(t *Type) int {
		s := t.Leaf()
		w := 4
		if s.Kind == F16 {
			w = 2
		}
		if !(s.Kind == I32 || s.Kind == U32 || s.Kind == F32 || s.Kind == F16 || s.Kind == AbstractInt || s.Kind == AbstractFloat) {
			return -1
		}
		if t.Kind == Vector {
			return w * t.N
		}
		if t.IsScalar() {
			return w
		}
		return -1
	}
	if size(t) < 0 || t.Leaf().IsAbstract() {
		c.errorf(e.Callee.Span(), CodeInvalidType, "cannot bitcast to %s", t)
		return bad
	}
	// Abstract arguments concretize: abstract-int to i32 (or u32 when that is
	// the target), abstract-float to f32.
	if x.t.IsAbstract() {
		ct := concretize(x.t)
		if x.t.Leaf().Kind == AbstractInt && t.Leaf().Kind == U32 {
			ct = withLeaf(x.t, tU32)
		}
		x = c.convertOp(x, ct, e.Args[0].NodeSpan())
		if x.invalid() {
			return bad
		}
	}
	if size(x.t) < 0 || size(x.t) != size(t) {
		c.errorf(e.Span, CodeTypeMismatch, "cannot bitcast %s to %s (different sizes)", x.t, t)
		return bad
	}
	if !asExpr {
		c.mustUse(e, "bitcast")
	}
	res := operand{t: t, stage: x.stage, nonUniform: x.nonUniform}
	if x.v != nil && c.noEval == 0 {
		v, err := bitcastValue(x.v, t)
		if err != nil {
			c.errorf(e.Span, CodeConstEval, "%s", err.Error())
			return bad
		}
		res.v = v
	}
	return res
}

// userCall checks a call of a user-declared function.
func (c *checker) userCall(e *syntax.CallExpr, s *Symbol, asExpr bool) operand {
	ops := c.args(e.Args)
	c.useSymbol(s, e.Callee.Name.Span)
	fi := s.Func
	c.checkBody(s) // callee summaries first
	if c.fn == nil {
		c.errorf(e.Span, CodeNotConst, "function '%s' cannot be called in a constant or override expression", s.Name)
		return bad
	}
	if c.fn.calls == nil {
		c.fn.calls = carve(&c.callSlab, 4, 64)
	}
	c.fn.calls = append(c.fn.calls, callSite{callee: s, span: e.Callee.Span()})
	if fi.Stage != 0 {
		c.errorRel(e.Callee.Span(), CodeEntryPoint, s.NameSpan, "entry point declared here", "entry point '%s' cannot be called", s.Name)
		return bad
	}
	if len(ops) != len(fi.Params) {
		c.errorRel(e.Span, CodeArgCount, s.NameSpan, "declared here", "'%s' takes %d argument(s), got %d", s.Name, len(fi.Params), len(ops))
		return bad
	}
	nu := false
	for i, p := range fi.Params {
		o := ops[i]
		if o.invalid() || p.Type == nil || p.Type.Kind == Invalid {
			continue
		}
		if !convertible(o.t, p.Type) {
			c.errorf(e.Args[i].NodeSpan(), CodeTypeMismatch, "argument %d of '%s' has type %s, want %s", i+1, s.Name, o.t, p.Type)
			continue
		}
		nu = nu || o.nonUniform
	}
	c.checkAliasing(e, s, ops)
	if anyInvalid(ops) {
		return bad
	}
	rt := s.Type
	if rt == nil {
		if asExpr {
			c.errorf(e.Span, CodeInvalidExpr, "function '%s' does not return a value", s.Name)
			return bad
		}
		return operand{t: tVoid, stage: stRuntime}
	}
	if !asExpr && fi.MustUse {
		c.mustUse(e, "'"+s.Name+"' (declared @must_use)")
	}
	return operand{t: rt, stage: stRuntime, nonUniform: nu}
}

// construct checks a value constructor T(args).
func (c *checker) construct(e *syntax.CallExpr, t *Type, asExpr bool) operand {
	ops := c.args(e.Args)
	if t.Kind == Invalid || anyInvalid(ops) {
		return bad
	}
	if !asExpr {
		c.mustUse(e, "a value constructor")
	}
	st := stConst
	nu := false
	for _, o := range ops {
		st = maxStage(st, o.stage)
		nu = nu || o.nonUniform
	}
	res := func(rt *Type, v *Value) operand {
		if c.noEval > 0 {
			v = nil
		}
		return operand{t: rt, v: v, stage: st, nonUniform: nu}
	}
	fail := func() operand {
		c.errorf(e.Span, CodeNoOverload, "no constructor %s(%s)", t, typeList(ops))
		return bad
	}
	allConst := func() bool {
		for _, o := range ops {
			if o.v == nil {
				return false
			}
		}
		return true
	}
	switch {
	case t.IsScalar():
		if len(ops) == 0 {
			return res(t, zeroValue(t))
		}
		if len(ops) != 1 || !ops[0].t.IsScalar() {
			return fail()
		}
		o := ops[0]
		if o.v != nil {
			v, err := c.convertValue(o.v, t)
			if err != nil {
				c.errorf(e.Span, CodeConstEval, "%s", err.Error())
				return bad
			}
			return res(t, v)
		}
		return res(t, nil)
	case t.Kind == Vector:
		return c.constructVector(e, t, ops, res, fail, allConst())
	case t.Kind == Matrix:
		return c.constructMatrix(e, t, ops, res, fail, allConst())
	case t.Kind == Array:
		return c.constructArray(e, t, ops, res, fail, allConst())
	case t.Kind == Struct:
		if len(ops) == 0 {
			if !t.IsConstructible() {
				return fail()
			}
			return res(t, zeroValue(t))
		}
		ms := t.Struct.Members
		if len(ops) != len(ms) || !t.IsConstructible() {
			return fail()
		}
		vals := make([]*Value, len(ops))
		for i, m := range ms {
			if !convertible(ops[i].t, m.Type) {
				c.errorf(e.Args[i].NodeSpan(), CodeTypeMismatch, "member '%s' of %s has type %s, got %s", m.Name, t, m.Type, ops[i].t)
				return bad
			}
			o := c.convertOp(ops[i], m.Type, e.Args[i].NodeSpan())
			if o.invalid() {
				return bad
			}
			vals[i] = o.v
		}
		if allConst() {
			return res(t, &Value{T: t, Elems: vals})
		}
		return res(t, nil)
	}
	c.errorf(e.Span, CodeInvalidExpr, "%s has no constructor", t)
	return bad
}

// appendScalars appends the scalar components of vs to dst (vectors and
// matrices are flattened, columns first): constructor arguments as the
// scalars of the vector or matrix they build.
func appendScalars(dst []*Value, vs []*Value) []*Value {
	for _, v := range vs {
		if v.T.IsScalar() {
			dst = append(dst, v)
		} else {
			dst = appendScalars(dst, v.Elems)
		}
	}
	return dst
}

// operandScalars is appendScalars over the values of constant operands.
func operandScalars(dst []*Value, ops []operand) []*Value {
	for _, o := range ops {
		if o.v.T.IsScalar() {
			dst = append(dst, o.v)
		} else {
			dst = appendScalars(dst, o.v.Elems)
		}
	}
	return dst
}

func (c *checker) constructVector(e *syntax.CallExpr, t *Type, ops []operand, res func(*Type, *Value) operand, fail func() operand, allConst bool) operand {
	n := t.N
	if len(ops) == 0 {
		el := t.Elem
		if el == nil {
			el = tAInt
		}
		rt := vecOf(n, el)
		return res(rt, zeroValue(rt))
	}
	// Conversion from a vector of the same width.
	if len(ops) == 1 && ops[0].t.Kind == Vector {
		o := ops[0]
		if o.t.N != n {
			return fail()
		}
		el := t.Elem
		if el == nil {
			el = o.t.Elem
		}
		rt := vecOf(n, el)
		if o.v != nil {
			v, err := mapValue(o.v, rt, func(x *Value) (*Value, error) { return convertValue(x, el) })
			if err != nil {
				c.errorf(e.Span, CodeConstEval, "%s", err.Error())
				return bad
			}
			return res(rt, v)
		}
		return res(rt, nil)
	}
	// Components: scalars and vectors adding up to n, or one scalar (splat).
	total := 0
	var leafBuf [4]*Type
	leaves := leafBuf[:0]
	for _, o := range ops {
		switch {
		case o.t.IsScalar():
			total++
		case o.t.Kind == Vector:
			total += o.t.N
		default:
			return fail()
		}
		leaves = append(leaves, o.t.Leaf())
	}
	if total != n && !(len(ops) == 1 && total == 1) {
		return fail()
	}
	el := t.Elem
	if el == nil {
		el = leaves[0]
		for _, l := range leaves[1:] {
			el = unifyLeaf(el, l)
			if el == nil {
				return fail()
			}
		}
	} else if len(ops) == 1 {
		// A splat takes a scalar that converts automatically.
		if !ops[0].t.IsScalar() || convScalarRank(ops[0].t, el) < 0 {
			return fail()
		}
	} else {
		for _, l := range leaves {
			if convScalarRank(l, el) < 0 {
				return fail()
			}
		}
	}
	rt := vecOf(n, el)
	if !allConst {
		if !c.convertConstParts(e, ops, el) {
			return bad
		}
		return res(rt, nil)
	}
	var compBuf [4]*Value
	comps := operandScalars(compBuf[:0], ops)
	out := newComposite(rt, n)
	for i := 0; i < n; i++ {
		src := comps[0]
		if len(comps) == n {
			src = comps[i]
		}
		v, err := c.convertValue(src, el)
		if err != nil {
			c.errorf(e.Span, CodeConstEval, "%s", err.Error())
			return bad
		}
		if v == nil {
			return res(rt, nil)
		}
		out.Elems[i] = v
	}
	return res(rt, out)
}

func (c *checker) constructMatrix(e *syntax.CallExpr, t *Type, ops []operand, res func(*Type, *Value) operand, fail func() operand, allConst bool) operand {
	cols, rows := t.N, t.Rows
	if len(ops) == 0 {
		if t.Elem == nil {
			return fail()
		}
		return res(t, zeroValue(t))
	}
	var el *Type
	if len(ops) == 1 && ops[0].t.Kind == Matrix {
		o := ops[0]
		if o.t.N != cols || o.t.Rows != rows {
			return fail()
		}
		el = t.Elem
		if el == nil {
			el = o.t.Elem
		}
		if !el.IsFloat() || !o.t.Elem.IsFloat() {
			return fail()
		}
		rt := matOf(cols, rows, el)
		if o.v != nil {
			v, err := convertValue(o.v, rt)
			if err != nil {
				c.errorf(e.Span, CodeConstEval, "%s", err.Error())
				return bad
			}
			return res(rt, v)
		}
		return res(rt, nil)
	}
	byCols := len(ops) == cols
	byScalars := len(ops) == cols*rows
	for _, o := range ops {
		if byCols && !(o.t.Kind == Vector && o.t.N == rows) {
			byCols = false
		}
		if byScalars && !o.t.IsScalar() {
			byScalars = false
		}
	}
	if !byCols && !byScalars {
		return fail()
	}
	el = t.Elem
	if el == nil {
		el = ops[0].t.Leaf()
		for _, o := range ops[1:] {
			el = unifyLeaf(el, o.t.Leaf())
			if el == nil {
				return fail()
			}
		}
		if el.Kind == AbstractInt {
			el = tAFloat
		}
		if !el.IsFloat() {
			return fail()
		}
	} else {
		for _, o := range ops {
			if convScalarRank(o.t.Leaf(), el) < 0 {
				return fail()
			}
		}
	}
	rt := matOf(cols, rows, el)
	if !allConst {
		if !c.convertConstParts(e, ops, el) {
			return bad
		}
		return res(rt, nil)
	}
	var compBuf [16]*Value
	comps := operandScalars(compBuf[:0], ops)
	out := newComposite(rt, cols)
	ct := vecOf(rows, el)
	for ci := 0; ci < cols; ci++ {
		col := newComposite(ct, rows)
		for r := 0; r < rows; r++ {
			v, err := c.convertValue(comps[ci*rows+r], el)
			if err != nil {
				c.errorf(e.Span, CodeConstEval, "%s", err.Error())
				return bad
			}
			col.Elems[r] = v
		}
		out.Elems[ci] = col
	}
	return res(rt, out)
}

func (c *checker) constructArray(e *syntax.CallExpr, t *Type, ops []operand, res func(*Type, *Value) operand, fail func() operand, allConst bool) operand {
	if t.Elem != nil && (t.N == 0 || t.OverrideCount != nil) {
		c.errorf(e.Span, CodeInvalidExpr, "%s cannot be constructed (its size is not a const-expression)", t)
		return bad
	}
	if len(ops) == 0 {
		if t.Elem == nil {
			c.errorf(e.Span, CodeInvalidExpr, "array() needs at least one element to infer its type")
			return bad
		}
		return res(t, zeroValue(t))
	}
	el := t.Elem
	if el == nil {
		ts := make([]*Type, len(ops))
		for i, o := range ops {
			ts[i] = o.t
		}
		el = commonType(ts)
		if el == nil {
			c.errorf(e.Span, CodeTypeMismatch, "array elements have no common type (%s)", typeList(ops))
			return bad
		}
		if !el.IsConstructible() {
			return fail()
		}
		t = &Type{Kind: Array, Elem: el, N: len(ops)}
	} else if len(ops) != t.N {
		c.errorf(e.Span, CodeArgCount, "%s needs %d elements, got %d", t, t.N, len(ops))
		return bad
	}
	vals := make([]*Value, len(ops))
	for i, o := range ops {
		if !convertible(o.t, el) {
			c.errorf(e.Args[i].NodeSpan(), CodeTypeMismatch, "array element %d has type %s, want %s", i, o.t, el)
			return bad
		}
		o = c.convertOp(o, el, e.Args[i].NodeSpan())
		if o.invalid() {
			return bad
		}
		vals[i] = o.v
	}
	if allConst {
		return res(t, &Value{T: t, Elems: vals})
	}
	return res(t, nil)
}

// noteAccess records a read (or write) of memory rooted at v in the
// current function's alias summary.
func (c *checker) noteAccess(v *Symbol, write bool) {
	if v == nil || c.fn == nil || c.fn.paramWrite == nil {
		return
	}
	switch {
	case v.Kind == SymParam && int(v.paramIndex) < len(c.fn.paramWrite) && c.fn.Params[v.paramIndex] == v:
		c.fn.paramAccess[v.paramIndex] = true
		if write {
			c.fn.paramWrite[v.paramIndex] = true
		}
	case v.Module && v.Kind == SymVar:
		u := c.fn.global(v)
		u.access = true
		u.write = u.write || write
	}
}

// checkAliasing reports pointer arguments that alias each other or a
// module-scope variable the callee uses, when one of the accesses writes.
// Roots are compared as whole variables, as the WGSL alias rules do.
func (c *checker) checkAliasing(e *syntax.CallExpr, s *Symbol, ops []operand) {
	fi := s.Func
	if fi.paramWrite == nil || len(ops) != len(fi.Params) {
		return
	}
	// Propagate the callee's summary to the caller.
	for _, u := range fi.globals {
		if u.access {
			c.noteAccess(u.g, u.write)
		}
		if u.noted {
			c.fn.noteGlobal(u.g, u.at)
		}
	}
	for i, o := range ops {
		if fi.Params[i].Type == nil || fi.Params[i].Type.Kind != Pointer || o.root == nil {
			continue
		}
		if fi.paramAccess[i] {
			c.noteAccess(o.root, fi.paramWrite[i])
		}
	}
	for i, o := range ops {
		if fi.Params[i].Type == nil || fi.Params[i].Type.Kind != Pointer || o.root == nil || !fi.paramAccess[i] {
			continue
		}
		for j := i + 1; j < len(ops); j++ {
			p := ops[j]
			if fi.Params[j].Type == nil || fi.Params[j].Type.Kind != Pointer || p.root != o.root || !fi.paramAccess[j] {
				continue
			}
			if fi.paramWrite[i] || fi.paramWrite[j] {
				c.errorf(e.Args[j].NodeSpan(), CodeAlias, "arguments %d and %d of '%s' point into the same variable '%s', and '%s' writes through one of them",
					i+1, j+1, s.Name, o.root.Name, s.Name)
				return
			}
		}
		if o.root.Module && o.root.Kind == SymVar {
			if access, write := fi.globalAccess(o.root); access && (fi.paramWrite[i] || write) {
				c.errorf(e.Args[i].NodeSpan(), CodeAlias, "argument %d of '%s' points into '%s', which '%s' also uses directly while one of them writes",
					i+1, s.Name, o.root.Name, s.Name)
				return
			}
		}
	}
}

// convertConstParts converts the constant arguments of a partially
// constant constructor to the component type, reporting values that do not
// fit (vec2(v, 68719476735) with v: i32).
func (c *checker) convertConstParts(e *syntax.CallExpr, ops []operand, el *Type) bool {
	if c.noEval > 0 {
		return true
	}
	for i, o := range ops {
		if o.v == nil {
			continue
		}
		if _, err := convertValue(o.v, withLeaf(o.t, el)); err != nil {
			c.errorf(e.Args[i].NodeSpan(), CodeConstEval, "%s", err.Error())
			return false
		}
	}
	return true
}
