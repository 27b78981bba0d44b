/**
 * Reads task files into judge cases, independently of the renderer's own parser (the judge must not share the code
 * it judges). Format (issue 3): a `*.task.yaml|yml|json` holds one task, or a list under `tasks:` whose sibling
 * top-level keys are shared defaults. `operator:` and `context:` are merged under each task; every other shared key
 * is handed to the operator as `default_args`, so Airflow itself decides which tasks take it (only those whose
 * `__init__` signatures name it, `BaseOperatorMeta._apply_defaults`).
 * `!dict` (YAML) or `{"$dict": …}` (JSON) marks a mapping the DAG author passes as a plain dict instead of a
 * `kubernetes.client` model (see docs/FIDELITY.md, "How task-file values reach the judge").
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse, type ScalarTag, type CollectionTag } from 'yaml';

export interface JudgeCase {
  /** `<path relative to the repo>#<task_id>`; unique. */
  id: string;
  /** Absolute path of the task file. */
  file: string;
  task_id: string;
  operator: string;
  /** The task's own kwargs (template paths resolved), as JSON for the driver. */
  kwargs: Record<string, unknown>;
  /** The file's shared keys (template paths resolved), passed to the operator as `default_args`. */
  default_args?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /**
   * From a `# judge-error-phrase: TEXT` comment in the task file: the part of Airflow's error message our stderr
   * must carry, when the first line embeds text we cannot reproduce (e.g. PyYAML's own parser messages). The
   * judge checks that TEXT is still part of Airflow's message, so the narrowing cannot drift.
   */
  errorPhrase?: string;
}

const DICT_MARKER = '$dict';
const TASK_FILE = /\.task\.(ya?ml|json)$/;

// `!dict {…}`: the mapping is wrapped so the driver keeps it a dict; the tag only ever applies to mappings.
const dictTag: CollectionTag = {
  tag: '!dict',
  collection: 'map',
  resolve: (map) => ({ [DICT_MARKER]: map.toJSON() }) as never,
};
const unknownScalarTag: ScalarTag = { tag: '!dict', resolve: (value) => ({ [DICT_MARKER]: value }) };

/** Every task file below `dir` (recursively), sorted for a stable order. */
export function findTaskFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findTaskFiles(path));
    else if (TASK_FILE.test(entry)) out.push(path);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths that name a file resolve against the task file's folder (issue 3), like a DAG's own folder would. */
function resolvePaths(kwargs: Record<string, unknown>, dir: string): Record<string, unknown> {
  const out = { ...kwargs };
  for (const key of ['pod_template_file', 'job_template_file'] as const) {
    const value = out[key];
    if (typeof value === 'string' && value !== '' && !isAbsolute(value)) out[key] = resolve(dir, value);
  }
  // application_file is "a path or the YAML/JSON text itself": the provider checks whether the path exists
  // (SparkKubernetesOperator.manage_template_specs, after rstrip), so only an existing relative path is resolved.
  const app = out['application_file'];
  if (typeof app === 'string' && !isAbsolute(app.trimEnd()) && !app.includes('\n')) {
    const candidate = resolve(dir, app.trimEnd());
    if (existsSync(candidate)) out['application_file'] = candidate;
  }
  return out;
}

const ERROR_PHRASE = /^#\s*judge-error-phrase:\s*(.+?)\s*$/m;

function toCase(file: string, root: string, task: Record<string, unknown>, errorPhrase?: string, shared?: Record<string, unknown>): JudgeCase {
  const { operator, context, task_id: taskId, ...kwargs } = task;
  if (typeof operator !== 'string') throw new Error(`${file}: a task has no "operator:" string`);
  if (typeof taskId !== 'string') throw new Error(`${file}: a task has no "task_id:" string`);
  const judged: JudgeCase = {
    id: `${relative(root, file)}#${taskId}`,
    file,
    task_id: taskId,
    operator,
    kwargs: resolvePaths(kwargs, dirname(file)),
  };
  if (shared !== undefined && Object.keys(shared).length > 0) judged.default_args = resolvePaths(shared, dirname(file));
  if (errorPhrase !== undefined) judged.errorPhrase = errorPhrase;
  if (context !== undefined && context !== null) {
    if (!isRecord(context)) throw new Error(`${file}: "context:" of ${taskId} must be a mapping`);
    judged.context = context;
  }
  return judged;
}

/** Parses one task file into its cases. Throws on a file the judge cannot interpret (a broken case, not a pass). */
export function readTaskFile(file: string, root: string): JudgeCase[] {
  const text = readFileSync(file, 'utf8');
  const doc: unknown = file.endsWith('.json')
    ? JSON.parse(text)
    : parse(text, { customTags: [dictTag, unknownScalarTag], uniqueKeys: true });
  if (!isRecord(doc)) throw new Error(`${file}: top level must be a mapping`);
  const { tasks, ...defaults } = doc;
  const phrase = file.endsWith('.json') ? undefined : ERROR_PHRASE.exec(text)?.[1];
  if (tasks === undefined) return [toCase(file, root, doc, phrase)];
  if (!Array.isArray(tasks)) throw new Error(`${file}: "tasks:" must be a list`);
  const { operator, context, ...shared } = defaults;
  return tasks.map((task) => {
    if (!isRecord(task)) throw new Error(`${file}: each entry of "tasks:" must be a mapping`);
    return toCase(file, root, { operator, context, ...task }, phrase, shared);
  });
}
