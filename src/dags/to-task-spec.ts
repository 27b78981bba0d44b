/**
 * A found DAG call → the renderer's `TaskSpec` (src/operators), so `kubetasks render DAG.py --task ID`, the dry-run
 * preview and the diagnostics use the same renderer as task files. Parameter knowledge comes from the renderer's
 * tables: which names the operator accepts (for `default_args`) and which take models (for `{"$dict": …}` marks).
 */
import type { Problem, Result } from '../common/index.js';
import { fail, ok } from '../common/index.js';
import { findParam, operatorParams, type OperatorName, type TaskSpec, type TaskTemplating, type TaskValue } from '../operators/index.js';
import type { DagScan, DagTask, SourceRange } from './scan-dag.js';
import { toTaskParams, type ParamTable } from './task-params.js';

/** The renderer's parameter table of one operator, as the scanner needs it. */
export function toParamTable(operator: OperatorName): ParamTable {
  return {
    accepts: (name) => findParam(operator, name) !== undefined,
    takesModel: (name) => findParam(operator, name)?.model !== undefined,
  };
}

/**
 * The value an XComArg resolves to when the task runs, as a Jinja expression: Airflow's `XComArg.resolve` pulls
 * `ti.xcom_pull(task_ids=…, key=…)`, and the Jinja expression pulls the same value. Kept as text, like every Jinja
 * string in this issue. test/conformance/dag_driver.py `xcom_jinja` must produce the same text.
 */
export function toXComJinja(taskId: string, key: string): string {
  return `{{ task_instance.xcom_pull(task_ids='${taskId}', key='${key}') }}`;
}

function isXCom(value: unknown): value is { xcom: { task_id: string; key: string } } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const xcom = (value as Record<string, unknown>)['xcom'];
  return Object.keys(value).length === 1 && typeof xcom === 'object' && xcom !== null;
}

/** Replaces `{xcom: {task_id, key}}` references (anywhere in a value) by their Jinja text. */
export function resolveXComs(value: unknown): TaskValue {
  if (isXCom(value)) return toXComJinja(value.xcom.task_id, value.xcom.key);
  if (Array.isArray(value)) return value.map(resolveXComs);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveXComs(v)]));
  }
  return value as TaskValue;
}

/**
 * The calls that stand for the DAG's tasks: every call the scan reached, plus calls in code it could not follow
 * whose task_id no reached call has (an `else` branch not taken must not render next to the branch taken).
 */
export function findRenderableTasks(scan: DagScan): DagTask[] {
  const reached = new Set(scan.tasks.filter((t) => t.reached).map((t) => t.taskId));
  return scan.tasks.filter((t) => t.reached || !reached.has(t.taskId));
}

function rangesOf(task: DagTask): Record<string, SourceRange> {
  const ranges: Record<string, SourceRange> = { '': task.range, operator: task.range };
  for (const [name, range] of Object.entries(task.argRanges)) ranges[name] = range;
  return ranges;
}

/**
 * The task as the renderer takes it. Arguments that could not be evaluated are left out (the renderer then uses the
 * operator's default, so the preview shows "the rest"); `notes` lists them as warnings at the argument.
 */
export function toTaskSpec(task: DagTask, file: string): Result<{ spec: TaskSpec; notes: Problem[] }> {
  const at = { start: task.range.start, end: task.range.end };
  if (task.taskId === undefined) {
    return fail({ severity: 'error', code: 'KT4710', message: 'the task_id of this call cannot be evaluated statically', ...at });
  }
  const { params, unevaluated } = toTaskParams(task, toParamTable(task.kind));
  const rendered: Record<string, TaskValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'task_id' || task.variantParams.includes(name)) continue;
    rendered[name] = resolveXComs(value);
  }
  const notes: Problem[] = unevaluated.map((note) => ({
    severity: 'warning',
    code: 'KT4711',
    message: `${note.name}: ${note.reason}`,
    start: { line: note.line, column: note.column },
  }));
  const spec: TaskSpec = { operator: task.kind, taskId: task.taskId, params: rendered, file, ranges: rangesOf(task) };
  const templating = toTemplating(task);
  if (templating) spec.templating = templating;
  return ok({ spec, notes });
}

/** The Jinja settings of the call (issue 17): a subclass's template_fields, the DAG's native flag and params. */
function toTemplating(task: DagTask): TaskTemplating | undefined {
  const out: TaskTemplating = {};
  if (task.templateFields) {
    const own = operatorParams(task.kind).filter((row) => row.templated).map((row) => row.name);
    const added = task.templateFields.names.filter((name) => !task.templateFields!.extendsBase || !own.includes(name));
    out.templateFields = task.templateFields.extendsBase ? [...own, ...added] : added;
  }
  if (task.nativeTemplates) out.native = true;
  if (task.dagId !== undefined) out.dagId = task.dagId;
  if (task.dagParams) out.dagParams = resolveXComs(task.dagParams) as Record<string, TaskValue>;
  return Object.keys(out).length > 0 ? out : undefined;
}
