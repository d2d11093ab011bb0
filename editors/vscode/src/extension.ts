// The RTS extension: starts rts-lsp over stdio and adds what plain LSP lacks (the cartridge viewer, the
// Run/Explain/Show commands, the status bar item).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ClientCapabilities, LanguageClient, LanguageClientOptions, ServerOptions, StaticFeature, TransportKind } from 'vscode-languageclient/node';
import { CartridgeViewerProvider } from './cartridgeViewer';
import { ExplanationDocs, explainDiagnostic, messageOf, runOnGpuVm, showCartridge, showRunResult } from './commands';
import { ExplainArgs, ExplainResult, RunResult, ServerCommand, StatusNotification } from './protocol';
import { resolveServerPath, serverSettings, settingsSnapshot } from './server';
import { StatusItem } from './status';
import { runSelfTest } from './selftest';

let client: LanguageClient | undefined;

/**
 * Tells the server (client capability experimental.rts.showsCommandResults, editors/PROTOCOL.md) that this
 * client shows the results of rts.run and rts.explain itself, so it need not open documents for them.
 */
const showsCommandResults: StaticFeature = {
  fillClientCapabilities(caps: ClientCapabilities) {
    const exp = (caps.experimental ?? {}) as Record<string, unknown>;
    caps.experimental = { ...exp, rts: { ...(exp.rts as object | undefined), showsCommandResults: true } };
    // Diagnostics: this client declares pull support (textDocument.diagnostic, workspace/diagnostic/refresh),
    // so rts-lsp answers pulls only and never pushes to it: no duplicates to filter.
  },
  initialize() { /* nothing to set up */ },
  getState: () => ({ kind: 'static' }),
  clear() { /* nothing to release */ },
};

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('RTS Language Server');
  const status = new StatusItem();
  const explanations = new ExplanationDocs();
  const getClient = () => client;
  const viewer = new CartridgeViewerProvider(context, getClient, output);
  context.subscriptions.push(output, status, explanations,
    vscode.workspace.registerTextDocumentContentProvider(ExplanationDocs.scheme, explanations),
    vscode.window.registerCustomEditorProvider(CartridgeViewerProvider.viewType, viewer,
      { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true }),
    vscode.commands.registerCommand('rts.runOnGpuVm', (uri?: vscode.Uri) =>
      runOnGpuVm(getClient, output, () => viewer.activeCartridge(), uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('rts.explainDiagnostic', (args?: ExplainArgs) =>
      explainDiagnostic(getClient, explanations, args && typeof args === 'object' && 'diagnostic' in args ? args : undefined)),
    vscode.commands.registerCommand('rts.showCartridge', (uri?: vscode.Uri) => showCartridge(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('rts.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('rts.restartServer', async () => {
      await stopClient();
      await startClient(context, output, status, explanations);
    }),
    vscode.workspace.onDidChangeConfiguration(async e => {
      if (e.affectsConfiguration('rts.server')) {
        const pick = await vscode.window.showInformationMessage('RTS: the server settings changed.', 'Restart Server');
        if (pick) await vscode.commands.executeCommand('rts.restartServer');
      }
    }),
  );
  await startClient(context, output, status, explanations);
  if (process.env.RTS_E2E_SELFTEST_OUT) {
    void runSelfTest(getClient, process.env.RTS_E2E_SELFTEST_OUT);
  }
}

async function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, status: StatusItem,
  explanations: ExplanationDocs): Promise<void> {
  const server = resolveServerPath(context);
  if (path.isAbsolute(server.path) && !fs.existsSync(server.path)) {
    const msg = `RTS: rts-lsp not found at ${server.path} (${server.source}).`;
    status.failed(msg);
    void vscode.window.showErrorMessage(msg, 'Open Settings').then(a => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'rts.server.path');
    });
    return;
  }
  output.appendLine(`starting ${server.path} (${server.source})`);
  const extraArgs = vscode.workspace.getConfiguration('rts').get<string[]>('server.extraArgs', []);
  const serverOptions: ServerOptions = {
    command: server.path,
    args: extraArgs, // the client appends --stdio
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'wgsl' },
      { scheme: 'untitled', language: 'wgsl' },
      { scheme: 'file', language: 'rts-manifest' },
    ],
    initializationOptions: settingsSnapshot(),
    synchronize: {
      configurationSection: 'rts',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{rts.png,rts.meta.json,wgsl}'),
    },
    outputChannel: output,
    diagnosticCollectionName: 'rts',
    middleware: {
      // workspace/configuration for section "rts": drop the client-only server.* settings.
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((r, i) => params.items[i]?.section === 'rts' ? serverSettings(r) : r);
        },
      },
      // Code actions that name the server's commands run them through the auto-registered command, which
      // drops the result: show it here.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === ServerCommand.run) {
          showRunResult(result as RunResult, output);
        } else if (command === ServerCommand.explain && result && args[0]) {
          await explanations.show(args[0] as ExplainArgs, result as ExplainResult);
        }
        return result;
      },
    },
  };
  const c = new LanguageClient('rts', 'RTS Language Server', serverOptions, clientOptions);
  c.registerFeature(showsCommandResults);
  client = c;
  c.onDidChangeState(e => status.clientState(e.newState));
  c.onNotification(StatusNotification, p => status.serverStatus(p));
  try {
    await c.start();
    status.serverVersion(c.initializeResult?.serverInfo?.version);
  } catch (e) {
    const msg = `RTS: the server failed to start: ${messageOf(e)}`;
    status.failed(msg);
    output.appendLine(msg);
    void vscode.window.showErrorMessage(msg, 'Show Output').then(a => { if (a) output.show(true); });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch {
      // already stopped or never started
    }
  }
}

export function deactivate(): Promise<void> {
  return stopClient();
}
