package syntax

import "github.com/rts-lsp/rts-lsp/analysis/diag"

// AST contracts (valid for every tree Parse returns, whatever the input):
//
//   - Every node has a Span: the byte range [Start, End) it covers in the
//     source, with 0 <= Start <= End <= len(src). A node's span contains the
//     spans of its children. Spans are never negative, even for broken input.
//   - A required child that is missing from the source is either nil (only
//     where documented: optional parts such as VarDecl.Type or
//     ReturnStmt.Value) or a Bad* node (BadExpr, BadStmt, BadDecl). A missing
//     expression is a zero-length BadExpr at the end of the token before the
//     place it was expected (so it stays inside its parent); a skipped
//     stretch is a BadStmt or BadDecl covering it. An Ident value that is
//     missing has Name "" and a zero-length span (normally also at the end of
//     the previous token). A syntax error has then always been reported.
//   - Names (Ident.Name, LiteralExpr.Text) are substrings of the source.
//   - Type positions hold ordinary expressions: in WGSL a type is a
//     template_elaborated_ident, which parses as an *IdentExpr (for example
//     `array<vec3<f32>, 4>` is IdentExpr{Name: array, Template: [IdentExpr
//     vec3<f32>, LiteralExpr 4]}). A malformed type is a *BadExpr.
//   - Slices are in source order and may be empty.

// Node is any AST node.
type Node interface {
	// NodeSpan returns the node's byte range in the source.
	NodeSpan() diag.Span
}

// Expr is an expression node: *IdentExpr, *LiteralExpr, *ParenExpr,
// *UnaryExpr, *BinaryExpr, *IndexExpr, *MemberExpr, *CallExpr, *PhonyExpr
// (only as AssignStmt.LHS) or *BadExpr.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node: *BlockStmt, *VarDecl (let/var/const),
// *ConstAssert, *AssignStmt, *IncDecStmt, *CallStmt, *IfStmt, *SwitchStmt,
// *LoopStmt, *ForStmt, *WhileStmt, *BreakStmt, *BreakIfStmt (only as the last
// statement of a continuing block), *ContinueStmt, *ReturnStmt,
// *DiscardStmt, *EmptyStmt or *BadStmt.
type Stmt interface {
	Node
	stmtNode()
}

// Decl is a module-scope declaration: *VarDecl (var/const/override, and let,
// which the parser reports as an error at module scope but still returns),
// *FuncDecl, *StructDecl, *AliasDecl, *ConstAssert or *BadDecl.
type Decl interface {
	Node
	declNode()
}

// File is the AST of one WGSL document.
type File struct {
	Span       diag.Span // always [0, len(src))
	Directives []*Directive
	Decls      []Decl

	numIdents   int32 // see NumIdents
	numVarDecls int32 // see NumVarDecls
	reparses    int   // Reparse results in a row that led to this one (0: Parse)
	// declStarts are, for each of Decls, the identifier and var
	// declaration counts when the parser started it: the first indexes a
	// reparse from there hands out (Reparse).
	declStarts []indexes
}

// indexes are counts of IdentExpr and VarDecl nodes made.
type indexes struct{ idents, vars int32 }

// NumIdents is the number of IdentExpr nodes Parse made for the file (see
// IdentExpr.Index); 0 for a tree built by hand.
func (f *File) NumIdents() int { return int(f.numIdents) }

// NumVarDecls is the number of VarDecl nodes Parse made for the file (see
// VarDecl.Index); 0 for a tree built by hand.
func (f *File) NumVarDecls() int { return int(f.numVarDecls) }

// Ident is a name and where it is written. A missing name has Name "" and a
// zero-length Span.
type Ident struct {
	Span diag.Span
	Name string
}

// DirectiveKind tells enable, requires and diagnostic directives apart.
type DirectiveKind uint8

const (
	DirectiveEnable DirectiveKind = iota + 1
	DirectiveRequires
	DirectiveDiagnostic
)

// Directive is a global directive: `enable f16, clip_distances;`,
// `requires readonly_and_readwrite_storage_textures;` or
// `diagnostic(off, derivative_uniformity);`.
type Directive struct {
	Span    diag.Span
	Kind    DirectiveKind
	Keyword diag.Span // the enable/requires/diagnostic keyword
	// Names are the extensions of enable and requires (empty for diagnostic).
	Names []Ident
	// Control is set for DirectiveDiagnostic only.
	Control *DiagnosticControl
}

