/**
 * "KubeTasks: Select Context" (issue 14, also the status bar item's click): picks the kubeconfig context KubeTasks
 * uses in this workspace, from the merged kubeconfig (kubectl's rules), or goes on to Select Namespace. The pick is
 * kept in the workspace state; the kubeconfig is never written. Argument `(name?)` picks without asking.
 */
import * as vscode from 'vscode';
import { showClusterError } from '../providers/kube-error-message.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

const NAMESPACE_ITEM = '$(symbol-namespace) Select Namespace…';

export const selectContextCommand: Command = {
  id: CommandIds.selectContext,
  async execute(context, ...args) {
    if (!ensureTrusted('Select Context')) return undefined;
    let listed;
    try {
      listed = context.cluster.contexts();
    } catch (error) {
      showClusterError('cannot read the kubeconfig', error, context.showLog);
      return undefined;
    }
    const names = listed.contexts.map((c) => c.name);
    const [wanted] = args;
    if (typeof wanted === 'string') {
      if (!names.includes(wanted)) throw new Error(`context "${wanted}" is not in the kubeconfig (${listed.files.join(', ')}); contexts: ${names.join(', ') || '(none)'}`);
      await context.cluster.pickContext(wanted);
      return wanted;
    }
    const inUse = context.cluster.target().context ?? listed.current;
    const items: vscode.QuickPickItem[] = [
      { label: NAMESPACE_ITEM, description: 'the namespace a task goes to when it names none' },
      { label: 'Contexts', kind: vscode.QuickPickItemKind.Separator },
      ...listed.contexts.map((c) => ({
        label: c.name,
        description: [c.cluster && `cluster ${c.cluster}`, c.namespace && `namespace ${c.namespace}`, c.name === inUse && '(in use)'].filter(Boolean).join(' · '),
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: `Context for KubeTasks in this workspace (from ${listed.files.join(', ')})` });
    if (!picked) return undefined;
    if (picked.label === NAMESPACE_ITEM) return vscode.commands.executeCommand(CommandIds.selectNamespace);
    await context.cluster.pickContext(picked.label);
    return picked.label;
  },
};
