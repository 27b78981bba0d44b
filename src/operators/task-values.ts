/**
 * Checks a task's keyword arguments against its operator's parameter table (the "value of the wrong type",
 * "unknown keyword argument" and "missing argument" errors a Python call would hit first).
 */
import type { Problem } from '../common/index.js';
import { findParam, requiredParamNames } from './parameters/operator-params.js';
import type { ParamSpec, ValueShape } from './parameters/param-spec.js';
import { dictMarker, locate, type TaskSpec, type TaskValue } from './task.js';

function isMapping(value: TaskValue): value is { [key: string]: TaskValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMarkedDict(value: TaskValue): boolean {
  return isMapping(value) && Object.keys(value).length === 1 && Object.hasOwn(value, dictMarker);
}

function matches(shape: ValueShape, value: TaskValue): boolean {
  switch (shape) {
    case 'null':
      return value === null;
    case 'str':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'true':
      return value === true;
    case 'dict':
    case 'model':
      return isMapping(value);
    case 'list':
    case 'list[model]':
    case 'list[secret]':
      return Array.isArray(value) && (shape === 'list' || value.every((item) => isMapping(item)));
    case 'list[str]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'list[int]':
      return Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isInteger(item));
    case 'any':
      return true;
  }
}

const shapeWords: Record<ValueShape, string> = {
  null: 'null',
  str: 'a string',
  int: 'an integer',
  number: 'a number',
  bool: 'true/false',
  true: 'true',
  dict: 'a mapping',
  model: 'a mapping',
  list: 'a list',
  'list[str]': 'a list of strings',
  'list[int]': 'a list of integers',
  'list[model]': 'a list of mappings',
  'list[secret]': 'a list of Secret mappings',
  any: 'any value',
};

function describe(value: TaskValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'number' ? (Number.isInteger(value) ? 'an integer' : 'a number') : typeof value === 'boolean' ? 'a boolean' : 'a string'} (${JSON.stringify(value)})`;
}

function problemAt(task: TaskSpec, path: (string | number)[], code: string, message: string): Problem {
  const range = locate(task, path);
  return { severity: 'error', code, message, ...(range ? { start: range.start, end: range.end } : {}) };
}

function checkValue(task: TaskSpec, spec: ParamSpec, value: TaskValue): Problem | undefined {
  const unwrapped = isMarkedDict(value) ? (value as Record<string, TaskValue>)[dictMarker] ?? null : value;
  if (spec.accepts.some((shape) => matches(shape, unwrapped))) return undefined;
  const expected = spec.accepts.map((shape) => shapeWords[shape]).join(' or ');
  return problemAt(task, [spec.name], 'KT4004', `${spec.name} must be ${expected} (${spec.python}), not ${describe(unwrapped)}`);
}

/**
 * Problems Python itself raises before the operator runs (unknown or missing keyword arguments, values only a DAG
 * file can hold), each located at the offending key.
 */
export function checkTaskParams(task: TaskSpec): Problem[] {
  const problems: Problem[] = [];
  const unknown = Object.keys(task.params).filter((name) => !findParam(task.operator, name));
  for (const name of unknown) {
    problems.push(
      problemAt(
        task,
        [name],
        'KT4002',
        `TypeError: Invalid arguments were passed to ${task.operator} (task_id: ${task.taskId}). Invalid arguments were: **kwargs: {'${name}': …}`,
      ),
    );
  }
  // Airflow's BaseOperatorMeta checks required arguments itself (`apply_defaults`), with this wording.
  const missing = requiredParamNames(task.operator).filter((name) => name !== 'task_id' && !Object.hasOwn(task.params, name));
  if (missing.length === 1) problems.push(problemAt(task, [], 'KT4005', `TypeError: missing keyword argument '${missing[0]}'`));
  if (missing.length > 1) {
    const names = [...missing].sort().map((name) => `'${name}'`).join(', ');
    problems.push(problemAt(task, [], 'KT4005', `TypeError: missing keyword arguments ${names}`));
  }
  for (const name of Object.keys(task.params)) {
    const spec = findParam(task.operator, name);
    if (spec?.pythonOnly) problems.push(pythonOnlyProblem(task, spec));
  }
  return problems;
}

/**
 * Values of the wrong type. Python accepts most of them at construction (Airflow raises its own error for some,
 * which `renderTask` prefers); task files refuse them all, located at the key.
 */
export function checkTaskTypes(task: TaskSpec): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(task.params)) {
    const spec = findParam(task.operator, name);
    const problem = spec && !spec.pythonOnly ? checkValue(task, spec, value) : undefined;
    if (problem) problems.push(problem);
  }
  return problems;
}

function pythonOnlyProblem(task: TaskSpec, spec: ParamSpec): Problem {
  return problemAt(task, [spec.name], 'KT4006', `${spec.name} holds a Python object (${spec.python}); it can only be set in a DAG file`);
}
