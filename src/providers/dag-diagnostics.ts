/**
 * Diagnostics on Python DAG files: Python import errors the scan sees, what the renderer rejects for each operator
 * call (unknown keyword arguments, wrong types, Airflow's errors) at the argument, and an information note for each
 * argument that cannot be evaluated statically.
 */
import * as vscode from 'vscode';
import type { Logger, Problem } from '../common/index.js';
import { validateDagScan, type DagScan } from '../dags/index.js';
import type { DagScans } from './dag-scans.js';
import { DocumentDebounce } from './debounce.js';
import { readBesideInEditor, toDiagnostic } from './problem-adapter.js';

export interface DagDiagnosticsDeps {
  scans: DagScans;
  logger: Logger;
}

/** The problems of a scanned DAG file, or of the calls of one task only (the CodeLens `Validate`). */
export function validateDagDocument(scan: DagScan, file: string, taskId?: string): Problem[] {
  if (taskId === undefined) return validateDagScan(scan, { file, readFile: readBesideInEditor(file) });
  const task = scan.tasks.find((t) => t.taskId === taskId);
  if (!task) return [];
  const inCall = (p: Problem): boolean => (p.start?.line ?? 0) >= task.range.start.line && (p.start?.line ?? 0) <= task.range.end.line;
  return validateDagScan({ ...scan, tasks: [task] }, { file, readFile: readBesideInEditor(file) }).filter(inCall);
}

export function registerDagDiagnostics(context: vscode.ExtensionContext, deps: DagDiagnosticsDeps): void {
  const collection = vscode.languages.createDiagnosticCollection('kubetasks-dags');
  const debounce = new DocumentDebounce();
  const update = async (document: vscode.TextDocument): Promise<void> => {
    if (document.languageId !== 'python') return;
    const scan = await deps.scans.scan(document);
    const problems = scan ? validateDagDocument(scan, document.uri.fsPath) : [];
    collection.set(document.uri, problems.map((p) => toDiagnostic(p, 'kubetasks dags')));
  };
  // A scan or render bug must not leave stale diagnostics behind; it is logged with its stack.
  const report = (document: vscode.TextDocument) => void update(document).catch((error: unknown) => {
    collection.delete(document.uri);
    deps.logger.error(error instanceof Error ? error : String(error));
  });
  context.subscriptions.push(
    collection,
    debounce,
    vscode.workspace.onDidOpenTextDocument(report),
    vscode.workspace.onDidChangeTextDocument((event) => debounce.schedule(event.document.uri, () => report(event.document))),
    vscode.workspace.onDidCloseTextDocument((document) => {
      debounce.cancel(document.uri);
      collection.delete(document.uri);
      deps.scans.forget(document);
    }),
  );
  vscode.workspace.textDocuments.forEach(report);
}
