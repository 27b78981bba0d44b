/**
 * Render errors as diagnostics on task files: what Airflow would raise for these parameters (KT4xxx), at the
 * offending key. Updated on open and, once typing pauses, on edits.
 */
import * as vscode from 'vscode';
import { isTaskFile, type Logger, type Problem } from '../common/index.js';
import type { DagScans } from './dag-scans.js';
import { DocumentDebounce } from './debounce.js';
import { loadDocumentTasks, renderForPreview } from './dry-run-render.js';
import { toDiagnostic } from './problem-adapter.js';

export interface RenderDiagnosticsDeps {
  scans: DagScans;
  logger: Logger;
}

async function collectRenderProblems(document: vscode.TextDocument, scans: DagScans): Promise<Problem[]> {
  const { tasks, problems } = await loadDocumentTasks(document, scans);
  for (const task of tasks) {
    const rendered = renderForPreview(task, 'api');
    problems.push(...(rendered.ok ? rendered.warnings : rendered.problems));
  }
  return problems.filter((p) => p.file === undefined);
}

export function registerRenderDiagnostics(context: Pick<vscode.ExtensionContext, 'subscriptions'>, deps: RenderDiagnosticsDeps): void {
  const collection = vscode.languages.createDiagnosticCollection('kubetasks-render');
  const debounce = new DocumentDebounce();
  const update = (document: vscode.TextDocument) => {
    if (!isTaskFile(document.uri.path)) return;
    void collectRenderProblems(document, deps.scans).then(
      (problems) => collection.set(document.uri, problems.map((p) => toDiagnostic(p, 'kubetasks render'))),
      (error: unknown) => {
        // A render bug must not leave stale diagnostics behind; it is logged with its stack.
        collection.delete(document.uri);
        deps.logger.error(error instanceof Error ? error : String(error));
      });
  };
  context.subscriptions.push(
    collection,
    debounce,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((event) => debounce.schedule(event.document.uri, () => update(event.document))),
    vscode.workspace.onDidCloseTextDocument((document) => {
      debounce.cancel(document.uri);
      collection.delete(document.uri);
    }),
  );
  vscode.workspace.textDocuments.forEach(update);
}
