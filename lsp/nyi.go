// Written from the protocol.Server interface of go.lsp.dev/protocol v1.0.1
// (method list and wire names from its serverDispatch). Keep in step with
// the library: the compile-time check below fails if the interface changes.

package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// nyi implements every method of protocol.Server by answering that it is not
// yet implemented. The server type embeds it, so the feature files (hover.go,
// textsync.go, ...) hold only real features and adding one is a matter of
// defining the method on *server. Requests answer a MethodNotFound error
// naming the LSP method; notifications return the same error, which the
// dispatch wrapper (handler.go) logs and ignores instead of failing the
// connection.
type nyi struct{}

var _ protocol.Server = nyi{}

// errNYI is the error every unimplemented method returns.
func errNYI(method string) error {
	return &jsonrpc2.Error{Code: jsonrpc2.MethodNotFound, Message: "not yet implemented: " + method}
}

func (nyi) Initialize(_ context.Context, _ *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	return nil, errNYI(protocol.MethodInitialize)
}

func (nyi) Initialized(_ context.Context, _ *protocol.InitializedParams) error {
	return errNYI(protocol.MethodInitialized)
}

func (nyi) Shutdown(_ context.Context) error { return errNYI(protocol.MethodShutdown) }

func (nyi) Exit(_ context.Context) error { return errNYI(protocol.MethodExit) }

func (nyi) SetTrace(_ context.Context, _ *protocol.SetTraceParams) error {
	return errNYI(protocol.MethodSetTrace)
}

func (nyi) Progress(_ context.Context, _ *protocol.ProgressParams) error {
	return errNYI(protocol.MethodProgress)
}

func (nyi) WorkDoneProgressCancel(_ context.Context, _ *protocol.WorkDoneProgressCancelParams) error {
	return errNYI(protocol.MethodWindowWorkDoneProgressCancel)
}

func (nyi) DidOpen(_ context.Context, _ *protocol.DidOpenTextDocumentParams) error {
	return errNYI(protocol.MethodTextDocumentDidOpen)
}

func (nyi) DidChange(_ context.Context, _ *protocol.DidChangeTextDocumentParams) error {
	return errNYI(protocol.MethodTextDocumentDidChange)
}

func (nyi) WillSave(_ context.Context, _ *protocol.WillSaveTextDocumentParams) error {
	return errNYI(protocol.MethodTextDocumentWillSave)
}

func (nyi) WillSaveWaitUntil(_ context.Context, _ *protocol.WillSaveTextDocumentParams) ([]protocol.TextEdit, error) {
	return nil, errNYI(protocol.MethodTextDocumentWillSaveWaitUntil)
}

func (nyi) DidSave(_ context.Context, _ *protocol.DidSaveTextDocumentParams) error {
	return errNYI(protocol.MethodTextDocumentDidSave)
}

func (nyi) DidClose(_ context.Context, _ *protocol.DidCloseTextDocumentParams) error {
	return errNYI(protocol.MethodTextDocumentDidClose)
}

func (nyi) DidOpenNotebookDocument(_ context.Context, _ *protocol.DidOpenNotebookDocumentParams) error {
	return errNYI(protocol.MethodNotebookDocumentDidOpen)
}

func (nyi) DidChangeNotebookDocument(_ context.Context, _ *protocol.DidChangeNotebookDocumentParams) error {
	return errNYI(protocol.MethodNotebookDocumentDidChange)
}

func (nyi) DidSaveNotebookDocument(_ context.Context, _ *protocol.DidSaveNotebookDocumentParams) error {
	return errNYI(protocol.MethodNotebookDocumentDidSave)
}

func (nyi) DidCloseNotebookDocument(_ context.Context, _ *protocol.DidCloseNotebookDocumentParams) error {
	return errNYI(protocol.MethodNotebookDocumentDidClose)
}

func (nyi) Declaration(_ context.Context, _ *protocol.DeclarationParams) (protocol.DeclarationResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentDeclaration)
}

func (nyi) Definition(_ context.Context, _ *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentDefinition)
}

