/**
 * Picks the loader by file type, so every edge that takes a task file also takes a Python DAG file (issue 6):
 * `*.py` is scanned statically (src/dags), anything else is a task file (src/operators). Both give the renderer's
 * `TaskSpec`s, with one severity policy (`toDagTaskFile`).
 */
import { isDagFile, ok, type Result } from '../common/index.js';
import { scanDag, toDagTaskFile, type DagScan } from '../dags/index.js';
import { parseTaskFile, type TaskFile } from '../operators/index.js';
import { loadPythonParser } from './python-grammar.js';

/** Scans a DAG file's text with the shared parser; `file` is the DAG's `__file__` (issue 17 path idioms). */
export async function scanDagText(text: string, file?: string): Promise<DagScan> {
  return scanDag(await loadPythonParser(), text, file ? { file } : {});
}

/** How a DAG text is scanned; the editor passes its per-document cache (undefined: no operator call in it). */
export type DagScanner = (text: string) => Promise<DagScan | undefined>;

/** `parseTaskFile` for task files, the static DAG scan for `*.py`. */
export async function loadTaskFile(text: string, absolute: string, scan: DagScanner = (t) => scanDagText(t, absolute)): Promise<Result<TaskFile>> {
  if (!isDagFile(absolute)) return parseTaskFile(text, absolute);
  const scanned = await scan(text);
  return scanned ? toDagTaskFile(scanned, absolute) : ok({ tasks: [], warnings: [] });
}
