/**
 * "KubeTasks: Select Namespace" (issue 14): the namespace a launched task goes to when it names none (Airflow's
 * rule: the task's own namespace wins), picked from the namespaces the credentials can list, or typed when listing
 * is forbidden. Kept per workspace; the kubeconfig is never written. Argument `(name?)` picks without asking.
 */
import * as vscode from 'vscode';
import type { KubeClient } from '../kube/index.js';
import { kubeErrorReason, showClusterError } from '../providers/kube-error-message.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';

/** RFC 1123 label, as Kubernetes names namespaces. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const TYPE_ONE = '$(edit) Type a namespace…';

async function typeOne(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    prompt: 'Namespace for tasks that name none',
    validateInput: (value) => (NAMESPACE_NAME.test(value) ? undefined : 'a namespace is a lowercase RFC 1123 label (a-z, 0-9, -; at most 63)'),
  });
}

/** The namespaces the credentials can list; undefined (said why) when the cluster cannot be reached at all. */
async function listed(context: CommandContext, client: KubeClient): Promise<string[] | undefined> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'KubeTasks: listing namespaces' }, () => client.listNamespaces());
  } catch (error) {
    if (kubeErrorReason(error) === 'Forbidden') return [];
    showClusterError(`cannot list the namespaces of ${client.contextName}`, error, context.showLog);
    return undefined;
  }
}

async function choose(context: CommandContext): Promise<string | undefined> {
  let client: KubeClient;
  try {
    client = context.cluster.open();
  } catch (error) {
    showClusterError('cannot use the kubeconfig', error, context.showLog);
    return undefined;
  }
  try {
    const names = await listed(context, client);
    if (names === undefined) return undefined;
    const items = [...names.map((name) => ({ label: name, description: name === client.namespace ? '(in use)' : '' })), { label: TYPE_ONE, description: names.length === 0 ? 'listing namespaces is not allowed' : '' }];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: `Namespace in ${client.contextName} for tasks that name none` });
    if (!picked) return undefined;
    return picked.label === TYPE_ONE ? typeOne() : picked.label;
  } finally {
    client.close();
  }
}

export const selectNamespaceCommand: Command = {
  id: CommandIds.selectNamespace,
  async execute(context, ...args) {
    if (!ensureTrusted('Select Namespace')) return undefined;
    const [wanted] = args;
    if (typeof wanted === 'string' && !NAMESPACE_NAME.test(wanted)) throw new Error(`"${wanted}" is not a namespace name (a lowercase RFC 1123 label)`);
    const name = typeof wanted === 'string' ? wanted : await choose(context);
    if (name === undefined) return undefined;
    await context.cluster.pickNamespace(name);
    return name;
  },
};
