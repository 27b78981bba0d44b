/**
 * Reads `*.task.yaml|yml|json` files (issue 3): one task, or a list under `tasks:` whose sibling keys are shared
 * defaults. Each task is `operator: <Class>` plus keyword arguments spelled as in Python, with an optional
 * `context:`. Every key keeps its source range so errors point at what the author wrote.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type CollectionTag, type Document, type Node, type Pair } from 'yaml';
import { fail, ok, type Problem, type Result } from '../common/index.js';
import type { TaskContext } from './labels.js';
import { findParam, isOperatorName, operatorNames } from './parameters/operator-params.js';
import { dictMarker, type SourceRange, type TaskSpec, type TaskValue } from './task.js';

export interface TaskFile {
  tasks: TaskSpec[];
  warnings: Problem[];
}

/** `!dict {…}` keeps a mapping a plain Python dict instead of a `kubernetes.client` model. */
const dictTag: CollectionTag = { tag: '!dict', collection: 'map', resolve: (map) => map };

interface Walker {
  lines: LineCounter;
  ranges: Record<string, SourceRange>;
  doc: Document;
  /** Aliases being expanded, to stop at a self-referencing anchor. */
  expanding: Set<Node>;
}

function rangeOf(walker: Walker, node: { range?: [number, number, number] | null } | null | undefined): SourceRange | undefined {
  if (!node?.range) return undefined;
  const start = walker.lines.linePos(node.range[0]);
  const end = walker.lines.linePos(node.range[1]);
  return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
}

/** Converts a YAML node to a TaskValue, recording the range of every key below `path`. */
function toValue(walker: Walker, node: Node | null | undefined, path: string): TaskValue {
  if (!node) return null;
  if (isAlias(node)) {
    // `*name` stands for the anchored node; its keys are located where the anchor was written.
    const target = node.resolve(walker.doc) as Node | undefined;
    if (!target || walker.expanding.has(target)) return null;
    walker.expanding.add(target);
    const value = toValue({ ...walker, ranges: {} }, target, path);
    walker.expanding.delete(target);
    return value;
  }
  if (isMap(node)) {
    const out: Record<string, TaskValue> = {};
    for (const pair of node.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = path === '' ? key : `${path}/${key}`;
      const range = rangeOf(walker, pair.key);
      if (range) walker.ranges[child] = range;
      out[key] = toValue(walker, pair.value, child);
    }
    return node.tag === '!dict' ? { [dictMarker]: out } : out;
  }
  if (isSeq(node)) {
    return node.items.map((item, index) => {
      const child = path === '' ? String(index) : `${path}/${index}`;
      const range = rangeOf(walker, item as Node);
      if (range) walker.ranges[child] = range;
      return toValue(walker, item as Node, child);
    });
  }
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return String(value);
  }
  return null;
}

function problem(code: string, message: string, range?: SourceRange, severity: Problem['severity'] = 'error'): Problem {
  return { severity, code, message, ...(range ? { start: range.start, end: range.end } : {}) };
}

function isRecord(value: TaskValue): value is Record<string, TaskValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a task file. Fails with located problems on YAML errors, bad structure or duplicate task ids. */
export function parseTaskFile(text: string, fileName: string): Result<TaskFile> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: [dictTag], uniqueKeys: true, lineCounter: lines, prettyErrors: false });
  const walker: Walker = { lines, ranges: {}, doc, expanding: new Set() };
  if (doc.errors.length > 0) {
    return fail(
      ...doc.errors.map((error) => {
        const at = lines.linePos(error.pos[0]);
        return problem('KT1001', error.message.split('\n')[0] ?? error.message, { start: { line: at.line, column: at.col }, end: { line: at.line, column: at.col } });
      }),
    );
  }
  const root = toValue(walker, doc.contents as Node | null, '');
  if (!isRecord(root)) return fail(problem('KT4001', 'a task file must be a mapping (one task, or shared defaults plus tasks:)'));
  const { tasks, ...defaults } = root;
  const entries = tasks === undefined ? [{ value: root, prefix: '' }] : taskEntries(tasks);
  if (!entries) return fail(problem('KT4001', 'tasks: must be a list of task mappings', walker.ranges.tasks));
  return buildTasks(entries, tasks === undefined ? {} : defaults, walker, fileName);
}

function taskEntries(tasks: TaskValue): { value: TaskValue; prefix: string }[] | undefined {
  if (!Array.isArray(tasks)) return undefined;
  return tasks.map((value, index) => ({ value, prefix: `tasks/${index}` }));
}

function buildTasks(
  entries: { value: TaskValue; prefix: string }[],
  defaults: Record<string, TaskValue>,
  walker: Walker,
  fileName: string,
): Result<TaskFile> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const seen = new Map<string, SourceRange | undefined>();
  const tasks: TaskSpec[] = [];
  for (const entry of entries) {
    const built = buildTask(entry, defaults, walker, fileName);
    if (!built.ok) {
      problems.push(...built.problems);
      continue;
    }
    const task = built.value;
    const first = seen.get(task.taskId);
    if (seen.has(task.taskId)) {
      const where = first ? ` (first at line ${first.start.line})` : '';
      problems.push(problem('KT4003', `DuplicateTaskIdFound: Task id '${task.taskId}' has already been added to the DAG${where}`, task.ranges.task_id));
    }
    seen.set(task.taskId, task.ranges.task_id);
    tasks.push(task);
  }
  warnings.push(...unusedDefaults(defaults, tasks, walker));
  return problems.length > 0 ? fail(...problems) : ok({ tasks, warnings });
}

