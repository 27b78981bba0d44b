/**
 * Picks the loader by file type, so every command that takes a task file also takes a Python DAG file (issue 6):
 * `*.py` is scanned statically (src/dags), anything else is a task file (src/operators). Both give the renderer's
 * `TaskSpec`s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Problem, type Result } from '../common/index.js';
import { findRenderableTasks, scanDag, toTaskSpec, type DagScan } from '../dags/index.js';
import { parseTaskFile, type TaskFile, type TaskSpec } from '../operators/index.js';
import type { CliIo } from './io.js';
import { loadPythonParser } from './python-grammar.js';

export function isDagFile(file: string): boolean {
  return file.endsWith('.py');
}

/** Scans a DAG file's text. */
export async function scanDagText(text: string): Promise<DagScan> {
  return scanDag(await loadPythonParser(), text);
}

/** The DAG's tasks as `TaskSpec`s; Python import errors fail the file, as they fail Airflow's DagBag. */
export function toTaskFile(scan: DagScan, absolute: string): Result<TaskFile> {
  const errors = scan.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return fail(...errors);
  const tasks: TaskSpec[] = [];
  const warnings: Problem[] = [...scan.problems];
  for (const task of findRenderableTasks(scan)) {
    const converted = toTaskSpec(task, absolute);
    if (converted.ok) {
      tasks.push(converted.value.spec);
      warnings.push(...converted.value.notes);
    } else {
      warnings.push(...converted.problems.map((p) => ({ ...p, severity: 'warning' as const })));
    }
  }
  return ok({ tasks, warnings });
}

/** `parseTaskFile` for task files, the static DAG scan for `*.py`. */
export async function loadTaskFile(text: string, absolute: string): Promise<Result<TaskFile>> {
  if (!isDagFile(absolute)) return parseTaskFile(text, absolute);
  return toTaskFile(await scanDagText(text), absolute);
}

/** Reads the FILE argument of `command` relative to the CLI's cwd; says why on stderr when it cannot. */
export function readInput(command: string, file: string, io: CliIo): { absolute: string; text: string } | undefined {
  const absolute = path.resolve(io.cwd ?? process.cwd(), file);
  try {
    return { absolute, text: fs.readFileSync(absolute, 'utf8') };
  } catch (error) {
    io.stderr.write(`kubetasks ${command}: cannot read ${file}: ${(error as Error).message}\n`);
    return undefined;
  }
}