// DiagnosticControl is the `(severity, rule)` part of a diagnostic directive.
// Rule is `name` or `namespace.name`: RuleNamespace is then set.
type DiagnosticControl struct {
	Span          diag.Span
	Severity      Ident
	RuleNamespace Ident // Name "" when the rule has no namespace
	Rule          Ident
}

// Attribute is `@name` or `@name(args...)`. Arguments are plain expressions
// (an identifier such as `position` in @builtin(position) is an *IdentExpr;
// the rule `a.b` of @diagnostic(off, a.b) is a *MemberExpr).
type Attribute struct {
	Span      diag.Span
	Name      Ident
	HasParens bool
	Args      []Expr
}

// TemplateList is the `<a, b>` of a template_elaborated_ident; Span includes
// the angle brackets.
type TemplateList struct {
	Span diag.Span
	Args []Expr
}

// ---- expressions ----

// IdentExpr is a (possibly templated) identifier: a variable reference, a
// type (`f32`, `array<u32, 4>`), an enumerant (`read_write`) or the callee of
// a CallExpr. Template is nil when there is no template list.
type IdentExpr struct {
	Name     Ident
	Template *TemplateList

	index int32 // see Index
}

// Span is the identifier's byte range, its template list included. (It is
// computed rather than stored: identifiers are the most numerous nodes.)
func (e *IdentExpr) Span() diag.Span {
	if e.Template != nil && e.Template.Span.End > e.Name.Span.End {
		return diag.Span{Start: e.Name.Span.Start, End: e.Template.Span.End}
	}
	return e.Name.Span
}

// Index numbers the identifier expressions of a tree made by Parse densely
// from 0, in parse order (File.NumIdents is one more than the largest), so
// that side tables about identifiers can be slices instead of maps. It is
// 0 for a node built by hand.
func (e *IdentExpr) Index() int { return int(e.index) }

// LitKind classifies literals.
type LitKind uint8

const (
	LitBool LitKind = iota + 1
	LitInt
	LitFloat
)

// LiteralExpr is a bool, integer or float literal. Text is the literal as
// written, suffix included; Suffix is 0 or one of 'i', 'u', 'f', 'h'; Hex
// tells whether it starts with 0x/0X.
type LiteralExpr struct {
	Span   diag.Span
	Text   string
	Kind   LitKind
	Suffix byte
	Hex    bool
}

// ParenExpr is `(X)`.
type ParenExpr struct {
	Span diag.Span
	X    Expr
}

// UnaryExpr is `Op X` with Op one of TokMinus, TokBang, TokTilde, TokStar
// (dereference) or TokAnd (address-of). The operator starts the span.
type UnaryExpr struct {
	Span diag.Span
	Op   TokenKind
	X    Expr
}

// OpSpan is the operator's byte range.
func (e *UnaryExpr) OpSpan() diag.Span { return opSpan(e.Op, int32(e.Span.Start)) }

// BinaryExpr is `X Op Y` with Op a binary operator token kind: TokPlus,
// TokMinus, TokStar, TokSlash, TokPercent, TokShl, TokShr, TokAnd, TokOr,
// TokXor, TokAndAnd, TokOrOr, TokEqEq, TokNotEq, TokLt, TokLtEq, TokGt,
// TokGtEq.
type BinaryExpr struct {
	Span    diag.Span
	Op      TokenKind
	opStart int32 // see OpSpan
	X, Y    Expr
}

// OpSpan is the operator's byte range (at offset 0 in a node built by
// hand: Parse records where the operator is).
func (e *BinaryExpr) OpSpan() diag.Span { return opSpan(e.Op, e.opStart) }

// opSpan is the byte range of an operator token of kind k at start (the
// spans are computed, not stored, to keep the nodes small).
func opSpan(k TokenKind, start int32) diag.Span {
	return diag.Span{Start: int(start), End: int(start) + len(k.String())}
}

// IndexExpr is `X[Index]`.
type IndexExpr struct {
	Span  diag.Span
	X     Expr
	Index Expr
}

// MemberExpr is `X.Member` (a struct member or a vector swizzle).
type MemberExpr struct {
	Span   diag.Span
	X      Expr
	Member Ident
}