func (nyi) TypeDefinition(_ context.Context, _ *protocol.TypeDefinitionParams) (protocol.DefinitionResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentTypeDefinition)
}

func (nyi) Implementation(_ context.Context, _ *protocol.ImplementationParams) (protocol.DefinitionResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentImplementation)
}

func (nyi) References(_ context.Context, _ *protocol.ReferenceParams) ([]protocol.Location, error) {
	return nil, errNYI(protocol.MethodTextDocumentReferences)
}

func (nyi) PrepareCallHierarchy(_ context.Context, _ *protocol.CallHierarchyPrepareParams) ([]protocol.CallHierarchyItem, error) {
	return nil, errNYI(protocol.MethodTextDocumentPrepareCallHierarchy)
}

func (nyi) IncomingCalls(_ context.Context, _ *protocol.CallHierarchyIncomingCallsParams) ([]protocol.CallHierarchyIncomingCall, error) {
	return nil, errNYI(protocol.MethodCallHierarchyIncomingCalls)
}

func (nyi) OutgoingCalls(_ context.Context, _ *protocol.CallHierarchyOutgoingCallsParams) ([]protocol.CallHierarchyOutgoingCall, error) {
	return nil, errNYI(protocol.MethodCallHierarchyOutgoingCalls)
}

func (nyi) PrepareTypeHierarchy(_ context.Context, _ *protocol.TypeHierarchyPrepareParams) ([]protocol.TypeHierarchyItem, error) {
	return nil, errNYI(protocol.MethodTextDocumentPrepareTypeHierarchy)
}

func (nyi) Supertypes(_ context.Context, _ *protocol.TypeHierarchySupertypesParams) ([]protocol.TypeHierarchyItem, error) {
	return nil, errNYI(protocol.MethodTypeHierarchySupertypes)
}

func (nyi) Subtypes(_ context.Context, _ *protocol.TypeHierarchySubtypesParams) ([]protocol.TypeHierarchyItem, error) {
	return nil, errNYI(protocol.MethodTypeHierarchySubtypes)
}

func (nyi) DocumentHighlight(_ context.Context, _ *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	return nil, errNYI(protocol.MethodTextDocumentDocumentHighlight)
}

func (nyi) DocumentLink(_ context.Context, _ *protocol.DocumentLinkParams) ([]protocol.DocumentLink, error) {
	return nil, errNYI(protocol.MethodTextDocumentDocumentLink)
}

func (nyi) DocumentLinkResolve(_ context.Context, _ *protocol.DocumentLink) (*protocol.DocumentLink, error) {
	return nil, errNYI(protocol.MethodDocumentLinkResolve)
}

func (nyi) Hover(_ context.Context, _ *protocol.HoverParams) (*protocol.Hover, error) {
	return nil, errNYI(protocol.MethodTextDocumentHover)
}

func (nyi) CodeLens(_ context.Context, _ *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	return nil, errNYI(protocol.MethodTextDocumentCodeLens)
}

func (nyi) CodeLensResolve(_ context.Context, _ *protocol.CodeLens) (*protocol.CodeLens, error) {
	return nil, errNYI(protocol.MethodCodeLensResolve)
}

func (nyi) FoldingRanges(_ context.Context, _ *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	return nil, errNYI(protocol.MethodTextDocumentFoldingRange)
}

func (nyi) SelectionRange(_ context.Context, _ *protocol.SelectionRangeParams) ([]protocol.SelectionRange, error) {
	return nil, errNYI(protocol.MethodTextDocumentSelectionRange)
}

func (nyi) DocumentSymbol(_ context.Context, _ *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentDocumentSymbol)
}

func (nyi) SemanticTokensFull(_ context.Context, _ *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	return nil, errNYI(protocol.MethodTextDocumentSemanticTokensFull)
}

func (nyi) SemanticTokensFullDelta(_ context.Context, _ *protocol.SemanticTokensDeltaParams) (protocol.SemanticTokensDeltaResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentSemanticTokensFullDelta)
}

func (nyi) SemanticTokensRange(_ context.Context, _ *protocol.SemanticTokensRangeParams) (*protocol.SemanticTokens, error) {
	return nil, errNYI(protocol.MethodTextDocumentSemanticTokensRange)
}

