/**
 * Reattach (issue 14): which task of the workspace a pod left running belongs to. `_get_ti_pod_labels` (operators/
 * pod.py, provider 10.25.0) stores `make_safe_label_value` of dag_id, task_id and run_id on the pod, so a task
 * matches when its own ids, made label-safe the same way, equal the stored values. Launching that task again with the
 * run id and try number lets `find_pod` (`reattach_on_restart`) pick that very pod instead of creating one.
 */
import { makeSafeLabelValue, type TaskSpec } from '../operators/index.js';
import { resolveRunContext } from './run-context.js';

/** A run as its pod's labels store it: values as stored (a long or unsafe id is truncated and hashed). */
export interface RunLabels {
  dagId: string;
  taskId: string;
  runId: string;
  /** The `try_number` label; 1 when the pod has none (an older provider). */
  tryNumber: number;
  /** The `map_index` label of a mapped task instance; -1 when absent (Airflow's unmapped value). */
  mapIndex: number;
}

/** The run a pod's labels name, when it carries KubernetesPodOperator's identity labels. */
export function runLabelsOf(labels: Readonly<Record<string, string>> | null | undefined): RunLabels | undefined {
  const l = labels ?? {};
  const dagId = l['dag_id'];
  const taskId = l['task_id'];
  const runId = l['run_id'];
  if (l['kubernetes_pod_operator'] !== 'True' || !dagId || !taskId || !runId) return undefined;
  const tryNumber = /^[1-9]\d*$/.test(l['try_number'] ?? '') ? Number(l['try_number']) : 1;
  const mapIndex = /^\d+$/.test(l['map_index'] ?? '') ? Number(l['map_index']) : -1;
  return { dagId, taskId, runId, tryNumber, mapIndex };
}

/** A task the workspace defines, with the ids its launch would label its pod with. */
export interface TaskSource {
  /** The task file or DAG file (a URI or path, as the caller names files). */
  source: string;
  dagId: string;
  taskId: string;
  mapIndex: number;
  operator: string;
}

/** The ids `kubetasks launch` gives a task: `resolveRunContext`'s dag_id rule, the file's map_index. */
export function taskSourceOf(task: TaskSpec, source: string): TaskSource {
  const context = resolveRunContext({
    ...(task.context ? { fileContext: task.context } : {}),
    ...(task.templating?.dagId === undefined ? {} : { dagId: task.templating.dagId }),
    fileName: task.file,
    now: new Date(0),
  });
  return { source, dagId: context.dag_id, taskId: task.taskId, mapIndex: context.map_index, operator: task.operator };
}

export type SourceMatch =
  | { kind: 'one'; task: TaskSource }
  /** Several files define the same dag_id and task_id: the user picks. */
  | { kind: 'several'; tasks: TaskSource[] }
  | { kind: 'none'; message: string };

function sameRun(run: RunLabels, task: TaskSource): boolean {
  return makeSafeLabelValue(task.dagId) === run.dagId && makeSafeLabelValue(task.taskId) === run.taskId && task.mapIndex === run.mapIndex;
}

/** What to say when nothing matches: the ids as the pod stores them, and where they were looked for. */
function noneMessage(run: RunLabels, searched: number): string {
  const mapped = run.mapIndex >= 0 ? `, map_index ${run.mapIndex}` : '';
  return `no task in this workspace has dag_id "${run.dagId}" and task_id "${run.taskId}"${mapped} (the pod's labels; ` +
    `${searched} task${searched === 1 ? '' : 's'} searched in task files and DAG files), so KubeTasks cannot launch it again to reattach`;
}

/**
 * The task whose launch would find the pod of `run`. `preferred` is the file the session recorded for this run (a
 * launch from this editor): it wins when it still defines the task.
 */
export function matchTaskSource(run: RunLabels, tasks: readonly TaskSource[], preferred?: string): SourceMatch {
  const seen = new Set<string>();
  const hits = tasks.filter((t) => {
    const key = `${t.source}\n${t.taskId}`;
    if (!sameRun(run, t) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const own = preferred === undefined ? undefined : hits.find((t) => t.source === preferred);
  if (own) return { kind: 'one', task: own };
  const [first, ...rest] = hits;
  if (!first) return { kind: 'none', message: noneMessage(run, tasks.length) };
  return rest.length === 0 ? { kind: 'one', task: first } : { kind: 'several', tasks: hits };
}

/**
 * Whether a file's text may define the task a label names: the label is the task id itself, or its first part before
 * `-<9 hex>` when Airflow hashed a long id. A cheap filter before parsing every file of the workspace.
 */
export function mayDefineTask(text: string, taskIdLabel: string): boolean {
  const stem = taskIdLabel.replace(/-[0-9a-f]{9}$/, '');
  return text.includes(stem);
}
