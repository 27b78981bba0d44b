/**
 * The editor's way to a cluster (issue 14): the kubeconfig from `kubetasks.kubeconfig` (else kubectl's), the context
 * and namespace picked in the status bar for this workspace (workspaceState), else the settings, else the
 * kubeconfig's own. The pick is never written to the kubeconfig. src/kube is reached only through `loadCluster()`,
 * so the client-node bundle loads on the first cluster action, not at activation.
 */
import * as vscode from 'vscode';
import type { KubeClient, KubeconfigContexts } from '../kube/index.js';
import { resolveClusterTarget, type ClusterPick, type ClusterTarget } from '../settings/index.js';
import { loadCluster } from './cluster-loader.js';
import { readSettings } from './settings.js';

const PICK_KEY = 'kubetasks.clusterPick';
const TARGET_SETTINGS = ['kubetasks.kubeconfig', 'kubetasks.context', 'kubetasks.namespace'];

/** What a client would talk to, as the status bar shows it. */
export interface ClusterView {
  context: string;
  namespace: string;
}

export class ClusterAccess implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the pick or a cluster setting changes. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly state: vscode.Memento;

  constructor(state: vscode.Memento) {
    this.state = state;
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (TARGET_SETTINGS.some((key) => e.affectsConfiguration(key))) this.changed.fire();
    }));
  }

  /** What the user picked in this workspace. */
  pick(): ClusterPick {
    const value = this.state.get<unknown>(PICK_KEY);
    if (typeof value !== 'object' || value === null) return {};
    const v = value as Record<string, unknown>;
    return {
      ...(typeof v['context'] === 'string' ? { context: v['context'] } : {}),
      ...(typeof v['namespace'] === 'string' ? { namespace: v['namespace'] } : {}),
    };
  }

  /** A new context forgets the picked namespace (kubectl's namespace belongs to a context). */
  async pickContext(context: string): Promise<void> {
    await this.state.update(PICK_KEY, { context });
    this.changed.fire();
  }

  async pickNamespace(namespace: string): Promise<void> {
    await this.state.update(PICK_KEY, { ...this.pick(), namespace });
    this.changed.fire();
  }

  /** The kubeconfig path, context and namespace overrides, from the pick and the settings. */
  target(): ClusterTarget {
    return resolveClusterTarget(readSettings(), this.pick());
  }

  /** A client for the target; the caller closes it. Throws the runtime's KubeError when the kubeconfig cannot be used. */
  open(): KubeClient {
    return loadCluster().openKubeClient(this.target());
  }

  /** The contexts of the kubeconfig in use. */
  contexts(): KubeconfigContexts {
    const { kubeconfigPath } = this.target();
    return loadCluster().listKubeconfigContexts(kubeconfigPath ? { kubeconfigPath } : {});
  }

  /** The context and namespace a client would use, read from the kubeconfig without calling the cluster. */
  view(): ClusterView {
    const resolved = loadCluster().loadKubeconfig(this.target());
    return { context: resolved.contextName, namespace: resolved.namespace };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
