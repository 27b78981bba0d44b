/**
 * Problems of a DAG file for the editor: what Python raises on import (the scan's errors), what the renderer
 * rejects for each call (unknown keyword arguments, wrong types, Airflow's own errors), at the argument, and a note
 * for each argument that cannot be evaluated statically. A call made several times (in a loop) reports once.
 */
import type { Problem } from '../common/index.js';
import { renderTask, seededRandom } from '../operators/index.js';
import type { DagScan } from './scan-dag.js';
import { toTaskSpec } from './to-task-spec.js';

export interface ValidateDagOptions {
  /** The DAG file's path (template paths resolve against it). */
  file: string;
  /** Reads a template file named by a task (`pod_template_file`, `application_file`); undefined = does not exist. */
  readFile?: (path: string) => string | undefined;
}

function key(problem: Problem): string {
  return `${problem.code}|${problem.start?.line}:${problem.start?.column}`;
}

/** Every problem of the file, de-duplicated, in source order. */
export function validateDagScan(scan: DagScan, options: ValidateDagOptions): Problem[] {
  const problems: Problem[] = [...scan.problems];
  for (const task of scan.tasks) {
    const converted = toTaskSpec(task, options.file);
    if (!converted.ok) {
      problems.push(...converted.problems);
      continue;
    }
    problems.push(...converted.value.notes.map((note) => ({ ...note, severity: 'info' as const })));
    const rendered = renderTask(converted.value.spec, {
      format: 'api',
      random: seededRandom(1),
      ...(options.readFile ? { readFile: options.readFile } : {}),
    });
    problems.push(...(rendered.ok ? rendered.value.warnings : rendered.problems).filter((p) => p.file === undefined));
  }
  const unique = new Map(problems.map((p) => [key(p), p]));
  return [...unique.values()].sort(
    (a, b) => (a.start?.line ?? 1) - (b.start?.line ?? 1) || (a.start?.column ?? 1) - (b.start?.column ?? 1),
  );
}
