/**
 * Core Problems → VS Code: ranges, diagnostics and the reading of template files named by a task. Shared by the
 * task-file, Dry Run and DAG adapters so they report alike.
 */
import * as vscode from 'vscode';
import type { Position, Problem } from '../common/index.js';
import { readBeside } from '../edge/index.js';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** Core positions are 1-based, in UTF-16 columns (src/common/text-position.ts); VS Code's are 0-based. Without an end, one unit is marked. */
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

/** The editor's overlay for src/edge `readBeside`: an open document's text wins, so unsaved edits count. */
export function openDocumentText(absolutePath: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolutePath)?.getText();
}

/** Reads the template files a task names, relative to `file`, from open editors first, as `kubetasks render` does. */
export function readBesideInEditor(file: string): (name: string) => string | undefined {
  return readBeside(file, openDocumentText);
}
