/**
 * Renders one task of a task-file text for the editor: the same core calls as `kubetasks render`, with template
 * files read from open editors first (unsaved edits count) and from disk otherwise. The random suffix is seeded,
 * so the preview does not change on every keystroke.
 */
import type { Problem } from '../common/index.js';
import { parseTaskFile, renderTask, seededRandom, toPrintable, toYamlText, type TaskSpec } from '../operators/index.js';
import { readBeside } from './problem-adapter.js';

export type PreviewFormat = 'api' | 'airflow';

export type PreviewResult = { ok: true; text: string; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function parseTasks(text: string, fileName: string): { tasks: TaskSpec[]; problems: Problem[] } {
  const parsed = parseTaskFile(text, fileName);
  return parsed.ok ? { tasks: parsed.value.tasks, problems: parsed.value.warnings } : { tasks: [], problems: parsed.problems };
}

export function renderForPreview(task: TaskSpec, format: PreviewFormat): PreviewResult {
  const result = renderTask(task, { format, random: seededRandom(1), readFile: readBeside(task.file) });
  if (!result.ok) return { ok: false, problems: result.problems };
  const manifest = result.value.manifest;
  const text = manifest.format === 'airflow' ? manifest.text : toYamlText([toPrintable(manifest.output)]);
  return { ok: true, text, warnings: result.value.warnings };
}
