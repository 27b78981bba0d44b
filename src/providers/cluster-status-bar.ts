/**
 * The status bar item showing the context and namespace KubeTasks launches into (issue 14); a click picks them
 * (KubeTasks: Select Context, which also offers the namespace). In Restricted Mode it says why no cluster is used.
 * The kubeconfig is read after activation, so activation never loads the cluster bundle.
 */
import * as vscode from 'vscode';
import { clusterLabel, untrustedReason } from '../settings/index.js';
import type { ClusterAccess } from './cluster-access.js';
import { MANAGE_TRUST_COMMAND } from './trust-gate.js';

export interface ClusterStatusBarDeps {
  access: ClusterAccess;
  /** The command a click runs (Select Context). */
  selectCommand: string;
}

export class ClusterStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('kubetasks.cluster', vscode.StatusBarAlignment.Left, 40);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly deps: ClusterStatusBarDeps;

  constructor(deps: ClusterStatusBarDeps) {
    this.deps = deps;
    this.item.name = 'KubeTasks context and namespace';
    this.disposables.push(deps.access.onDidChange(() => this.render()), vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()));
    // after activation: reading the kubeconfig loads the cluster bundle
    setImmediate(() => this.render());
    this.item.text = '$(server-environment) KubeTasks';
    this.item.show();
  }

  render(): void {
    const restricted = untrustedReason(vscode.workspace.isTrusted, 'a cluster call');
    if (restricted) {
      this.item.text = '$(shield) KubeTasks: Restricted Mode';
      this.item.tooltip = restricted;
      this.item.command = MANAGE_TRUST_COMMAND;
      return;
    }
    this.item.command = this.deps.selectCommand;
    try {
      const view = this.deps.access.view();
      this.item.text = `$(server-environment) ${clusterLabel(view.context, view.namespace)}`;
      this.item.tooltip = `KubeTasks launches into context ${view.context}, namespace ${view.namespace} (when a task names none). Click to change.`;
      this.item.backgroundColor = undefined;
    } catch (error) {
      this.item.text = '$(warning) KubeTasks: no context';
      this.item.tooltip = `${error instanceof Error ? error.message : String(error)}\nClick to choose a context.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
