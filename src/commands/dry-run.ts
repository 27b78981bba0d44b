/**
 * "KubeTasks: Dry Run": open what Airflow would create for a task beside its task or DAG file. Called from the palette
 * (active editor, task under the cursor or picked) or from the CodeLens (file and task given).
 */
import * as vscode from 'vscode';
import { isDagFile, isTaskFile } from '../common/index.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';

async function chooseTask(context: CommandContext, document: vscode.TextDocument, cursorLine: number | undefined): Promise<string | undefined> {
  const { tasks, problems } = await context.dryRunPreview.tasksOf(document);
  if (tasks.length === 0) {
    const why = problems[0] ? `: ${problems[0].message}` : '';
    throw new Error(`no task can be read from ${vscode.workspace.asRelativePath(document.uri)}${why}`);
  }
  if (tasks.length === 1) return tasks[0]?.taskId;
  // The task whose block starts last at or above the cursor is the one being edited.
  const above = tasks.filter((t) => cursorLine !== undefined && (t.ranges['']?.start.line ?? Infinity) <= cursorLine + 1);
  const atCursor = above[above.length - 1];
  if (atCursor) return atCursor.taskId;
  return vscode.window.showQuickPick(tasks.map((t) => t.taskId), { placeHolder: 'Task to dry-run' });
}

export const dryRunCommand: Command = {
  id: CommandIds.dryRun,
  async execute(context, ...args) {
    const [uriArg, taskArg] = args;
    const editor = vscode.window.activeTextEditor;
    const uri = uriArg instanceof vscode.Uri ? uriArg : editor?.document.uri;
    // Task files, and Python DAG files whose operator calls are read statically (issue 6).
    if (!uri || !(isTaskFile(uri.path) || isDagFile(uri.path))) {
      throw new Error('open a task file (*.task.yaml, *.task.yml or *.task.json) or a DAG file (*.py) to dry-run it');
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const cursor = editor?.document.uri.toString() === uri.toString() ? editor.selection.active.line : undefined;
    const taskId = typeof taskArg === 'string' ? taskArg : await chooseTask(context, document, cursor);
    if (!taskId) return undefined;
    const preview = context.dryRunPreview.uriFor({ source: uri, taskId });
    const shown = await vscode.workspace.openTextDocument(preview);
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
    context.logger.info(`dry run of ${taskId} in ${vscode.workspace.asRelativePath(uri)}`);
    return preview.toString();
  },
};