func (nyi) InlineValue(_ context.Context, _ *protocol.InlineValueParams) ([]protocol.InlineValue, error) {
	return nil, errNYI(protocol.MethodTextDocumentInlineValue)
}

func (nyi) InlayHint(_ context.Context, _ *protocol.InlayHintParams) ([]protocol.InlayHint, error) {
	return nil, errNYI(protocol.MethodTextDocumentInlayHint)
}

func (nyi) InlayHintResolve(_ context.Context, _ *protocol.InlayHint) (*protocol.InlayHint, error) {
	return nil, errNYI(protocol.MethodInlayHintResolve)
}

func (nyi) Moniker(_ context.Context, _ *protocol.MonikerParams) ([]protocol.Moniker, error) {
	return nil, errNYI(protocol.MethodTextDocumentMoniker)
}

func (nyi) Completion(_ context.Context, _ *protocol.CompletionParams) (protocol.CompletionResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentCompletion)
}

func (nyi) CompletionResolve(_ context.Context, _ *protocol.CompletionItem) (*protocol.CompletionItem, error) {
	return nil, errNYI(protocol.MethodCompletionItemResolve)
}

func (nyi) Diagnostic(_ context.Context, _ *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	return nil, errNYI(protocol.MethodTextDocumentDiagnostic)
}

func (nyi) DiagnosticWorkspace(_ context.Context, _ *protocol.WorkspaceDiagnosticParams) (*protocol.WorkspaceDiagnosticReport, error) {
	return nil, errNYI(protocol.MethodWorkspaceDiagnostic)
}

func (nyi) SignatureHelp(_ context.Context, _ *protocol.SignatureHelpParams) (*protocol.SignatureHelp, error) {
	return nil, errNYI(protocol.MethodTextDocumentSignatureHelp)
}

func (nyi) CodeAction(_ context.Context, _ *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	return nil, errNYI(protocol.MethodTextDocumentCodeAction)
}

func (nyi) CodeActionResolve(_ context.Context, _ *protocol.CodeAction) (*protocol.CodeAction, error) {
	return nil, errNYI(protocol.MethodCodeActionResolve)
}

func (nyi) DocumentColor(_ context.Context, _ *protocol.DocumentColorParams) ([]protocol.ColorInformation, error) {
	return nil, errNYI(protocol.MethodTextDocumentDocumentColor)
}

func (nyi) ColorPresentation(_ context.Context, _ *protocol.ColorPresentationParams) ([]protocol.ColorPresentation, error) {
	return nil, errNYI(protocol.MethodTextDocumentColorPresentation)
}

func (nyi) Formatting(_ context.Context, _ *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	return nil, errNYI(protocol.MethodTextDocumentFormatting)
}

func (nyi) RangeFormatting(_ context.Context, _ *protocol.DocumentRangeFormattingParams) ([]protocol.TextEdit, error) {
	return nil, errNYI(protocol.MethodTextDocumentRangeFormatting)
}

func (nyi) RangesFormatting(_ context.Context, _ *protocol.DocumentRangesFormattingParams) ([]protocol.TextEdit, error) {
	return nil, errNYI(protocol.MethodTextDocumentRangesFormatting)
}

func (nyi) OnTypeFormatting(_ context.Context, _ *protocol.DocumentOnTypeFormattingParams) ([]protocol.TextEdit, error) {
	return nil, errNYI(protocol.MethodTextDocumentOnTypeFormatting)
}

func (nyi) Rename(_ context.Context, _ *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	return nil, errNYI(protocol.MethodTextDocumentRename)
}

func (nyi) PrepareRename(_ context.Context, _ *protocol.PrepareRenameParams) (protocol.PrepareRenameResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentPrepareRename)
}

func (nyi) LinkedEditingRange(_ context.Context, _ *protocol.LinkedEditingRangeParams) (*protocol.LinkedEditingRanges, error) {
	return nil, errNYI(protocol.MethodTextDocumentLinkedEditingRange)
}

