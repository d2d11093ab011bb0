package wgsl

// Stable diagnostic codes emitted by the checker. Each has a document
// docs/diagnostics/CODE.md.
const (
	CodeUndeclared      = "undeclared"
	CodeRedeclared      = "redeclared"
	CodeTypeMismatch    = "type-mismatch"
	CodeNoOverload      = "no-matching-overload"
	CodeArgCount        = "wrong-argument-count"
	CodeConstEval       = "const-eval-error"
	CodeOutOfBounds     = "index-out-of-bounds"
	CodeNotConst        = "not-constant"
	CodeInvalidAssign   = "invalid-assignment"
	CodeUnusedVariable  = "unused-variable"
	CodeMissingReturn   = "missing-return"
	CodeMustUse         = "unused-result"
	CodeConstAssert     = "const-assert-failed"
	CodeAttribute       = "invalid-attribute"
	CodeBinding         = "duplicate-binding"
	CodeEntryPoint      = "invalid-entry-point"
	CodeAddressSpace    = "invalid-address-space"
	CodeLayout          = "invalid-layout"
	CodeUniformity      = "non-uniform-call"
	CodeCycle           = "cyclic-declaration"
	CodeRecursion       = "recursion"
	CodeExtension       = "extension-required"
	CodeDirective       = "invalid-directive"
	CodeControlFlow     = "invalid-control-flow"
	CodeInvalidType     = "invalid-type"
	CodeStage           = "invalid-stage"
	CodeMember          = "unknown-member"
	CodeInvalidExpr     = "invalid-expression"
	CodeInvalidDecl     = "invalid-declaration"
	CodeAlias           = "pointer-alias"
	CodeSwitch          = "invalid-switch"
	CodeUnknownDiagRule = "unknown-diagnostic-rule"
	CodeInternal        = "internal-error"
)

// Codes lists every code the checker emits (syntax errors come from
// ./syntax), for catalogue completeness checks and tooling.
var Codes = []string{
	CodeUndeclared, CodeRedeclared, CodeTypeMismatch, CodeNoOverload, CodeArgCount, CodeConstEval,
	CodeOutOfBounds, CodeNotConst, CodeInvalidAssign, CodeUnusedVariable, CodeMissingReturn, CodeMustUse,
	CodeConstAssert, CodeAttribute, CodeBinding, CodeEntryPoint, CodeAddressSpace, CodeLayout,
	CodeUniformity, CodeCycle, CodeRecursion, CodeExtension, CodeDirective, CodeControlFlow,
	CodeInvalidType, CodeStage, CodeMember, CodeInvalidExpr, CodeInvalidDecl, CodeAlias, CodeSwitch,
	CodeUnknownDiagRule, CodeInternal,
}