// CallExpr is a function call, value constructor or type constructor:
// `f(a)`, `vec3<f32>(1.0)`, `array(1, 2)`. The callee's template list, if
// any, is Callee.Template. Args excludes a trailing comma.
type CallExpr struct {
	Span   diag.Span
	Callee *IdentExpr
	Args   []Expr
}

// PhonyExpr is the `_` on the left of a phony assignment `_ = e`.
type PhonyExpr struct {
	Span diag.Span
}

// BadExpr stands for a missing or malformed expression; a syntax error has
// been reported for it.
type BadExpr struct {
	Span diag.Span
}

// ---- declarations (some are also statements) ----

// VarKind tells the four value declarations apart.
type VarKind uint8

const (
	VarVar VarKind = iota + 1
	VarLet
	VarConst
	VarOverride
)

func (k VarKind) String() string {
	switch k {
	case VarVar:
		return "var"
	case VarLet:
		return "let"
	case VarConst:
		return "const"
	case VarOverride:
		return "override"
	}
	return "?"
}

// VarDecl is `var<space, access> name: T = init`, `let`, `const` or
// `override`, at module or function scope. Template is only set for var
// (nil when there is no `<...>`); its arguments are *IdentExpr enumerants
// (`storage`, `read_write`). Type and Init are nil when omitted. Attrs are
// the attributes written before the declaration (@group, @binding, @id).
type VarDecl struct {
	Span     diag.Span
	Attrs    []*Attribute
	Kind     VarKind
	index    int32 // see Index
	Keyword  diag.Span
	Template *TemplateList
	Name     Ident
	Type     Expr
	Init     Expr
}

// Index numbers the VarDecl nodes of a tree made by Parse densely from 0,
// in parse order (File.NumVarDecls is one more than the largest), like
// IdentExpr.Index. It is 0 for a node built by hand.
func (d *VarDecl) Index() int { return int(d.index) }

// FuncDecl is `@attrs fn name(params) -> @ret_attrs T { body }`.
// ReturnType is nil when there is no `->`. Body is never nil (a missing body
// is an empty BlockStmt with a zero-length span).
type FuncDecl struct {
	Span        diag.Span
	Attrs       []*Attribute
	Name        Ident
	Params      []*Param
	ReturnAttrs []*Attribute
	ReturnType  Expr
	Body        *BlockStmt
}

// Param is a function parameter `@attrs name: T`.
type Param struct {
	Span  diag.Span
	Attrs []*Attribute
	Name  Ident
	Type  Expr
}

// StructDecl is `struct Name { members }`.
type StructDecl struct {
	Span    diag.Span
	Attrs   []*Attribute // not valid WGSL; kept so the checker can report them
	Name    Ident
	Members []*StructMember
}

// StructMember is `@attrs name: T`.
type StructMember struct {
	Span  diag.Span
	Attrs []*Attribute
	Name  Ident
	Type  Expr
}

// AliasDecl is `alias Name = T;`.
type AliasDecl struct {
	Span  diag.Span
	Attrs []*Attribute // not valid WGSL; kept so the checker can report them
	Name  Ident
	Type  Expr
}

// ConstAssert is `const_assert cond;` at module or function scope.
type ConstAssert struct {
	Span diag.Span
	Cond Expr
}

// BadDecl is a module-scope stretch the parser skipped after a syntax error.
type BadDecl struct {
	Span diag.Span
}

// ---- statements ----

// BlockStmt is `{ stmts }`. Attrs are the attributes of a compound statement
// written as a statement of its own (`@diagnostic(off, x) { ... }`).
type BlockStmt struct {
	Span  diag.Span
	Attrs []*Attribute
	Stmts []Stmt
}

// AssignStmt is `LHS Op RHS` where Op is TokEq or a compound assignment
// (TokPlusEq, TokMinusEq, TokStarEq, TokSlashEq, TokPercentEq, TokAndEq,
// TokOrEq, TokXorEq, TokShrEq, TokShlEq). LHS is a *PhonyExpr for `_ = e`.
type AssignStmt struct {
	Span    diag.Span
	Op      TokenKind
	opStart int32 // see OpSpan
	LHS     Expr
	RHS     Expr
}

