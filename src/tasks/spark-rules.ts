/**
 * The SparkKubernetesOperator rules around the KubernetesPodOperator lifecycle (operators/spark_kubernetes.py and
 * operators/custom_object_launcher.py, provider 10.25.0): the options `__init__` forces, the wait while the
 * SparkApplication is SUBMITTED (`spark_job_not_running`, `check_pod_start_failure`, the startup timeout), and the
 * reattach search (`find_spark_job`). Pure functions over API (camelCase) JSON.
 */
import { makeSafeLabelValue, type TaskContext } from '../operators/index.js';
import { toLaunchOptions, type LaunchOptions } from './launch-options.js';
import { podCheckedKey } from './run-context.js';
import type { LaunchOutcome } from './outcome.js';
import type { PodShape } from './pod-shape.js';
import type { SparkDecision } from './spark-types.js';

/** `SparkKubernetesOperator.BASE_CONTAINER_NAME`. */
export const sparkDriverContainer = 'spark-kubernetes-driver';

export interface SparkAppShape {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string } | null;
  status?: { applicationState?: { state?: string; errorMessage?: string } | null } | null;
}

export interface SparkOptions {
  /** The KubernetesPodOperator options the driver pod is followed with (base container and logs forced). */
  launch: LaunchOptions;
  /** `delete_on_termination`: delete the SparkApplication in cleanup. */
  deleteOnTermination: boolean;
}

function truthy(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return value === null ? false : fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '';
  return true;
}

/**
 * `SparkKubernetesOperator.__init__`: base container and (with get_logs) container_logs forced. Its own signature takes
 * `startup_timeout_seconds` (default 600), so KubernetesPodOperator's `__init__` never sees it: the schedule timeout
 * stays `schedule_timeout_seconds or 120` (KPO's default), only the startup timeout is Spark's (checked with the real
 * operator: "Waiting up to 120s to get the POD scheduled...").
 */
export function toSparkOptions(params: Readonly<Record<string, unknown>>): SparkOptions {
  const getLogs = truthy(params['get_logs'], true);
  const { startup_timeout_seconds: startup, ...rest } = params;
  const launch = toLaunchOptions({
    ...rest,
    base_container_name: sparkDriverContainer,
    get_logs: getLogs,
    do_xcom_push: truthy(params['do_xcom_push'], false),
    ...(getLogs ? { container_logs: [sparkDriverContainer] } : {}),
  });
  launch.startupTimeoutSeconds = typeof startup === 'number' ? startup : 600;
  return { launch, deleteOnTermination: truthy(params['delete_on_termination'], true) };
}

/**
 * `spark_job_not_running`'s read of the state: `status.applicationState.state`, SUBMITTED when a level is missing
 * (Python's `.get(key, default)` chain), so an empty state string counts as started.
 */
export function applicationState(app: SparkAppShape | undefined): string {
  const state = app?.status?.applicationState?.state;
  return state === undefined ? 'SUBMITTED' : state;
}

/** The controller has said how the application ended: an `errorMessage`, or a final FAILED / COMPLETED state. */
export function applicationSettled(app: SparkAppShape | undefined): boolean {
  const state = applicationState(app);
  return app?.status?.applicationState?.errorMessage !== undefined || state === 'FAILED' || state === 'COMPLETED';
}

/** `errorMessage`, "N/A" when absent (not when empty). */
export function applicationError(app: SparkAppShape | undefined): string {
  const message = app?.status?.applicationState?.errorMessage;
  return message === undefined ? 'N/A' : message;
}

function pyStr(value: string | undefined | null): string {
  return value === undefined || value === null ? 'None' : value;
}

/**
 * `check_pod_start_failure`: the driver's first container status waiting for a reason other than ContainerCreating or
 * PodInitializing fails the task. A missing pod or status is ignored (the Python `except Exception: return`).
 */
export function driverStartFailure(pod: PodShape | undefined): string | undefined {
  const waiting = pod?.status?.containerStatuses?.[0]?.state?.waiting;
  if (!waiting) return undefined;
  if (waiting.reason === 'ContainerCreating' || waiting.reason === 'PodInitializing') return undefined;
  return `Spark Job Failed. Status: ${pyStr(waiting.reason)}, Error: ${pyStr(waiting.message)}`;
}

/** The startup timeout's message; the container statuses are shown as JSON (Airflow prints the Python models). */
export function startTimeoutMessage(pod: PodShape | undefined): string {
  const statuses = pod?.status?.containerStatuses;
  return `Job took too long to start. pod status: ${statuses ? JSON.stringify(statuses) : 'None'}`;
}

/** `process_pod_deletion` / `on_kill`: the SparkApplication's name from the driver pod's. */
export function appNameFromDriver(driverPod: string, kill: boolean): string {
  // cleanup uses `replace("-driver", "")` (every occurrence); on_kill only strips the suffix.
  return kill ? driverPod.replace(/-driver$/, '') : driverPod.replaceAll('-driver', '');
}

