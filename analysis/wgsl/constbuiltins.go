package wgsl

import (
	"math"
	"math/bits"
)

// constBuiltin evaluates a builtin call on constant arguments already
// converted to the overload's parameter types. rt is the result type. A nil
// value with a nil error means "not evaluable here" (the caller treats the
// call as a runtime expression).
type constBuiltinFn func(args []*Value, rt *Type) (*Value, error)

var constBuiltins map[string]constBuiltinFn

func domainErr(name string, x *Value) error {
	return evalError(name + "(" + x.String() + ") is outside the function's domain")
}

// fl1 lifts a float function with a domain predicate componentwise.
func fl1(name string, f func(float64) float64, ok func(float64) bool) constBuiltinFn {
	return func(args []*Value, rt *Type) (*Value, error) {
		return mapValue(args[0], rt, func(x *Value) (*Value, error) {
			if ok != nil && !ok(x.F) {
				return nil, domainErr(name, x)
			}
			r, err := makeFloat(x.T, f(x.F))
			if err != nil {
				return nil, evalError(name + "(" + x.String() + ") overflows " + x.T.String())
			}
			return r, nil
		})
	}
}

// fl2 lifts a binary float function componentwise.
func fl2(name string, f func(a, b float64) (float64, bool)) constBuiltinFn {
	return func(args []*Value, rt *Type) (*Value, error) {
		return map2(args[0], args[1], rt, func(x, y *Value) (*Value, error) {
			r, ok := f(x.F, y.F)
			if !ok {
				return nil, evalError(name + "(" + x.String() + ", " + y.String() + ") is outside the function's domain")
			}
			v, err := makeFloat(x.T, r)
			if err != nil {
				return nil, evalError(name + "(" + x.String() + ", " + y.String() + ") overflows " + x.T.String())
			}
			return v, nil
		})
	}
}

// fops performs float arithmetic rounded to a kind, failing on overflow.
type fops struct {
	k   Kind
	err error
}

func (o *fops) r(x float64) float64 {
	if o.err != nil {
		return 0
	}
	y := roundTo(o.k, x)
	if math.IsInf(y, 0) || math.IsNaN(y) {
		o.err = evalError("intermediate value overflows in a constant expression")
	}
	return y
}
func (o *fops) add(a, b float64) float64 { return o.r(a + b) }
func (o *fops) sub(a, b float64) float64 { return o.r(a - b) }
func (o *fops) mul(a, b float64) float64 { return o.r(a * b) }
func (o *fops) div(a, b float64) float64 {
	if b == 0 {
		if o.err == nil {
			o.err = evalError("division by zero in a constant expression")
		}
		return 0
	}
	return o.r(a / b)
}

func floats(v *Value) []float64 {
	if v.T.IsScalar() {
		return []float64{v.F}
	}
	out := make([]float64, len(v.Elems))
	for i, e := range v.Elems {
		out[i] = e.F
	}
	return out
}

func fromFloats(t *Type, xs []float64) (*Value, error) {
	if t.IsScalar() {
		return makeFloat(t, xs[0])
	}
	v := newComposite(t, len(xs))
	for i, x := range xs {
		e, err := makeFloat(t.Elem, x)
		if err != nil {
			return nil, err
		}
		v.Elems[i] = e
	}
	return v, nil
}

func (o *fops) dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s = o.add(s, o.mul(a[i], b[i]))
	}
	return s
}

func (o *fops) length(a []float64) float64 {
	if len(a) == 1 {
		return math.Abs(a[0])
	}
	return o.r(math.Sqrt(o.dot(a, a)))
}

func intBits(t *Type) int {
	if t.Kind == AbstractInt {
		return 64
	}
	return 32
}

func u32v(x int64) *Value { return &Value{T: tU32, I: x & 0xffffffff} }

