/**
 * A found call's arguments as Airflow's operator receives them: `default_args` fill the parameters the operator
 * accepts and the call did not pass (airflow/sdk/bases/operator.py `BaseOperatorMeta._apply_defaults`: only names in
 * the `__init__` signatures apply), and `{"$dict": …}` marks stay only where the parameter also takes a model.
 */
import { DICT_MARKER, type DagTask, type UnevaluatedArgument } from './scan-dag.js';

/** What the scanner needs to know about an operator's parameters (the renderer's parameter table provides it). */
export interface ParamTable {
  /** True when the operator's `__init__` chain (BaseOperator included) has this keyword argument. */
  accepts(name: string): boolean;
  /** True when the parameter takes a `kubernetes.client` model, so a plain dict is a different input. */
  takesModel(name: string): boolean;
}

export interface TaskParams {
  params: Record<string, unknown>;
  /** The call's notes, plus `default_args` entries the operator takes but that could not be evaluated. */
  unevaluated: UnevaluatedArgument[];
}

/** Keyword arguments the operator receives, in the task-file encoding. */
export function toTaskParams(task: DagTask, table: ParamTable): TaskParams {
  const params: Record<string, unknown> = {};
  const explicit = new Set([...Object.keys(task.argRanges), ...task.unevaluated.map((u) => u.name)]);
  for (const [name, value] of Object.entries(task.defaultArgs)) {
    if (table.accepts(name) && !explicit.has(name)) params[name] = value;
  }
  const unevaluated = [
    ...task.unevaluated,
    ...task.defaultArgNotes.filter((note) => table.accepts(note.name) && !explicit.has(note.name)),
  ];
  for (const [name, value] of Object.entries(task.params)) params[name] = value;
  for (const [name, value] of Object.entries(params)) {
    if (!table.takesModel(name)) params[name] = unmark(value);
  }
  return { params, unevaluated };
}

function isMarked(value: unknown): value is { [DICT_MARKER]: unknown } {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && DICT_MARKER in value;
}

/** Removes `{"$dict": …}` marks at parameter and list-item level. */
export function unmark(value: unknown): unknown {
  if (isMarked(value)) return value[DICT_MARKER];
  if (Array.isArray(value)) return value.map((item) => (isMarked(item) ? item[DICT_MARKER] : item));
  return value;
}
