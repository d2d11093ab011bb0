package wgsl

import (
	"math"
	"strconv"
	"strings"
)

// Value is the result of evaluating a const-expression. Scalars keep
// integers (abstract-int, i32, u32) and booleans (0/1) in I and floats in F;
// vectors, matrices (as columns), arrays and structures keep their parts in
// Elems.
type Value struct {
	T     *Type
	I     int64
	F     float64
	Elems []*Value
}

// evalError is a const-evaluation failure: the message of an error
// diagnostic (overflow, domain error, division by zero...).
type evalError string

func (e evalError) Error() string { return string(e) }

// The two bool values are shared (values are immutable).
var valTrue, valFalse = &Value{T: tBool, I: 1}, &Value{T: tBool}

func boolVal(b bool) *Value {
	if b {
		return valTrue
	}
	return valFalse
}

// Bool is the value of a bool scalar.
func (v *Value) Bool() bool { return v.I != 0 }

// String formats a value the way WGSL source spells it.
func (v *Value) String() string {
	switch v.T.Kind {
	case Bool:
		return strconv.FormatBool(v.I != 0)
	case AbstractInt:
		return strconv.FormatInt(v.I, 10)
	case I32:
		return strconv.FormatInt(v.I, 10) + "i"
	case U32:
		return strconv.FormatInt(v.I, 10) + "u"
	case AbstractFloat, F32, F16:
		s := strconv.FormatFloat(v.F, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		switch v.T.Kind {
		case F32:
			s += "f"
		case F16:
			s += "h"
		}
		return s
	}
	var b strings.Builder
	b.WriteString(v.T.String() + "(")
	for i, e := range v.Elems {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.String())
	}
	b.WriteString(")")
	return b.String()
}

// roundF16 rounds x to the nearest f16 value (ties to even); values beyond
// the f16 range become infinities.
func roundF16(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return x
	}
	a := math.Abs(x)
	if a >= 65520 {
		return math.Copysign(math.Inf(1), x)
	}
	_, e := math.Frexp(a) // a = m * 2^e, m in [0.5,1)
	e--                   // a in [2^e, 2^(e+1))
	if e < -14 {
		e = -14
	}
	ulp := math.Ldexp(1, e-10)
	return math.RoundToEven(x/ulp) * ulp
}

// roundTo rounds a float to the precision of the floating-point kind k.
func roundTo(k Kind, x float64) float64 {
	switch k {
	case F32:
		return float64(float32(x))
	case F16:
		return roundF16(x)
	}
	return x
}

// makeFloat builds a float scalar of type t, failing when x is not finite
// after rounding to t.
func makeFloat(t *Type, x float64) (*Value, error) {
	r := roundTo(t.Kind, x)
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return nil, evalError("value " + fmtFloat(x) + " cannot be represented as " + t.String())
	}
	if r == 0 {
		r = math.Copysign(0, r)
	}
	if v := smallScalar(t, r); v != nil {
		return v, nil
	}
	return &Value{T: t, F: r}, nil
}

// Small whole-number scalars of the predeclared scalar types are shared:
// values are immutable once built, and literals such as 0, 1u or 1.0 are
// the most frequent constants by far.
const smallScalars = 64

var smallScalarVals = func() (out [F16 + 1][smallScalars]*Value) {
	for _, t := range []*Type{tAInt, tI32, tU32, tAFloat, tF32, tF16} {
		for i := range smallScalars {
			if t.IsFloat() {
				out[t.Kind][i] = &Value{T: t, F: float64(i)}
			} else {
				out[t.Kind][i] = &Value{T: t, I: int64(i)}
			}
		}
	}
	return out
}()

// smallScalar returns the shared value of t holding x (an integer, or a
// float that is a small non-negative whole number; -0 is not), or nil.
func smallScalar(t *Type, x float64) *Value {
	if !(x >= 0 && x < smallScalars) || x != math.Trunc(x) || (x == 0 && math.Signbit(x)) {
		return nil
	}
	switch t {
	case tAFloat, tF32, tF16:
		return smallScalarVals[t.Kind][int(x)]
	}
	return nil
}

