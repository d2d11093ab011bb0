package syntax

import (
	"strings"
)

// Dump renders a node as a compact S-expression, for tests and debugging.
// The format is not stable API: expressions print as `(op x y)`,
// `(call f<T> a b)`, `(index a i)`, `(. a m)`; declarations and statements as
// `(var<storage,read> name T init)`, `(if cond (block ...) else)` and so on;
// a missing part prints as `_`, a Bad node as `<bad>`.
func Dump(n Node) string {
	var b strings.Builder
	dump(&b, n)
	return b.String()
}

func dump(b *strings.Builder, n Node) {
	if n == nil || isNilNode(n) {
		b.WriteString("_")
		return
	}
	w := b.WriteString
	list := func(head string, parts ...Node) {
		w("(" + head)
		for _, p := range parts {
			w(" ")
			dump(b, p)
		}
		w(")")
	}
	switch n := n.(type) {
	case *File:
		w("(file")
		for _, d := range n.Directives {
			w(" ")
			dump(b, d)
		}
		for _, d := range n.Decls {
			w(" ")
			dump(b, d)
		}
		w(")")
	case *Directive:
		switch n.Kind {
		case DirectiveEnable, DirectiveRequires:
			w("(" + map[DirectiveKind]string{DirectiveEnable: "enable", DirectiveRequires: "requires"}[n.Kind])
			for _, id := range n.Names {
				w(" " + id.Name)
			}
			w(")")
		default:
			c := n.Control
			w("(diagnostic " + c.Severity.Name + " ")
			if c.RuleNamespace.Name != "" {
				w(c.RuleNamespace.Name + ".")
			}
			w(c.Rule.Name + ")")
		}
	case *Attribute:
		w("@" + n.Name.Name)
		if n.HasParens {
			w("(")
			for i, a := range n.Args {
				if i > 0 {
					w(" ")
				}
				dump(b, a)
			}
			w(")")
		}
	case *TemplateList:
		w("<")
		for i, a := range n.Args {
			if i > 0 {
				w(",")
			}
			dump(b, a)
		}
		w(">")
	case *IdentExpr:
		w(n.Name.Name)
		if n.Template != nil {
			dump(b, n.Template)
		}
	case *LiteralExpr:
		w(n.Text)
	case *ParenExpr:
		list("paren", n.X)
	case *UnaryExpr:
		list(n.Op.String(), n.X)
	case *BinaryExpr:
		list(n.Op.String(), n.X, n.Y)
	case *IndexExpr:
		list("index", n.X, n.Index)
	case *MemberExpr:
		w("(. ")
		dump(b, n.X)
		w(" " + n.Member.Name + ")")
	case *CallExpr:
		parts := []Node{n.Callee}
		for _, a := range n.Args {
			parts = append(parts, a)
		}
		list("call", parts...)
	case *PhonyExpr:
		w("_")
	case *BadExpr, *BadStmt, *BadDecl:
		w("<bad>")
	case *VarDecl:
		w("(")
		dumpAttrs(b, n.Attrs)
		w(n.Kind.String())
		if n.Template != nil {
			dump(b, n.Template)
		}
		w(" " + n.Name.Name + " ")
		dump(b, n.Type)
		w(" ")
		dump(b, n.Init)
		w(")")
	case *FuncDecl:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("fn " + n.Name.Name + " (")
		for i, prm := range n.Params {
			if i > 0 {
				w(" ")
			}
			dump(b, prm)
		}
		w(") ")
		dumpAttrs(b, n.ReturnAttrs)
		dump(b, n.ReturnType)
		w(" ")
		dump(b, n.Body)
		w(")")
	case *Param:
		dumpAttrs(b, n.Attrs)
		w(n.Name.Name + ":")
		dump(b, n.Type)
	case *StructDecl:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("struct " + n.Name.Name)
		for _, m := range n.Members {
			w(" ")
			dump(b, m)
		}
		w(")")
	case *StructMember:
		dumpAttrs(b, n.Attrs)
		w(n.Name.Name + ":")
		dump(b, n.Type)
	case *AliasDecl:
		w("(alias " + n.Name.Name + " ")
		dump(b, n.Type)
		w(")")
	case *ConstAssert:
		list("const_assert", n.Cond)
	case *BlockStmt:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("block")
		for _, s := range n.Stmts {
			w(" ")
			dump(b, s)
		}
		w(")")
	case *AssignStmt:
		list(n.Op.String(), n.LHS, n.RHS)
	case *IncDecStmt:
		if n.Inc {
			list("++", n.LHS)
		} else {
			list("--", n.LHS)
		}
	case *CallStmt:
		dump(b, n.Call)
	case *IfStmt:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("if ")
		dump(b, n.Cond)
		w(" ")
		dump(b, n.Then)
		w(" ")
		dump(b, n.Else)
		w(")")
	case *SwitchStmt:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("switch ")
		dump(b, n.Tag)
		for _, c := range n.Clauses {
			w(" ")
			dump(b, c)
		}
		w(")")
	case *CaseClause:
		w("(case")
		for _, s := range n.Selectors {
			w(" ")
			if s.Default {
				w("default")
			} else {
				dump(b, s.Expr)
			}
		}
		w(" ")
		dump(b, n.Body)
		w(")")
	case *LoopStmt:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("loop ")
		dump(b, n.Body)
		if n.Continuing != nil {
			w(" continuing")
			dump(b, n.Continuing)
		}
		w(")")
	case *BreakIfStmt:
		list("break-if", n.Cond)
	case *ForStmt:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("for ")
		dump(b, n.Init)
		w(" ")
		dump(b, n.Cond)
		w(" ")
		dump(b, n.Update)
		w(" ")
		dump(b, n.Body)
		w(")")
	case *WhileStmt:
		w("(")
		dumpAttrs(b, n.Attrs)
		w("while ")
		dump(b, n.Cond)
		w(" ")
		dump(b, n.Body)
		w(")")
	case *BreakStmt:
		w("break")
	case *ContinueStmt:
		w("continue")
	case *DiscardStmt:
		w("discard")
	case *ReturnStmt:
		list("return", n.Value)
	case *EmptyStmt:
		w(";")
	default:
		w("?")
	}
}

func dumpAttrs(b *strings.Builder, as []*Attribute) {
	for _, a := range as {
		dump(b, a)
		b.WriteString(" ")
	}
}

// isNilNode reports a typed nil pointer stored in a Node interface.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case *BlockStmt:
		return n == nil
	case *IdentExpr:
		return n == nil
	case *CallExpr:
		return n == nil
	case *TemplateList:
		return n == nil
	}
	return false
}
