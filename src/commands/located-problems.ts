/**
 * Problems that stop a Launch or Check before any cluster call (a bad field, a DAG call still holding Jinja or XCom
 * references, KT4712): shown as diagnostics at the task file's lines (collection "kubetasks-launch") and as one
 * message naming the first error's line.
 */
import * as vscode from 'vscode';
import { formatProblem, type Problem } from '../common/index.js';
import { toDiagnostic } from '../providers/problem-adapter.js';

/** Marks the problems at their lines; the message names the first error (or the given text) and where it is. */
export function showLaunchProblems(collection: vscode.DiagnosticCollection, uri: vscode.Uri, problems: readonly Problem[], verb: string, message?: string): void {
  const here = problems.filter((p) => p.file === undefined || p.file === uri.fsPath);
  collection.set(uri, here.map((p) => toDiagnostic(p, 'kubetasks-launch')));
  const first = problems.find((p) => p.severity === 'error');
  const text = message ?? (first ? formatProblem(vscode.workspace.asRelativePath(uri), first) : 'the task could not be prepared');
  void vscode.window.showErrorMessage(`KubeTasks: cannot ${verb}: ${text}`);
  if (first?.start && (first.file === undefined || first.file === uri.fsPath)) {
    const at = new vscode.Position(first.start.line - 1, Math.max(first.start.column - 1, 0));
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (editor) editor.selection = new vscode.Selection(at, at);
  }
}
