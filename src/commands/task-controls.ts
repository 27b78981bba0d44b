/**
 * The Tasks tree's controls (issue 14): Relaunch (same run, next try, through the Launch command's callback on the
 * session record), Cancel (the runtime's AbortSignal: the operator's `on_kill`), Delete (the run's objects, and the
 * record), Suspend/Resume Job (a merge patch of `spec.suspend`, as Kueue and KubernetesPatchJobOperator do), Copy
 * Pod Name.
 */
import * as vscode from 'vscode';
import type { KnownKind } from '../kube/index.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import type { NodeTarget, TaskNode } from '../tasks/index.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';
import { podOf, recordOf, resolveNode, taskViews } from './task-node.js';

async function relaunch(context: CommandContext, arg: unknown): Promise<unknown> {
  const views = taskViews(context);
  const record = recordOf(views, resolveNode(views, arg));
  if (!record?.relaunch) throw new Error('Relaunch works on launches made from this editor; to follow a pod left running (by Airflow, the CLI or a closed editor), use Reattach on its run');
  return record.relaunch();
}

function cancelLaunch(context: CommandContext, arg: unknown): void {
  const views = taskViews(context);
  const record = recordOf(views, resolveNode(views, arg));
  if (!record?.cancel) throw new Error(record ? 'this launch has already ended' : 'Cancel works on launches running from this editor');
  record.cancel();
}

/** The run's top objects (a Job's pods and Workload go with it: propagationPolicy Background). */
function objectsToDelete(node: TaskNode): NodeTarget[] {
  const own = node.target?.kind && !node.contextValue.startsWith('run') ? [node] : node.children;
  return own.map((n) => n.target).filter((t): t is NodeTarget => t?.kind !== undefined && t.name !== undefined && !t.container);
}

/** `{ confirmed: true }` as the second argument: the caller (a script, the host suite) already asked the user. */
function preConfirmed(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { confirmed?: unknown }).confirmed === true;
}

async function deleteRun(context: CommandContext, arg: unknown, options?: unknown): Promise<void> {
  const views = taskViews(context);
  const node = resolveNode(views, arg);
  if (!node) throw new Error('select a run or an object in the Tasks tree to delete');
  const record = recordOf(views, node);
  // Only what still exists: a deleted pod is already gone, a finished launch is then only forgotten.
  const targets = objectsToDelete(node).filter((t) => t.kind !== undefined && views.tree.object(t.kind, t.namespace ?? '', t.name ?? '') !== undefined);
  const what = targets.map((t) => `${t.kind ?? ''} ${t.namespace ?? ''}/${t.name ?? ''}`);
  const question = what.length ? `Delete ${what.join(', ')}?` : 'Remove this finished launch from the Tasks tree?';
  if (!preConfirmed(options) && (await vscode.window.showWarningMessage(question, { modal: true }, 'Delete')) !== 'Delete') return;
  if (what.length) {
    if (!ensureTrusted('a cluster call')) return;
    const client = views.cluster.open();
    try {
      for (const t of targets) {
        await client.delete(t.kind as KnownKind, t.name ?? '', { namespace: t.namespace ?? '', propagationPolicy: 'Background' });
      }
    } finally {
      client.close();
    }
  }
  if (record && !record.cancel) views.session.remove(record.id);
}

async function setSuspended(context: CommandContext, arg: unknown, suspend: boolean): Promise<void> {
  const views = taskViews(context);
  const node = resolveNode(views, arg);
  const job = node?.target?.kind === 'Job' ? node.target : node?.children.find((c) => c.target?.kind === 'Job')?.target;
  if (!job?.name || job.namespace === undefined) throw new Error('select a Job in the Tasks tree');
  if (!ensureTrusted('a cluster call')) return;
  const client = views.cluster.open();
  try {
    await client.patch('Job', job.name, { spec: { suspend } }, { namespace: job.namespace, type: 'merge' });
  } finally {
    client.close();
  }
}

async function copyPodName(context: CommandContext, arg: unknown): Promise<void> {
  const views = taskViews(context);
  const pod = podOf(resolveNode(views, arg));
  if (!pod) throw new Error('select a pod in the Tasks tree');
  await vscode.env.clipboard.writeText(pod.name);
  void vscode.window.setStatusBarMessage(`Copied ${pod.name}`, 3000);
}

export const relaunchCommand: Command = { id: CommandIds.relaunch, execute: relaunch };
export const cancelLaunchCommand: Command = { id: CommandIds.cancelLaunch, execute: cancelLaunch };
export const deleteRunCommand: Command = { id: CommandIds.deleteRun, execute: (c, arg, options) => deleteRun(c, arg, options) };
export const suspendJobCommand: Command = { id: CommandIds.suspendJob, execute: (c, arg) => setSuspended(c, arg, true) };
export const resumeJobCommand: Command = { id: CommandIds.resumeJob, execute: (c, arg) => setSuspended(c, arg, false) };
export const copyPodNameCommand: Command = { id: CommandIds.copyPodName, execute: copyPodName };