func (nyi) InlineCompletion(_ context.Context, _ *protocol.InlineCompletionParams) (protocol.InlineCompletionResult, error) {
	return nil, errNYI(protocol.MethodTextDocumentInlineCompletion)
}

func (nyi) Symbols(_ context.Context, _ *protocol.WorkspaceSymbolParams) (protocol.WorkspaceSymbolResult, error) {
	return nil, errNYI(protocol.MethodWorkspaceSymbol)
}

func (nyi) WorkspaceSymbolResolve(_ context.Context, _ *protocol.WorkspaceSymbol) (*protocol.WorkspaceSymbol, error) {
	return nil, errNYI(protocol.MethodWorkspaceSymbolResolve)
}

func (nyi) DidChangeConfiguration(_ context.Context, _ *protocol.DidChangeConfigurationParams) error {
	return errNYI(protocol.MethodWorkspaceDidChangeConfiguration)
}

func (nyi) DidChangeWorkspaceFolders(_ context.Context, _ *protocol.DidChangeWorkspaceFoldersParams) error {
	return errNYI(protocol.MethodWorkspaceDidChangeWorkspaceFolders)
}

func (nyi) WillCreateFiles(_ context.Context, _ *protocol.CreateFilesParams) (*protocol.WorkspaceEdit, error) {
	return nil, errNYI(protocol.MethodWorkspaceWillCreateFiles)
}

func (nyi) WillRenameFiles(_ context.Context, _ *protocol.RenameFilesParams) (*protocol.WorkspaceEdit, error) {
	return nil, errNYI(protocol.MethodWorkspaceWillRenameFiles)
}

func (nyi) WillDeleteFiles(_ context.Context, _ *protocol.DeleteFilesParams) (*protocol.WorkspaceEdit, error) {
	return nil, errNYI(protocol.MethodWorkspaceWillDeleteFiles)
}

func (nyi) DidCreateFiles(_ context.Context, _ *protocol.CreateFilesParams) error {
	return errNYI(protocol.MethodWorkspaceDidCreateFiles)
}

func (nyi) DidRenameFiles(_ context.Context, _ *protocol.RenameFilesParams) error {
	return errNYI(protocol.MethodWorkspaceDidRenameFiles)
}

func (nyi) DidDeleteFiles(_ context.Context, _ *protocol.DeleteFilesParams) error {
	return errNYI(protocol.MethodWorkspaceDidDeleteFiles)
}

func (nyi) DidChangeWatchedFiles(_ context.Context, _ *protocol.DidChangeWatchedFilesParams) error {
	return errNYI(protocol.MethodWorkspaceDidChangeWatchedFiles)
}

func (nyi) ExecuteCommand(_ context.Context, _ *protocol.ExecuteCommandParams) (protocol.LSPAny, error) {
	return nil, errNYI(protocol.MethodWorkspaceExecuteCommand)
}

func (nyi) TextDocumentContent(_ context.Context, _ *protocol.TextDocumentContentParams) (*protocol.TextDocumentContentResult, error) {
	return nil, errNYI(protocol.MethodWorkspaceTextDocumentContent)
}

// Request answers a method that protocol.Server does not name.
func (nyi) Request(_ context.Context, method string, _ any) (any, error) {
	return nil, &jsonrpc2.Error{Code: jsonrpc2.MethodNotFound, Message: "method not found: " + method}
}