func init() {
	inRange1 := func(x float64) bool { return x >= -1 && x <= 1 }
	constBuiltins = map[string]constBuiltinFn{
		"acos":  fl1("acos", math.Acos, inRange1),
		"asin":  fl1("asin", math.Asin, inRange1),
		"acosh": fl1("acosh", math.Acosh, func(x float64) bool { return x >= 1 }),
		"asinh": fl1("asinh", math.Asinh, nil),
		"atan":  fl1("atan", math.Atan, nil),
		"atanh": fl1("atanh", math.Atanh, func(x float64) bool { return x > -1 && x < 1 }),
		"cos":   fl1("cos", math.Cos, nil),
		"sin":   fl1("sin", math.Sin, nil),
		"tan":   fl1("tan", math.Tan, nil),
		"cosh":  fl1("cosh", math.Cosh, nil),
		"sinh":  fl1("sinh", math.Sinh, nil),
		"tanh":  fl1("tanh", math.Tanh, nil),
		"exp":   fl1("exp", math.Exp, nil),
		"exp2":  fl1("exp2", math.Exp2, nil),
		"log":   fl1("log", math.Log, func(x float64) bool { return x > 0 }),
		"log2":  fl1("log2", math.Log2, func(x float64) bool { return x > 0 }),
		"sqrt":  fl1("sqrt", math.Sqrt, func(x float64) bool { return x >= 0 }),
		"inverseSqrt": fl1("inverseSqrt", func(x float64) float64 { return 1 / math.Sqrt(x) },
			func(x float64) bool { return x > 0 }),
		"ceil":     fl1("ceil", math.Ceil, nil),
		"floor":    fl1("floor", math.Floor, nil),
		"round":    fl1("round", math.RoundToEven, nil),
		"trunc":    fl1("trunc", math.Trunc, nil),
		"fract":    fl1("fract", func(x float64) float64 { return x - math.Floor(x) }, nil),
		"degrees":  fl1("degrees", func(x float64) float64 { return x * (180 / math.Pi) }, nil),
		"radians":  fl1("radians", func(x float64) float64 { return x * (math.Pi / 180) }, nil),
		"saturate": fl1("saturate", func(x float64) float64 { return math.Min(math.Max(x, 0), 1) }, nil),
		"atan2": fl2("atan2", func(y, x float64) (float64, bool) {
			return math.Atan2(y, x), !(x == 0 && y == 0)
		}),
		"pow": fl2("pow", func(x, y float64) (float64, bool) {
			if x < 0 || (x == 0 && y <= 0) {
				return 0, false
			}
			return math.Pow(x, y), true
		}),
		"step": fl2("step", func(edge, x float64) (float64, bool) {
			if edge <= x {
				return 1, true
			}
			return 0, true
		}),
		"quantizeToF16": func(args []*Value, rt *Type) (*Value, error) {
			return mapValue(args[0], rt, func(x *Value) (*Value, error) {
				q := roundF16(x.F)
				if math.IsInf(q, 0) {
					return nil, evalError("quantizeToF16(" + x.String() + "): the value is outside the range of f16")
				}
				return &Value{T: x.T, F: q}, nil
			})
		},
		"abs": func(args []*Value, rt *Type) (*Value, error) {
			return mapValue(args[0], rt, func(x *Value) (*Value, error) {
				if x.T.IsFloat() {
					return &Value{T: x.T, F: math.Abs(x.F)}, nil
				}
				if x.I >= 0 || x.T.Kind == U32 {
					return x, nil
				}
				if x.T.Kind == I32 && x.I == math.MinInt32 {
					return x, nil
				}
				if x.I == math.MinInt64 {
					return nil, evalError("abs(" + x.String() + ") overflows abstract-int")
				}
				return &Value{T: x.T, I: -x.I}, nil
			})
		},
		"sign": func(args []*Value, rt *Type) (*Value, error) {
			return mapValue(args[0], rt, func(x *Value) (*Value, error) {
				if x.T.IsFloat() {
					s := 0.0
					if x.F > 0 {
						s = 1
					} else if x.F < 0 {
						s = -1
					}
					return &Value{T: x.T, F: s}, nil
				}
				s := int64(0)
				if x.I > 0 {
					s = 1
				} else if x.I < 0 {
					s = -1
				}
				return &Value{T: x.T, I: s}, nil
			})
		},
		"min": minmax(true),
		"max": minmax(false),
		"clamp": func(args []*Value, rt *Type) (*Value, error) {
			lo, hi := args[1], args[2]
			// low > high is an error in a constant expression.
			if err := checkLoHi(lo, hi); err != nil {
				return nil, err
			}
			mx, _ := minmax(false)([]*Value{args[0], lo}, rt)
			return minmax(true)([]*Value{mx, hi}, rt)
		},
		"fma": func(args []*Value, rt *Type) (*Value, error) {
			return elementwise3(args, rt, func(o *fops, a, b, c float64) float64 { return o.add(o.mul(a, b), c) })
		},
		"mix": func(args []*Value, rt *Type) (*Value, error) {
			t := args[2]
			if t.T.IsScalar() && !rt.IsScalar() {
				t = splat(t, rt.N)
			}
			return elementwise3([]*Value{args[0], args[1], t}, rt, func(o *fops, a, b, t float64) float64 {
				return o.add(o.mul(a, o.sub(1, t)), o.mul(b, t))
			})
		},
		"smoothstep": func(args []*Value, rt *Type) (*Value, error) {
			return elementwise3(args, rt, func(o *fops, lo, hi, x float64) float64 {
				if lo == hi {
					o.err = evalError("smoothstep with equal low and high edges in a constant expression")
					return 0
				}
				t := o.div(o.sub(x, lo), o.sub(hi, lo))
				t = math.Min(math.Max(t, 0), 1)
				return o.mul(o.mul(t, t), o.sub(3, o.mul(2, t)))
			})
		},
		"cross": func(args []*Value, rt *Type) (*Value, error) {
			a, b := floats(args[0]), floats(args[1])
			o := &fops{k: rt.Elem.Kind}
			r := []float64{
				o.sub(o.mul(a[1], b[2]), o.mul(a[2], b[1])),
				o.sub(o.mul(a[2], b[0]), o.mul(a[0], b[2])),
				o.sub(o.mul(a[0], b[1]), o.mul(a[1], b[0])),
			}
			if o.err != nil {
				return nil, o.err
			}
			return fromFloats(rt, r)
		},
		"dot": func(args []*Value, rt *Type) (*Value, error) {
			if rt.IsInt() {
				var s *Value = &Value{T: rt}
				for i := range args[0].Elems {
					p, err := evalBinaryScalar("*", args[0].Elems[i], args[1].Elems[i])
					if err != nil {
						return nil, err
					}
					s, err = evalBinaryScalar("+", s, p)
					if err != nil {
						return nil, err
					}
				}
				return s, nil
			}
			o := &fops{k: rt.Kind}
			r := o.dot(floats(args[0]), floats(args[1]))
			if o.err != nil {
				return nil, o.err
			}
			return makeFloat(rt, r)
		},
		"length": func(args []*Value, rt *Type) (*Value, error) {
			o := &fops{k: rt.Kind}
			r := o.length(floats(args[0]))
			if o.err != nil {
				return nil, o.err
			}
			return makeFloat(rt, r)
		},
		"distance": func(args []*Value, rt *Type) (*Value, error) {
			o := &fops{k: rt.Kind}
			a, b := floats(args[0]), floats(args[1])
			d := make([]float64, len(a))
			for i := range a {
				d[i] = o.sub(a[i], b[i])
			}
			r := o.length(d)
			if o.err != nil {
				return nil, o.err
			}
			return makeFloat(rt, r)
		},
		"normalize": func(args []*Value, rt *Type) (*Value, error) {
			o := &fops{k: rt.Elem.Kind}
			a := floats(args[0])
			l := o.length(a)
			r := make([]float64, len(a))
			for i := range a {
				r[i] = o.div(a[i], l)
			}
			if o.err != nil {
				return nil, o.err
			}
			return fromFloats(rt, r)
		},
		"faceForward": func(args []*Value, rt *Type) (*Value, error) {
			o := &fops{k: rt.Elem.Kind}
			d := o.dot(floats(args[1]), floats(args[2]))
			if o.err != nil {
				return nil, o.err
			}
			if d < 0 {
				return args[0], nil
			}
			return evalUnary("-", args[0], rt)
		},
		"reflect": func(args []*Value, rt *Type) (*Value, error) {
			o := &fops{k: rt.Elem.Kind}
			e1, e2 := floats(args[0]), floats(args[1])
			d := o.mul(2, o.dot(e2, e1))
			r := make([]float64, len(e1))
			for i := range e1 {
				r[i] = o.sub(e1[i], o.mul(d, e2[i]))
			}
			if o.err != nil {
				return nil, o.err
			}
			return fromFloats(rt, r)
		},
		"refract": func(args []*Value, rt *Type) (*Value, error) {
			o := &fops{k: rt.Elem.Kind}
			e1, e2, eta := floats(args[0]), floats(args[1]), args[2].F
			d := o.dot(e2, e1)
			k := o.sub(1, o.mul(o.mul(eta, eta), o.sub(1, o.mul(d, d))))
			r := make([]float64, len(e1))
			if k >= 0 {
				f := o.add(o.mul(eta, d), o.r(math.Sqrt(k)))
				for i := range e1 {
					r[i] = o.sub(o.mul(eta, e1[i]), o.mul(f, e2[i]))
				}
			}
			if o.err != nil {
				return nil, o.err
			}
			return fromFloats(rt, r)
		},
		"determinant": func(args []*Value, rt *Type) (*Value, error) {
			m := args[0]
			n := len(m.Elems)
			a := make([][]float64, n)
			for i := range a {
				a[i] = floats(m.Elems[i])
			}
			o := &fops{k: rt.Kind}
			r := det(o, a)
			if o.err != nil {
				return nil, o.err
			}
			return makeFloat(rt, r)
		},
		"transpose": func(args []*Value, rt *Type) (*Value, error) {
			m := args[0]
			out := newComposite(rt, rt.N)
			for c := 0; c < rt.N; c++ {
				col := newComposite(vecOf(rt.Rows, rt.Elem), rt.Rows)
				for r := 0; r < rt.Rows; r++ {
					col.Elems[r] = m.Elems[r].Elems[c]
				}
				out.Elems[c] = col
			}
			return out, nil
		},
		"ldexp": func(args []*Value, rt *Type) (*Value, error) {
			return map2(args[0], args[1], rt, func(x, e *Value) (*Value, error) {
				bias := int64(1023)
				switch x.T.Kind {
				case F32:
					bias = 127
				case F16:
					bias = 15
				}
				if e.I > bias+1 {
					return nil, evalError("ldexp exponent " + e.String() + " is too large for " + x.T.String())
				}
				r, err := makeFloat(x.T, math.Ldexp(x.F, int(max(e.I, -2000))))
				if err != nil {
					return nil, evalError("ldexp(" + x.String() + ", " + e.String() + ") overflows " + x.T.String())
				}
				return r, nil
			})
		},
		"frexp": func(args []*Value, rt *Type) (*Value, error) {
			ft := rt.Struct.Members[0].Type
			et := rt.Struct.Members[1].Type
			fr, err := mapValue(args[0], ft, func(x *Value) (*Value, error) {
				f, _ := math.Frexp(x.F)
				return &Value{T: x.T, F: f}, nil
			})
			if err != nil {
				return nil, err
			}
			ex, err := mapValue(args[0], et, func(x *Value) (*Value, error) {
				_, e := math.Frexp(x.F)
				return &Value{T: et.Leaf(), I: int64(e)}, nil
			})
			if err != nil {
				return nil, err
			}
			return &Value{T: rt, Elems: []*Value{fr, ex}}, nil
		},
		"modf": func(args []*Value, rt *Type) (*Value, error) {
			ft := rt.Struct.Members[0].Type
			fr, _ := mapValue(args[0], ft, func(x *Value) (*Value, error) {
				_, f := math.Modf(x.F)
				return &Value{T: x.T, F: f}, nil
			})
			wh, _ := mapValue(args[0], ft, func(x *Value) (*Value, error) {
				w, _ := math.Modf(x.F)
				return &Value{T: x.T, F: w}, nil
			})
			return &Value{T: rt, Elems: []*Value{fr, wh}}, nil
		},
		"countLeadingZeros": intFn(func(x uint32, signed bool) int64 { return int64(bits.LeadingZeros32(x)) }),
		"countOneBits":      intFn(func(x uint32, signed bool) int64 { return int64(bits.OnesCount32(x)) }),
		"countTrailingZeros": intFn(func(x uint32, signed bool) int64 {
			return int64(bits.TrailingZeros32(x))
		}),
		"reverseBits": intFn(func(x uint32, signed bool) int64 { return int64(bits.Reverse32(x)) }),
		"firstTrailingBit": intFn(func(x uint32, signed bool) int64 {
			if x == 0 {
				return 0xffffffff
			}
			return int64(bits.TrailingZeros32(x))
		}),
		"firstLeadingBit": intFn(func(x uint32, signed bool) int64 {
			if signed {
				if x == 0 || x == 0xffffffff {
					return 0xffffffff
				}
				if int32(x) < 0 {
					x = ^x
				}
			} else if x == 0 {
				return 0xffffffff
			}
			return int64(31 - bits.LeadingZeros32(x))
		}),
		"extractBits": func(args []*Value, rt *Type) (*Value, error) {
			off, cnt := args[1].I, args[2].I
			if off+cnt > 32 {
				return nil, evalError("extractBits: offset + count exceeds 32 bits")
			}
			return mapValue(args[0], rt, func(x *Value) (*Value, error) {
				u := uint32(x.I)
				if cnt == 0 {
					return &Value{T: x.T}, nil
				}
				r := (u >> uint(off)) & uint32((uint64(1)<<uint(cnt))-1)
				if x.T.Kind == I32 && r&(1<<uint(cnt-1)) != 0 {
					r |= ^uint32((uint64(1) << uint(cnt)) - 1)
					return &Value{T: x.T, I: int64(int32(r))}, nil
				}
				return &Value{T: x.T, I: int64(r)}, nil
			})
		},
		"insertBits": func(args []*Value, rt *Type) (*Value, error) {
			off, cnt := args[2].I, args[3].I
			if off+cnt > 32 {
				return nil, evalError("insertBits: offset + count exceeds 32 bits")
			}
			mask := uint32(((uint64(1) << uint(cnt)) - 1) << uint(off))
			return map2(args[0], args[1], rt, func(e, n *Value) (*Value, error) {
				r := (uint32(e.I) &^ mask) | ((uint32(n.I) << uint(off)) & mask)
				if e.T.Kind == I32 {
					return &Value{T: e.T, I: int64(int32(r))}, nil
				}
				return &Value{T: e.T, I: int64(r)}, nil
			})
		},
		"select": func(args []*Value, rt *Type) (*Value, error) {
			f, t, c := args[0], args[1], args[2]
			if c.T.IsScalar() {
				if c.I != 0 {
					return t, nil
				}
				return f, nil
			}
			out := newComposite(rt, len(c.Elems))
			for i := range c.Elems {
				if c.Elems[i].I != 0 {
					out.Elems[i] = t.Elems[i]
				} else {
					out.Elems[i] = f.Elems[i]
				}
			}
			return out, nil
		},
		"all": func(args []*Value, rt *Type) (*Value, error) {
			if args[0].T.IsScalar() {
				return args[0], nil
			}
			for _, e := range args[0].Elems {
				if e.I == 0 {
					return boolVal(false), nil
				}
			}
			return boolVal(true), nil
		},
		"any": func(args []*Value, rt *Type) (*Value, error) {
			if args[0].T.IsScalar() {
				return args[0], nil
			}
			for _, e := range args[0].Elems {
				if e.I != 0 {
					return boolVal(true), nil
				}
			}
			return boolVal(false), nil
		},
		"dot4I8Packed": func(args []*Value, rt *Type) (*Value, error) {
			a, b := uint32(args[0].I), uint32(args[1].I)
			s := int64(0)
			for i := 0; i < 4; i++ {
				s += int64(int8(a>>(8*i))) * int64(int8(b>>(8*i)))
			}
			return &Value{T: tI32, I: s}, nil
		},
		"dot4U8Packed": func(args []*Value, rt *Type) (*Value, error) {
			a, b := uint32(args[0].I), uint32(args[1].I)
			s := int64(0)
			for i := 0; i < 4; i++ {
				s += int64(uint8(a>>(8*i))) * int64(uint8(b>>(8*i)))
			}
			return &Value{T: tU32, I: s}, nil
		},
		"pack4x8snorm":  packNorm(8, true),
		"pack4x8unorm":  packNorm(8, false),
		"pack2x16snorm": packNorm(16, true),
		"pack2x16unorm": packNorm(16, false),
		"pack2x16float": func(args []*Value, rt *Type) (*Value, error) {
			var r uint32
			for i, e := range args[0].Elems {
				h := roundF16(e.F)
				if math.Abs(e.F) > 65504 {
					return nil, evalError("pack2x16float: " + e.String() + " is outside the range of f16")
				}
				r |= uint32(f16Bits(h)) << (16 * uint(i))
			}
			return u32v(int64(r)), nil
		},
		"pack4xI8": func(args []*Value, rt *Type) (*Value, error) {
			var r uint32
			for i, e := range args[0].Elems {
				r |= uint32(uint8(e.I)) << (8 * uint(i))
			}
			return u32v(int64(r)), nil
		},
		"pack4xU8": func(args []*Value, rt *Type) (*Value, error) {
			var r uint32
			for i, e := range args[0].Elems {
				r |= uint32(uint8(e.I)) << (8 * uint(i))
			}
			return u32v(int64(r)), nil
		},
		"pack4xI8Clamp": func(args []*Value, rt *Type) (*Value, error) {
			var r uint32
			for i, e := range args[0].Elems {
				r |= uint32(uint8(int8(min(max(e.I, -128), 127)))) << (8 * uint(i))
			}
			return u32v(int64(r)), nil
		},
		"pack4xU8Clamp": func(args []*Value, rt *Type) (*Value, error) {
			var r uint32
			for i, e := range args[0].Elems {
				r |= uint32(min(e.I, 255)) << (8 * uint(i))
			}
			return u32v(int64(r)), nil
		},
		"unpack4x8snorm":  unpackNorm(8, true),
		"unpack4x8unorm":  unpackNorm(8, false),
		"unpack2x16snorm": unpackNorm(16, true),
		"unpack2x16unorm": unpackNorm(16, false),
		"unpack2x16float": func(args []*Value, rt *Type) (*Value, error) {
			x := uint32(args[0].I)
			out := newComposite(rt, 2)
			for i := range out.Elems {
				f := f16FromBits(uint16(x >> (16 * uint(i))))
				if math.IsInf(f, 0) || math.IsNaN(f) {
					return nil, evalError("unpack2x16float: the value is not a finite f16")
				}
				out.Elems[i] = &Value{T: tF32, F: f}
			}
			return out, nil
		},
		"unpack4xI8": func(args []*Value, rt *Type) (*Value, error) {
			x := uint32(args[0].I)
			out := newComposite(rt, 4)
			for i := range out.Elems {
				out.Elems[i] = &Value{T: tI32, I: int64(int8(x >> (8 * uint(i))))}
			}
			return out, nil
		},
		"unpack4xU8": func(args []*Value, rt *Type) (*Value, error) {
			x := uint32(args[0].I)
			out := newComposite(rt, 4)
			for i := range out.Elems {
				out.Elems[i] = &Value{T: tU32, I: int64(uint8(x >> (8 * uint(i))))}
			}
			return out, nil
		},
	}
}

