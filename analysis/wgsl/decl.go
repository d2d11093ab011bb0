package wgsl

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
	"math"
)

var knownExtensions = map[string]bool{
	"f16": true, "clip_distances": true, "dual_source_blending": true, "subgroups": true,
	"primitive_index": true, "chromium_experimental_pixel_local": false,
}

var knownLanguageFeatures = map[string]bool{
	"readonly_and_readwrite_storage_textures": true, "packed_4x8_integer_dot_product": true,
	"unrestricted_pointer_parameters": true, "pointer_composite_access": true,
	"uniform_buffer_standard_layout": true, "subgroup_id": true, "texture_formats_tier1": true,
	"linear_indexing": true, "subgroup_uniformity": true,
}

// directives processes enable, requires and diagnostic directives.
func (c *checker) directives() {
	for _, d := range c.file.Directives {
		switch d.Kind {
		case syntax.DirectiveEnable:
			for _, n := range d.Names {
				if !knownExtensions[n.Name] {
					c.errorf(n.Span, CodeDirective, "unknown extension '%s'", n.Name)
					continue
				}
				c.enabled[n.Name] = true
			}
		case syntax.DirectiveRequires:
			for _, n := range d.Names {
				if !knownLanguageFeatures[n.Name] {
					c.errorf(n.Span, CodeDirective, "unknown language feature '%s'", n.Name)
					continue
				}
				c.requires[n.Name] = true
			}
		case syntax.DirectiveDiagnostic:
			ctl := d.Control
			if ctl == nil {
				continue
			}
			switch ctl.Severity.Name {
			case "error", "warning", "info", "off":
			default:
				c.errorf(ctl.Severity.Span, CodeDirective, "unknown diagnostic severity '%s'", ctl.Severity.Name)
				continue
			}
			rule := ctl.Rule.Name
			if ctl.RuleNamespace.Name != "" {
				rule = ctl.RuleNamespace.Name + "." + rule
			}
			if prev, ok := c.filters[rule]; ok && prev != ctl.Severity.Name {
				c.errorf(ctl.Span, CodeDirective, "conflicting diagnostic directives for rule '%s'", rule)
				continue
			}
			c.filters[rule] = ctl.Severity.Name
			c.checkRuleName(rule, ctl.Rule.Span)
		}
	}
}

// moduleVar resolves a module-scope var, const, override (or a misplaced
// let, which the parser already reported).
func (c *checker) moduleVar(s *Symbol, d *syntax.VarDecl) {
	var declT *Type
	if d.Type != nil {
		declT = c.typeOf(d.Type)
	}
	switch d.Kind {
	case syntax.VarConst, syntax.VarLet:
		c.attrsNotAllowed(d.Attrs, "a const declaration")
		c.constDecl(s, d, declT)
	case syntax.VarOverride:
		c.overrideDecl(s, d, declT)
	case syntax.VarVar:
		c.globalVar(s, d, declT)
	}
}

// constDecl resolves `const name: T = init` (module or function scope).
func (c *checker) constDecl(s *Symbol, d *syntax.VarDecl, declT *Type) {
	s.Type = tInvalid
	if d.Init == nil {
		c.errorf(d.Name.Span, CodeInvalidDecl, "const '%s' needs an initializer", s.Name)
		return
	}
	init := c.value(d.Init)
	if init.invalid() || (declT != nil && declT.Kind == Invalid) {
		return
	}
	if init.stage != stConst {
		c.errorf(d.Init.NodeSpan(), CodeNotConst, "const initializer must be a const-expression")
		return
	}
	t := init.t
	if declT != nil {
		if !convertible(t, declT) {
			c.errorf(d.Init.NodeSpan(), CodeTypeMismatch, "cannot initialize '%s' of type %s with a value of type %s", s.Name, declT, t)
			return
		}
		init = c.convertOp(init, declT, d.Init.NodeSpan())
		if init.invalid() {
			return
		}
		t = declT
	}
	if !t.IsConstructible() {
		c.errorf(d.Name.Span, CodeInvalidDecl, "const '%s' cannot have type %s", s.Name, t)
		return
	}
	s.Type = t
	s.Value = init.v
}