// OpSpan is the operator's byte range (at offset 0 in a node built by
// hand: Parse records where the operator is).
func (s *AssignStmt) OpSpan() diag.Span { return opSpan(s.Op, s.opStart) }

// IncDecStmt is `LHS++` (Inc true) or `LHS--`.
type IncDecStmt struct {
	Span    diag.Span
	Inc     bool
	opStart int32 // see OpSpan
	LHS     Expr
}

// OpSpan is the operator's byte range (at offset 0 in a node built by
// hand: Parse records where the operator is).
func (s *IncDecStmt) OpSpan() diag.Span {
	if s.Inc {
		return opSpan(TokPlusPlus, s.opStart)
	}
	return opSpan(TokMinusMinus, s.opStart)
}

// CallStmt is a function call used as a statement.
type CallStmt struct {
	Span diag.Span
	Call *CallExpr
}

// IfStmt is `if Cond Then else Else`. Else is nil, an *IfStmt (else if) or a
// *BlockStmt.
type IfStmt struct {
	Span  diag.Span
	Attrs []*Attribute
	Cond  Expr
	Then  *BlockStmt
	Else  Stmt
}

// SwitchStmt is `switch Tag @body_attrs { clauses }`.
type SwitchStmt struct {
	Span      diag.Span
	Attrs     []*Attribute
	Tag       Expr
	BodyAttrs []*Attribute
	Clauses   []*CaseClause
}

// CaseClause is `case s1, s2, default: { body }` or `default { body }`.
// A `default` clause, or the `default` inside a selector list, is a
// CaseSelector with Default set and Expr nil.
type CaseClause struct {
	Span      diag.Span
	Selectors []CaseSelector
	Body      *BlockStmt
}

// CaseSelector is one selector of a case clause.
type CaseSelector struct {
	Span    diag.Span
	Default bool
	Expr    Expr // nil when Default
}

// LoopStmt is `loop @body_attrs { body continuing { ... } }`. Body holds the
// statements before `continuing` (its span is the whole braced body);
// Continuing is nil when absent.
type LoopStmt struct {
	Span       diag.Span
	Attrs      []*Attribute
	BodyAttrs  []*Attribute
	Body       *BlockStmt
	Continuing *BlockStmt
}

// BreakIfStmt is `break if Cond;`, valid only as the last statement of a
// continuing block.
type BreakIfStmt struct {
	Span diag.Span
	Cond Expr
}

// ForStmt is `for (Init; Cond; Update) Body`; Init, Cond and Update are nil
// when omitted. Init is a *VarDecl, *AssignStmt, *IncDecStmt or *CallStmt;
// Update is an *AssignStmt, *IncDecStmt or *CallStmt.
type ForStmt struct {
	Span   diag.Span
	Attrs  []*Attribute
	Init   Stmt
	Cond   Expr
	Update Stmt
	Body   *BlockStmt
}

// WhileStmt is `while Cond Body`.
type WhileStmt struct {
	Span  diag.Span
	Attrs []*Attribute
	Cond  Expr
	Body  *BlockStmt
}

// BreakStmt is `break;`.
type BreakStmt struct{ Span diag.Span }

// ContinueStmt is `continue;`.
type ContinueStmt struct{ Span diag.Span }

// DiscardStmt is `discard;`.
type DiscardStmt struct{ Span diag.Span }

// ReturnStmt is `return Value;`; Value is nil for a bare return.
type ReturnStmt struct {
	Span  diag.Span
	Value Expr
}

// EmptyStmt is a lone `;`.
type EmptyStmt struct{ Span diag.Span }

// BadStmt is a stretch the parser skipped after a syntax error.
type BadStmt struct{ Span diag.Span }

// ---- interface plumbing ----

