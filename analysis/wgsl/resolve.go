package wgsl

import (
	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// Names is the name resolution of a parsed file, made without type
// checking: every user declaration and every identifier expression that
// names one. It is what semantic highlighting needs, in a fraction of the
// time of Analyze, so an editor can colour a new version while the full
// check still runs.
//
// On a valid program Names agrees exactly with Analyze: the same
// declarations (Result.Symbols: Kind, Name, NameSpan, Node and Module)
// and the same references (Result.Refs). On an invalid one it applies the
// scoping rules even where the checker gave up on a construct, so the two
// may differ there (5 of the 5,149 invalid CTS cases).
type Names struct {
	// Decls are the declarations the checker lists in Result.Symbols:
	// module scope, functions' parameters and locals, structures' members.
	Decls []NameDecl
	// Refs are the identifier expressions that name a declaration.
	Refs []NameRef

	module map[string]int32 // module-scope names, as indexes into Decls
}

// NameDecl is one declaration: what Symbol says of it before type
// checking.
type NameDecl struct {
	Kind     SymbolKind
	Module   bool // declared at module scope
	Name     string
	NameSpan diag.Span
	Node     syntax.Node // as Symbol.Node
}

// NameRef is one identifier expression (the span of its name) and the
// declaration it names, an index into Names.Decls. It holds no pointer,
// so a file's references cost the garbage collector nothing to scan.
type NameRef struct {
	Span diag.Span
	Decl int32
}

// ResolveNames resolves the names of file (syntax.Parse of a document).
// It only reads the tree: it may run while Analyze checks the same tree.
func ResolveNames(file *syntax.File) *Names {
	r := &resolver{
		// Capacity hints from the repo's shaders: about three identifiers
		// in four name a user declaration; declarations are the var/let/
		// const nodes plus a few parameters and members per module
		// declaration.
		names: &Names{
			Refs:  make([]NameRef, 0, file.NumIdents()*3/4+8),
			Decls: make([]NameDecl, 0, file.NumVarDecls()+3*len(file.Decls)+8),
		},
		module: make(map[string]int32, len(file.Decls)),
	}
	r.run(file)
	r.names.module = r.module
	return r.names
}

// Scope is the module scope of a names pass, all that resolving one
// top-level declaration again needs (ResolveDecl) after an edit inside it
// that left its name and kind alone, which cannot change what the module
// declares. It holds no syntax tree.
type Scope struct {
	decls []NameDecl // the module-scope declarations: Kind, Module and Name only
	index map[string]int32
}

// Scope returns the module scope of n (a ResolveNames result).
func (n *Names) Scope() *Scope {
	s := &Scope{decls: make([]NameDecl, 0, len(n.module)), index: make(map[string]int32, len(n.module))}
	for name, i := range n.module {
		d := n.Decls[i]
		s.index[name] = int32(len(s.decls))
		s.decls = append(s.decls, NameDecl{Kind: d.Kind, Module: true, Name: d.Name})
	}
	return s
}

// Declares reports whether d is the module-scope declaration of its name
// in n: the first one, which ResolveNames resolves (it resolves no later
// one).
func (n *Names) Declares(d syntax.Decl) bool {
	name, _ := DeclaredName(d)
	i, ok := n.module[name]
	return ok && n.Decls[i].Node == d
}

// DeclaredName returns the name a top-level declaration declares and its
// kind; kind is 0 when it declares none (a const_assert, a module-scope
// let, a broken declaration).
func DeclaredName(d syntax.Decl) (string, SymbolKind) {
	switch d := d.(type) {
	case *syntax.VarDecl:
		return d.Name.Name, varSymbolKind(d.Kind)
	case *syntax.FuncDecl:
		return d.Name.Name, SymFunc
	case *syntax.StructDecl:
		return d.Name.Name, SymStruct
	case *syntax.AliasDecl:
		return d.Name.Name, SymAlias
	}
	return "", 0
}

// declNameSpan is the span of the name DeclaredName returns.
func declNameSpan(d syntax.Decl) diag.Span {
	switch d := d.(type) {
	case *syntax.VarDecl:
		return d.Name.Span
	case *syntax.FuncDecl:
		return d.Name.Span
	case *syntax.StructDecl:
		return d.Name.Span
	case *syntax.AliasDecl:
		return d.Name.Span
	}
	return diag.Span{}
}

// ResolveDecl resolves d, a top-level declaration that Declares its name,
// as ResolveNames resolves it in a file whose module scope is s: what its
// attributes, types and initializer refer to, a function's parameters and
// body, a struct's members. Decls are s's module declarations (Kind,
// Module and Name only: no span, no node), then d's own declaration and
// what it declares inside; Refs are the identifiers of d that name one of
// them.
func ResolveDecl(s *Scope, d syntax.Decl) *Names {
	r := &resolver{
		names: &Names{
			Decls: append(make([]NameDecl, 0, len(s.decls)+16), s.decls...),
			Refs:  make([]NameRef, 0, 64),
		},
		module: s.index,
	}
	name, kind := DeclaredName(d)
	if kind == 0 || name == "" {
		return r.names
	}
	r.add(NameDecl{Kind: kind, Module: true, Name: name, NameSpan: declNameSpan(d), Node: d})
	r.inside(d)
	if f, ok := d.(*syntax.FuncDecl); ok {
		r.body(f)
	}
	return r.names
}

// resolver walks a file with the checker's scoping rules (checker.go
// lookup/declareLocal, stmt.go): module scope is order-free, function
// scope is lexical, and a local is in view from the end of its
// declaration.
type resolver struct {
	names  *Names
	module map[string]int32 // module-scope names, as indexes into names.Decls
	// locals is one flat list of the local declarations in view
	// (indexes into names.Decls), innermost last; scopes holds where each
	// open scope starts.
	locals []int32
	scopes []int
}

// add lists a declaration and returns its index.
func (r *resolver) add(d NameDecl) int32 {
	r.names.Decls = append(r.names.Decls, d)
	return int32(len(r.names.Decls) - 1)
}

func (r *resolver) run(file *syntax.File) {
	// Module scope first (checker.collect): a name's first declaration
	// wins, and only it is checked further.
	var decls []syntax.Decl
	for _, d := range file.Decls {
		n := NameDecl{Module: true, Node: d, NameSpan: declNameSpan(d)}
		if n.Name, n.Kind = DeclaredName(d); n.Kind == 0 || n.Name == "" {
			continue
		}
		if _, dup := r.module[n.Name]; dup {
			continue
		}
		r.module[n.Name] = r.add(n)
		decls = append(decls, d)
	}
	// Then what each declaration refers to: every declaration's header
	// (members included), then the function bodies.
	for _, d := range decls {
		r.inside(d)
	}
	for _, d := range file.Decls {
		if a, ok := d.(*syntax.ConstAssert); ok {
			r.expr(a.Cond)
		}
	}
	for _, d := range decls {
		if f, ok := d.(*syntax.FuncDecl); ok {
			r.body(f)
		}
	}
}

// inside resolves what a module-scope declaration's attributes, types
// and initializer refer to (for a function: its header, not its body), and
// lists a struct's members.
func (r *resolver) inside(d syntax.Decl) {
	switch d := d.(type) {
	case *syntax.VarDecl:
		r.attrs(d.Attrs)
		r.expr(d.Type)
		r.expr(d.Init)
	case *syntax.FuncDecl:
		r.attrs(d.Attrs)
		for _, p := range d.Params {
			r.attrs(p.Attrs)
			r.expr(p.Type)
		}
		r.attrs(d.ReturnAttrs)
		r.expr(d.ReturnType)
	case *syntax.StructDecl:
		for _, m := range d.Members {
			r.attrs(m.Attrs)
			r.expr(m.Type)
			r.add(NameDecl{Kind: SymMember, Name: m.Name.Name, NameSpan: m.Name.Span, Node: m})
		}
	case *syntax.AliasDecl:
		r.expr(d.Type)
	}
}

// body resolves a function's parameters and statements, which share one
// scope.
func (r *resolver) body(f *syntax.FuncDecl) {
	r.push()
	for _, p := range f.Params {
		r.declare(NameDecl{Kind: SymParam, Name: p.Name.Name, NameSpan: p.Name.Span, Node: p})
	}
	if f.Body != nil {
		r.stmts(f.Body.Stmts)
	}
	r.pop()
}

func (r *resolver) push() { r.scopes = append(r.scopes, len(r.locals)) }

func (r *resolver) pop() {
	r.locals = r.locals[:r.scopes[len(r.scopes)-1]]
	r.scopes = r.scopes[:len(r.scopes)-1]
}

// declare lists a local and brings it into view, unless it is unnamed,
// `_`, or a redeclaration in the same scope (the first one stays in view,
// and the checker lists no symbol for the second).
func (r *resolver) declare(d NameDecl) {
	if d.Name == "" || d.Name == "_" {
		return
	}
	if r.findLocal(r.scopes[len(r.scopes)-1], d.Name) >= 0 {
		return
	}
	r.locals = append(r.locals, r.add(d))
}

// findLocal returns the innermost local named name declared in the
// scopes from locals[from:], or -1.
func (r *resolver) findLocal(from int, name string) int32 {
	for i := len(r.locals) - 1; i >= from; i-- {
		if d := r.locals[i]; r.names.Decls[d].Name == name {
			return d
		}
	}
	return -1
}

func (r *resolver) lookup(name string) int32 {
	if d := r.findLocal(0, name); d >= 0 {
		return d
	}
	if d, ok := r.module[name]; ok {
		return d
	}
	return -1
}

func (r *resolver) block(b *syntax.BlockStmt) {
	if b == nil {
		return
	}
	r.push()
	r.stmts(b.Stmts)
	r.pop()
}

func (r *resolver) stmts(list []syntax.Stmt) {
	for _, s := range list {
		r.stmt(s)
	}
}

func (r *resolver) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.BlockStmt:
		r.block(s)
	case *syntax.VarDecl:
		// The type and initializer see the names in view before the
		// declaration (`let x = x;` reads an outer x).
		r.expr(s.Type)
		r.expr(s.Init)
		r.declare(NameDecl{Kind: varSymbolKind(s.Kind), Name: s.Name.Name, NameSpan: s.Name.Span, Node: s})
	case *syntax.ConstAssert:
		r.expr(s.Cond)
	case *syntax.AssignStmt:
		r.expr(s.LHS)
		r.expr(s.RHS)
	case *syntax.IncDecStmt:
		r.expr(s.LHS)
	case *syntax.CallStmt:
		if s.Call != nil {
			r.expr(s.Call)
		}
	case *syntax.IfStmt:
		r.expr(s.Cond)
		r.block(s.Then)
		if s.Else != nil {
			r.stmt(s.Else)
		}
	case *syntax.SwitchStmt:
		r.expr(s.Tag)
		for _, cl := range s.Clauses {
			for _, sel := range cl.Selectors {
				r.expr(sel.Expr)
			}
		}
		for _, cl := range s.Clauses {
			r.block(cl.Body)
		}
	case *syntax.LoopStmt:
		// The continuing block sees the body's declarations.
		r.push()
		if s.Body != nil {
			r.stmts(s.Body.Stmts)
		}
		r.block(s.Continuing)
		r.pop()
	case *syntax.ForStmt:
		r.push()
		if s.Init != nil {
			r.stmt(s.Init)
		}
		r.expr(s.Cond)
		if s.Update != nil {
			r.stmt(s.Update)
		}
		r.block(s.Body)
		r.pop()
	case *syntax.WhileStmt:
		r.expr(s.Cond)
		r.block(s.Body)
	case *syntax.BreakIfStmt:
		r.expr(s.Cond)
	case *syntax.ReturnStmt:
		r.expr(s.Value)
	}
}