func checkLoHi(lo, hi *Value) error {
	var bad bool
	var check func(a, b *Value)
	check = func(a, b *Value) {
		if a.T.IsScalar() {
			if a.T.IsFloat() {
				bad = bad || a.F > b.F
			} else {
				bad = bad || a.I > b.I
			}
			return
		}
		for i := range a.Elems {
			check(a.Elems[i], b.Elems[i])
		}
	}
	check(lo, hi)
	if bad {
		return evalError("clamp: low bound " + lo.String() + " is greater than high bound " + hi.String())
	}
	return nil
}

func minmax(isMin bool) constBuiltinFn {
	return func(args []*Value, rt *Type) (*Value, error) {
		return map2(args[0], args[1], rt, func(a, b *Value) (*Value, error) {
			var less bool
			if a.T.IsFloat() {
				less = a.F < b.F
			} else {
				less = a.I < b.I
			}
			if less == isMin {
				return a, nil
			}
			return b, nil
		})
	}
}

func elementwise3(args []*Value, rt *Type, f func(o *fops, a, b, c float64) float64) (*Value, error) {
	k := rt.Leaf().Kind
	o := &fops{k: k}
	a, b, c := floats(args[0]), floats(args[1]), floats(args[2])
	r := make([]float64, len(a))
	for i := range a {
		r[i] = f(o, a[i], b[i], c[i])
	}
	if o.err != nil {
		return nil, o.err
	}
	return fromFloats(rt, r)
}