func (n *File) NodeSpan() diag.Span              { return n.Span }
func (n *Directive) NodeSpan() diag.Span         { return n.Span }
func (n *DiagnosticControl) NodeSpan() diag.Span { return n.Span }
func (n *Attribute) NodeSpan() diag.Span         { return n.Span }
func (n *TemplateList) NodeSpan() diag.Span      { return n.Span }
func (n *IdentExpr) NodeSpan() diag.Span         { return n.Span() }
func (n *LiteralExpr) NodeSpan() diag.Span       { return n.Span }
func (n *ParenExpr) NodeSpan() diag.Span         { return n.Span }
func (n *UnaryExpr) NodeSpan() diag.Span         { return n.Span }
func (n *BinaryExpr) NodeSpan() diag.Span        { return n.Span }
func (n *IndexExpr) NodeSpan() diag.Span         { return n.Span }
func (n *MemberExpr) NodeSpan() diag.Span        { return n.Span }
func (n *CallExpr) NodeSpan() diag.Span          { return n.Span }
func (n *PhonyExpr) NodeSpan() diag.Span         { return n.Span }
func (n *BadExpr) NodeSpan() diag.Span           { return n.Span }
func (n *VarDecl) NodeSpan() diag.Span           { return n.Span }
func (n *FuncDecl) NodeSpan() diag.Span          { return n.Span }
func (n *Param) NodeSpan() diag.Span             { return n.Span }
func (n *StructDecl) NodeSpan() diag.Span        { return n.Span }
func (n *StructMember) NodeSpan() diag.Span      { return n.Span }
func (n *AliasDecl) NodeSpan() diag.Span         { return n.Span }
func (n *ConstAssert) NodeSpan() diag.Span       { return n.Span }
func (n *BadDecl) NodeSpan() diag.Span           { return n.Span }
func (n *BlockStmt) NodeSpan() diag.Span         { return n.Span }
func (n *AssignStmt) NodeSpan() diag.Span        { return n.Span }
func (n *IncDecStmt) NodeSpan() diag.Span        { return n.Span }
func (n *CallStmt) NodeSpan() diag.Span          { return n.Span }
func (n *IfStmt) NodeSpan() diag.Span            { return n.Span }
func (n *SwitchStmt) NodeSpan() diag.Span        { return n.Span }
func (n *CaseClause) NodeSpan() diag.Span        { return n.Span }
func (n *LoopStmt) NodeSpan() diag.Span          { return n.Span }
func (n *BreakIfStmt) NodeSpan() diag.Span       { return n.Span }
func (n *ForStmt) NodeSpan() diag.Span           { return n.Span }
func (n *WhileStmt) NodeSpan() diag.Span         { return n.Span }
func (n *BreakStmt) NodeSpan() diag.Span         { return n.Span }
func (n *ContinueStmt) NodeSpan() diag.Span      { return n.Span }
func (n *DiscardStmt) NodeSpan() diag.Span       { return n.Span }
func (n *ReturnStmt) NodeSpan() diag.Span        { return n.Span }
func (n *EmptyStmt) NodeSpan() diag.Span         { return n.Span }
func (n *BadStmt) NodeSpan() diag.Span           { return n.Span }

func (*IdentExpr) exprNode()   {}
func (*LiteralExpr) exprNode() {}
func (*ParenExpr) exprNode()   {}
func (*UnaryExpr) exprNode()   {}
func (*BinaryExpr) exprNode()  {}
func (*IndexExpr) exprNode()   {}
func (*MemberExpr) exprNode()  {}
func (*CallExpr) exprNode()    {}
func (*PhonyExpr) exprNode()   {}
func (*BadExpr) exprNode()     {}

func (*VarDecl) declNode()     {}
func (*FuncDecl) declNode()    {}
func (*StructDecl) declNode()  {}
func (*AliasDecl) declNode()   {}
func (*ConstAssert) declNode() {}
func (*BadDecl) declNode()     {}

func (*BlockStmt) stmtNode()    {}
func (*VarDecl) stmtNode()      {}
func (*ConstAssert) stmtNode()  {}
func (*AssignStmt) stmtNode()   {}
func (*IncDecStmt) stmtNode()   {}
func (*CallStmt) stmtNode()     {}
func (*IfStmt) stmtNode()       {}
func (*SwitchStmt) stmtNode()   {}
func (*LoopStmt) stmtNode()     {}
func (*BreakIfStmt) stmtNode()  {}
func (*ForStmt) stmtNode()      {}
func (*WhileStmt) stmtNode()    {}
func (*BreakStmt) stmtNode()    {}
func (*ContinueStmt) stmtNode() {}
func (*DiscardStmt) stmtNode()  {}
func (*ReturnStmt) stmtNode()   {}
func (*EmptyStmt) stmtNode()    {}
func (*BadStmt) stmtNode()      {}
