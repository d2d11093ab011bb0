import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { StatusParams } from './protocol';

/** The status bar item: server state, and the GPU adapter once the server reports it. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rts.status', vscode.StatusBarAlignment.Right, 100);
  private state = 'stopped';
  private server: StatusParams | undefined;
  private version = '';

  constructor() {
    this.item.name = 'RTS language server';
    this.item.command = 'rts.showOutput';
    this.render();
    this.item.show();
  }

  clientState(s: State): void {
    this.state = s === State.Running ? 'running' : s === State.Starting ? 'starting' : 'stopped';
    if (s !== State.Running) {
      this.server = undefined;
    }
    this.render();
  }

  serverVersion(v: string | undefined): void {
    this.version = v ?? '';
    this.render();
  }

  serverStatus(p: StatusParams): void {
    this.server = p;
    this.render();
  }

  failed(message: string): void {
    this.state = 'failed';
    this.item.tooltip = message;
    this.render();
  }

  private render(): void {
    const s = this.server;
    const state = s?.state ?? this.state;
    const icon = state === 'starting' ? '$(sync~spin)' : state === 'busy' ? '$(loading~spin)'
      : state === 'failed' || state === 'error' || state === 'stopped' ? '$(error)' : '$(check)';
    let device = '';
    if (s) {
      device = s.adapter ? ` · ${s.adapter}` : s.backend === 'cpu' ? ' · CPU fallback' : '';
    }
    this.item.text = `${icon} RTS: ${state}${device}`;
    const lines = [`rts-lsp ${this.version}`.trim(), `state: ${state}`];
    if (s?.adapter) lines.push(`GPU adapter: ${s.adapter}`);
    if (s?.backend === 'cpu') lines.push('GPU VM: no adapter, running on the CPU (wazero)');
    if (s?.message) lines.push(s.message);
    if (state !== 'failed') this.item.tooltip = lines.join('\n');
  }

  dispose(): void {
    this.item.dispose();
  }
}
