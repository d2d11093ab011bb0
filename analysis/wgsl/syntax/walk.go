package syntax

// Inspect traverses the tree rooted at n in source order: it calls f(n),
// and if f returns true, visits each non-nil child. Attributes, template
// lists, directives, parameters, struct members and case clauses are visited
// as nodes too; Ident values are not nodes (read them from their parent).
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch n := n.(type) {
	case *File:
		for _, d := range n.Directives {
			Inspect(d, f)
		}
		for _, d := range n.Decls {
			Inspect(d, f)
		}
	case *Directive:
		if n.Control != nil {
			Inspect(n.Control, f)
		}
	case *Attribute:
		inspectExprs(n.Args, f)
	case *TemplateList:
		inspectExprs(n.Args, f)
	case *IdentExpr:
		if n.Template != nil {
			Inspect(n.Template, f)
		}
	case *ParenExpr:
		inspectExpr(n.X, f)
	case *UnaryExpr:
		inspectExpr(n.X, f)
	case *BinaryExpr:
		inspectExpr(n.X, f)
		inspectExpr(n.Y, f)
	case *IndexExpr:
		inspectExpr(n.X, f)
		inspectExpr(n.Index, f)
	case *MemberExpr:
		inspectExpr(n.X, f)
	case *CallExpr:
		if n.Callee != nil {
			Inspect(n.Callee, f)
		}
		inspectExprs(n.Args, f)
	case *VarDecl:
		inspectAttrs(n.Attrs, f)
		if n.Template != nil {
			Inspect(n.Template, f)
		}
		inspectExpr(n.Type, f)
		inspectExpr(n.Init, f)
	case *FuncDecl:
		inspectAttrs(n.Attrs, f)
		for _, prm := range n.Params {
			Inspect(prm, f)
		}
		inspectAttrs(n.ReturnAttrs, f)
		inspectExpr(n.ReturnType, f)
		if n.Body != nil {
			Inspect(n.Body, f)
		}
	case *Param:
		inspectAttrs(n.Attrs, f)
		inspectExpr(n.Type, f)
	case *StructDecl:
		inspectAttrs(n.Attrs, f)
		for _, m := range n.Members {
			Inspect(m, f)
		}
	case *StructMember:
		inspectAttrs(n.Attrs, f)
		inspectExpr(n.Type, f)
	case *AliasDecl:
		inspectAttrs(n.Attrs, f)
		inspectExpr(n.Type, f)
	case *ConstAssert:
		inspectExpr(n.Cond, f)
	case *BlockStmt:
		inspectAttrs(n.Attrs, f)
		for _, s := range n.Stmts {
			Inspect(s, f)
		}
	case *AssignStmt:
		inspectExpr(n.LHS, f)
		inspectExpr(n.RHS, f)
	case *IncDecStmt:
		inspectExpr(n.LHS, f)
	case *CallStmt:
		if n.Call != nil {
			Inspect(n.Call, f)
		}
	case *IfStmt:
		inspectAttrs(n.Attrs, f)
		inspectExpr(n.Cond, f)
		if n.Then != nil {
			Inspect(n.Then, f)
		}
		if n.Else != nil {
			Inspect(n.Else, f)
		}
	case *SwitchStmt:
		inspectAttrs(n.Attrs, f)
		inspectExpr(n.Tag, f)
		inspectAttrs(n.BodyAttrs, f)
		for _, c := range n.Clauses {
			Inspect(c, f)
		}
	case *CaseClause:
		for _, s := range n.Selectors {
			inspectExpr(s.Expr, f)
		}
		if n.Body != nil {
			Inspect(n.Body, f)
		}
	case *LoopStmt:
		inspectAttrs(n.Attrs, f)
		inspectAttrs(n.BodyAttrs, f)
		if n.Body != nil {
			Inspect(n.Body, f)
		}
		if n.Continuing != nil {
			Inspect(n.Continuing, f)
		}
	case *BreakIfStmt:
		inspectExpr(n.Cond, f)
	case *ForStmt:
		inspectAttrs(n.Attrs, f)
		if n.Init != nil {
			Inspect(n.Init, f)
		}
		inspectExpr(n.Cond, f)
		if n.Update != nil {
			Inspect(n.Update, f)
		}
		if n.Body != nil {
			Inspect(n.Body, f)
		}
	case *WhileStmt:
		inspectAttrs(n.Attrs, f)
		inspectExpr(n.Cond, f)
		if n.Body != nil {
			Inspect(n.Body, f)
		}
	case *ReturnStmt:
		inspectExpr(n.Value, f)
	}
}

func inspectExpr(x Expr, f func(Node) bool) {
	if x != nil {
		Inspect(x, f)
	}
}

func inspectExprs(xs []Expr, f func(Node) bool) {
	for _, x := range xs {
		inspectExpr(x, f)
	}
}

func inspectAttrs(as []*Attribute, f func(Node) bool) {
	for _, a := range as {
		Inspect(a, f)
	}
}