func det(o *fops, a [][]float64) float64 {
	n := len(a)
	if n == 2 {
		return o.sub(o.mul(a[0][0], a[1][1]), o.mul(a[1][0], a[0][1]))
	}
	s := 0.0
	for c := 0; c < n; c++ {
		minor := make([][]float64, 0, n-1)
		for cc := 0; cc < n; cc++ {
			if cc == c {
				continue
			}
			minor = append(minor, a[cc][1:])
		}
		t := o.mul(a[c][0], det(o, minor))
		if c%2 == 0 {
			s = o.add(s, t)
		} else {
			s = o.sub(s, t)
		}
	}
	return s
}

func intFn(f func(x uint32, signed bool) int64) constBuiltinFn {
	return func(args []*Value, rt *Type) (*Value, error) {
		return mapValue(args[0], rt, func(x *Value) (*Value, error) {
			r := f(uint32(x.I), x.T.Kind == I32)
			if x.T.Kind == I32 {
				return &Value{T: x.T, I: int64(int32(uint32(r)))}, nil
			}
			return &Value{T: x.T, I: r & 0xffffffff}, nil
		})
	}
}

func packNorm(width int, signed bool) constBuiltinFn {
	return func(args []*Value, rt *Type) (*Value, error) {
		var r uint32
		for i, e := range args[0].Elems {
			var q int64
			if signed {
				s := float64(int64(1)<<(width-1) - 1)
				q = int64(math.Floor(0.5 + s*math.Min(math.Max(e.F, -1), 1)))
			} else {
				s := float64(int64(1)<<width - 1)
				q = int64(math.Floor(0.5 + s*math.Min(math.Max(e.F, 0), 1)))
			}
			r |= (uint32(q) & (1<<uint(width) - 1)) << (uint(width) * uint(i))
		}
		return u32v(int64(r)), nil
	}
}

