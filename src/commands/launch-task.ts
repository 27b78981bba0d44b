/**
 * "KubeTasks: Launch Task" (issue 14): launches a task of a task file or a DAG call on the cluster, as
 * `kubetasks launch` does, and resolves with its `LaunchOutcome` when the launch ends (undefined when nothing was
 * launched). Arguments `(uri?, taskId?, runId?, tryNumber?)`: the CodeLens and the tree pass the first two, Relaunch
 * all four; the palette uses the active editor
 * and asks for the task when the file has several. Unavailable, with the reason, in an untrusted workspace and while
 * `npm start`'s local cluster is still starting.
 */
import * as vscode from 'vscode';
import { localClusterNotReady } from '../providers/local-cluster-status.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';
import { runInEditor } from './launch-run.js';
import { prepareInEditor } from './prepare-in-editor.js';
import { targetDocument, targetTask } from './task-target.js';

export const launchTaskCommand: Command = {
  id: CommandIds.launchTask,
  async execute(context, ...args) {
    const [uriArg, taskArg, runArg, tryArg] = args;
    if (!ensureTrusted('Launch')) return undefined;
    const waiting = localClusterNotReady();
    if (waiting) {
      void vscode.window.showWarningMessage(`KubeTasks: ${waiting}`);
      return undefined;
    }
    const document = await targetDocument(uriArg, 'launch');
    const picked = await targetTask(context, document, taskArg, 'launch');
    if (!picked) return undefined;
    const tryNumber = typeof tryArg === 'number' && Number.isInteger(tryArg) && tryArg > 0 ? { tryNumber: tryArg } : {};
    const target = typeof runArg === 'string' && runArg !== '' ? { ...picked, runId: runArg, ...tryNumber } : picked;
    const prepared = await prepareInEditor(context, target, `launch ${target.taskId}`);
    if (!prepared) return undefined;
    context.logger.info(`launch of ${target.taskId} in ${vscode.workspace.asRelativePath(document.uri)}`);
    return runInEditor(context, target, prepared);
  },
};