func (c *checker) overrideDecl(s *Symbol, d *syntax.VarDecl, declT *Type) {
	s.Type = tInvalid
	m := c.attrMap(d.Attrs, "id", "an override declaration")
	if a := m.get("id"); a != nil {
		if v, ok := c.constIntArg(a, 0); ok {
			if v < 0 || v > 65535 {
				c.errorf(a.Span, CodeAttribute, "'@id' must be in [0, 65535], got %d", v)
			} else {
				for _, o := range c.modList {
					if o != s && o.Kind == SymOverride && c.bindingOf(o).binding == v && o.state == 2 {
						c.errorRel(a.Span, CodeAttribute, o.NameSpan, "other override", "'@id(%d)' is already used", v)
					}
				}
				c.setBinding(s, resBinding{group: -1, binding: v})
			}
		}
	}
	if d.Type == nil && d.Init == nil {
		c.errorf(d.Name.Span, CodeInvalidDecl, "override '%s' needs a type or an initializer", s.Name)
		return
	}
	t := declT
	if d.Init != nil {
		init := c.value(d.Init)
		if init.invalid() || (declT != nil && declT.Kind == Invalid) {
			return
		}
		if init.stage == stRuntime {
			c.errorf(d.Init.NodeSpan(), CodeNotConst, "override initializer must be an override-expression")
			return
		}
		if declT != nil {
			if !convertible(init.t, declT) {
				c.errorf(d.Init.NodeSpan(), CodeTypeMismatch, "cannot initialize '%s' of type %s with a value of type %s", s.Name, declT, init.t)
				return
			}
			c.convertOp(init, declT, d.Init.NodeSpan())
		} else {
			t = concretize(init.t)
			c.convertOp(init, t, d.Init.NodeSpan())
		}
	}
	if t == nil || t.Kind == Invalid {
		return
	}
	if !t.IsScalar() {
		c.errorf(d.Name.Span, CodeInvalidDecl, "override '%s' must have a scalar type, not %s", s.Name, t)
		return
	}
	s.Type = t
}

// globalVar resolves a module-scope var.
func (c *checker) globalVar(s *Symbol, d *syntax.VarDecl, declT *Type) {
	s.Type = tInvalid
	m := c.attrMap(d.Attrs, "group binding", "a variable declaration")
	space, access, ok := c.varTemplate(d)
	if !ok {
		return
	}
	if declT != nil && declT.Kind == Invalid {
		return
	}
	t := declT
	if d.Init != nil {
		init := c.value(d.Init)
		if init.invalid() {
			return
		}
		if init.stage == stRuntime {
			c.errorf(d.Init.NodeSpan(), CodeNotConst, "module-scope variable initializer must be a const-expression or override-expression")
			return
		}
		if t == nil {
			t = concretize(init.t)
		}
		if !convertible(init.t, t) {
			c.errorf(d.Init.NodeSpan(), CodeTypeMismatch, "cannot initialize '%s' of type %s with a value of type %s", s.Name, t, init.t)
			return
		}
		c.convertOp(init, t, d.Init.NodeSpan())
	}
	if t == nil {
		c.errorf(d.Name.Span, CodeInvalidDecl, "variable '%s' needs a type or an initializer", s.Name)
		return
	}
	if space == NoSpace {
		if t.IsHandle() {
			space = Handle
		} else {
			c.errorf(d.Keyword, CodeAddressSpace, "module-scope variable '%s' needs an address space (var<private>, var<workgroup>...)", s.Name)
			return
		}
	} else if t.IsHandle() {
		c.errorf(d.Template.Span, CodeAddressSpace, "%s variables cannot have an address space", t)
		return
	}
	if space == Function {
		c.errorf(d.Template.Span, CodeAddressSpace, "module-scope variables cannot be in the function address space")
		return
	}
	if d.Init != nil && space != Private {
		c.errorf(d.Init.NodeSpan(), CodeAddressSpace, "variables in the %s address space cannot have an initializer", space)
		return
	}
	if !c.checkStoreType(space, t, typeSpan(d)) {
		return
	}
	if t.ContainsF16() && space == Uniform || space == Storage {
		// f16 in buffers is fine once enabled (checked by typeOf).
	}
	if space == Uniform || space == Storage {
		if !c.checkLayout(space, t, typeSpan(d)) {
			return
		}
	}
	if access == NoAccess {
		access = ReadWrite
		switch space {
		case Uniform, Storage:
			access = Read
		case Handle:
			access = Read
		}
	}
	if space == Storage && access == Read && t.ContainsAtomic() {
		c.errorf(typeSpan(d), CodeAddressSpace, "atomic types in the storage address space need read_write access")
		return
	}
	s.Type, s.Space, s.Access = t, space, access
	// Resource bindings.
	isResource := space == Uniform || space == Storage || space == Handle
	g, b := m.get("group"), m.get("binding")
	if isResource {
		if g == nil || b == nil {
			c.errorf(d.Name.Span, CodeBinding, "resource variable '%s' needs both @group and @binding", s.Name)
			return
		}
		gv, ok1 := c.constIntArg(g, 0)
		bv, ok2 := c.constIntArg(b, 0)
		if ok1 && gv < 0 {
			c.errorf(g.Span, CodeAttribute, "'@group' must be non-negative")
			ok1 = false
		}
		if ok2 && bv < 0 {
			c.errorf(b.Span, CodeAttribute, "'@binding' must be non-negative")
			ok2 = false
		}
		if ok1 && ok2 {
			c.setBinding(s, resBinding{group: gv, binding: bv})
		}
	} else if g != nil || b != nil {
		a := g
		if a == nil {
			a = b
		}
		c.errorf(a.Span, CodeAttribute, "only resource variables (uniform, storage, textures, samplers) can have @group/@binding")
	}
	if t.Kind == Texture && t.Tex == TexStorage && t.Access != Write && !c.readWriteStorageTextures() {
		// Allowed by the readonly_and_readwrite_storage_textures feature.
	}
}

