/**
 * "KubeTasks: Reattach" (issue 14) on a run the Tasks tree found by its labels while its pod still runs (left by a
 * closed editor, `kubetasks launch --no-follow`, or another session): the task is looked up in the workspace by the
 * pod's dag_id and task_id labels (src/tasks `matchTaskSource`), then launched with the same run id and try number, so
 * that `find_pod` with `reattach_on_restart` (operators/pod.py) picks the running pod instead of creating one, and the
 * launch follows it as Airflow does after a worker restart: logs panel, outcome, XCom, `on_finish_action`. With no
 * matching task it says which dag and task it looked for and offers Follow Logs.
 */
import * as vscode from 'vscode';
import { ensureTrusted } from '../providers/trust-gate.js';
import { matchTaskSource, runLabelsOf, type LaunchOutcome, type RunLabels, type TaskNode, type TaskSource } from '../tasks/index.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';
import { workspaceTaskSources } from './reattach-sources.js';
import { podOf, recordOf, resolveNode, taskViews } from './task-node.js';

/** What Reattach did; the host tests read it (the user sees the launch, or the message). */
type ReattachResult =
  | { kind: 'launched'; outcome: LaunchOutcome | undefined; source: string; taskId: string; runId: string; tryNumber: number }
  | { kind: 'no-match'; message: string }
  | { kind: 'dismissed' };

interface Found {
  node: TaskNode;
  run: RunLabels;
  /** The real run id when something knows it (a session record, a followed Airflow run), else the label as stored. */
  runId: string;
  /** The task file the session recorded for this run, if any. */
  recorded?: string;
}

function findRun(context: CommandContext, arg: unknown): Found {
  const views = taskViews(context);
  const node = resolveNode(views, arg);
  const pod = podOf(node);
  if (!node || !pod) throw new Error('select the run of a running pod in the Tasks tree to reattach to it');
  const labels = views.tree.object('Pod', pod.namespace, pod.name)?.metadata?.labels;
  const run = runLabelsOf(labels);
  if (!run) {
    throw new Error(`pod ${pod.namespace}/${pod.name} has no KubernetesPodOperator labels (dag_id, task_id, run_id, kubernetes_pod_operator=True) to reattach by`);
  }
  const record = recordOf(views, node);
  const runId = node.target?.airflow?.runId ?? record?.runId ?? run.runId;
  return { node, run, runId, ...(record?.source ? { recorded: record.source } : {}) };
}

/** One task: the match, or the user's pick among several files that define it. */
async function pick(tasks: readonly TaskSource[], run: RunLabels): Promise<TaskSource | undefined> {
  const items = tasks.map((t) => ({ label: t.taskId, description: vscode.workspace.asRelativePath(vscode.Uri.parse(t.source)), task: t }));
  const chosen = await vscode.window.showQuickPick(items, { placeHolder: `Several files define dag_id ${run.dagId}, task_id ${run.taskId}: which one to reattach with?` });
  return chosen?.task;
}

function offerFollowLogs(message: string, node: TaskNode): void {
  void vscode.window.showWarningMessage(`KubeTasks: ${message}.`, 'Follow Logs').then((choice) => {
    if (choice) void vscode.commands.executeCommand(CommandIds.followLogs, node);
  });
}

async function reattach(context: CommandContext, arg: unknown): Promise<ReattachResult> {
  if (!ensureTrusted('Launch')) return { kind: 'dismissed' };
  const found = findRun(context, arg);
  const { run } = found;
  const match = matchTaskSource(run, await workspaceTaskSources(run), found.recorded);
  if (match.kind === 'none') {
    context.logger.info(`reattach: ${match.message}`);
    offerFollowLogs(match.message, found.node);
    return { kind: 'no-match', message: match.message };
  }
  const task = match.kind === 'one' ? match.task : await pick(match.tasks, run);
  if (!task) return { kind: 'dismissed' };
  context.logger.info(`reattach: ${task.taskId} of ${task.source}, run ${found.runId}, try ${run.tryNumber}`);
  // Launch's `--run-id`: find_pod lists the run's pods and follows the one still running.
  const outcome = await vscode.commands.executeCommand<LaunchOutcome | undefined>(CommandIds.launchTask, vscode.Uri.parse(task.source), task.taskId, found.runId, run.tryNumber);
  return { kind: 'launched', outcome, source: task.source, taskId: task.taskId, runId: found.runId, tryNumber: run.tryNumber };
}

export const reattachCommand: Command = { id: CommandIds.reattach, execute: reattach };