// serverMethods are the LSP methods protocol.ServerHandler dispatches to a
// protocol.Server method.
var serverMethods = map[string]bool{
	protocol.MethodInitialize:                          true,
	protocol.MethodInitialized:                         true,
	protocol.MethodShutdown:                            true,
	protocol.MethodExit:                                true,
	protocol.MethodSetTrace:                            true,
	protocol.MethodProgress:                            true,
	protocol.MethodWindowWorkDoneProgressCancel:        true,
	protocol.MethodTextDocumentDidOpen:                 true,
	protocol.MethodTextDocumentDidChange:               true,
	protocol.MethodTextDocumentWillSave:                true,
	protocol.MethodTextDocumentWillSaveWaitUntil:       true,
	protocol.MethodTextDocumentDidSave:                 true,
	protocol.MethodTextDocumentDidClose:                true,
	protocol.MethodNotebookDocumentDidOpen:             true,
	protocol.MethodNotebookDocumentDidChange:           true,
	protocol.MethodNotebookDocumentDidSave:             true,
	protocol.MethodNotebookDocumentDidClose:            true,
	protocol.MethodTextDocumentDeclaration:             true,
	protocol.MethodTextDocumentDefinition:              true,
	protocol.MethodTextDocumentTypeDefinition:          true,
	protocol.MethodTextDocumentImplementation:          true,
	protocol.MethodTextDocumentReferences:              true,
	protocol.MethodTextDocumentPrepareCallHierarchy:    true,
	protocol.MethodCallHierarchyIncomingCalls:          true,
	protocol.MethodCallHierarchyOutgoingCalls:          true,
	protocol.MethodTextDocumentPrepareTypeHierarchy:    true,
	protocol.MethodTypeHierarchySupertypes:             true,
	protocol.MethodTypeHierarchySubtypes:               true,
	protocol.MethodTextDocumentDocumentHighlight:       true,
	protocol.MethodTextDocumentDocumentLink:            true,
	protocol.MethodDocumentLinkResolve:                 true,
	protocol.MethodTextDocumentHover:                   true,
	protocol.MethodTextDocumentCodeLens:                true,
	protocol.MethodCodeLensResolve:                     true,
	protocol.MethodTextDocumentFoldingRange:            true,
	protocol.MethodTextDocumentSelectionRange:          true,
	protocol.MethodTextDocumentDocumentSymbol:          true,
	protocol.MethodTextDocumentSemanticTokensFull:      true,
	protocol.MethodTextDocumentSemanticTokensFullDelta: true,
	protocol.MethodTextDocumentSemanticTokensRange:     true,
	protocol.MethodTextDocumentInlineValue:             true,
	protocol.MethodTextDocumentInlayHint:               true,
	protocol.MethodInlayHintResolve:                    true,
	protocol.MethodTextDocumentMoniker:                 true,
	protocol.MethodTextDocumentCompletion:              true,
	protocol.MethodCompletionItemResolve:               true,
	protocol.MethodTextDocumentDiagnostic:              true,
	protocol.MethodWorkspaceDiagnostic:                 true,
	protocol.MethodTextDocumentSignatureHelp:           true,
	protocol.MethodTextDocumentCodeAction:              true,
	protocol.MethodCodeActionResolve:                   true,
	protocol.MethodTextDocumentDocumentColor:           true,
	protocol.MethodTextDocumentColorPresentation:       true,
	protocol.MethodTextDocumentFormatting:              true,
	protocol.MethodTextDocumentRangeFormatting:         true,
	protocol.MethodTextDocumentRangesFormatting:        true,
	protocol.MethodTextDocumentOnTypeFormatting:        true,
	protocol.MethodTextDocumentRename:                  true,
	protocol.MethodTextDocumentPrepareRename:           true,
	protocol.MethodTextDocumentLinkedEditingRange:      true,
	protocol.MethodTextDocumentInlineCompletion:        true,
	protocol.MethodWorkspaceSymbol:                     true,
	protocol.MethodWorkspaceSymbolResolve:              true,
	protocol.MethodWorkspaceDidChangeConfiguration:     true,
	protocol.MethodWorkspaceDidChangeWorkspaceFolders:  true,
	protocol.MethodWorkspaceWillCreateFiles:            true,
	protocol.MethodWorkspaceWillRenameFiles:            true,
	protocol.MethodWorkspaceWillDeleteFiles:            true,
	protocol.MethodWorkspaceDidCreateFiles:             true,
	protocol.MethodWorkspaceDidRenameFiles:             true,
	protocol.MethodWorkspaceDidDeleteFiles:             true,
	protocol.MethodWorkspaceDidChangeWatchedFiles:      true,
	protocol.MethodWorkspaceExecuteCommand:             true,
	protocol.MethodWorkspaceTextDocumentContent:        true,
}