func (c *checker) readWriteStorageTextures() bool { return true }

func typeSpan(d *syntax.VarDecl) diag.Span {
	if d.Type != nil {
		return d.Type.NodeSpan()
	}
	return d.Name.Span
}

// varTemplate reads var<space, access>.
func (c *checker) varTemplate(d *syntax.VarDecl) (AddressSpace, AccessMode, bool) {
	if d.Template == nil {
		return NoSpace, NoAccess, true
	}
	args := d.Template.Args
	if len(args) == 0 || len(args) > 2 {
		c.errorf(d.Template.Span, CodeAddressSpace, "var takes an address space and an optional access mode")
		return 0, 0, false
	}
	sp, sps, ok := c.enumerant(args[0])
	space := parseSpace(sp)
	if !ok || space == NoSpace {
		c.errorf(sps, CodeAddressSpace, "expected an address space (function, private, workgroup, uniform, storage)")
		return 0, 0, false
	}
	access := NoAccess
	if len(args) == 2 {
		am, ams, ok := c.enumerant(args[1])
		access = parseAccess(am)
		if !ok || access == NoAccess {
			c.errorf(ams, CodeAddressSpace, "expected an access mode (read, write, read_write)")
			return 0, 0, false
		}
		if space != Storage {
			c.errorf(ams, CodeAddressSpace, "an access mode may only be given for the storage address space")
			return 0, 0, false
		}
		if access == Write {
			c.errorf(ams, CodeAddressSpace, "storage buffers cannot be write-only")
			return 0, 0, false
		}
	}
	return space, access, true
}

// previousMember returns the last member before members[i] with the same
// name, or nil. seen, when not nil, maps each name of members[:i] to its
// last member (large structs); otherwise members[:i] is scanned.
func previousMember(members []*syntax.StructMember, i int, seen map[string]*syntax.StructMember) *syntax.StructMember {
	name := members[i].Name.Name
	if seen != nil {
		return seen[name]
	}
	for j := i - 1; j >= 0; j-- {
		if members[j].Name.Name == name {
			return members[j]
		}
	}
	return nil
}

