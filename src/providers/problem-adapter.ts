/**
 * Core Problems → VS Code: ranges, diagnostics and the reading of template files named by a task. Shared by the
 * task-file, Dry Run and DAG adapters so they report alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Position, Problem } from '../common/index.js';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** Core positions are 1-based; VS Code's are 0-based. Without an end, one character is marked. */
export function toVsRange(start: Position, end?: Position): vscode.Range {
  const last = end ?? { line: start.line, column: start.column + 1 };
  return new vscode.Range(start.line - 1, start.column - 1, last.line - 1, Math.max(last.column - 1, 0));
}

/** A problem without a position marks the start of the file. */
export function toDiagnostic(problem: Problem, source: string): vscode.Diagnostic {
  const range = toVsRange(problem.start ?? { line: 1, column: 1 }, problem.end);
  const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  diagnostic.code = problem.code;
  diagnostic.source = source;
  return diagnostic;
}

/**
 * Reads template files (`pod_template_file`, `job_template_file`, `application_file`) relative to the file that
 * names them, as `kubetasks render` does; an open editor's text wins, so unsaved edits count.
 */
export function readBeside(file: string): (name: string) => string | undefined {
  return (name) => {
    const resolved = path.resolve(path.dirname(file), name);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === resolved);
    if (open) return open.getText();
    try {
      return fs.statSync(resolved).isFile() ? fs.readFileSync(resolved, 'utf8') : undefined;
    } catch {
      return undefined; // unreadable is "does not exist", as for Airflow's os.path.exists
    }
  };
}
