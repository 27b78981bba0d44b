/**
 * The Job status rules of `KubernetesHook` (hooks/kubernetes.py, provider 10.25.0) that the Delete/Patch job
 * lifecycles use: `is_job_complete`, `is_job_failed`, `is_job_successful`. Structural shapes of API (camelCase) JSON,
 * so watch events and reads of `src/kube` fit as they are.
 */

export interface JobConditionShape {
  type?: string;
  /** "True" / "False" / "Unknown": Python tests the string's truthiness, so any non-empty value counts (see below). */
  status?: string;
  reason?: string | null;
  lastTransitionTime?: string | null;
}

export interface JobShape {
  metadata?: { name?: string; namespace?: string } | null;
  status?: { conditions?: JobConditionShape[] | null } | null;
}

/** `JOB_FINAL_STATUS_CONDITION_TYPES`. */
const finalTypes = new Set(['Complete', 'Failed']);

/**
 * `c.status` in the hook is the string "True"/"False", and Python's truthiness of a non-empty string is True: the
 * hook counts a final condition whatever its status. The Job controller only ever adds them with "True".
 */
function counts(c: JobConditionShape): boolean {
  return typeof c.status === 'string' && c.status !== '';
}

function conditions(job: JobShape | undefined): JobConditionShape[] {
  return job?.status?.conditions ?? [];
}

/** `is_job_complete`'s final conditions (Complete or Failed), in order; empty while the Job still runs. */
export function finalConditions(job: JobShape | undefined): JobConditionShape[] {
  return conditions(job).filter((c) => finalTypes.has(c.type ?? '') && counts(c));
}

/** `str()` of the client's `datetime` for an RFC 3339 time: `2026-12-07 00:59:36+00:00` (None when absent). */
export function pythonDatetimeText(rfc3339: string | null | undefined): string {
  if (!rfc3339) return 'None';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(rfc3339);
  if (!m) return rfc3339;
  const fraction = m[3] && Number(m[3]) !== 0 ? `.${m[3].slice(0, 6).padEnd(6, '0')}` : '';
  return `${m[1]} ${m[2]}${fraction}${m[4] === 'Z' ? '+00:00' : m[4]}`;
}

/** `is_job_complete`'s log line: "The job '<name>' state: Complete at <time>" ("states" when both are set). */
export function jobStateText(job: JobShape | undefined, name: string): string {
  const final = finalConditions(job);
  const s = final.length > 1 ? 's' : '';
  return `The job '${name}' state${s}: ${final.map((c) => `${c.type ?? ''} at ${pythonDatetimeText(c.lastTransitionTime)}`).join(', ')}`;
}

/**
 * `is_job_failed`: the reason of the first Failed condition, or false. A Failed condition without a reason returns
 * Python's None, which is falsy: such a Job does not count as failed (the controller always sets a reason).
 */
export function jobFailedReason(job: JobShape | undefined): string | false {
  const failed = conditions(job).find((c) => c.type === 'Failed' && counts(c));
  return failed?.reason ? failed.reason : false;
}

/** `is_job_successful`: a Complete condition is present. */
export function isJobSuccessful(job: JobShape | undefined): boolean {
  return conditions(job).some((c) => c.type === 'Complete' && counts(c));
}