// structDecl resolves a structure's members.
func (c *checker) structDecl(s *Symbol, d *syntax.StructDecl) {
	c.attrsNotAllowed(d.Attrs, "a struct declaration")
	info := &StructInfo{Name: s.Name, Decl: d, Members: make([]Member, 0, len(d.Members))}
	s.Type = &Type{Kind: Struct, Struct: info}
	if len(d.Members) == 0 {
		c.errorf(d.Name.Span, CodeInvalidDecl, "struct '%s' must have at least one member", s.Name)
	}
	var seen map[string]*syntax.StructMember // for large structs only
	if len(d.Members) > 32 {
		seen = make(map[string]*syntax.StructMember, len(d.Members))
	}
	for i, m := range d.Members {
		if prev := previousMember(d.Members, i, seen); prev != nil && m.Name.Name != "" {
			c.errorRel(m.Name.Span, CodeRedeclared, prev.Name.Span, "previous member", "duplicate member '%s' in struct '%s'", m.Name.Name, s.Name)
		}
		if seen != nil {
			seen[m.Name.Name] = m
		}
		mt := c.typeOf(m.Type)
		if mt.Kind != Invalid {
			last := i == len(d.Members)-1
			switch {
			case !mt.IsStorable() || mt.IsHandle():
				c.errorf(m.Type.NodeSpan(), CodeInvalidType, "%s cannot be a struct member type", mt)
				mt = tInvalid
			case !mt.HasFixedFootprint() && !(last && mt.Kind == Array):
				c.errorf(m.Type.NodeSpan(), CodeInvalidType, "a runtime-sized array may only be the last member of a struct")
				mt = tInvalid
			case hasOverrideArray(mt):
				c.errorf(m.Type.NodeSpan(), CodeInvalidType, "override-sized arrays cannot be struct members")
				mt = tInvalid
			}
		}
		mem := Member{Name: m.Name.Name, Type: mt, Location: -1, BlendSrc: -1, Decl: m}
		am := c.attrMap(m.Attrs, "align size location builtin interpolate invariant blend_src", "a struct member")
		if a := am.get("align"); a != nil {
			if v, ok := c.constIntArg(a, 0); ok {
				if v <= 0 || v&(v-1) != 0 {
					c.errorf(a.Span, CodeAttribute, "'@align' must be a positive power of two, got %d", v)
				} else {
					mem.Align = int(v)
				}
			}
		}
		if a := am.get("size"); a != nil {
			if v, ok := c.constIntArg(a, 0); ok {
				if mt.Kind != Invalid && !mt.HasFixedFootprint() {
					c.errorf(a.Span, CodeAttribute, "'@size' cannot be applied to a runtime-sized array")
				} else if mt.Kind != Invalid && v < int64(sizeOf(mt)) || v <= 0 {
					c.errorf(a.Span, CodeAttribute, "'@size' must be at least the member's size %d, got %d", sizeOf(mt), v)
				} else {
					mem.Size = int(v)
				}
			}
		}
		io := c.ioAttributes(am)
		mem.Location = int(io.location)
		mem.Builtin = io.builtin
		mem.Invariant = io.invariant
		mem.Interp = io.interp
		mem.BlendSrc = int(io.blendSrc)
		info.Members = append(info.Members, mem)
		if !c.skipExprs {
			ms := c.newSymbol(SymMember, m.Name, m)
			ms.Type = mt
			c.addSymbol(ms)
		}
	}
	c.checkBlendSrcMembers(d, info)
}

// checkBlendSrcMembers enforces the dual-source blending structure rules:
// @blend_src(0) and @blend_src(1) both on @location(0), once each, and no
// other @location member.
func (c *checker) checkBlendSrcMembers(d *syntax.StructDecl, info *StructInfo) {
	var seen [2]bool
	any := false
	for i, m := range info.Members {
		if m.BlendSrc < 0 {
			continue
		}
		any = true
		sp := d.Members[i].Span
		if m.Location != 0 {
			c.errorf(sp, CodeAttribute, "'@blend_src' is only allowed on '@location(0)'")
			return
		}
		if seen[m.BlendSrc] {
			c.errorf(sp, CodeAttribute, "'@blend_src(%d)' is used more than once", m.BlendSrc)
			return
		}
		seen[m.BlendSrc] = true
	}
	if !any {
		return
	}
	if !seen[0] || !seen[1] {
		c.errorf(d.Name.Span, CodeAttribute, "struct '%s' must have both '@blend_src(0)' and '@blend_src(1)'", info.Name)
		return
	}
	for i, m := range info.Members {
		if m.BlendSrc < 0 && m.Location >= 0 {
			c.errorf(d.Members[i].Span, CodeAttribute, "a struct using '@blend_src' cannot have other '@location' members")
			return
		}
	}
}

