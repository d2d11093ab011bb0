import * as path from 'path';
import * as vscode from 'vscode';
import { ResponseError, LSPErrorCodes, ErrorCodes, State } from 'vscode-languageclient/node';
import { ClientGetter, messageOf } from './commands';
import { CartridgeInfoRequest } from './protocol';

/**
 * The read-only custom editor for *.rts.png: a webview that draws the image with zoom and, under the pointer,
 * shows the payload byte offset, the bytes there and the segment. All decoding is the server's
 * (rts/cartridgeInfo); the webview only maps pixels to offsets.
 */
export class CartridgeViewerProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'rts.cartridgeViewer';
  private active: vscode.Uri | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: ClientGetter,
    private readonly output: vscode.OutputChannel) {}

  /** The cartridge in the focused viewer, if any. */
  activeCartridge(): vscode.Uri | undefined {
    return this.active;
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.webview.html = this.html(panel.webview, media, document.uri);
    const track = () => { if (panel.active) this.active = document.uri; else if (this.active === document.uri) this.active = undefined; };
    track();
    const disposables: vscode.Disposable[] = [panel.onDidChangeViewState(track)];

    const load = async () => {
      try {
        const info = await this.fetch(document.uri);
        void panel.webview.postMessage({ type: 'info', info });
      } catch (e) {
        void panel.webview.postMessage({ type: 'error', message: messageOf(e) });
      }
    };
    disposables.push(panel.webview.onDidReceiveMessage(m => {
      if (m?.type === 'ready' || m?.type === 'reload') void load();
      else if (m?.type === 'run') void vscode.commands.executeCommand('rts.runOnGpuVm', document.uri);
    }));
    const dir = vscode.Uri.file(path.dirname(document.uri.fsPath));
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, path.basename(document.uri.fsPath)));
    disposables.push(watcher, watcher.onDidChange(load), watcher.onDidCreate(load));
    panel.onDidDispose(() => {
      if (this.active === document.uri) this.active = undefined;
      disposables.forEach(d => d.dispose());
    });
  }

  private async fetch(uri: vscode.Uri) {
    const deadline = Date.now() + 20000;
    let c = this.client();
    while ((!c || c.state !== State.Running) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 200));
      c = this.client();
    }
    if (!c || c.state !== State.Running) throw new Error('the rts-lsp server is not running');
    try {
      return await c.sendRequest(CartridgeInfoRequest, { uri: uri.toString() });
    } catch (e) {
      if (e instanceof ResponseError && (e.code === ErrorCodes.MethodNotFound || e.code === LSPErrorCodes.RequestFailed && /not (found|implemented)/i.test(e.message))) {
        throw new Error('this rts-lsp does not implement rts/cartridgeInfo yet');
      }
      this.output.appendLine(`rts/cartridgeInfo ${uri.toString()}: ${messageOf(e)}`);
      throw e;
    }
  }

  private html(webview: vscode.Webview, media: vscode.Uri, uri: vscode.Uri): string {
    const nonce = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'viewer.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'viewer.js'));
    const name = escapeHtml(path.basename(uri.fsPath));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>${name}</title>
</head>
<body>
<header>
  <span class="name">${name}</span>
  <button id="zoom-out" title="Zoom out (-)">−</button>
  <span id="zoom">1×</span>
  <button id="zoom-in" title="Zoom in (+)">+</button>
  <button id="zoom-fit" title="Fit (0)">Fit</button>
  <label title="Ignore the alpha channel (it carries payload bytes too)"><input type="checkbox" id="opaque"> Opaque</label>
  <button id="run" title="RTS: Run on GPU VM">Run on GPU VM</button>
  <span id="summary"></span>
</header>
<main>
  <div id="stage"><canvas id="canvas" width="1" height="1"></canvas></div>
  <aside>
    <div id="status">Loading cartridge…</div>
    <pre id="pointer">Move the pointer over the image.</pre>
    <h3>Segments</h3>
    <ul id="segments"></ul>
    <ul id="problems"></ul>
  </aside>
</main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}
