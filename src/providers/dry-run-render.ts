/**
 * Renders one task of a task-file text for the editor: the same core calls as `kubetasks render`, with template
 * files read from open editors first (unsaved edits count) and from disk otherwise. The random suffix is seeded,
 * so the preview does not change on every keystroke.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Problem } from '../common/index.js';
import { parseTaskFile, renderTask, seededRandom, toPrintable, toYamlText, type TaskSpec } from '../operators/index.js';

export type PreviewFormat = 'api' | 'airflow';

export type PreviewResult = { ok: true; text: string; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Template paths resolve against the task file, as `pod_template_file` does for `kubetasks render`. */
function readTemplate(taskFile: string): (file: string) => string | undefined {
  return (file) => {
    const resolved = path.resolve(path.dirname(taskFile), file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === resolved);
    if (open) return open.getText();
    try {
      return fs.statSync(resolved).isFile() ? fs.readFileSync(resolved, 'utf8') : undefined;
    } catch {
      return undefined; // unreadable is "does not exist", as for Airflow's os.path.exists
    }
  };
}

export function parseTasks(text: string, fileName: string): { tasks: TaskSpec[]; problems: Problem[] } {
  const parsed = parseTaskFile(text, fileName);
  return parsed.ok ? { tasks: parsed.value.tasks, problems: parsed.value.warnings } : { tasks: [], problems: parsed.problems };
}

export function renderForPreview(task: TaskSpec, format: PreviewFormat): PreviewResult {
  const result = renderTask(task, { format, random: seededRandom(1), readFile: readTemplate(task.file) });
  if (!result.ok) return { ok: false, problems: result.problems };
  const manifest = result.value.manifest;
  const text = manifest.format === 'airflow' ? manifest.text : toYamlText([toPrintable(manifest.output)]);
  return { ok: true, text, warnings: result.value.warnings };
}

/** Problem positions are 1-based; VS Code's are 0-based. A problem without a position marks the first line. */
export function toRange(problem: Problem): vscode.Range {
  const start = problem.start ?? { line: 1, column: 1 };
  const end = problem.end ?? { line: start.line, column: start.column + 1 };
  return new vscode.Range(start.line - 1, start.column - 1, end.line - 1, Math.max(end.column - 1, start.column));
}
