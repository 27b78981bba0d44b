/**
 * "Validate" on the CodeLens above a DAG's operator call or a task file's task (hidden from the palette): checks that
 * task as Airflow would and reports in a message; the problems are in the Problems view. Arguments:
 * `(documentUri, taskId)`.
 */
import * as vscode from 'vscode';
import { isTaskFile, type Problem } from '../common/index.js';
import { validateDagDocument } from '../providers/dag-diagnostics.js';
import { loadDocumentTasks, renderInEditor } from '../providers/dry-run-render.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';

/**
 * A task file's task (issue 14's `Dry run · Launch · Check · Validate` lens): the file's load problems and the
 * task's render as Airflow would run it, plus the schema and lint diagnostics already in the Problems view.
 */
async function validateTaskFileTask(context: CommandContext, document: vscode.TextDocument, taskId: string): Promise<number> {
  const { tasks, problems } = await loadDocumentTasks(document, context.dagScans);
  const task = tasks.find((t) => t.taskId === taskId);
  if (!task) throw new Error(`no task "${taskId}" in ${vscode.workspace.asRelativePath(document.uri)}`);
  const rendered = renderInEditor(task, 'api');
  const found: Problem[] = [...problems, ...(rendered.ok ? rendered.value.warnings : rendered.problems)];
  const listed = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'KubeTasks' && d.severity === vscode.DiagnosticSeverity.Error);
  const errors = found.filter((p) => p.severity === 'error').length + listed.length;
  const first = found.find((p) => p.severity === 'error')?.message ?? listed[0]?.message;
  const summary = errors === 0 ? `${taskId}: Airflow would accept this task` : `${taskId}: ${errors} problem(s), first: ${first ?? ''}`;
  void vscode.window.showInformationMessage(`KubeTasks: ${summary}`);
  return errors;
}

export const validateDagTaskCommand: Command = {
  id: CommandIds.validateDagTask,
  async execute(context, ...args) {
    const [uri, taskId] = args;
    if (!(uri instanceof vscode.Uri) || typeof taskId !== 'string') throw new Error('Validate DAG Task needs a DAG file and a task id (use the CodeLens)');
    const document = await vscode.workspace.openTextDocument(uri);
    if (isTaskFile(uri.path)) return validateTaskFileTask(context, document, taskId);
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