func smallInt(t *Type, x int64) *Value {
	if x < 0 || x >= smallScalars {
		return nil
	}
	switch t {
	case tAInt, tI32, tU32:
		return smallScalarVals[t.Kind][x]
	}
	return nil
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// intRange returns the inclusive range of an integer kind.
func intRange(k Kind) (int64, int64) {
	switch k {
	case I32:
		return math.MinInt32, math.MaxInt32
	case U32:
		return 0, math.MaxUint32
	}
	return math.MinInt64, math.MaxInt64
}

// makeInt builds an integer scalar, failing when x is outside t's range.
func makeInt(t *Type, x int64) (*Value, error) {
	lo, hi := intRange(t.Kind)
	if x < lo || x > hi {
		return nil, evalError("value " + strconv.FormatInt(x, 10) + " overflows " + t.String())
	}
	if v := smallInt(t, x); v != nil {
		return v, nil
	}
	return &Value{T: t, I: x}, nil
}

// parseSmallDecimal is parseLiteral's fast path for the most common
// literals: up to 9 decimal digits with an optional 'i' or 'u' suffix
// (which cannot overflow int64). ok is false for anything else.
func parseSmallDecimal(text string) (*Value, bool) {
	digits, t := cutSuffix(text, tAInt, 'i', tI32, 'u', tU32)
	if len(digits) == 0 || len(digits) > 9 {
		return nil, false
	}
	var x int64
	for i := 0; i < len(digits); i++ {
		d := digits[i]
		if d < '0' || d > '9' {
			return nil, false
		}
		x = x*10 + int64(d-'0')
	}
	v, err := makeInt(t, x)
	if err != nil {
		return nil, false // let the general path report it
	}
	return v, true
}

// cutSuffix splits a literal into its digits and its type: that of the
// suffix a or b when text ends with one, else def.
func cutSuffix(text string, def *Type, a byte, ta *Type, b byte, tb *Type) (string, *Type) {
	if n := len(text); n > 0 {
		switch text[n-1] {
		case a:
			return text[:n-1], ta
		case b:
			return text[:n-1], tb
		}
	}
	return text, def
}

// parseLiteral evaluates a numeric literal token. It returns the value and
// an error message for literals out of range.
func parseLiteral(text string) (*Value, error) {
	if v, ok := parseSmallDecimal(text); ok {
		return v, nil
	}
	if v, ok := parseSimpleFloat(text); ok {
		return v, nil
	}
	return parseLiteralGeneral(text)
}

// pow10 holds the powers of ten that are exact in a float64.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseSimpleFloat is parseLiteral's fast path for plain decimal floats
// (digits '.' digits, an optional 'f' or 'h' suffix, no exponent) with at
// most 15 significant digits: the mantissa and the power of ten are then
// exact float64s, so one division rounds correctly, as ParseFloat would.
// ok is false for anything else, or for a value the general path must
// report.
func parseSimpleFloat(text string) (*Value, bool) {
	digits, t := cutSuffix(text, tAFloat, 'f', tF32, 'h', tF16)
	if len(digits) == 0 || len(digits) > 16 {
		return nil, false
	}
	var m int64
	dot, frac := false, 0
	for i := 0; i < len(digits); i++ {
		d := digits[i]
		switch {
		case d >= '0' && d <= '9':
			m = m*10 + int64(d-'0')
			if dot {
				frac++
			}
		case d == '.' && !dot:
			dot = true
		default:
			return nil, false
		}
	}
	if !dot || len(digits) == 1 { // "." alone, or an integer
		return nil, false
	}
	v, err := makeFloat(t, float64(m)/pow10[frac])
	if err != nil {
		return nil, false
	}
	return v, true
}

func parseLiteralGeneral(text string) (*Value, error) {
	s := strings.ToLower(text)
	if s == "true" {
		return boolVal(true), nil
	}
	if s == "false" {
		return boolVal(false), nil
	}
	isHex := strings.HasPrefix(s, "0x")
	isFloat := false
	if isHex {
		isFloat = strings.ContainsAny(s[2:], ".p")
	} else {
		isFloat = strings.ContainsAny(s, ".e") || strings.HasSuffix(s, "f") || strings.HasSuffix(s, "h")
	}
	if !isFloat {
		t := tAInt
		switch {
		case strings.HasSuffix(s, "i"):
			t, s = tI32, s[:len(s)-1]
		case strings.HasSuffix(s, "u"):
			t, s = tU32, s[:len(s)-1]
		}
		base := 10
		if isHex {
			base, s = 16, s[2:]
		}
		n, err := strconv.ParseUint(s, base, 64)
		if err != nil || n > math.MaxInt64 {
			return nil, evalError("integer literal " + text + " is out of range for " + t.String())
		}
		return makeInt(t, int64(n))
	}
	t := tAFloat
	if isHex {
		if strings.HasSuffix(s, "f") && strings.Contains(s, "p") {
			t, s = tF32, s[:len(s)-1]
		} else if strings.HasSuffix(s, "h") {
			t, s = tF16, s[:len(s)-1]
		}
		if !strings.Contains(s, "p") {
			s += "p0"
		}
		if strings.Contains(s, ".p") {
			s = strings.Replace(s, ".p", ".0p", 1)
		}
		if strings.HasPrefix(s, "0x.") {
			s = "0x0." + s[3:]
		}
	} else {
		switch {
		case strings.HasSuffix(s, "f"):
			t, s = tF32, s[:len(s)-1]
		case strings.HasSuffix(s, "h"):
			t, s = tF16, s[:len(s)-1]
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return nil, evalError("malformed floating-point literal " + text)
	}
	v, err2 := makeFloat(t, f)
	if err2 != nil || math.IsInf(f, 0) {
		return nil, evalError("floating-point literal " + text + " is out of range for " + t.String())
	}
	return v, nil
}

// maxConstElements bounds the size of composite constants that are
// materialized; larger ones are treated as not evaluable (nil), which only
// loses precision, never correctness of diagnostics.
const maxConstElements = 1 << 16

// elementCount is the number of scalars in a value of type t (saturating).
func elementCount(t *Type) int {
	switch t.Kind {
	case Vector:
		return t.N
	case Matrix:
		return t.N * t.Rows
	case Array:
		n := elementCount(t.Elem)
		if t.N == 0 || n > maxConstElements || t.N > maxConstElements {
			return maxConstElements + 1
		}
		return min(t.N*n, maxConstElements+1)
	case Struct:
		total := 0
		for _, m := range t.Struct.Members {
			total += elementCount(m.Type)
			if total > maxConstElements {
				return maxConstElements + 1
			}
		}
		return total
	}
	return 1
}

// zeroValue is the zero value of a constructible type, or nil when it is
// too large to materialize.
func zeroValue(t *Type) *Value {
	if elementCount(t) > maxConstElements {
		return nil
	}
	return zeroValue0(t)
}

func zeroValue0(t *Type) *Value {
	switch t.Kind {
	case Vector:
		v := newComposite(t, t.N)
		z := zeroValue0(t.Elem)
		for i := range v.Elems {
			v.Elems[i] = z
		}
		return v
	case Matrix:
		v := newComposite(t, t.N)
		z := zeroValue0(vecOf(t.Rows, t.Elem))
		for i := range v.Elems {
			v.Elems[i] = z
		}
		return v
	case Array:
		if t.N <= 0 {
			return nil
		}
		v := newComposite(t, t.N)
		z := zeroValue0(t.Elem)
		if z == nil {
			return nil
		}
		for i := range v.Elems {
			v.Elems[i] = z
		}
		return v
	case Struct:
		v := newComposite(t, len(t.Struct.Members))
		for i, m := range t.Struct.Members {
			v.Elems[i] = zeroValue0(m.Type)
			if v.Elems[i] == nil {
				return nil
			}
		}
		return v
	}
	if t.IsScalar() {
		return &Value{T: t}
	}
	return nil
}

// convertValue converts v to type t (automatic conversions of abstract
// values and value-constructor conversions between scalar kinds).
func convertValue(v *Value, t *Type) (*Value, error) {
	if v == nil || t.Kind == Invalid {
		return nil, nil
	}
	if Identical(v.T, t) {
		return v, nil
	}
	switch t.Kind {
	case Vector, Matrix, Array:
		if len(v.Elems) == 0 {
			return nil, nil
		}
		out := newComposite(t, len(v.Elems))
		et := t.Elem
		if t.Kind == Matrix {
			et = vecOf(t.Rows, t.Elem)
		}
		for i, e := range v.Elems {
			c, err := convertValue(e, et)
			if err != nil || c == nil {
				return c, err
			}
			out.Elems[i] = c
		}
		return out, nil
	}
	if !t.IsScalar() || !v.T.IsScalar() {
		return nil, nil
	}
	src := v.T.Kind
	switch t.Kind {
	case Bool:
		if v.T.IsFloat() {
			return boolVal(v.F != 0), nil
		}
		return boolVal(v.I != 0), nil
	case AbstractFloat, F32, F16:
		x := v.F
		if src != AbstractFloat && src != F32 && src != F16 {
			x = float64(v.I)
			if src == U32 || src == I32 || src == Bool || src == AbstractInt {
				x = float64(v.I)
			}
		}
		return makeFloat(t, x)
	case AbstractInt:
		if v.T.IsFloat() {
			if v.F != math.Trunc(v.F) || math.Abs(v.F) >= 1<<63 {
				return nil, evalError("value " + fmtFloat(v.F) + " cannot be represented as abstract-int")
			}
			return &Value{T: t, I: int64(v.F)}, nil
		}
		return &Value{T: t, I: v.I}, nil
	case I32, U32:
		if v.T.IsFloat() {
			// Value constructor from float: truncate and clamp.
			lo, hi := intRange(t.Kind)
			f := math.Trunc(v.F)
			if t.Kind == I32 {
				if f < float64(lo) {
					return &Value{T: t, I: lo}, nil
				}
				if f > 2147483520 { // largest f32 below 2^31
					return &Value{T: t, I: 2147483520}, nil
				}
			} else {
				if f < 0 {
					return &Value{T: t, I: 0}, nil
				}
				if f > 4294967040 {
					return &Value{T: t, I: 4294967040}, nil
				}
			}
			if v.T.Kind == F16 {
				if t.Kind == I32 && f > 65504 {
					f = 65504
				}
			}
			_ = hi
			return &Value{T: t, I: int64(f)}, nil
		}
		if src == AbstractInt {
			return makeInt(t, v.I)
		}
		// i32 <-> u32 reinterpret bits.
		if t.Kind == U32 {
			return &Value{T: t, I: int64(uint32(int32(v.I)))}, nil
		}
		return &Value{T: t, I: int64(int32(uint32(v.I)))}, nil
	}
	return nil, nil
}

// composite2 and composite4 are composite values with room for their
// parts in the same allocation (vectors, matrix columns).
type composite2 struct {
	v     Value
	parts [2]*Value
}

type composite4 struct {
	v     Value
	parts [4]*Value
}

// newComposite returns a value of type t with n parts (Elems) to fill,
// in one allocation when n <= 4.
func newComposite(t *Type, n int) *Value {
	switch {
	case n <= 2:
		p := &composite2{}
		p.v.T, p.v.Elems = t, p.parts[:n:n]
		return &p.v
	case n <= 4:
		p := &composite4{}
		p.v.T, p.v.Elems = t, p.parts[:n:n]
		return &p.v
	}
	return &Value{T: t, Elems: make([]*Value, n)}
}

// splat returns a vector of n copies of scalar s.
func splat(s *Value, n int) *Value {
	v := newComposite(vecOf(n, s.T), n)
	for i := range v.Elems {
		v.Elems[i] = s
	}
	return v
}

// mapValue applies f componentwise through vectors, matrices and arrays.
func mapValue(v *Value, rt *Type, f func(*Value) (*Value, error)) (*Value, error) {
	if v.T.IsScalar() {
		return f(v)
	}
	out := newComposite(rt, len(v.Elems))
	var et *Type
	switch rt.Kind {
	case Vector, Array:
		et = rt.Elem
	case Matrix:
		et = vecOf(rt.Rows, rt.Elem)
	}
	for i, e := range v.Elems {
		r, err := mapValue(e, et, f)
		if err != nil {
			return nil, err
		}
		out.Elems[i] = r
	}
	return out, nil
}

// map2 applies f componentwise to two values of the same shape.
func map2(a, b *Value, rt *Type, f func(x, y *Value) (*Value, error)) (*Value, error) {
	if a.T.IsScalar() && b.T.IsScalar() {
		return f(a, b)
	}
	if a.T.IsScalar() {
		a = splat(a, len(b.Elems))
	}
	if b.T.IsScalar() {
		b = splat(b, len(a.Elems))
	}
	if len(a.Elems) != len(b.Elems) {
		return nil, nil
	}
	out := newComposite(rt, len(a.Elems))
	var et *Type
	switch rt.Kind {
	case Vector:
		et = rt.Elem
	case Matrix:
		et = vecOf(rt.Rows, rt.Elem)
	default:
		et = rt
	}
	for i := range a.Elems {
		r, err := map2(a.Elems[i], b.Elems[i], et, f)
		if err != nil {
			return nil, err
		}
		out.Elems[i] = r
	}
	return out, nil
}

// evalUnary evaluates -, !, ~ on a constant.
func evalUnary(op string, v *Value, rt *Type) (*Value, error) {
	return mapValue(v, rt, func(x *Value) (*Value, error) {
		switch op {
		case "-":
			if x.T.IsFloat() {
				return &Value{T: x.T, F: -x.F}, nil
			}
			if x.T.Kind == U32 {
				return nil, nil
			}
			lo, _ := intRange(x.T.Kind)
			if x.I == lo {
				if x.T.Kind == I32 {
					return &Value{T: x.T, I: lo}, nil // wraps
				}
				return nil, evalError("negating " + x.String() + " overflows " + x.T.String())
			}
			return &Value{T: x.T, I: -x.I}, nil
		case "!":
			return boolVal(x.I == 0), nil
		case "~":
			switch x.T.Kind {
			case U32:
				return &Value{T: x.T, I: int64(^uint32(x.I))}, nil
			default:
				return &Value{T: x.T, I: ^x.I}, nil
			}
		}
		return nil, nil
	})
}

// evalBinaryScalar evaluates a binary operator on two scalars of the same
// kind (after conversion). rt is the scalar result type.
func evalBinaryScalar(op string, a, b *Value) (*Value, error) {
	t := a.T
	if t.IsFloat() {
		var r float64
		switch op {
		case "+":
			r = a.F + b.F
		case "-":
			r = a.F - b.F
		case "*":
			r = a.F * b.F
		case "/":
			if b.F == 0 {
				return nil, evalError("division by zero in a constant expression")
			}
			r = a.F / b.F
		case "%":
			if b.F == 0 {
				return nil, evalError("remainder by zero in a constant expression")
			}
			r = math.Mod(a.F, b.F)
		case "==":
			return boolVal(a.F == b.F), nil
		case "!=":
			return boolVal(a.F != b.F), nil
		case "<":
			return boolVal(a.F < b.F), nil
		case "<=":
			return boolVal(a.F <= b.F), nil
		case ">":
			return boolVal(a.F > b.F), nil
		case ">=":
			return boolVal(a.F >= b.F), nil
		default:
			return nil, nil
		}
		v, err := makeFloat(t, r)
		if err != nil {
			return nil, evalError("the result of " + a.String() + " " + op + " " + b.String() + " overflows " + t.String())
		}
		return v, nil
	}
	if t.Kind == Bool {
		x, y := a.I != 0, b.I != 0
		switch op {
		case "&&", "&":
			return boolVal(x && y), nil
		case "||", "|":
			return boolVal(x || y), nil
		case "^", "!=":
			return boolVal(x != y), nil
		case "==":
			return boolVal(x == y), nil
		}
		return nil, nil
	}
	x, y := a.I, b.I
	overflow := func() (*Value, error) {
		return nil, evalError("the result of " + a.String() + " " + op + " " + b.String() + " overflows " + t.String())
	}
	switch op {
	case "+", "-", "*":
		var r int64
		var ok bool
		switch op {
		case "+":
			r = x + y
			ok = !((y > 0 && r < x) || (y < 0 && r > x))
		case "-":
			r = x - y
			ok = !((y > 0 && r > x) || (y < 0 && r < x))
		case "*":
			r = x * y
			ok = x == 0 || (r/x == y && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64))
		}
		if t.Kind != AbstractInt {
			// Concrete integer arithmetic wraps, even in constant expressions.
			if t.Kind == I32 {
				return &Value{T: t, I: int64(int32(wrapOp(op, uint32(x), uint32(y))))}, nil
			}
			return &Value{T: t, I: int64(wrapOp(op, uint32(x), uint32(y)))}, nil
		}
		if !ok {
			return overflow()
		}
		return &Value{T: t, I: r}, nil
	case "/", "%":
		if y == 0 {
			return nil, evalError("integer division by zero in a constant expression")
		}
		lo, _ := intRange(t.Kind)
		if t.Kind != U32 && x == lo && y == -1 {
			return overflow()
		}
		if op == "/" {
			return &Value{T: t, I: x / y}, nil
		}
		return &Value{T: t, I: x % y}, nil
	case "&":
		return &Value{T: t, I: x & y}, nil
	case "|":
		return &Value{T: t, I: x | y}, nil
	case "^":
		return &Value{T: t, I: x ^ y}, nil
	case "==":
		return boolVal(x == y), nil
	case "!=":
		return boolVal(x != y), nil
	case "<":
		return boolVal(x < y), nil
	case "<=":
		return boolVal(x <= y), nil
	case ">":
		return boolVal(x > y), nil
	case ">=":
		return boolVal(x >= y), nil
	}
	return nil, nil
}

// evalShift evaluates << and >> with the const-expression rules: the shift
// amount must be below the bit width, and a left shift of a concrete signed
// or unsigned value must not lose significant bits.
func evalShift(op string, a, b *Value) (*Value, error) {
	t := a.T
	bits := int64(32)
	if t.Kind == AbstractInt {
		bits = 64
	}
	s := b.I
	if t.Kind != AbstractInt && s >= bits || s < 0 {
		return nil, evalError("shift amount " + b.String() + " is not less than the bit width of " + t.String())
	}
	if t.Kind == AbstractInt && s >= 64 {
		if op == "<<" && a.I != 0 {
			return nil, evalError("shift of " + a.String() + " by " + b.String() + " overflows abstract-int")
		}
		if op == ">>" {
			if a.I < 0 {
				return &Value{T: t, I: -1}, nil
			}
			return &Value{T: t, I: 0}, nil
		}
	}
	if op == ">>" {
		switch t.Kind {
		case U32:
			return &Value{T: t, I: int64(uint32(a.I) >> uint(s))}, nil
		case I32:
			return &Value{T: t, I: int64(int32(a.I) >> uint(s))}, nil
		}
		return &Value{T: t, I: a.I >> uint(s)}, nil
	}
	switch t.Kind {
	case U32:
		x := uint64(uint32(a.I))
		r := x << uint(s)
		if r>>32 != 0 {
			return nil, evalError("left shift of " + a.String() + " by " + b.String() + " overflows u32")
		}
		return &Value{T: t, I: int64(r)}, nil
	case I32:
		// The bits shifted out and the resulting sign bit must all equal
		// the original sign bit.
		x := int32(a.I)
		if s > 0 {
			mask := int32(-1) << uint(31-s) // top s+1 bits
			top := x & mask
			if top != 0 && top != mask {
				return nil, evalError("left shift of " + a.String() + " by " + b.String() + " overflows i32")
			}
		}
		return &Value{T: t, I: int64(x << uint(s))}, nil
	}
	x := a.I
	if s > 0 {
		mask := int64(-1) << uint(63-s)
		top := x & mask
		if top != 0 && top != mask {
			return nil, evalError("left shift of " + a.String() + " by " + b.String() + " overflows abstract-int")
		}
	}
	return &Value{T: t, I: x << uint(s)}, nil
}

// valuesEqual reports structural equality of two constant values.
func valuesEqual(a, b *Value) bool {
	if a == nil || b == nil {
		return false
	}
	if a.T.IsScalar() {
		return a.I == b.I && a.F == b.F
	}
	if len(a.Elems) != len(b.Elems) {
		return false
	}
	for i := range a.Elems {
		if !valuesEqual(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

// asFloat reads a numeric scalar as float64.
func (v *Value) asFloat() float64 {
	if v.T.IsFloat() {
		return v.F
	}
	return float64(v.I)
}

// wrapOp is 32-bit two's complement +, - or *.
func wrapOp(op string, x, y uint32) uint32 {
	switch op {
	case "+":
		return x + y
	case "-":
		return x - y
	}
	return x * y
}
