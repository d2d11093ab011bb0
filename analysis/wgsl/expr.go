package wgsl

import (
	"math"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// stage is the earliest time an expression's value is known.
type stage uint8

const (
	stConst stage = iota
	stOverride
	stRuntime
)

// operand is what checking an expression yields.
type operand struct {
	t *Type  // value type, a Reference for memory views; tInvalid on error
	v *Value // value of a const-expression (nil when unknown)
	// root is the variable a reference or pointer views (alias analysis and
	// uniformity), nil otherwise.
	root  *Symbol
	stage stage
	// nonUniform marks a value that may differ between invocations.
	nonUniform bool
	// vecComp marks a reference to a single vector component (whose
	// address cannot be taken).
	vecComp bool
}

var bad = operand{t: tInvalid, stage: stRuntime}

func (o operand) invalid() bool { return o.t.Kind == Invalid }

func maxStage(a, b stage) stage {
	if a > b {
		return a
	}
	return b
}

// expr checks an expression in a value context and records its type.
func (c *checker) expr(e syntax.Expr) operand {
	op := c.expr0(e)
	if op.t == nil {
		op.t = tInvalid
	}
	if e != nil && !c.skipExprs {
		c.res.Exprs = append(c.res.Exprs, TypedExpr{Expr: e, Type: op.t, Value: op.v})
	}
	return op
}

// value checks an expression and applies the load rule. It is expr
// followed by load, written out: value is the checker's hottest path.
func (c *checker) value(e syntax.Expr) operand {
	op := c.expr0(e)
	if op.t == nil {
		op.t = tInvalid
	}
	if e != nil && !c.skipExprs {
		c.res.Exprs = append(c.res.Exprs, TypedExpr{Expr: e, Type: op.t, Value: op.v})
	}
	if op.t.Kind == Reference {
		return c.load(op)
	}
	return op
}

func (c *checker) load(op operand) operand {
	if op.t.Kind == Reference {
		c.noteAccess(op.root, false)
		if op.t.Access == Write {
			op.t = tInvalid
			return op
		}
		op.t = op.t.Elem
		op.stage = stRuntime
		op.v = nil
	}
	return op
}

func (c *checker) expr0(e syntax.Expr) operand {
	switch e := e.(type) {
	case nil:
		return bad
	case *syntax.BadExpr:
		return bad
	case *syntax.LiteralExpr:
		return c.literal(e)
	case *syntax.ParenExpr:
		return c.expr(e.X)
	case *syntax.IdentExpr:
		return c.identExpr(e)
	case *syntax.UnaryExpr:
		return c.unary(e)
	case *syntax.BinaryExpr:
		return c.binary(e)
	case *syntax.IndexExpr:
		return c.index(e)
	case *syntax.MemberExpr:
		return c.member(e)
	case *syntax.CallExpr:
		return c.call(e, true)
	case *syntax.PhonyExpr:
		c.errorf(e.Span, CodeInvalidExpr, "'_' may only appear on the left of an assignment")
		return bad
	}
	return bad
}

func (c *checker) literal(e *syntax.LiteralExpr) operand {
	v, err := c.parseLiteral(e.Text)
	if err != nil {
		c.errorf(e.Span, CodeConstEval, "%s", err.Error())
		return bad
	}
	if v.T.Kind == F16 && !c.enabled["f16"] {
		c.errorf(e.Span, CodeExtension, "f16 literals require 'enable f16;'")
		return bad
	}
	return operand{t: v.T, v: v, stage: stConst}
}

// identExpr resolves a name used as a value.
func (c *checker) identExpr(e *syntax.IdentExpr) operand {
	name := e.Name.Name
	if name == "" {
		return bad
	}
	s := c.lookup(name)
	if s == nil {
		if isPredeclaredType(name) {
			c.errorf(e.Span(), CodeInvalidExpr, "type '%s' cannot be used as a value", name)
			return bad
		}
		if _, ok := builtins[name]; ok || name == "bitcast" {
			c.errorf(e.Span(), CodeInvalidExpr, "builtin function '%s' cannot be used as a value", name)
			return bad
		}
		if enumerants[name] || texelFormats[name] != nil {
			c.errorf(e.Span(), CodeInvalidExpr, "'%s' is an enumerant and cannot be used as a value", name)
			return bad
		}
		c.errorf(e.Name.Span, CodeUndeclared, "unresolved identifier '%s'", name)
		return bad
	}
	c.setRef(e, s)
	if e.Template != nil {
		c.errorf(e.Template.Span, CodeInvalidExpr, "'%s' does not take template arguments", name)
		return bad
	}
	if !c.useSymbol(s, e.Name.Span) {
		return bad
	}
	switch s.Kind {
	case SymStruct, SymAlias:
		c.errorf(e.Span(), CodeInvalidExpr, "type '%s' cannot be used as a value", name)
		return bad
	case SymFunc:
		c.errorf(e.Span(), CodeInvalidExpr, "function '%s' cannot be used as a value", name)
		return bad
	}
	if s.Type == nil || s.Type.Kind == Invalid {
		return bad
	}
	nu := c.symbolNonUniform(s)
	switch s.Kind {
	case SymVar:
		if c.fn == nil && s.Module {
			c.errorf(e.Span(), CodeNotConst, "module-scope variable '%s' cannot be used here", name)
			return bad
		}
		if s.Type.IsHandle() {
			return operand{t: s.Type, stage: stRuntime, root: s}
		}
		return operand{t: c.refOf(s.Space, s.Type, s.Access), stage: stRuntime, root: s, nonUniform: nu}
	case SymConst:
		return operand{t: s.Type, v: s.Value, stage: stConst}
	case SymOverride:
		return operand{t: s.Type, stage: stOverride}
	case SymLet, SymParam:
		var root *Symbol
		if s.Type.Kind == Pointer {
			root = s
			if s.ptrRoot != nil {
				root = s.ptrRoot
			}
		}
		return operand{t: s.Type, stage: stRuntime, root: root, nonUniform: nu}
	}
	return bad
}

// unary checks -x, !x, ~x, *p and &r.
func (c *checker) unary(e *syntax.UnaryExpr) operand {
	switch e.Op {
	case syntax.TokAnd:
		x := c.expr(e.X)
		if x.invalid() {
			return bad
		}
		if x.t.Kind != Reference {
			c.errorf(e.Span, CodeInvalidExpr, "cannot take the address of a value of type %s", x.t)
			return bad
		}
		if x.t.Space == Handle {
			c.errorf(e.Span, CodeInvalidExpr, "cannot take the address of a handle")
			return bad
		}
		if x.vecComp {
			c.errorf(e.Span, CodeInvalidExpr, "cannot take the address of a vector component")
			return bad
		}
		return operand{t: ptrOf(x.t.Space, x.t.Elem, x.t.Access), stage: stRuntime, root: x.root, nonUniform: x.nonUniform}
	case syntax.TokStar:
		x := c.expr(e.X)
		if x.invalid() {
			return bad
		}
		if x.t.Kind != Pointer {
			c.errorf(e.Span, CodeInvalidExpr, "cannot dereference a value of type %s (not a pointer)", unref(x.t))
			return bad
		}
		return operand{t: c.refOf(x.t.Space, x.t.Elem, x.t.Access), stage: stRuntime, root: x.root, nonUniform: x.nonUniform}
	}
	x := c.value(e.X)
	if x.invalid() {
		return bad
	}
	t := x.t
	leaf := t.Leaf()
	ok := false
	switch e.Op {
	case syntax.TokMinus:
		ok = (t.IsScalar() || t.Kind == Vector) && leaf.IsSigned()
	case syntax.TokBang:
		ok = leaf.Kind == Bool && (t.IsScalar() || t.Kind == Vector)
	case syntax.TokTilde:
		ok = leaf.IsInt() && (t.IsScalar() || t.Kind == Vector)
	}
	if !ok {
		c.errorf(e.Span, CodeTypeMismatch, "operator %s cannot be applied to %s", e.Op, t)
		return bad
	}
	res := operand{t: t, stage: x.stage, nonUniform: x.nonUniform}
	if x.v != nil && c.noEval == 0 {
		var v *Value
		var err error
		if t.Kind == Matrix {
			v, err = mapValue(x.v, t, func(s *Value) (*Value, error) { return evalUnary("-", s, s.T) })
		} else {
			v, err = evalUnary(e.Op.String(), x.v, t)
		}
		if err != nil {
			c.errorf(e.Span, CodeConstEval, "%s", err.Error())
			return bad
		}
		res.v = v
	}
	return res
}

// convertOp converts an operand to type t (an automatic conversion of an
// abstract value); const values are converted too.
func (c *checker) convertOp(op operand, t *Type, sp diag.Span) operand {
	if op.invalid() || t.Kind == Invalid {
		return op
	}
	if Identical(op.t, t) {
		return op
	}
	op.t = t
	if op.v != nil {
		v, err := c.convertValue(op.v, t)
		if err != nil {
			if c.noEval == 0 {
				c.errorf(sp, CodeConstEval, "%s", err.Error())
			}
			op.v = nil
			op.t = tInvalid
			return op
		}
		op.v = v
	}
	return op
}

// unifyLeaf returns the scalar both leaves convert to, or nil.
func unifyLeaf(a, b *Type) *Type {
	if a.Kind == b.Kind {
		return a
	}
	if convScalarRank(a, b) >= 0 {
		return b
	}
	if convScalarRank(b, a) >= 0 {
		return a
	}
	return nil
}

var opNames = map[syntax.TokenKind]string{
	syntax.TokPlus: "+", syntax.TokMinus: "-", syntax.TokStar: "*", syntax.TokSlash: "/", syntax.TokPercent: "%",
	syntax.TokShl: "<<", syntax.TokShr: ">>", syntax.TokAnd: "&", syntax.TokOr: "|", syntax.TokXor: "^",
	syntax.TokAndAnd: "&&", syntax.TokOrOr: "||", syntax.TokEqEq: "==", syntax.TokNotEq: "!=",
	syntax.TokLt: "<", syntax.TokLtEq: "<=", syntax.TokGt: ">", syntax.TokGtEq: ">=",
}

// opNameTab is opNames as an array, for the hot path.
var opNameTab = tokenTable(opNames)

func tokenTable(m map[syntax.TokenKind]string) (t [256]string) {
	for k, v := range m {
		t[k] = v
	}
	return t
}

func (c *checker) binary(e *syntax.BinaryExpr) operand {
	op := opNameTab[e.Op]
	x := c.value(e.X)
	// Short circuit: the right side of && / || is not evaluated when the
	// left side decides.
	skip := false
	if (op == "&&" || op == "||") && x.v != nil && x.t.Kind == Bool {
		skip = (op == "&&") == !x.v.Bool()
	}
	if skip {
		c.noEval++
	}
	y := c.value(e.Y)
	if skip {
		c.noEval--
	}
	if x.invalid() || y.invalid() {
		return bad
	}
	return c.binaryOp(op, x, y, e.Span, e.X.NodeSpan(), e.Y.NodeSpan(), skip)
}

// binaryOp types and, for constants, evaluates x op y.
func (c *checker) binaryOp(op string, x, y operand, sp, xs, ys diag.Span, skip bool) operand {
	mismatch := func() operand {
		c.errorf(sp, CodeTypeMismatch, "no operator %s for %s and %s", op, x.t, y.t)
		return bad
	}
	st := maxStage(x.stage, y.stage)
	nu := x.nonUniform || y.nonUniform
	xt, yt := x.t, y.t
	shape := func(t *Type) (bool, int) { // scalar-or-vector, width
		if t.IsScalar() {
			return true, 1
		}
		if t.Kind == Vector {
			return true, t.N
		}
		return false, 0
	}
	xsv, xn := shape(xt)
	ysv, yn := shape(yt)

	switch op {
	case "&&", "||":
		if xt.Kind != Bool || yt.Kind != Bool {
			return mismatch()
		}
		res := operand{t: tBool, stage: st, nonUniform: nu}
		if skip {
			res.v = x.v
			if res.v == nil {
				res.stage = maxStage(x.stage, stConst)
			}
			return res
		}
		if x.v != nil && y.v != nil {
			res.v, _ = evalBinaryScalar(op, x.v, y.v)
		}
		return res
	case "<<", ">>":
		if !xsv || !ysv || xn != yn || !xt.Leaf().IsInt() || !yt.Leaf().IsInt() {
			return mismatch()
		}
		// The shift amount is u32 (same shape).
		want := tU32
		if yn > 1 {
			want = vecOf(yn, tU32)
		}
		if !convertible(yt, want) {
			if yt.Leaf().Kind == AbstractInt && xt.Leaf().Kind == AbstractInt {
				// both abstract: amount stays abstract.
				want = yt
			} else {
				return mismatch()
			}
		}
		y = c.convertOp(y, want, ys)
		if y.invalid() {
			return bad
		}
		res := operand{t: xt, stage: st, nonUniform: nu}
		if y.v != nil && x.stage != stConst && c.noEval == 0 {
			// Even a runtime shift by a const amount must be in range.
			bits := int64(32)
			err := false
			if y.t.IsScalar() {
				err = y.v.I >= bits
			} else {
				for _, e := range y.v.Elems {
					err = err || e.I >= bits
				}
			}
			if err && xt.Leaf().Kind != AbstractInt {
				c.errorf(ys, CodeConstEval, "shift amount %s is not less than the bit width of %s", y.v, xt.Leaf())
				return bad
			}
		}
		if x.v != nil && y.v != nil && c.noEval == 0 {
			v, err := map2(x.v, y.v, xt, func(a, b *Value) (*Value, error) { return evalShift(op, a, b) })
			if err != nil {
				c.errorf(sp, CodeConstEval, "%s", err.Error())
				return bad
			}
			res.v = v
		}
		return res
	}

	// Matrix arithmetic.
	if xt.Kind == Matrix || yt.Kind == Matrix {
		return c.matrixOp(op, x, y, sp, xs, ys)
	}
	if !xsv || !ysv {
		return mismatch()
	}
	if xn != yn && xn != 1 && yn != 1 {
		return mismatch()
	}
	leaf := unifyLeaf(xt.Leaf(), yt.Leaf())
	if leaf == nil {
		return mismatch()
	}
	isCmp := op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">="
	switch op {
	case "+", "-", "*", "/", "%":
		if !leaf.IsNumeric() {
			return mismatch()
		}
	case "&", "|":
		if !leaf.IsInt() && leaf.Kind != Bool {
			return mismatch()
		}
		if xn != yn {
			return mismatch()
		}
	case "^":
		if !leaf.IsInt() {
			return mismatch()
		}
		if xn != yn {
			return mismatch()
		}
	case "==", "!=":
		if xn != yn {
			return mismatch()
		}
	case "<", "<=", ">", ">=":
		if !leaf.IsNumeric() || xn != yn {
			return mismatch()
		}
	default:
		return mismatch()
	}
	n := max(xn, yn)
	conv := func(o operand, w int, s diag.Span) operand {
		if w == 1 {
			return c.convertOp(o, leaf, s)
		}
		return c.convertOp(o, vecOf(w, leaf), s)
	}
	x = conv(x, xn, xs)
	y = conv(y, yn, ys)
	if x.invalid() || y.invalid() {
		return bad
	}
	rt := leaf
	if n > 1 {
		rt = vecOf(n, leaf)
	}
	if isCmp {
		rt = tBool
		if n > 1 {
			rt = vecOf(n, tBool)
		}
	}
	res := operand{t: rt, stage: st, nonUniform: nu}
	// Division by a const zero is an error even at runtime for integers.
	if (op == "/" || op == "%") && y.v != nil && leaf.IsInt() && x.v == nil && c.noEval == 0 {
		if hasZero(y.v) {
			c.errorf(ys, CodeConstEval, "integer division by zero")
			return bad
		}
	}
	if x.v != nil && y.v != nil && c.noEval == 0 {
		v, err := map2(x.v, y.v, rt, func(a, b *Value) (*Value, error) { return evalBinaryScalar(op, a, b) })
		if err != nil {
			c.errorf(sp, CodeConstEval, "%s", err.Error())
			return bad
		}
		res.v = v
	}
	return res
}

func hasZero(v *Value) bool {
	if v.T.IsScalar() {
		return v.I == 0 && v.F == 0
	}
	for _, e := range v.Elems {
		if hasZero(e) {
			return true
		}
	}
	return false
}

// matrixOp handles + - * with a matrix operand.
func (c *checker) matrixOp(op string, x, y operand, sp, xs, ys diag.Span) operand {
	xt, yt := x.t, y.t
	mismatch := func() operand {
		c.errorf(sp, CodeTypeMismatch, "no operator %s for %s and %s", op, xt, yt)
		return bad
	}
	leaf := unifyLeaf(xt.Leaf(), yt.Leaf())
	if leaf == nil || !leaf.IsFloat() {
		if leaf != nil && leaf.Kind == AbstractInt {
			leaf = tAFloat
		} else {
			return mismatch()
		}
	}
	st := maxStage(x.stage, y.stage)
	nu := x.nonUniform || y.nonUniform
	var rt *Type
	switch {
	case op == "+" || op == "-":
		if xt.Kind != Matrix || yt.Kind != Matrix || xt.N != yt.N || xt.Rows != yt.Rows {
			return mismatch()
		}
		rt = matOf(xt.N, xt.Rows, leaf)
	case op == "*" && xt.Kind == Matrix && yt.IsScalar():
		rt = matOf(xt.N, xt.Rows, leaf)
	case op == "*" && yt.Kind == Matrix && xt.IsScalar():
		rt = matOf(yt.N, yt.Rows, leaf)
	case op == "*" && xt.Kind == Matrix && yt.Kind == Vector:
		if xt.N != yt.N {
			return mismatch()
		}
		rt = vecOf(xt.Rows, leaf)
	case op == "*" && xt.Kind == Vector && yt.Kind == Matrix:
		if xt.N != yt.Rows {
			return mismatch()
		}
		rt = vecOf(yt.N, leaf)
	case op == "*" && xt.Kind == Matrix && yt.Kind == Matrix:
		if xt.N != yt.Rows {
			return mismatch()
		}
		rt = matOf(yt.N, xt.Rows, leaf)
	default:
		return mismatch()
	}
	x = c.convertOp(x, withLeaf(xt, leaf), xs)
	y = c.convertOp(y, withLeaf(yt, leaf), ys)
	if x.invalid() || y.invalid() {
		return bad
	}
	res := operand{t: rt, stage: st, nonUniform: nu}
	if x.v != nil && y.v != nil && c.noEval == 0 {
		v, err := evalMatrixOp(op, x.v, y.v, rt)
		if err != nil {
			c.errorf(sp, CodeConstEval, "%s", err.Error())
			return bad
		}
		res.v = v
	}
	return res
}

// evalMatrixOp evaluates matrix arithmetic on constants, rounding every
// intermediate product and sum to the component type.
func evalMatrixOp(op string, a, b *Value, rt *Type) (*Value, error) {
	at, bt := a.T, b.T
	k := rt.Leaf().Kind
	o := &fops{k: k}
	col := func(m *Value, i int) []float64 { return floats(m.Elems[i]) }
	switch {
	case op == "+" || op == "-":
		return map2(a, b, rt, func(x, y *Value) (*Value, error) { return evalBinaryScalar(op, x, y) })
	case at.Kind == Matrix && bt.IsScalar():
		return mapValue(a, rt, func(x *Value) (*Value, error) { return evalBinaryScalar("*", x, b) })
	case bt.Kind == Matrix && at.IsScalar():
		return mapValue(b, rt, func(x *Value) (*Value, error) { return evalBinaryScalar("*", a, x) })
	case at.Kind == Matrix && bt.Kind == Vector:
		v := floats(b)
		r := make([]float64, at.Rows)
		for row := 0; row < at.Rows; row++ {
			s := 0.0
			for cI := 0; cI < at.N; cI++ {
				s = o.add(s, o.mul(col(a, cI)[row], v[cI]))
			}
			r[row] = s
		}
		if o.err != nil {
			return nil, o.err
		}
		return fromFloats(rt, r)
	case at.Kind == Vector && bt.Kind == Matrix:
		v := floats(a)
		r := make([]float64, bt.N)
		for cI := 0; cI < bt.N; cI++ {
			r[cI] = o.dot(v, col(b, cI))
		}
		if o.err != nil {
			return nil, o.err
		}
		return fromFloats(rt, r)
	default: // matrix * matrix
		out := newComposite(rt, rt.N)
		for cI := 0; cI < rt.N; cI++ {
			bc := col(b, cI)
			r := make([]float64, rt.Rows)
			for row := 0; row < rt.Rows; row++ {
				s := 0.0
				for k := 0; k < at.N; k++ {
					s = o.add(s, o.mul(col(a, k)[row], bc[k]))
				}
				r[row] = s
			}
			if o.err != nil {
				return nil, o.err
			}
			cv, err := fromFloats(vecOf(rt.Rows, rt.Elem), r)
			if err != nil {
				return nil, err
			}
			out.Elems[cI] = cv
		}
		return out, nil
	}
}

// index checks x[i] on arrays, vectors and matrices (values, references
// and pointers).
func (c *checker) index(e *syntax.IndexExpr) operand {
	x := c.expr(e.X)
	i := c.value(e.Index)
	if x.invalid() || i.invalid() {
		return bad
	}
	it := i.t
	if !it.IsScalar() || !it.IsInt() {
		c.errorf(e.Index.NodeSpan(), CodeTypeMismatch, "index must be an integer, not %s", it)
		return bad
	}
	var ref *Type // reference being indexed (nil for a value)
	base := x.t
	if base.Kind == Pointer {
		ref = c.refOf(base.Space, base.Elem, base.Access)
		base = base.Elem
	} else if base.Kind == Reference {
		ref = base
		base = base.Elem
	}
	var elem *Type
	n := 0
	switch base.Kind {
	case Array:
		elem, n = base.Elem, base.N
	case Vector:
		elem, n = base.Elem, base.N
	case Matrix:
		elem, n = vecOf(base.Rows, base.Elem), base.N
	default:
		c.errorf(e.Span, CodeTypeMismatch, "cannot index a value of type %s", base)
		return bad
	}
	if i.v != nil {
		idx := i.v.I
		if idx < 0 || (n > 0 && idx >= int64(n)) {
			c.errorf(e.Index.NodeSpan(), CodeOutOfBounds, "index %d is out of bounds for %s", idx, base)
			return bad
		}
		// An abstract index converts to i32 (a runtime-sized array has no
		// bound to catch 2147483648 above). Not on the skipped side of a
		// short circuit, where nothing is evaluated.
		if it.Kind == AbstractInt && idx > math.MaxInt32 && c.noEval == 0 {
			if c.convertOp(i, tI32, e.Index.NodeSpan()).invalid() {
				return bad
			}
		}
	}
	nu := x.nonUniform || i.nonUniform
	if ref != nil {
		return operand{t: c.refOf(ref.Space, elem, ref.Access), stage: stRuntime, root: x.root, nonUniform: nu, vecComp: base.Kind == Vector}
	}
	res := operand{t: elem, stage: maxStage(x.stage, i.stage), nonUniform: nu}
	if x.v != nil && i.v != nil {
		res.v = x.v.Elems[i.v.I]
	} else if i.stage != stConst && elem.IsAbstract() {
		// A runtime index concretizes an abstract composite.
		res.t = concretize(elem)
	}
	return res
}

// member checks s.m and vector swizzles.
func (c *checker) member(e *syntax.MemberExpr) operand {
	x := c.expr(e.X)
	if x.invalid() {
		return bad
	}
	name := e.Member.Name
	if name == "" {
		return bad
	}
	var ref *Type
	base := x.t
	if base.Kind == Pointer {
		ref = c.refOf(base.Space, base.Elem, base.Access)
		base = base.Elem
	} else if base.Kind == Reference {
		ref = base
		base = base.Elem
	}
	switch base.Kind {
	case Struct:
		ms := base.Struct.Members
		for i := range ms {
			if m := &ms[i]; m.Name == name { // (a pointer: Member is large)
				if ref != nil {
					return operand{t: c.refOf(ref.Space, m.Type, ref.Access), stage: stRuntime, root: x.root, nonUniform: x.nonUniform}
				}
				res := operand{t: m.Type, stage: x.stage, nonUniform: x.nonUniform}
				if x.v != nil && i < len(x.v.Elems) {
					res.v = x.v.Elems[i]
				}
				return res
			}
		}
		c.errorf(e.Member.Span, CodeMember, "struct '%s' has no member '%s'", base.Struct.Name, name)
		return bad
	case Vector:
		idxBuf, nidx, ok := swizzle(name, base.N)
		idx := idxBuf[:nidx]
		if !ok {
			c.errorf(e.Member.Span, CodeMember, "invalid swizzle '%s' for %s", name, base)
			return bad
		}
		if len(idx) == 1 {
			if ref != nil {
				return operand{t: c.refOf(ref.Space, base.Elem, ref.Access), stage: stRuntime, root: x.root, nonUniform: x.nonUniform, vecComp: true}
			}
			res := operand{t: base.Elem, stage: x.stage, nonUniform: x.nonUniform}
			if x.v != nil {
				res.v = x.v.Elems[idx[0]]
			}
			return res
		}
		rt := vecOf(len(idx), base.Elem)
		res := operand{t: rt, stage: x.stage, nonUniform: x.nonUniform}
		if ref != nil {
			res.stage = stRuntime
			c.noteAccess(x.root, false)
		}
		if x.v != nil && ref == nil {
			v := newComposite(rt, len(idx))
			for k, j := range idx {
				v.Elems[k] = x.v.Elems[j]
			}
			res.v = v
		}
		return res
	}
	c.errorf(e.Member.Span, CodeMember, "%s has no member '%s'", base, name)
	return bad
}

// swizzle decodes a swizzle name (xyzw or rgba, not mixed) for width n:
// the component indices are out[:count]. (An array, not a slice, so that
// the hot member path allocates nothing.)
func swizzle(name string, n int) (out [4]int, count int, ok bool) {
	if len(name) < 1 || len(name) > 4 {
		return out, 0, false
	}
	set := -1
	for i := 0; i < len(name); i++ {
		var k, s int
		switch name[i] {
		case 'x':
			k, s = 0, 0
		case 'y':
			k, s = 1, 0
		case 'z':
			k, s = 2, 0
		case 'w':
			k, s = 3, 0
		case 'r':
			k, s = 0, 1
		case 'g':
			k, s = 1, 1
		case 'b':
			k, s = 2, 1
		case 'a':
			k, s = 3, 1
		default:
			return out, 0, false
		}
		if set >= 0 && s != set {
			return out, 0, false
		}
		set = s
		if k >= n {
			return out, 0, false
		}
		out[i] = k
	}
	return out, len(name), true
}
