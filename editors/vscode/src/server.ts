import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/**
 * Where the rts-lsp binary is: the `rts.server.path` setting, then the RTS_LSP_PATH environment variable,
 * then the binary bundled in the extension (bin/rts-lsp, put there by `make vsix`), then `rts-lsp` on PATH.
 */
export function resolveServerPath(context: vscode.ExtensionContext): { path: string; source: string } {
  const configured = vscode.workspace.getConfiguration('rts').get<string>('server.path', '').trim();
  if (configured) {
    return { path: expandHome(configured), source: 'setting rts.server.path' };
  }
  const fromEnv = process.env.RTS_LSP_PATH;
  if (fromEnv) {
    return { path: fromEnv, source: 'environment RTS_LSP_PATH' };
  }
  const exe = process.platform === 'win32' ? 'rts-lsp.exe' : 'rts-lsp';
  const bundled = path.join(context.extensionPath, 'bin', exe);
  if (fs.existsSync(bundled)) {
    return { path: bundled, source: 'bundled' };
  }
  return { path: exe, source: 'PATH' };
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) {
    return path.join(process.env.HOME ?? '', p.slice(1));
  }
  return p;
}

/** The `rts` settings as a plain object, sent as initializationOptions. */
export function settingsSnapshot(): Record<string, unknown> {
  return serverSettings(vscode.workspace.getConfiguration('rts'));
}

/**
 * The `rts` section as the server sees it: everything but the client-only `server.*` (path, extraArgs).
 * Used for initializationOptions and for the answers to workspace/configuration.
 */
export function serverSettings(section: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (section && typeof section === 'object') {
    const c = section as vscode.WorkspaceConfiguration;
    const plain = typeof c.get === 'function'
      ? JSON.parse(JSON.stringify({
        diagnosticsDelay: c.get('diagnosticsDelay'), logLevel: c.get('logLevel'),
        ai: c.get('ai'), onSave: c.get('onSave'), preview: c.get('preview'), trace: c.get('trace'),
      }))
      : section as Record<string, unknown>;
    for (const [k, v] of Object.entries(plain)) {
      if (k !== 'server' && v !== undefined) out[k] = v;
    }
  }
  return out;
}
