/**
 * Loads and renders the tasks of an open document for the editor: the same src/edge loader and core renderer as
 * `kubetasks render`, with template files read from open editors first (unsaved edits count) and from disk
 * otherwise. The random suffix is seeded, so a preview does not change on every keystroke; the
 * `airflow_kpo_in_cluster` label follows `kubetasks.airflow.inCluster`.
 */
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { Problem, Result } from '../common/index.js';
import { loadTaskFile } from '../edge/index.js';
import { renderTask, seededRandom, toPrintable, toYamlText, type RenderedTask, type TaskSpec } from '../operators/index.js';
import { renderTaskTemplates } from '../templates/index.js';
import type { DagScans } from './dag-scans.js';
import { readBesideInEditor } from './problem-adapter.js';
import { parseRenderContext } from './render-context.js';
import { readSettings } from './settings.js';

export type PreviewFormat = 'api' | 'airflow';

export type PreviewResult = { ok: true; text: string; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** The tasks of a task file, or of a DAG file's operator calls (issue 6), with what stops or limits them. */
export async function loadDocumentTasks(document: vscode.TextDocument, scans: DagScans): Promise<{ tasks: TaskSpec[]; problems: Problem[] }> {
  const loaded = await loadTaskFile(document.getText(), document.uri.fsPath, () => scans.scan(document));
  return loaded.ok ? { tasks: loaded.value.tasks, problems: loaded.value.warnings } : { tasks: [], problems: loaded.problems };
}

/** One task as the editor renders it (seeded names, open documents first, the in-cluster setting). */
export function renderInEditor(task: TaskSpec, format: PreviewFormat): Result<RenderedTask> {
  return renderTask(task, {
    format,
    random: seededRandom(1),
    readFile: readBesideInEditor(task.file),
    workerInCluster: readSettings().airflow.inCluster,
  });
}

/**
 * The task with its templated fields rendered for the context "Render with…" remembered (issue 17), through the
 * same `renderTaskTemplates` as `kubetasks render --conf …`; without a context, Jinja stays as written.
 */
function applyRenderContext(task: TaskSpec, contextText: string | undefined): Result<{ task: TaskSpec; warnings: Problem[] }> {
  if (contextText === undefined) return { ok: true, value: { task, warnings: [] } };
  const run = parseRenderContext(contextText, { now: new Date().toISOString(), uuid4: randomUUID });
  return run.ok ? renderTaskTemplates(task, run.value, readBesideInEditor(task.file)) : run;
}

export function renderForPreview(task: TaskSpec, format: PreviewFormat, contextText?: string): PreviewResult {
  const templated = applyRenderContext(task, contextText);
  if (!templated.ok) return { ok: false, problems: templated.problems };
  const result = renderInEditor(templated.value.task, format);
  if (!result.ok) return { ok: false, problems: result.problems };
  const manifest = result.value.manifest;
  const text = manifest.format === 'airflow' ? manifest.text : toYamlText([toPrintable(manifest.output)]);
  return { ok: true, text, warnings: [...templated.value.warnings, ...result.value.warnings] };
}
