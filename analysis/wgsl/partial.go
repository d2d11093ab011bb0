package wgsl

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/rts-lsp/rts-lsp/analysis/diag"
	"github.com/rts-lsp/rts-lsp/analysis/wgsl/syntax"
)

// AnalyzeFunc is AnalyzeParsed narrowed to what questions about one
// function need: every module-scope declaration is resolved (types,
// constant values, layouts, function signatures), but of the function
// bodies only fn's is checked (none when fn is nil), and no whole-program
// pass runs (recursion, entry-point interfaces, uniformity, unused
// variables). So an editor can answer a hover or a completion inside fn,
// or at module scope, right after an edit, in a fraction of the full
// check's time.
//
// What the result says of module-scope declarations and of fn (Symbols,
// Refs, Exprs) is what AnalyzeParsed's says (TestAnalyzeFuncMatches); of
// other bodies it says nothing, and its Diagnostics are not the
// document's: report those of AnalyzeParsed.
func AnalyzeFunc(ctx context.Context, src []byte, file *syntax.File, parseDiags []diag.Diagnostic, fn *syntax.FuncDecl) *Result {
	res := &Result{File: file}
	// The index holds module scope and one body or a few: far less than
	// initIndex sizes for a whole file.
	span := file.Span
	if fn != nil {
		span = fn.Span
	}
	res.Refs = make(map[*syntax.IdentExpr]*Symbol, min(span.Len(), len(src)/4)/24+64)
	res.Exprs = make([]TypedExpr, 0, min(span.Len(), len(src)/4)/16+256)
	c := newChecker(src, file, res)
	c.ctx = ctx
	c.diags = parseDiags[:len(parseDiags):len(parseDiags)]
	c.parseDiags = len(parseDiags)
	func() {
		defer func() {
			if r := recover(); r != nil {
				c.diags = append(c.diags, diag.Diagnostic{
					Severity: diag.Error, Code: CodeInternal,
					Message: fmt.Sprintf("internal error in the WGSL checker: %v\n%s", r, debug.Stack()),
				})
			}
		}()
		c.runFunc(fn)
	}()
	res.Diagnostics = c.finish()
	res.Canceled = c.canceled
	return res
}

// runFunc is run's module-scope phase and fn's body (see AnalyzeFunc).
func (c *checker) runFunc(fn *syntax.FuncDecl) {
	if !c.runModule() || fn == nil {
		return
	}
	for _, s := range c.modList {
		if s.Kind == SymFunc && s.Node == fn {
			c.checkBody(s)
			return
		}
	}
}
