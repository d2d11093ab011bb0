package wgsl

import (
	"strings"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// predeclaredAliases are the vecNx/matCxRx shorthands.
var predeclaredAliases = map[string]*Type{}

// typeGenerators are predeclared type names that take a template list.
var typeGenerators = map[string]bool{
	"vec2": true, "vec3": true, "vec4": true, "array": true, "atomic": true, "ptr": true,
	"mat2x2": true, "mat2x3": true, "mat2x4": true, "mat3x2": true, "mat3x3": true, "mat3x4": true,
	"mat4x2": true, "mat4x3": true, "mat4x4": true,
	"texture_1d": true, "texture_2d": true, "texture_2d_array": true, "texture_3d": true,
	"texture_cube": true, "texture_cube_array": true, "texture_multisampled_2d": true,
	"texture_storage_1d": true, "texture_storage_2d": true, "texture_storage_2d_array": true,
	"texture_storage_3d": true,
}

var plainTypes = map[string]*Type{
	"bool": tBool, "i32": tI32, "u32": tU32, "f32": tF32, "f16": tF16,
	"sampler": tSampler, "sampler_comparison": tSampCmp,
	"texture_depth_2d":              {Kind: Texture, Tex: TexDepth, Dim: Dim2D},
	"texture_depth_2d_array":        {Kind: Texture, Tex: TexDepth, Dim: Dim2DArray},
	"texture_depth_cube":            {Kind: Texture, Tex: TexDepth, Dim: DimCube},
	"texture_depth_cube_array":      {Kind: Texture, Tex: TexDepth, Dim: DimCubeArray},
	"texture_depth_multisampled_2d": {Kind: Texture, Tex: TexDepthMultisampled, Dim: Dim2D},
	"texture_external":              {Kind: Texture, Tex: TexExternal, Dim: Dim2D},
}

var enumerants = map[string]bool{
	"function": true, "private": true, "workgroup": true, "uniform": true, "storage": true,
	"read": true, "write": true, "read_write": true,
}

func init() {
	for n := 2; n <= 4; n++ {
		d := string(rune('0' + n))
		predeclaredAliases["vec"+d+"i"] = vecOf(n, tI32)
		predeclaredAliases["vec"+d+"u"] = vecOf(n, tU32)
		predeclaredAliases["vec"+d+"f"] = vecOf(n, tF32)
		predeclaredAliases["vec"+d+"h"] = vecOf(n, tF16)
		for r := 2; r <= 4; r++ {
			rd := string(rune('0' + r))
			predeclaredAliases["mat"+d+"x"+rd+"f"] = matOf(n, r, tF32)
			predeclaredAliases["mat"+d+"x"+rd+"h"] = matOf(n, r, tF16)
		}
	}
}

// isPredeclaredType reports a predeclared type name or generator.
func isPredeclaredType(name string) bool {
	return plainTypes[name] != nil || predeclaredAliases[name] != nil || typeGenerators[name]
}

// typeOf resolves a type expression, reporting errors; it returns tInvalid
// for anything that is not a type.
func (c *checker) typeOf(e syntax.Expr) *Type {
	switch e := e.(type) {
	case nil:
		return tInvalid
	case *syntax.IdentExpr:
		t := c.typeIdent(e, false)
		if t == nil {
			return tInvalid
		}
		return t
	case *syntax.BadExpr:
		return tInvalid
	}
	c.errorf(e.NodeSpan(), CodeInvalidType, "expected a type")
	return tInvalid
}

// typeIdent resolves a possibly templated identifier as a type. With
// partial set (constructor callees), a generator without template (vec3,
// array) yields a type whose Elem is nil, to be inferred from arguments.
// It returns nil, after reporting, when the name is not a type.
func (c *checker) typeIdent(e *syntax.IdentExpr, partial bool) *Type {
	name := e.Name.Name
	if name == "" {
		return tInvalid
	}
	s, p := c.lookupPredecl(name)
	if s != nil {
		switch s.Kind {
		case SymStruct, SymAlias:
			c.setRef(e, s)
			if !c.useSymbol(s, e.Name.Span) {
				return tInvalid
			}
			if e.Template != nil {
				c.errorf(e.Template.Span, CodeInvalidType, "'%s' does not take template arguments", name)
				return tInvalid
			}
			if s.Type == nil {
				return tInvalid
			}
			return s.Type
		}
		c.setRef(e, s)
		c.errorRel(e.Name.Span, CodeInvalidType, s.NameSpan, "declared here", "'%s' is a %s, not a type", name, s.Kind)
		return nil
	}
	return c.predeclaredType(e, p, partial)
}

// predeclaredType is typeIdent for a name that no user declaration
// shadows; p is what lookupPredecl found for it.
func (c *checker) predeclaredType(e *syntax.IdentExpr, p predecl, partial bool) *Type {
	name := e.Name.Name
	if t := p.t; t != nil && !p.alias {
		if e.Template != nil {
			c.errorf(e.Template.Span, CodeInvalidType, "'%s' does not take template arguments", name)
			return tInvalid
		}
		if t.Kind == F16 && !c.enabled["f16"] {
			c.errorf(e.Name.Span, CodeExtension, "f16 requires 'enable f16;'")
			return tInvalid
		}
		return t
	}
	if t := p.t; t != nil {
		if e.Template != nil {
			c.errorf(e.Template.Span, CodeInvalidType, "'%s' does not take template arguments", name)
			return tInvalid
		}
		if t.Elem.Kind == F16 && !c.enabled["f16"] {
			c.errorf(e.Name.Span, CodeExtension, "'%s' requires 'enable f16;'", name)
			return tInvalid
		}
		return t
	}
	if p.kind != predeclType { // not a generator either
		if p.kind == predeclBuiltin || p.kind == predeclBitcast {
			c.errorf(e.Name.Span, CodeInvalidType, "'%s' is a builtin function, not a type", name)
			return nil
		}
		c.errorf(e.Name.Span, CodeUndeclared, "unknown type '%s'", name)
		return nil
	}
	var args []syntax.Expr
	if e.Template != nil {
		args = e.Template.Args
	}
	if e.Template == nil {
		if partial && (strings.HasPrefix(name, "vec") || strings.HasPrefix(name, "mat") || name == "array") {
			return partialType(name)
		}
		c.errorf(e.Name.Span, CodeInvalidType, "'%s' requires a template argument list", name)
		return tInvalid
	}
	return c.generate(name, e, args)
}

// partialType is a generator whose component type is still to be inferred.
func partialType(name string) *Type {
	switch {
	case strings.HasPrefix(name, "vec"):
		return &Type{Kind: Vector, N: int(name[3] - '0')}
	case strings.HasPrefix(name, "mat"):
		return &Type{Kind: Matrix, N: int(name[3] - '0'), Rows: int(name[5] - '0')}
	}
	return &Type{Kind: Array}
}

func (c *checker) wantArgs(e *syntax.IdentExpr, args []syntax.Expr, lo, hi int) bool {
	if len(args) < lo || len(args) > hi {
		what := "argument"
		if lo != 1 || hi != 1 {
			what = "arguments"
		}
		if lo == hi {
			c.errorf(e.Span(), CodeInvalidType, "'%s' takes %d template %s, got %d", e.Name.Name, lo, what, len(args))
		} else {
			c.errorf(e.Span(), CodeInvalidType, "'%s' takes %d to %d template arguments, got %d", e.Name.Name, lo, hi, len(args))
		}
		return false
	}
	return true
}

// enumerant reads a template argument that must be a bare predeclared
// enumerant (address space, access mode, texel format).
func (c *checker) enumerant(e syntax.Expr) (string, diag.Span, bool) {
	id, ok := e.(*syntax.IdentExpr)
	if !ok || id.Template != nil {
		return "", e.NodeSpan(), false
	}
	if s := c.lookup(id.Name.Name); s != nil {
		return "", id.Span(), false
	}
	return id.Name.Name, id.Span(), true
}

func parseSpace(s string) AddressSpace {
	switch s {
	case "function":
		return Function
	case "private":
		return Private
	case "workgroup":
		return Workgroup
	case "uniform":
		return Uniform
	case "storage":
		return Storage
	}
	return NoSpace
}

func parseAccess(s string) AccessMode {
	switch s {
	case "read":
		return Read
	case "write":
		return Write
	case "read_write":
		return ReadWrite
	}
	return NoAccess
}

func (c *checker) generate(name string, e *syntax.IdentExpr, args []syntax.Expr) *Type {
	switch {
	case strings.HasPrefix(name, "vec"):
		if !c.wantArgs(e, args, 1, 1) {
			return tInvalid
		}
		el := c.typeOf(args[0])
		if el.Kind == Invalid {
			return tInvalid
		}
		if !el.IsScalar() || el.IsAbstract() {
			c.errorf(args[0].NodeSpan(), CodeInvalidType, "vector component type must be a scalar, not %s", el)
			return tInvalid
		}
		return vecOf(int(name[3]-'0'), el)
	case strings.HasPrefix(name, "mat"):
		if !c.wantArgs(e, args, 1, 1) {
			return tInvalid
		}
		el := c.typeOf(args[0])
		if el.Kind == Invalid {
			return tInvalid
		}
		if el.Kind != F32 && el.Kind != F16 {
			c.errorf(args[0].NodeSpan(), CodeInvalidType, "matrix component type must be f32 or f16, not %s", el)
			return tInvalid
		}
		return matOf(int(name[3]-'0'), int(name[5]-'0'), el)
	case name == "atomic":
		if !c.wantArgs(e, args, 1, 1) {
			return tInvalid
		}
		el := c.typeOf(args[0])
		if el.Kind == Invalid {
			return tInvalid
		}
		if el.Kind != I32 && el.Kind != U32 {
			c.errorf(args[0].NodeSpan(), CodeInvalidType, "atomic type must be i32 or u32, not %s", el)
			return tInvalid
		}
		return &Type{Kind: Atomic, Elem: el}
	case name == "array":
		return c.arrayType(e, args)
	case name == "ptr":
		if !c.wantArgs(e, args, 2, 3) {
			return tInvalid
		}
		sp, sps, ok := c.enumerant(args[0])
		space := parseSpace(sp)
		if !ok || space == NoSpace {
			c.errorf(sps, CodeAddressSpace, "expected an address space (function, private, workgroup, uniform, storage)")
			return tInvalid
		}
		store := c.typeOf(args[1])
		if store.Kind == Invalid {
			return tInvalid
		}
		access := ReadWrite
		if space == Uniform {
			access = Read
		}
		if space == Storage {
			access = Read
		}
		if len(args) == 3 {
			am, ams, ok := c.enumerant(args[2])
			access = parseAccess(am)
			if !ok || access == NoAccess {
				c.errorf(ams, CodeAddressSpace, "expected an access mode (read, write, read_write)")
				return tInvalid
			}
			if space != Storage {
				c.errorf(ams, CodeAddressSpace, "an access mode may only be given for the storage address space")
				return tInvalid
			}
			if access == Write {
				c.errorf(ams, CodeAddressSpace, "storage pointers cannot be write-only")
				return tInvalid
			}
		}
		if !c.checkStoreType(space, store, args[1].NodeSpan()) {
			return tInvalid
		}
		return ptrOf(space, store, access)
	case strings.HasPrefix(name, "texture_storage_"):
		if !c.wantArgs(e, args, 2, 2) {
			return tInvalid
		}
		f, fs, ok := c.enumerant(args[0])
		if !ok || texelFormats[f] == nil {
			c.errorf(fs, CodeInvalidType, "expected a texel format")
			return tInvalid
		}
		if !coreTexelFormats[f] && !c.requires["texture_formats_tier1"] && !c.enabled["texture_formats_tier1"] {
			c.errorf(fs, CodeInvalidType, "texel format '%s' is not supported", f)
			return tInvalid
		}
		am, ams, ok := c.enumerant(args[1])
		acc := parseAccess(am)
		if !ok || acc == NoAccess {
			c.errorf(ams, CodeInvalidType, "expected an access mode (read, write, read_write)")
			return tInvalid
		}
		dim := map[string]TexDim{"1d": Dim1D, "2d": Dim2D, "2d_array": Dim2DArray, "3d": Dim3D}[name[len("texture_storage_"):]]
		return &Type{Kind: Texture, Tex: TexStorage, Dim: dim, Format: f, Access: acc}
	case strings.HasPrefix(name, "texture_"):
		if !c.wantArgs(e, args, 1, 1) {
			return tInvalid
		}
		st := c.typeOf(args[0])
		if st.Kind == Invalid {
			return tInvalid
		}
		if st.Kind != F32 && st.Kind != I32 && st.Kind != U32 {
			c.errorf(args[0].NodeSpan(), CodeInvalidType, "texture sampled type must be f32, i32 or u32, not %s", st)
			return tInvalid
		}
		if name == "texture_multisampled_2d" {
			return &Type{Kind: Texture, Tex: TexMultisampled, Dim: Dim2D, Elem: st}
		}
		dim := map[string]TexDim{"1d": Dim1D, "2d": Dim2D, "2d_array": Dim2DArray, "3d": Dim3D, "cube": DimCube, "cube_array": DimCubeArray}[name[len("texture_"):]]
		return &Type{Kind: Texture, Tex: TexSampled, Dim: dim, Elem: st}
	}
	return tInvalid
}

// arrayType resolves array<T> and array<T, N>.
func (c *checker) arrayType(e *syntax.IdentExpr, args []syntax.Expr) *Type {
	if !c.wantArgs(e, args, 1, 2) {
		return tInvalid
	}
	el := c.typeOf(args[0])
	if el.Kind == Invalid {
		return tInvalid
	}
	if !el.IsStorable() || !el.HasFixedFootprint() {
		c.errorf(args[0].NodeSpan(), CodeInvalidType, "%s cannot be an array element type", el)
		return tInvalid
	}
	if el.IsHandle() {
		c.errorf(args[0].NodeSpan(), CodeInvalidType, "%s cannot be an array element type", el)
		return tInvalid
	}
	if len(args) == 1 {
		return &Type{Kind: Array, Elem: el}
	}
	// A type's array count is always evaluated, even on the unevaluated
	// side of a short circuit.
	savedNoEval := c.noEval
	c.noEval = 0
	op := c.expr(args[1])
	c.noEval = savedNoEval
	if op.t.Kind == Invalid {
		return tInvalid
	}
	t := unref(op.t)
	if t.Kind != AbstractInt && t.Kind != I32 && t.Kind != U32 {
		c.errorf(args[1].NodeSpan(), CodeInvalidType, "array element count must be an integer, not %s", t)
		return tInvalid
	}
	switch op.stage {
	case stConst:
		if op.v == nil {
			return tInvalid
		}
		if op.v.I <= 0 {
			c.errorf(args[1].NodeSpan(), CodeInvalidType, "array element count must be greater than zero, got %d", op.v.I)
			return tInvalid
		}
		if op.v.I > 1<<31 {
			c.errorf(args[1].NodeSpan(), CodeInvalidType, "array element count %d is too large", op.v.I)
			return tInvalid
		}
		return &Type{Kind: Array, Elem: el, N: int(op.v.I)}
	case stOverride:
		// Identity is the expression: two override-sized arrays are the same
		// type only when spelled by the same override identifier.
		var key any = args[1]
		if id, ok := args[1].(*syntax.IdentExpr); ok {
			if s := c.refTo(id); s != nil {
				key = s
			}
		}
		return &Type{Kind: Array, Elem: el, OverrideCount: key}
	}
	c.errorf(args[1].NodeSpan(), CodeNotConst, "array element count must be a const-expression or an override-expression")
	return tInvalid
}

// checkStoreType validates the store type of a memory view in a space.
func (c *checker) checkStoreType(space AddressSpace, t *Type, sp diag.Span) bool {
	if t.Kind == Invalid {
		return false
	}
	switch space {
	case Uniform:
		if !t.IsHostShareable() || !t.IsConstructible() {
			c.errorf(sp, CodeAddressSpace, "%s cannot be used in the uniform address space", t)
			return false
		}
	case Storage:
		if !t.IsHostShareable() {
			c.errorf(sp, CodeAddressSpace, "%s cannot be used in the storage address space (not host-shareable)", t)
			return false
		}
	case Function, Private:
		if !t.IsConstructible() || t.IsHandle() {
			c.errorf(sp, CodeAddressSpace, "%s cannot be used in the %s address space", t, space)
			return false
		}
	case Workgroup:
		if t.IsHandle() || !t.IsStorable() || (t.Kind == Array && t.N == 0 && t.OverrideCount == nil) || !t.HasFixedFootprint() {
			c.errorf(sp, CodeAddressSpace, "%s cannot be used in the workgroup address space", t)
			return false
		}
	}
	if space != Workgroup && space != Storage && space != Handle && t.ContainsAtomic() {
		c.errorf(sp, CodeAddressSpace, "atomic types are only allowed in the storage and workgroup address spaces")
		return false
	}
	if space != Workgroup && hasOverrideArray(t) {
		c.errorf(sp, CodeAddressSpace, "override-sized arrays are only allowed in the workgroup address space")
		return false
	}
	return true
}

func hasOverrideArray(t *Type) bool {
	switch t.Kind {
	case Array:
		return t.OverrideCount != nil || hasOverrideArray(t.Elem)
	case Struct:
		for _, m := range t.Struct.Members {
			if hasOverrideArray(m.Type) {
				return true
			}
		}
	}
	return false
}
