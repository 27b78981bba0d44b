/**
 * What the Tasks tree says about one cluster object (issue 14): its phase, a short description and, when it failed,
 * the badge (reason, exit code, termination message). Structural shapes of the API JSON, so watch events fit as they
 * are. Pods mirror `V1PodStatus`; Jobs the `batch/v1` conditions (Complete, Failed, Suspended); SparkApplications
 * spark-operator's `status.applicationState.state`; Kueue Workloads the QuotaReserved / Admitted / Finished conditions.
 */
import { containerStatus, type PodShape } from './pod-shape.js';

export type ObjectKind = 'Pod' | 'Job' | 'SparkApplication' | 'Workload';

/** Phases the tree draws (one icon and colour each). */
export type Phase = 'pending' | 'waiting' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'deleted' | 'unknown';

export interface OwnerRef {
  kind?: string;
  name?: string;
  uid?: string;
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Any of the four kinds, as the API returns it (fields read defensively). */
export interface ObjectShape {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string> | null;
    creationTimestamp?: string;
    ownerReferences?: OwnerRef[] | null;
  } | null;
  spec?: Record<string, unknown> | null;
  status?: Record<string, unknown> | null;
}

export interface Failure {
  reason: string;
  exitCode: number | null;
  message: string;
}

export interface ObjectState {
  phase: Phase;
  /** "Pending · scheduling 12s", "Running", "Failed · Error (exit 1)", "Waiting for admission in queue q". */
  text: string;
  failure?: Failure;
}

/** `base` if the pod has one, else its first container (the KPO's `base_container_name` default). */
export function baseContainerOf(pod: PodShape): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  return names.includes('base') ? 'base' : (names[0] ?? 'base');
}

