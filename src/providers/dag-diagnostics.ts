/**
 * Diagnostics on Python DAG files: Python import errors the scan sees, what the renderer rejects for each operator
 * call (unknown keyword arguments, wrong types, Airflow's errors) at the argument, and an information note for each
 * argument that cannot be evaluated statically. Also the `Validate` action of the DAG CodeLens.
 */
import * as vscode from 'vscode';
import type { Logger, Problem } from '../common/index.js';
import { CommandIds } from '../commands/command-ids.js';
import { validateDagScan } from '../dags/index.js';
import type { DagScans } from './dag-scans.js';
import { readBeside, toDiagnostic } from './problem-adapter.js';

const EDIT_SETTLE_MS = 150;

export interface DagDiagnosticsDeps {
  scans: DagScans;
  logger: Logger;
}

async function problemsOf(scans: DagScans, document: vscode.TextDocument): Promise<Problem[] | undefined> {
  const scan = await scans.scan(document);
  return scan && validateDagScan(scan, { file: document.uri.fsPath, readFile: readBeside(document.uri.fsPath) });
}

async function validateTask(scans: DagScans, uri: vscode.Uri, taskId: string): Promise<number> {
  const document = await vscode.workspace.openTextDocument(uri);
  const scan = await scans.scan(document);
  const task = scan?.tasks.find((t) => t.taskId === taskId);
  if (!scan || !task) throw new Error(`no task "${taskId}" in ${vscode.workspace.asRelativePath(uri)}`);
  const inCall = (p: Problem): boolean => (p.start?.line ?? 0) >= task.range.start.line && (p.start?.line ?? 0) <= task.range.end.line;
  const problems = validateDagScan({ ...scan, tasks: [task] }, { file: uri.fsPath, readFile: readBeside(uri.fsPath) }).filter(inCall);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const summary = errors === 0 ? `${taskId}: Airflow would accept this task` : `${taskId}: ${errors} problem(s); see the Problems view`;
  void vscode.window.showInformationMessage(`KubeTasks: ${summary}${problems.length > errors ? ` (${problems.length - errors} note(s))` : ''}`);
  if (errors > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return errors;
}

export function registerDagDiagnostics(context: vscode.ExtensionContext, deps: DagDiagnosticsDeps): void {
  const collection = vscode.languages.createDiagnosticCollection('kubetasks-dags');
  const update = async (document: vscode.TextDocument): Promise<void> => {
    if (document.languageId !== 'python') return;
    const problems = await problemsOf(deps.scans, document);
    collection.set(document.uri, (problems ?? []).map((p) => toDiagnostic(p, 'kubetasks dags')));
  };
  // A scan or render bug must not leave stale diagnostics behind; it is logged with its stack.
  const report = (document: vscode.TextDocument) => void update(document).catch((error: unknown) => {
    collection.delete(document.uri);
    deps.logger.error(error instanceof Error ? error : String(error));
  });
  // Typing in a large DAG would re-render every call per keystroke; edits are settled for a moment first.
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const reportSoon = (document: vscode.TextDocument) => {
    clearTimeout(pending.get(document.uri.toString()));
    pending.set(document.uri.toString(), setTimeout(() => report(document), EDIT_SETTLE_MS));
  };
  context.subscriptions.push(
    collection,
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
    vscode.workspace.onDidOpenTextDocument(report),
    vscode.workspace.onDidChangeTextDocument((event) => reportSoon(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      collection.delete(document.uri);
      deps.scans.forget(document);
    }),
    // The CodeLens `Validate` command (hidden from the palette). Arguments: `(documentUri, taskId)`.
    vscode.commands.registerCommand(CommandIds.validateDagTask, (uri: vscode.Uri, taskId: string) => validateTask(deps.scans, uri, taskId)),
  );
  vscode.workspace.textDocuments.forEach(report);
}