/** `_build_find_pod_label_selector` with Spark's task labels, plus `,spark-role=driver` (`find_spark_job`). */
export function sparkFindSelector(operatorLabels: Record<string, string>, taskId: string, context: TaskContext): string {
  const identity: Record<string, string> = { dag_id: context.dag_id, task_id: taskId, run_id: context.run_id, spark_kubernetes_operator: 'True' };
  if (context.map_index >= 0) identity['map_index'] = String(context.map_index);
  const safe = Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, makeSafeLabelValue(v)]));
  const merged = { ...operatorLabels, ...safe };
  const pairs = Object.keys(merged).sort().map((k) => `${k}=${merged[k] ?? ''}`);
  return `${pairs.join(',')},${podCheckedKey}!=True,!airflow-worker,spark-role=driver`;
}

/** `_get_field_selector`: running, pending and succeeded drivers only. */
export const sparkFindFieldSelector = 'status.phase!=Failed,status.phase!=Unknown';

interface FoundShape extends PodShape {
  metadata?: PodShape['metadata'] & { deletionTimestamp?: string | null };
}

/** `find_spark_job`'s choice among several drivers: not terminating, Succeeded, Pending, newest, then by name. */
export function pickDriver(listed: readonly PodShape[]): PodShape | undefined {
  const pods = listed as readonly FoundShape[];
  const key = (p: FoundShape): (number | string)[] => [
    p.metadata?.deletionTimestamp ? 0 : 1,
    p.status?.phase === 'Succeeded' ? 1 : 0,
    p.status?.phase === 'Pending' ? 1 : 0,
    Date.parse(p.metadata?.creationTimestamp ?? '') || 0,
    p.metadata?.name ?? '',
  ];
  const compare = (a: FoundShape, b: FoundShape): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] ?? 0) < (kb[i] ?? 0) ? -1 : 1;
    return 0;
  };
  return [...pods].sort(compare).pop();
}

export type SubmittedVerdict =
  | { kind: 'wait' }
  /** FAILED: Airflow reads the driver log once, then raises `failedMessage`. */
  | { kind: 'failed'; message: string }
  /** No longer SUBMITTED: the KubernetesPodOperator part begins. */
  | { kind: 'started' }
  /** The driver's start failure, or the startup timeout (which deletes the application first). */
  | { kind: 'raise'; message: string; deleteApp: boolean };

/** One pass of `start_spark_job`'s loop: `spark_job_not_running`, then `check_pod_start_failure`, then the timeout. */
export function judgeSubmitted(app: SparkAppShape | undefined, driver: PodShape | undefined, elapsedMs: number, startupTimeoutSeconds: number): SubmittedVerdict {
  const state = applicationState(app);
  if (state === 'FAILED') return { kind: 'failed', message: `Spark Job Failed. Error stack: ${applicationError(app)}` };
  if (state !== 'SUBMITTED') return { kind: 'started' };
  const issue = driverStartFailure(driver);
  if (issue !== undefined) return { kind: 'raise', message: issue, deleteApp: false };
  if (elapsedMs >= startupTimeoutSeconds * 1000) return { kind: 'raise', message: startTimeoutMessage(driver), deleteApp: true };
  return { kind: 'wait' };
}

/** Adds the controller's `errorMessage` to a failed outcome: Airflow's own text only names the driver pod. */
export function withApplicationError(outcome: LaunchOutcome, app: SparkAppShape | undefined, name: string): LaunchOutcome {
  const appError = app?.status?.applicationState?.errorMessage;
  if ((outcome.outcome !== 'failed' && outcome.outcome !== 'error') || !appError || outcome.message.includes(appError)) return outcome;
  return { ...outcome, message: `${outcome.message}\nSparkApplication ${name} ${applicationState(app)}: ${appError}` };
}

/**
 * Spark's `cleanup` calls: `patch_already_checked` on the driver (a merge patch of the label here; Airflow patches
 * the whole serialised pod), then `process_pod_deletion`, which deletes the SparkApplication when
 * `delete_on_termination` (named by `replace("-driver", "")` of the driver pod), whatever `on_finish_action` says.
 */
export function sparkCleanupCalls(a: { namespace: string; driver: string; patchChecked: boolean; deleteOnTermination: boolean }): SparkDecision[] {
  const out: SparkDecision[] = [];
  if (a.patchChecked) out.push({ kind: 'patch-pod', id: 'cleanup-patch', namespace: a.namespace, name: a.driver, patch: { metadata: { labels: { [podCheckedKey]: 'True' } } } });
  const appName = appNameFromDriver(a.driver, false);
  if (!a.deleteOnTermination) return [...out, { kind: 'progress', level: 'info', text: `skipping deleting spark job: ${a.driver}` }];
  return [...out, { kind: 'progress', level: 'info', text: `Deleting spark job: ${appName}` }, { kind: 'delete-app', id: 'cleanup-delete', namespace: a.namespace, name: appName }];
}