func unpackNorm(width int, signed bool) constBuiltinFn {
	return func(args []*Value, rt *Type) (*Value, error) {
		x := uint32(args[0].I)
		n := 32 / width
		out := newComposite(rt, n)
		for i := 0; i < n; i++ {
			raw := (x >> (uint(width) * uint(i))) & (1<<uint(width) - 1)
			var f float64
			if signed {
				v := int64(raw)
				if v >= 1<<(width-1) {
					v -= 1 << width
				}
				f = math.Max(float64(v)/float64(int64(1)<<(width-1)-1), -1)
			} else {
				f = float64(raw) / float64(int64(1)<<width-1)
			}
			out.Elems[i] = &Value{T: tF32, F: float64(float32(f))}
		}
		return out, nil
	}
}

// f16Bits encodes a finite f16-representable value.
func f16Bits(x float64) uint16 {
	var sign uint16
	if math.Signbit(x) {
		sign = 0x8000
		x = -x
	}
	if x == 0 {
		return sign
	}
	_, e := math.Frexp(x)
	e--
	if e < -14 { // subnormal
		return sign | uint16(math.Round(x/math.Ldexp(1, -24)))
	}
	m := uint16(math.Round((x/math.Ldexp(1, e) - 1) * 1024))
	return sign | uint16(e+15)<<10 | m
}

