// End-to-end support: when RTS_E2E_SELFTEST_OUT is set (only by editors/e2e.sh), the extension reports what
// VS Code itself knows about the test files (language ids, diagnostics with positions, hover text, semantic
// tokens after edits) as JSON.
// The test driver compares that with its expectations; nothing is judged here.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { ClientGetter, messageOf } from './commands';

interface Probe {
  path: string;
  /** Positions (0-based line, UTF-16 character) to hover at. */
  hovers?: [number, number][];
  /** How long to wait for the first diagnostic (ms); short for files expected clean. */
  wait?: number;
}

/** Edits made one after another to one file, each compared with the same text opened from scratch. */
interface TokenEditProbe {
  path: string;
  /** [line, UTF-16 column] before the edit, characters replaced (del), inserted text. */
  edits: { at: [number, number]; del?: number; text: string }[];
}

async function semanticTokens(uri: vscode.Uri): Promise<Uint32Array | undefined> {
  const t = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', uri);
  return t?.data;
}

/**
 * Makes each edit through the VS Code API (as typing does: the client sends didChange) and reports, after each,
 * whether the semantic tokens VS Code gets for the document equal those of an untitled document opened with the
 * same text (which the server classifies from scratch).
 */
async function tokenEdits(p: TokenEditProbe) {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(p.path));
  await vscode.window.showTextDocument(doc, { preview: false });
  const before = await semanticTokens(doc.uri);
  const steps = [];
  for (const e of p.edits) {
    const at = new vscode.Position(e.at[0], e.at[1]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(at, at.translate(0, e.del ?? 0)), e.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      steps.push({ applied: false });
      continue;
    }
    const got = await semanticTokens(doc.uri);
    const fresh = await vscode.workspace.openTextDocument({ language: 'wgsl', content: doc.getText() });
    const want = await semanticTokens(fresh.uri);
    let firstDiff = -1;
    if (got && want) {
      for (let i = 0; i < Math.max(got.length, want.length); i++) if (got[i] !== want[i]) { firstDiff = i; break; }
    }
    steps.push({ applied: true, version: doc.version, tokens: got?.length ?? -1, fresh: want?.length ?? -1, firstDiff });
  }
  return { path: p.path, tokensBefore: before?.length ?? -1, steps };
}

async function waitFor<T>(f: () => T | undefined | false, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) return undefined;
    await new Promise(r => setTimeout(r, 100));
  }
}

export async function runSelfTest(get: ClientGetter, out: string): Promise<void> {
  const report: Record<string, unknown> = { vscode: vscode.version };
  try {
    const probes: Probe[] = JSON.parse(process.env.RTS_E2E_SELFTEST_PROBES ?? '[]');
    const c = await waitFor(() => { const c = get(); return c && c.state === State.Running && c; }, 30000);
    report.serverRunning = !!c;
    report.serverInfo = c?.initializeResult?.serverInfo;
    report.capabilities = c?.initializeResult?.capabilities;
    const files = [];
    for (const p of probes) {
      const uri = vscode.Uri.file(p.path);
      const doc = await vscode.workspace.openTextDocument(uri);
      // Shown in an editor, as a user would: some diagnostics (pulled ones) only come for visible documents.
      await vscode.window.showTextDocument(doc, { preview: false });
      await waitFor(() => vscode.languages.getDiagnostics(uri).length > 0, p.wait ?? 15000);
      await new Promise(r => setTimeout(r, 1500)); // let every channel deliver
      const diagnostics = vscode.languages.getDiagnostics(uri).map(d => ({
        line: d.range.start.line, character: d.range.start.character,
        endLine: d.range.end.line, endCharacter: d.range.end.character,
        severity: vscode.DiagnosticSeverity[d.severity], code: typeof d.code === 'object' ? d.code.value : d.code,
        source: d.source, message: d.message,
      }));
      const hovers: string[] = [];
      for (const [line, character] of p.hovers ?? []) {
        const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
        hovers.push((hs ?? []).flatMap(h => h.contents.map(m => typeof m === 'string' ? m : m.value)).join('\n'));
      }
      files.push({ path: p.path, languageId: doc.languageId, diagnostics, hovers });
    }
    report.files = files;
    const edits: TokenEditProbe[] = JSON.parse(process.env.RTS_E2E_SELFTEST_TOKEN_EDITS ?? '[]');
    report.tokenEdits = [];
    for (const p of edits) (report.tokenEdits as unknown[]).push(await tokenEdits(p));
  } catch (e) {
    report.error = messageOf(e);
  }
  fs.writeFileSync(out + '.tmp', JSON.stringify(report, null, 1));
  fs.renameSync(out + '.tmp', out);
}
