/**
 * The task instance a launch runs as, and how a later launch finds its pod again: `_build_find_pod_label_selector`,
 * `find_pod`, `process_duplicate_label_pods` and `_get_most_recent_pod_index` (operators/pod.py, provider 10.25.0).
 */
import { makeSafeLabelValue, type TaskContext } from '../operators/index.js';
import type { PodShape } from './pod-shape.js';

/** `KubernetesPodOperator.POD_CHECKED_KEY`. */
export const podCheckedKey = 'already_checked';

export interface RunContextInput {
  /** The task file's `context:` block, when it has one (its dag_id and map_index are used). */
  fileContext?: TaskContext;
  /** The DAG's `dag_id`, for an operator call in a DAG file. */
  dagId?: string;
  /** The task file's name (base name or path), for the dag_id fallback. */
  fileName: string;
  /** Now, for a new run id. */
  now: Date;
  /** `--run-id`: reattach to, or relaunch, that run. */
  runId?: string;
  /** `--try-number`; 1 by default. */
  tryNumber?: number;
}

/** Python's `datetime.isoformat()` of a UTC instant: microseconds only when not zero, `+00:00` offset. */
export function toPythonIsoformat(now: Date): string {
  const iso = now.toISOString();
  const ms = now.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`}+00:00`;
}

/** `kubetasks__<time>`, shaped like Airflow's `<run_type>__<logical_date.isoformat()>` run ids. */
export function newRunId(now: Date): string {
  return `kubetasks__${toPythonIsoformat(now)}`;
}

/** dag_id: the file's context block, else the DAG's, else the task file's name without `.task.yaml`. */
export function resolveRunContext(input: RunContextInput): TaskContext {
  const base = input.fileName.split(/[\\/]/).pop() ?? input.fileName;
  const dagId = input.fileContext?.dag_id ?? input.dagId ?? base.replace(/\.task\.ya?ml$/, '');
  return {
    dag_id: dagId,
    run_id: input.runId ?? newRunId(input.now),
    try_number: input.tryNumber ?? 1,
    map_index: input.fileContext?.map_index ?? -1,
  };
}

/** `_get_ti_pod_labels(context, include_try_number=False)`: identity labels, each made label-safe. */
function identityLabels(taskId: string, context: TaskContext): Record<string, string> {
  const labels: Record<string, string> = { dag_id: context.dag_id, task_id: taskId, run_id: context.run_id, kubernetes_pod_operator: 'True' };
  if (context.map_index >= 0) labels['map_index'] = String(context.map_index);
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, makeSafeLabelValue(v)]));
}

/**
 * `_build_find_pod_label_selector`: operator labels then identity labels, sorted by key, `k=v` joined by commas,
 * then `,already_checked!=True` when `excludeChecked`, and always `,!airflow-worker`.
 */
export function findPodLabelSelector(operatorLabels: Record<string, string>, taskId: string, context: TaskContext, excludeChecked: boolean): string {
  const merged = { ...operatorLabels, ...identityLabels(taskId, context) };
  const pairs = Object.keys(merged).sort().map((k) => `${k}=${merged[k] ?? ''}`);
  return `${pairs.join(',')}${excludeChecked ? `,${podCheckedKey}!=True` : ''},!airflow-worker`;
}

export type FoundPod =
  | { kind: 'none' }
  | { kind: 'one'; pod: PodShape }
  /** Several matched without reattach: keep the newest; the first of the others is patched (and maybe deleted). */
  | { kind: 'newest'; pod: PodShape; older: PodShape }
  | { kind: 'error'; message: string };

function startKey(pod: PodShape, useStart: boolean): number {
  const stamp = useStart ? pod.status?.startTime : pod.metadata?.creationTimestamp;
  const ms = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** `find_pod` over the pods a selector listed, minus those already checked (the selector Airflow sends). */
export function findPod(listed: readonly PodShape[], reattach: boolean, selector: string): FoundPod {
  const pods = listed.filter((p) => p.metadata?.labels?.[podCheckedKey] !== 'True');
  if (pods.length === 0) return { kind: 'none' };
  if (pods.length === 1 && pods[0]) return { kind: 'one', pod: pods[0] };
  if (reattach) return { kind: 'error', message: `More than one pod running with labels ${selector}` };
  // `_get_most_recent_pod_index`: start times when every pod has one, else creation timestamps; first max wins.
  const useStart = pods.every((p) => Boolean(p.status?.startTime));
  const keys = pods.map((p) => startKey(p, useStart));
  const newest = keys.indexOf(Math.max(...keys));
  const rest = pods.filter((_, i) => i !== newest);
  return { kind: 'newest', pod: pods[newest] ?? pods[0]!, older: rest[0]! };
}

/** A relaunch is the run's next try: one more than the highest `try_number` label of its pods (checked or not). */
export function nextTryNumber(listed: readonly PodShape[], fallback: number): number {
  const tries = listed.map((p) => Number(p.metadata?.labels?.['try_number'])).filter((n) => Number.isInteger(n));
  return tries.length === 0 ? fallback : Math.max(...tries) + 1;
}