// f16FromBits decodes an f16 bit pattern.
func f16FromBits(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	e := int(h>>10) & 0x1f
	m := float64(h & 0x3ff)
	switch e {
	case 0:
		return sign * math.Ldexp(m, -24)
	case 31:
		if m == 0 {
			return math.Inf(int(sign))
		}
		return math.NaN()
	}
	return sign * math.Ldexp(1+m/1024, e-15)
}

// bitcastValue reinterprets the bits of a constant as type t.
func bitcastValue(v *Value, t *Type) (*Value, error) {
	// Collect the raw bits of v as 16- or 32-bit words.
	src := v.T.Leaf()
	var words []uint64
	width := 32
	if src.Kind == F16 {
		width = 16
	}
	comps := []*Value{v}
	if !v.T.IsScalar() {
		comps = v.Elems
	}
	for _, c := range comps {
		switch c.T.Kind {
		case F32:
			words = append(words, uint64(math.Float32bits(float32(c.F))))
		case F16:
			words = append(words, uint64(f16Bits(c.F)))
		default:
			words = append(words, uint64(uint32(c.I)))
		}
	}
	// Repack into a bit string.
	var all []byte
	for _, w := range words {
		for b := 0; b < width; b += 8 {
			all = append(all, byte(w>>uint(b)))
		}
	}
	dst := t.Leaf()
	dw := 4
	if dst.Kind == F16 {
		dw = 2
	}
	n := 1
	if t.Kind == Vector {
		n = t.N
	}
	if len(all) != n*dw {
		return nil, nil
	}
	out := make([]*Value, n)
	for i := 0; i < n; i++ {
		var w uint32
		for b := 0; b < dw; b++ {
			w |= uint32(all[i*dw+b]) << (8 * uint(b))
		}
		switch dst.Kind {
		case F32:
			f := float64(math.Float32frombits(w))
			if math.IsInf(f, 0) || math.IsNaN(f) {
				return nil, evalError("bitcast produces a non-finite f32 in a constant expression")
			}
			out[i] = &Value{T: dst, F: f}
		case F16:
			f := f16FromBits(uint16(w))
			if math.IsInf(f, 0) || math.IsNaN(f) {
				return nil, evalError("bitcast produces a non-finite f16 in a constant expression")
			}
			out[i] = &Value{T: dst, F: f}
		case I32:
			out[i] = &Value{T: dst, I: int64(int32(w))}
		default:
			out[i] = &Value{T: dst, I: int64(w)}
		}
	}
	if t.Kind == Vector {
		return &Value{T: t, Elems: out}, nil
	}
	return out[0], nil
}
