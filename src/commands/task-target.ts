/**
 * The task a Launch or Check acts on: the file given (CodeLens, tree, tests) or the active editor's, and the task id
 * given or picked with a QuickPick when the file has several. Task files and Python DAG files.
 */
import * as vscode from 'vscode';
import { isDagFile, isTaskFile } from '../common/index.js';
import { loadDocumentTasks } from '../providers/dry-run-render.js';
import type { CommandContext } from './command.js';

export interface TaskTarget {
  document: vscode.TextDocument;
  taskId: string;
  /** Relaunch: the run to launch again (its pod reattached while it runs, else its next try), as `--run-id`. */
  runId?: string;
  /** With `runId`: the try to create when the run has no pod left (the previous try + 1). */
  tryNumber?: number;
}

/** The document to act on, or a thrown message saying what to open. */
export async function targetDocument(uriArg: unknown, verb: string): Promise<vscode.TextDocument> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !(isTaskFile(uri.path) || isDagFile(uri.path))) {
    throw new Error(`open a task file (*.task.yaml, *.task.yml or *.task.json) or a DAG file (*.py) to ${verb} it`);
  }
  return vscode.workspace.openTextDocument(uri);
}

/** The task id given, the only task, or the one picked; undefined when the pick is dismissed. */
export async function targetTask(context: CommandContext, document: vscode.TextDocument, taskArg: unknown, verb: string): Promise<TaskTarget | undefined> {
  if (typeof taskArg === 'string' && taskArg !== '') return { document, taskId: taskArg };
  const { tasks, problems } = await loadDocumentTasks(document, context.dagScans);
  if (tasks.length === 0) {
    const why = problems[0] ? `: ${problems[0].message}` : '';
    throw new Error(`no task can be read from ${vscode.workspace.asRelativePath(document.uri)}${why}`);
  }
  const only = tasks.length === 1 ? tasks[0]?.taskId : undefined;
  const taskId = only ?? await vscode.window.showQuickPick(tasks.map((t) => ({ label: t.taskId, description: t.operator })), {
    placeHolder: `Task to ${verb} (${vscode.workspace.asRelativePath(document.uri)} has ${tasks.length})`,
  }).then((item) => item?.label);
  return taskId === undefined ? undefined : { document, taskId };
}
