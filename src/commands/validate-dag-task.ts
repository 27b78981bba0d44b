/**
 * "Validate" on the CodeLens above a DAG's operator call (hidden from the palette): checks that task as Airflow
 * would and reports in a message; the problems are in the Problems view. Arguments: `(documentUri, taskId)`.
 */
import * as vscode from 'vscode';
import { validateDagDocument } from '../providers/dag-diagnostics.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

export const validateDagTaskCommand: Command = {
  id: CommandIds.validateDagTask,
  async execute(context, ...args) {
    const [uri, taskId] = args;
    if (!(uri instanceof vscode.Uri) || typeof taskId !== 'string') throw new Error('Validate DAG Task needs a DAG file and a task id (use the CodeLens)');
    const document = await vscode.workspace.openTextDocument(uri);
    const scan = await context.dagScans.scan(document);
    if (!scan?.tasks.some((t) => t.taskId === taskId)) throw new Error(`no task "${taskId}" in ${vscode.workspace.asRelativePath(uri)}`);
    const problems = validateDagDocument(scan, uri.fsPath, taskId);
    const errors = problems.filter((p) => p.severity === 'error').length;
    const summary = errors === 0 ? `${taskId}: Airflow would accept this task` : `${taskId}: ${errors} problem(s); see the Problems view`;
    const notes = problems.length > errors ? ` (${problems.length - errors} note(s))` : '';
    void vscode.window.showInformationMessage(`KubeTasks: ${summary}${notes}`);
    if (errors > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return errors;
  },
};