// attrs resolves the arguments of the attributes whose arguments are
// expressions; @builtin, @interpolate and @diagnostic take names that are
// not looked up.
func (r *resolver) attrs(list []*syntax.Attribute) {
	for _, a := range list {
		switch a.Name.Name {
		case "align", "binding", "blend_src", "group", "id", "location", "size", "workgroup_size":
			for _, x := range a.Args {
				r.expr(x)
			}
		}
	}
}

func (r *resolver) ident(e *syntax.IdentExpr) {
	if e == nil {
		return
	}
	if e.Name.Name != "" {
		if d := r.lookup(e.Name.Name); d >= 0 {
			r.names.Refs = append(r.names.Refs, NameRef{Span: e.Name.Span, Decl: d})
		}
	}
	if e.Template != nil {
		for _, x := range e.Template.Args {
			r.expr(x)
		}
	}
}

func (r *resolver) expr(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.IdentExpr:
		r.ident(e)
	case *syntax.CallExpr:
		r.ident(e.Callee)
		for _, x := range e.Args {
			r.expr(x)
		}
	case *syntax.BinaryExpr:
		r.expr(e.X)
		r.expr(e.Y)
	case *syntax.UnaryExpr:
		r.expr(e.X)
	case *syntax.ParenExpr:
		r.expr(e.X)
	case *syntax.IndexExpr:
		r.expr(e.X)
		r.expr(e.Index)
	case *syntax.MemberExpr:
		r.expr(e.X)
	}
}
