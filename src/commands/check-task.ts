/**
 * "KubeTasks: Check Against Cluster" (issue 14): the server-side dry run of what a Launch would create
 * (`dryRun=All`, `fieldValidation=Strict`: admission, quotas, unknown fields, missing namespaces) through src/kube's
 * `checkTask`, shown as diagnostics at the task file's lines (collection "kubetasks-check"). Resolves with the
 * findings (an empty list when the server accepts the object), or undefined when nothing was checked. Untrusted
 * workspaces: unavailable, with why.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Problem } from '../common/index.js';
import type { PreparedLaunch } from '../edge/index.js';
import type { KubeClient } from '../kube/index.js';
import { launchNamespace } from '../settings/index.js';
import { loadCluster } from '../providers/cluster-loader.js';
import { showClusterError } from '../providers/kube-error-message.js';
import { readBesideInEditor, toDiagnostic } from '../providers/problem-adapter.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';
import { prepareInEditor } from './prepare-in-editor.js';
import { targetDocument, targetTask, type TaskTarget } from './task-target.js';

/**
 * The server's verdict through src/kube `checkTask` (issue 13: dry runs, unknown fields dropped and asked again,
 * refusals located through the provenance map), in the namespace a Launch would use.
 */
function dryRun(client: KubeClient, prepared: PreparedLaunch, file: string, signal: AbortSignal): Promise<Problem[]> {
  const metadata = (prepared.body['metadata'] ?? {}) as Record<string, unknown>;
  const namespace = launchNamespace(prepared.task.params['namespace'], metadata['namespace'], client.namespace);
  return loadCluster().checkTask(client, prepared, {
    readFile: readBesideInEditor(file),
    templatePath: (name) => path.resolve(path.dirname(file), name),
    ...(Object.keys(prepared.body).length > 0 ? { namespace } : {}),
    signal,
  });
}

/** Sets the findings as diagnostics: on the task file, and on a template file a finding comes from. */
function showFindings(collection: vscode.DiagnosticCollection, uri: vscode.Uri, problems: readonly Problem[]): void {
  const byFile = new Map<string, vscode.Diagnostic[]>([[uri.fsPath, []]]);
  for (const problem of problems) {
    const file = problem.file ?? uri.fsPath;
    byFile.set(file, [...(byFile.get(file) ?? []), toDiagnostic(problem, 'kubetasks-check')]);
  }
  for (const [file, diagnostics] of byFile) collection.set(file === uri.fsPath ? uri : vscode.Uri.file(file), diagnostics);
}

async function check(context: CommandContext, target: TaskTarget, prepared: PreparedLaunch): Promise<Problem[] | undefined> {
  let client: KubeClient;
  try {
    client = context.cluster.open();
  } catch (error) {
    showClusterError(`cannot check ${target.taskId}`, error, context.showLog);
    return undefined;
  }
  try {
    const title = `KubeTasks: checking ${target.taskId} against ${client.contextName}`;
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return dryRun(client, prepared, target.document.uri.fsPath, controller.signal);
    });
  } catch (error) {
    showClusterError(`cannot check ${target.taskId}`, error, context.showLog);
    return undefined;
  } finally {
    client.close();
  }
}

export const checkTaskCommand: Command = {
  id: CommandIds.checkTask,
  async execute(context, ...args) {
    const [uriArg, taskArg] = args;
    if (!ensureTrusted('Check Against Cluster')) return undefined;
    const document = await targetDocument(uriArg, 'check');
    const target = await targetTask(context, document, taskArg, 'check');
    if (!target) return undefined;
    const prepared = await prepareInEditor(context, target, `check ${target.taskId}`);
    if (!prepared) return undefined;
    const problems = await check(context, target, prepared);
    if (problems === undefined) return undefined;
    showFindings(context.checkProblems, document.uri, problems);
    const verdict = problems.length === 0 ? 'the cluster accepts it' : `${problems.length} finding${problems.length === 1 ? '' : 's'} (see Problems)`;
    void vscode.window.showInformationMessage(`KubeTasks: Check ${target.taskId}: ${verdict}`);
    return problems;
  },
};