/** Whole seconds since an RFC3339 time, as "12s", "3m04s", "1h02m". */
export function formatAge(since: string | undefined, now: number): string {
  const start = since ? Date.parse(since) : NaN;
  if (Number.isNaN(start)) return '';
  const s = Math.max(0, Math.floor((now - start) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function podFailure(pod: PodShape): Failure | undefined {
  const base = baseContainerOf(pod);
  const terminated = containerStatus(pod, base)?.state?.terminated;
  if (terminated) return { reason: terminated.reason ?? 'Error', exitCode: terminated.exitCode ?? null, message: terminated.message?.trim() ?? '' };
  const status = pod.status;
  if (status?.reason) return { reason: status.reason, exitCode: null, message: '' };
  return undefined;
}

/** The waiting reason that keeps a pending pod from starting (ImagePullBackOff, ContainerCreating, …). */
function waitingReason(pod: PodShape): string | undefined {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return all.map((s) => s.state?.waiting?.reason).find((r): r is string => Boolean(r));
}

/** A pod being deleted (`metadata.deletionTimestamp`, kubectl's "Terminating") keeps its phase until it is gone. */
export function podState(pod: PodShape, now: number): ObjectState {
  const state = podPhaseState(pod, now);
  const deleting = (pod.metadata as { deletionTimestamp?: string } | null | undefined)?.deletionTimestamp;
  return deleting ? { ...state, text: `Terminating · ${state.text}` } : state;
}

/** Pending counts two clocks, like `await_pod_start`: unscheduled (schedule_timeout) then starting (startup_timeout). */
function podPhaseState(pod: PodShape, now: number): ObjectState {
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Pending') {
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status === 'True';
    const clock = formatAge(scheduled ? (pod.status?.startTime ?? pod.metadata?.creationTimestamp) : pod.metadata?.creationTimestamp, now);
    const why = waitingReason(pod);
    return { phase: 'pending', text: `Pending · ${scheduled ? 'starting' : 'scheduling'} ${clock}${why ? ` (${why})` : ''}`.trimEnd() };
  }
  if (phase === 'Running') return { phase: 'running', text: 'Running' };
  if (phase === 'Succeeded') return { phase: 'succeeded', text: 'Succeeded' };
  if (phase === 'Failed') {
    const failure = podFailure(pod) ?? { reason: 'Failed', exitCode: null, message: '' };
    return { phase: 'failed', text: `Failed · ${failureText(failure)}`, failure };
  }
  return { phase: 'unknown', text: phase };
}

export function failureText(f: Failure): string {
  return f.exitCode === null ? f.reason : `${f.reason} (exit ${f.exitCode})`;
}

function conditions(o: ObjectShape): Condition[] {
  const list = o.status?.['conditions'];
  return Array.isArray(list) ? (list as Condition[]) : [];
}

function isTrue(o: ObjectShape, type: string): Condition | undefined {
  return conditions(o).find((c) => c.type === type && c.status === 'True');
}

/** The Kueue queue a Job asks for (`kueue.x-k8s.io/queue-name`). */
export function queueOf(o: ObjectShape): string | undefined {
  const fromLabel = o.metadata?.labels?.['kueue.x-k8s.io/queue-name'];
  const fromSpec = o.spec?.['queueName'];
  return fromLabel ?? (typeof fromSpec === 'string' ? fromSpec : undefined);
}

export function jobState(job: ObjectShape): ObjectState {
  const failed = isTrue(job, 'Failed');
  if (failed) {
    const failure = { reason: failed.reason ?? 'Failed', exitCode: null, message: failed.message ?? '' };
    return { phase: 'failed', text: `Failed · ${failure.reason}`, failure };
  }
  if (isTrue(job, 'Complete')) return { phase: 'succeeded', text: 'Complete' };
  const queue = queueOf(job);
  if (job.spec?.['suspend'] === true) return queue ? { phase: 'waiting', text: `Waiting for admission in queue ${queue}` } : { phase: 'waiting', text: 'Suspended' };
  const active = Number(job.status?.['active'] ?? 0);
  const ready = Number(job.status?.['ready'] ?? 0);
  if (active > 0) return { phase: 'running', text: `Running · ${ready}/${active} ready` };
  return { phase: 'pending', text: 'Pending' };
}

/** spark-operator's ApplicationStateType values. */
export function sparkState(app: ObjectShape): ObjectState {
  const applicationState = (app.status?.['applicationState'] ?? {}) as { state?: string; errorMessage?: string };
  const state = applicationState.state ?? 'NEW';
  const text = `Spark ${state}`;
  if (state === 'COMPLETED') return { phase: 'succeeded', text };
  if (state === 'FAILED' || state === 'SUBMISSION_FAILED' || state === 'FAILING') {
    const failure = { reason: state, exitCode: null, message: applicationState.errorMessage ?? '' };
    return { phase: 'failed', text, failure };
  }
  if (state === 'RUNNING' || state === 'SUCCEEDING') return { phase: 'running', text };
  return { phase: 'pending', text };
}

export function workloadState(workload: ObjectShape): ObjectState {
  const queue = queueOf(workload) ?? '?';
  const finished = isTrue(workload, 'Finished');
  if (finished) {
    const failed = finished.reason === 'Failed';
    return failed
      ? { phase: 'failed', text: `Finished · ${finished.message ?? 'Failed'}`, failure: { reason: 'Failed', exitCode: null, message: finished.message ?? '' } }
      : { phase: 'succeeded', text: 'Finished' };
  }
  if (isTrue(workload, 'Evicted')) return { phase: 'waiting', text: `Evicted from queue ${queue}` };
  if (isTrue(workload, 'Admitted')) return { phase: 'running', text: `Admitted in queue ${queue}` };
  const pending = conditions(workload).find((c) => c.type === 'QuotaReserved' && c.status === 'False')?.message;
  return { phase: 'waiting', text: `Waiting for admission in queue ${queue}${pending ? `: ${pending}` : ''}` };
}

export function objectState(kind: ObjectKind, o: ObjectShape, now: number): ObjectState {
  switch (kind) {
    case 'Pod':
      return podState(o as PodShape, now);
    case 'Job':
      return jobState(o);
    case 'SparkApplication':
      return sparkState(o);
    case 'Workload':
      return workloadState(o);
  }
}

/** The kind of a watched object, from its `kind` field. */
export function kindOf(o: ObjectShape): ObjectKind | undefined {
  const k = o.kind;
  return k === 'Pod' || k === 'Job' || k === 'SparkApplication' || k === 'Workload' ? k : undefined;
}