/** Shared defaults apply only where the operator accepts them, as Airflow's default_args do. */
function unusedDefaults(defaults: Record<string, TaskValue>, tasks: TaskSpec[], walker: Walker): Problem[] {
  return Object.keys(defaults)
    .filter((name) => name !== 'operator' && name !== 'context' && name !== 'task_id')
    .filter((name) => tasks.length > 0 && tasks.every((task) => !findParam(task.operator, name)))
    .map((name) => problem('KT4007', `shared default ${name} is accepted by none of the tasks' operators and is ignored`, walker.ranges[name], 'warning'));
}

function rebase(walker: Walker, prefix: string): Record<string, SourceRange> {
  const out: Record<string, SourceRange> = {};
  for (const [path, range] of Object.entries(walker.ranges)) {
    if (prefix === '') out[path] = range;
    else if (path === prefix) out[''] = range;
    else if (path.startsWith(`${prefix}/`)) out[path.slice(prefix.length + 1)] = range;
  }
  return out;
}

function buildTask(
  entry: { value: TaskValue; prefix: string },
  defaults: Record<string, TaskValue>,
  walker: Walker,
  fileName: string,
): Result<TaskSpec> {
  const here = rebase(walker, entry.prefix);
  if (!isRecord(entry.value)) return fail(problem('KT4001', 'each task must be a mapping', here['']));
  const ranges: Record<string, SourceRange> = {};
  const own = entry.value;
  const operatorValue = own.operator ?? defaults.operator;
  const operator = isOperatorName(operatorValue) ? operatorValue : undefined;
  const merged: Record<string, TaskValue> = {};
  for (const [name, value] of Object.entries(defaults)) {
    if (name === 'operator' || name === 'context' || (operator && !findParam(operator, name))) continue;
    merged[name] = value;
    copyRanges(walker.ranges, name, ranges);
  }
  for (const [name, value] of Object.entries(own)) merged[name] = value;
  Object.assign(ranges, here);
  if (!operator) {
    const known = operatorNames.join(', ');
    const what = operatorValue === undefined ? 'has no operator:' : `names an unknown operator ${JSON.stringify(operatorValue)}`;
    return fail(problem('KT4001', `the task ${what}; use one of ${known}`, ranges.operator ?? ranges['']));
  }
  const { operator: _operator, task_id: taskId, context, ...params } = merged;
  if (typeof taskId !== 'string') return fail(problem('KT4005', `TypeError: ${operator}.__init__() missing 1 required keyword-only argument: 'task_id'`, ranges.task_id ?? ranges['']));
  const contextValue = context ?? (Object.hasOwn(own, 'context') ? null : (defaults.context ?? null));
  const parsedContext = parseContext(contextValue, ranges.context);
  if (!parsedContext.ok) return parsedContext;
  const task: TaskSpec = { operator, taskId, params, file: fileName, ranges };
  if (parsedContext.value) task.context = parsedContext.value;
  // The DAG's render_template_as_native_obj, for a task file (issue 17): templated fields render to native objects.
  if (isRecord(contextValue) && contextValue.render_template_as_native_obj === true) task.templating = { native: true };
  return ok(task);
}

function copyRanges(from: Record<string, SourceRange>, name: string, to: Record<string, SourceRange>): void {
  for (const [path, range] of Object.entries(from)) {
    if (path === name || path.startsWith(`${name}/`)) to[path] = range;
  }
}

/**
 * `context: {dag_id, run_id, try_number?, map_index?, render_template_as_native_obj?}`; try_number defaults to 1,
 * map_index to -1, and render_template_as_native_obj (the DAG's flag) to false.
 */
export function parseContext(value: TaskValue, range?: SourceRange): Result<TaskContext | undefined> {
  if (value === null || value === undefined) return ok(undefined);
  if (!isRecord(value) || typeof value.dag_id !== 'string' || typeof value.run_id !== 'string') {
    return fail(problem('KT4011', 'context: needs dag_id and run_id strings (try_number and map_index are optional integers)', range));
  }
  const tryNumber = value.try_number ?? 1;
  const mapIndex = value.map_index ?? -1;
  if (typeof tryNumber !== 'number' || typeof mapIndex !== 'number') {
    return fail(problem('KT4011', 'context: try_number and map_index must be integers', range));
  }
  const native = value.render_template_as_native_obj;
  if (native !== undefined && native !== null && typeof native !== 'boolean') {
    return fail(problem('KT4011', 'context: render_template_as_native_obj must be true or false', range));
  }
  return ok({ dag_id: value.dag_id, run_id: value.run_id, try_number: tryNumber, map_index: mapIndex });
}
