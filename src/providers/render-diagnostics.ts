/**
 * Render errors as diagnostics on task files: what Airflow would raise for these parameters (KT4xxx), at the
 * offending key. Updated on open and on every edit.
 */
import * as vscode from 'vscode';
import type { Problem } from '../common/index.js';
import { parseTasks, renderForPreview } from './dry-run-render.js';
import { toDiagnostic } from './problem-adapter.js';

const TASK_FILE = /\.task\.(ya?ml|json)$/;

export function collectRenderProblems(document: vscode.TextDocument): Problem[] {
  const { tasks, problems } = parseTasks(document.getText(), document.uri.fsPath);
  for (const task of tasks) {
    const rendered = renderForPreview(task, 'api');
    problems.push(...(rendered.ok ? rendered.warnings : rendered.problems));
  }
  return problems.filter((p) => p.file === undefined);
}

export function registerRenderDiagnostics(context: Pick<vscode.ExtensionContext, 'subscriptions'>): void {
  const collection = vscode.languages.createDiagnosticCollection('kubetasks-render');
  const update = (document: vscode.TextDocument) => {
    if (!TASK_FILE.test(document.uri.path)) return;
    collection.set(document.uri, collectRenderProblems(document).map((p) => toDiagnostic(p, 'kubetasks render')));
  };
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((event) => update(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
  );
  vscode.workspace.textDocuments.forEach(update);
}
