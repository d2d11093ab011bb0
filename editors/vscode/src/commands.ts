import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State } from 'vscode-languageclient/node';
import { ExplainArgs, ExplainResult, RunResult, ServerCommand } from './protocol';

/** Gives the running client, or explains why there is none. */
export type ClientGetter = () => LanguageClient | undefined;

/** The documents an RTS command can act on, as a file URI. */
export function isCartridgeUri(uri: vscode.Uri): boolean {
  return /\.rts\.(png|meta\.json)$/.test(uri.path);
}

function runningClient(get: ClientGetter): LanguageClient {
  const c = get();
  if (!c || c.state !== State.Running) {
    throw new Error('the rts-lsp server is not running (see the "RTS Language Server" output)');
  }
  return c;
}

/** Whether the server advertises a workspace/executeCommand command. */
export function serverOffers(c: LanguageClient, command: string): boolean {
  return c.initializeResult?.capabilities.executeCommandProvider?.commands?.includes(command) ?? false;
}

async function executeOnServer<T>(c: LanguageClient, command: string, args: unknown[]): Promise<T> {
  if (!serverOffers(c, command)) {
    throw new Error(`this rts-lsp does not offer the command ${command}`);
  }
  return c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
}

/**
 * RTS: Run on GPU VM. Target: the URI given (explorer, code action), else the cartridge shown in the
 * viewer, else the active manifest. Shows the result and returns it (for tests).
 */
export async function runOnGpuVm(get: ClientGetter, output: vscode.OutputChannel, activeCartridge: () => vscode.Uri | undefined,
  target?: vscode.Uri): Promise<RunResult | undefined> {
  const uri = target ?? activeCartridge() ?? activeManifest();
  if (!uri) {
    void vscode.window.showWarningMessage('RTS: open a cartridge (*.rts.png) or its manifest (*.rts.meta.json) to run it.');
    return undefined;
  }
  try {
    const c = runningClient(get);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `RTS: running ${path.basename(uri.fsPath)} on the GPU VM` },
      () => executeOnServer<RunResult>(c, ServerCommand.run, [{ uri: uri.toString() }]));
    showRunResult(result, output);
    return result;
  } catch (e) {
    void vscode.window.showErrorMessage(`RTS: run failed: ${messageOf(e)}`);
    return undefined;
  }
}

/** Shows a rts.run result: one notification line, details in the output channel. */
export function showRunResult(result: RunResult | undefined, output: vscode.OutputChannel): void {
  if (!result) return;
  // The notification stays short (the status bar names the adapter); the output has the details.
  const line = `RTS run (${result.backend}): ${result.summary}`;
  output.appendLine(line);
  if (result.adapter) output.appendLine(`  adapter: ${result.adapter}`);
  if (result.durationMs !== undefined) output.appendLine(`  ${result.durationMs} ms`);
  for (const t of result.tests ?? []) {
    output.appendLine(`  ${t.ok ? 'ok  ' : 'FAIL'} ${t.name}${t.got !== undefined ? ` got ${t.got}` : ''}${t.want !== undefined ? ` want ${t.want}` : ''}${t.message ? ` ${t.message}` : ''}`);
  }
  if (result.ok) {
    void vscode.window.showInformationMessage(line);
  } else {
    void vscode.window.showErrorMessage(line, 'Show Output').then(a => { if (a) output.show(true); });
  }
}

function activeManifest(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === 'rts-manifest' ? doc.uri : undefined;
}

/**
 * RTS: Explain Diagnostic. With arguments from a code action ({uri, diagnostic}) explains that one; from the
 * palette, the RTS diagnostic under the cursor (a pick when several). Opens the markdown answer beside.
 */
export async function explainDiagnostic(get: ClientGetter, explanations: ExplanationDocs, args?: ExplainArgs): Promise<ExplainResult | undefined> {
  try {
    const c = runningClient(get);
    const a = args ?? await diagnosticAtCursor(c);
    if (!a) return undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'RTS: explaining' },
      () => executeOnServer<ExplainResult>(c, ServerCommand.explain, [a]));
    await explanations.show(a, result);
    return result;
  } catch (e) {
    void vscode.window.showErrorMessage(`RTS: explain failed: ${messageOf(e)}`);
    return undefined;
  }
}

async function diagnosticAtCursor(c: LanguageClient): Promise<ExplainArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('RTS: put the cursor on a diagnostic to explain it.');
    return undefined;
  }
  const uri = editor.document.uri;
  const pos = editor.selection.active;
  const all = vscode.languages.getDiagnostics(uri).filter(d => d.source === undefined || /rts/i.test(d.source));
  let here = all.filter(d => d.range.contains(pos));
  if (here.length === 0) here = all.filter(d => d.range.start.line === pos.line);
  if (here.length === 0) {
    void vscode.window.showWarningMessage('RTS: no diagnostic under the cursor.');
    return undefined;
  }
  let d = here[0];
  if (here.length > 1) {
    const pick = await vscode.window.showQuickPick(here.map(x => ({ label: x.message, description: codeOf(x), d: x })), { title: 'Explain which diagnostic?' });
    if (!pick) return undefined;
    d = pick.d;
  }
  return { uri: uri.toString(), diagnostic: c.code2ProtocolConverter.asDiagnostic(d) as ExplainArgs['diagnostic'] };
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return c === undefined ? '' : typeof c === 'object' ? String(c.value) : String(c);
}

/** Explanations as read-only virtual markdown documents (rts-explain:), shown in the markdown preview. */
export class ExplanationDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'rts-explain';
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  async show(a: ExplainArgs, r: ExplainResult): Promise<void> {
    const code = a.diagnostic.code !== undefined ? String(a.diagnostic.code) : 'diagnostic';
    const uri = vscode.Uri.from({ scheme: ExplanationDocs.scheme, path: `/${code}-${++this.seq}.md` });
    const header = `<!-- ${a.diagnostic.message.replace(/--/g, '- -')} -->\n`;
    const footer = r.source ? `\n\n---\n*Source: ${r.source}*\n` : '\n';
    this.docs.set(uri.toString(), header + r.markdown + footer);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside, true);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * RTS: Show Cartridge. Opens the cartridge image in the viewer: the URI given, else the image beside the
 * active manifest (foo.rts.meta.json -> foo.rts.png).
 */
export async function showCartridge(target?: vscode.Uri): Promise<void> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !isCartridgeUri(uri)) {
    void vscode.window.showWarningMessage('RTS: open a cartridge manifest (*.rts.meta.json) to show its image.');
    return;
  }
  const png = uri.path.endsWith('.rts.png') ? uri : uri.with({ path: uri.path.replace(/\.rts\.meta\.json$/, '.rts.png') });
  try {
    await vscode.workspace.fs.stat(png);
  } catch {
    void vscode.window.showErrorMessage(`RTS: no cartridge image ${path.basename(png.fsPath)} beside the manifest.`);
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', png, 'rts.cartridgeViewer', { viewColumn: vscode.ViewColumn.Beside });
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
