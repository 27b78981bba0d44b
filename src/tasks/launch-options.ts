/**
 * The KubernetesPodOperator arguments that steer `execute` (not the pod body), with the defaults and the
 * normalisation of `KubernetesPodOperator.__init__` (provider 10.25.0, Airflow 3.3: `durable`). Read from a task's
 * keyword arguments after `renderTask` accepted them, so types are already checked; anything else falls back to
 * Airflow's default.
 */
export type OnFinishAction = 'delete_pod' | 'delete_succeeded_pod' | 'delete_active_pod' | 'keep_pod';
export type OnKillAction = 'delete_pod' | 'keep_pod';

export interface LaunchOptions {
  /** `base_container_name or "base"`. */
  baseContainerName: string;
  getLogs: boolean;
  /** `container_logs or base_container_name`: names, or `true` for every container but the XCom sidecar. */
  containerLogs: string[] | true;
  /** `init_container_logs` when truthy: names, or `true` for every init container; empty = none. */
  initContainerLogs: string[] | true;
  doXcomPush: boolean;
  /** `skip_on_exit_code` as a collection (an int becomes a one-item list; None an empty one). */
  skipOnExitCode: number[];
  onFinishAction: OnFinishAction;
  onKillAction: OnKillAction;
  /** `termination_grace_period`: also the `grace_period_seconds` of `on_kill`'s delete. */
  terminationGracePeriod: number | undefined;
  startupTimeoutSeconds: number;
  startupCheckIntervalSeconds: number;
  /** `schedule_timeout_seconds or startup_timeout_seconds`. */
  scheduleTimeoutSeconds: number;
  /** `durable` (Airflow 3.3+), else `reattach_on_restart`, else True: look for this run's pod before creating. */
  reattachOnRestart: boolean;
  /** The operator's own `labels`, as `_build_find_pod_label_selector` writes them (`str()` of each value). */
  labels: Record<string, string>;
  /** Shown only: a deferrable task runs the synchronous lifecycle here (docs/FIDELITY.md). */
  deferrable: boolean;
}

type Params = Readonly<Record<string, unknown>>;

const finishActions: readonly OnFinishAction[] = ['delete_pod', 'delete_succeeded_pod', 'delete_active_pod', 'keep_pod'];

function bool(params: Params, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}

function int(params: Params, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A truthy `str | Iterable[str] | True`; undefined for the falsy values Python's `or` skips. */
function containerList(value: unknown): string[] | true | undefined {
  if (value === true) return true;
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.length > 0) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** Python's `str()` of a label value after `_normalize_labels_dict` (None becomes ""). */
export function pythonLabelString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A task file's `!dict` marker (`{"$dict": v}`) only says how Python receives the mapping. */
function unwrapDict(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && '$dict' in value) return (value as Record<string, unknown>)['$dict'];
  return value;
}

function skipCodes(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return [];
}

function durable(params: Params): boolean {
  // Airflow 3.3+: durable wins when set; reattach_on_restart fills the gap; both unset means True.
  const d = params['durable'];
  if (typeof d === 'boolean') return d;
  const r = params['reattach_on_restart'];
  return typeof r === 'boolean' ? r : true;
}

/** The lifecycle arguments of a KubernetesPodOperator call (its keyword arguments, task_id excluded). */
export function toLaunchOptions(params: Params): LaunchOptions {
  const base = typeof params['base_container_name'] === 'string' && params['base_container_name'] !== '' ? params['base_container_name'] : 'base';
  const startup = int(params, 'startup_timeout_seconds', 120);
  const finish = params['on_finish_action'];
  const labels = unwrapDict(params['labels']);
  const grace = params['termination_grace_period'];
  return {
    baseContainerName: base,
    getLogs: bool(params, 'get_logs', true),
    containerLogs: containerList(params['container_logs']) ?? [base],
    initContainerLogs: containerList(params['init_container_logs']) ?? [],
    doXcomPush: bool(params, 'do_xcom_push', false),
    skipOnExitCode: skipCodes(params['skip_on_exit_code']),
    onFinishAction: finishActions.find((a) => a === finish) ?? 'delete_pod',
    onKillAction: params['on_kill_action'] === 'keep_pod' ? 'keep_pod' : 'delete_pod',
    terminationGracePeriod: typeof grace === 'number' ? grace : undefined,
    startupTimeoutSeconds: startup,
    startupCheckIntervalSeconds: int(params, 'startup_check_interval_seconds', 5),
    // `schedule_timeout_seconds or startup_timeout_seconds`: 0 counts as unset, as Python's `or` does.
    scheduleTimeoutSeconds: int(params, 'schedule_timeout_seconds', 0) || startup,
    reattachOnRestart: durable(params),
    labels: Object.fromEntries(Object.entries(labels && typeof labels === 'object' && !Array.isArray(labels) ? labels : {}).map(([k, v]) => [k, pythonLabelString(v)])),
    deferrable: bool(params, 'deferrable', false),
  };
}