// funcSignature resolves parameter and return types and entry-point
// attributes.
func (c *checker) funcSignature(s *Symbol, d *syntax.FuncDecl) {
	fi := s.Func
	m := c.attrMap(d.Attrs, "vertex fragment compute workgroup_size must_use diagnostic", "a function")
	stages := 0
	for _, n := range []string{"vertex", "fragment", "compute"} {
		if m.get(n) != nil {
			stages++
			switch n {
			case "vertex":
				fi.Stage = stageVertex
			case "fragment":
				fi.Stage = stageFragment
			case "compute":
				fi.Stage = stageCompute
			}
		}
	}
	if stages > 1 {
		c.errorf(d.Name.Span, CodeEntryPoint, "a function can have at most one shader stage attribute")
	}
	if a := m.get("must_use"); a != nil {
		fi.MustUse = true
		if d.ReturnType == nil {
			c.errorf(a.Span, CodeAttribute, "'@must_use' requires a function with a return type")
		}
		if fi.Stage != 0 {
			c.errorf(a.Span, CodeAttribute, "'@must_use' cannot be applied to an entry point")
		}
	}
	if a := m.get("workgroup_size"); a != nil {
		if fi.Stage != stageCompute {
			c.errorf(a.Span, CodeAttribute, "'@workgroup_size' is only allowed on compute entry points")
		} else {
			c.workgroupSize(a)
		}
	} else if fi.Stage == stageCompute {
		c.errorf(d.Name.Span, CodeEntryPoint, "compute entry point '%s' needs '@workgroup_size'", s.Name)
	}
	if fi.Stage == 0 {
		for _, p := range d.Params {
			c.attrsNotAllowed(p.Attrs, "a parameter of a function that is not an entry point")
		}
		c.attrsNotAllowed(d.ReturnAttrs, "the return type of a function that is not an entry point")
	}
	fi.Params = carve(&c.paramSlab, len(d.Params), 64)
	for _, p := range d.Params {
		pt := c.typeOf(p.Type)
		ps := c.newSymbol(SymParam, p.Name, p)
		ps.Type = pt
		if pt.Kind != Invalid {
			switch {
			case pt.Kind == Pointer:
				switch pt.Space {
				case Function, Private, Storage, Uniform, Workgroup:
				default:
					c.errorf(p.Type.NodeSpan(), CodeInvalidType, "pointer parameters cannot point into the %s address space", pt.Space)
				}
			case pt.IsHandle():
			case !pt.IsConstructible():
				c.errorf(p.Type.NodeSpan(), CodeInvalidType, "%s cannot be a function parameter type", pt)
				ps.Type = tInvalid
			}
		}
		fi.Params = append(fi.Params, ps)
	}
	if d.ReturnType != nil {
		rt := c.typeOf(d.ReturnType)
		if rt.Kind != Invalid && !rt.IsConstructible() {
			c.errorf(d.ReturnType.NodeSpan(), CodeInvalidType, "%s cannot be a function return type", rt)
			rt = tInvalid
		}
		s.Type = rt
	} else if len(d.ReturnAttrs) > 0 {
		c.errorf(d.ReturnAttrs[0].Span, CodeAttribute, "return attributes need a return type")
	}
}

// workgroupSize validates @workgroup_size(x, y, z).
func (c *checker) workgroupSize(a *syntax.Attribute) {
	var kind *Type
	var abstract []int // the arguments that are abstract-int constants
	ops := make([]operand, len(a.Args))
	for i, arg := range a.Args {
		op := c.value(arg)
		ops[i] = op
		if op.invalid() {
			continue
		}
		if !op.t.IsScalar() || !op.t.IsInt() {
			c.errorf(arg.NodeSpan(), CodeAttribute, "'@workgroup_size' arguments must be integers, not %s", op.t)
			continue
		}
		if op.stage == stRuntime {
			c.errorf(arg.NodeSpan(), CodeNotConst, "'@workgroup_size' arguments must be const- or override-expressions")
			continue
		}
		if op.t.Kind != AbstractInt {
			if kind != nil && kind.Kind != op.t.Kind {
				c.errorf(arg.NodeSpan(), CodeAttribute, "'@workgroup_size' arguments must all have the same type")
				continue
			}
			kind = op.t
		}
		if op.v != nil && op.v.I < 1 {
			c.errorf(arg.NodeSpan(), CodeAttribute, "'@workgroup_size' argument %d must be at least 1, got %d", i+1, op.v.I)
			continue
		}
		if op.t.Kind == AbstractInt && op.v != nil {
			abstract = append(abstract, i)
		}
	}
	// Abstract arguments convert to the others' type, i32 when all are
	// abstract: each must fit it.
	if kind == nil {
		kind = tI32
	}
	limit := int64(math.MaxInt32)
	if kind.Kind == U32 {
		limit = math.MaxUint32
	}
	for _, i := range abstract {
		if ops[i].v.I > limit {
			c.convertOp(ops[i], kind, a.Args[i].NodeSpan()) // reports the overflow
		}
	}
}

// constAssert checks const_assert (module or function scope).
func (c *checker) constAssert(d *syntax.ConstAssert) {
	op := c.value(d.Cond)
	if op.invalid() {
		return
	}
	if op.t.Kind != Bool {
		c.errorf(d.Cond.NodeSpan(), CodeTypeMismatch, "const_assert condition must be bool, not %s", op.t)
		return
	}
	if op.stage != stConst || op.v == nil {
		c.errorf(d.Cond.NodeSpan(), CodeNotConst, "const_assert condition must be a const-expression")
		return
	}
	if !op.v.Bool() {
		c.errorf(d.Span, CodeConstAssert, "const assertion failed")
	}
}
