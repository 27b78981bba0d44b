/**
 * How a KubernetesJobOperator launch ended, as a `LaunchOutcome`: the Job's final condition decides (operators/job.py
 * `execute`: `is_job_failed` → AirflowException "Kubernetes job '<name>' is failed with error '<reason>'"); the exit
 * code shown is the base container's of the newest pod that terminated; the XCom is the list of the pods' results
 * (unwrapped when there is exactly one and `unwrap_single`).
 */
import { jobFailedReason, jobStateText } from './job-conditions.js';
import type { JobPod } from './job-pods.js';
import type { JobWatchShape } from './job-types.js';
import type { Failure } from './launch-outcome.js';
import type { LaunchObject, LaunchOutcome, OutcomeKind } from './outcome.js';
import { terminatedState } from './pod-shape.js';
import type { XcomValue } from './xcom.js';

export interface JobOutcomeParts {
  kind: OutcomeKind;
  failure: Failure | undefined;
  job: JobWatchShape | undefined;
  jobName: string;
  /** In the order they appeared. */
  pods: readonly JobPod[];
  base: string;
  xcom: XcomValue;
  runId: string;
  namespace: string;
  objects: LaunchObject[];
  /** A note for a success (the Job's state line, or why the task ended early). */
  note: string;
}

/** The Failed condition's reason and message, as `is_job_failed` reads the reason. */
export function jobFailure(job: JobWatchShape | undefined, name: string): Failure | undefined {
  const reason = jobFailedReason(job);
  if (reason === false) return undefined;
  const message = job?.status?.conditions?.find((c) => c.type === 'Failed')?.message;
  const text = `Kubernetes job '${name}' is failed with error '${reason}'${message ? `\n${message}` : ''}`;
  return { exception: reason, message: text };
}

/** `xcom_result[0] if unwrap_single and len(xcom_result) == 1 else xcom_result`, in pod-name order (the list order). */
export function jobXcom(pods: readonly JobPod[], unwrapSingle: boolean): XcomValue {
  const values = [...pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((p) => p.xcomValue).filter((v): v is XcomValue => v !== undefined);
  return unwrapSingle && values.length === 1 ? (values[0] ?? null) : values;
}

function newestTerminated(pods: readonly JobPod[], base: string): ReturnType<typeof terminatedState> {
  for (const pod of [...pods].reverse()) {
    const t = terminatedState(pod.latest, base);
    if (t) return t;
  }
  return undefined;
}

export function buildJobOutcome(parts: JobOutcomeParts): LaunchOutcome {
  const kind: OutcomeKind = parts.kind === 'failed' && parts.failure?.cluster ? 'error' : parts.kind;
  const terminated = newestTerminated(parts.pods, parts.base);
  let reason: string | null = terminated?.reason ?? null;
  let message = parts.note;
  if (kind === 'cancelled') {
    reason = 'Cancelled';
    message = 'Cancelled: on_kill deleted the Job.';
  } else if (kind === 'launched') {
    message = 'Not followed (--no-follow): the Job runs on.';
  } else if (kind === 'failed' || kind === 'error') {
    reason = parts.failure?.exception ?? reason;
    message = parts.failure?.message ?? '';
  }
  return {
    outcome: kind, exitCode: terminated?.exitCode ?? null, reason, message, xcom: parts.xcom,
    runId: parts.runId, namespace: parts.namespace, objects: parts.objects,
  };
}

export { jobStateText };
