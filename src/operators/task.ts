/**
 * The parsed task: what a task file (or a DAG file, via src/dags) says about one operator call. Both front ends
 * produce this shape and hand it to `renderTask`.
 */
import type { Position } from '../common/index.js';
import type { TaskContext } from './labels.js';
import type { OperatorName } from './parameters/operator-params.js';

/** A value as written: JSON-like data, where `{"$dict": v}` (YAML `!dict v`) marks a plain Python dict. */
export type TaskValue = null | boolean | number | string | TaskValue[] | { [key: string]: TaskValue };

export const dictMarker = '$dict';

/**
 * `{"$model": "V1ResourceRequirements", …API fields}` marks a model a DAG file built with its Python constructor
 * (src/dags sets it). Such a model keeps its values as given (`requests={"cpu": 1}` stays an int), unlike a mapping
 * written in a task file, which Airflow's ApiClient deserialises (`dict[str, str]` values become strings).
 */
export const modelMarker = '$model';

export interface SourceRange {
  start: Position;
  end: Position;
}

/** How Airflow templates the task (issue 17), when it differs from the operator's defaults. */
export interface TaskTemplating {
  /** `render_template_as_native_obj=True` on the DAG (or a task file's `context:`). */
  native?: boolean;
  /** A subclass's whole `template_fields`, when the DAG file defines one. */
  templateFields?: string[];
  /** The DAG's `params=` (its Param defaults). */
  dagParams?: Record<string, TaskValue>;
  /** The DAG's id (`dag.dag_id`, `dag_run.dag_id` in templates). */
  dagId?: string;
}

export interface TaskSpec {
  operator: OperatorName;
  taskId: string;
  /** Keyword arguments except task_id, shared defaults already merged in. */
  params: Record<string, TaskValue>;
  /** The task instance to render labels for, as `execute(context)` would; absent for a plain render. */
  context?: TaskContext;
  /** The file the task came from; template paths resolve against it. */
  file: string;
  /** Jinja settings from the DAG file (issue 17); absent for the operator's own behaviour. */
  templating?: TaskTemplating;
  /**
   * Where things were written, keyed by path: `''` the task as a whole, `'operator'`, `'task_id'`, `'context'`,
   * a parameter name (`'secrets'`), or deeper (`'secrets/0/deploy_type'`). The range covers the key.
   */
  ranges: Record<string, SourceRange>;
}

/** The closest recorded range for `path` (walking up to the parameter, then the task). */
export function locate(task: Pick<TaskSpec, 'ranges'>, path: readonly (string | number)[]): SourceRange | undefined {
  for (let length = path.length; length >= 0; length--) {
    const range = task.ranges[path.slice(0, length).join('/')];
    if (range) return range;
  }
  return undefined;
}
