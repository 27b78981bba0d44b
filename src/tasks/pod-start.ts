/**
 * Airflow's start rules (provider 10.25.0, `utils/pod_manager.py`: `await_pod_start` and
 * `detect_pod_terminate_early_issues`): the schedule clock runs until `PodScheduled=True` is seen, then the startup
 * clock restarts; fatal image errors fail at once, transient ones wait for the clocks.
 */
import type { PodShape } from './pod-shape.js';

/** Substrings (lower case) that make `ErrImagePull`/`ImagePullBackOff` transient (`TRANSIENT_ERROR_PATTERNS`). */
const transientPatterns = [
  'pull qps exceeded',
  'rate limit',
  'too many requests',
  'quota exceeded',
  'temporarily unavailable',
  'timeout',
  'account limit',
  'bad gateway',
  'service unavailable',
  'gateway timeout',
];
const fatalStates = new Set(['InvalidImageName', 'ErrImageNeverPull']);
const transientStates = new Set(['ErrImagePull', 'ImagePullBackOff']);

/**
 * `detect_pod_terminate_early_issues`: the message of the first main container whose waiting reason is fatal, or
 * transient without a transient pattern in its message; undefined when nothing justifies stopping early.
 */
export function detectEarlyIssue(pod: PodShape | undefined): string | undefined {
  for (const status of pod?.status?.containerStatuses ?? []) {
    const waiting = status.state?.waiting;
    if (!waiting) continue;
    const reason = waiting.reason ?? '';
    const message = waiting.message ?? '';
    const fatal = fatalStates.has(reason);
    const transient = transientStates.has(reason) && transientPatterns.some((p) => message.toLowerCase().includes(p));
    if (fatal || (transientStates.has(reason) && !transient)) return `Image cannot be pulled, unable to start: ${reason}\n${message}`;
  }
  return undefined;
}

export interface StartClock {
  /** `start_check_time`: when the current clock (schedule, then startup) began, in ms. */
  sinceMs: number;
  /** True once `PodScheduled=True` was seen: the startup clock runs. */
  scheduled: boolean;
}

export interface StartLimits {
  scheduleTimeoutSeconds: number;
  startupTimeoutSeconds: number;
}

export type StartCheck =
  | { kind: 'started'; phase: string }
  | { kind: 'pending'; clock: StartClock }
  | { kind: 'failed'; exception: 'PodLaunchFailedException' | 'PodLaunchTimeoutException'; message: string };

function isScheduled(pod: PodShape | undefined): boolean {
  return (pod?.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.status === 'True');
}

/** One pass of `await_pod_start`'s loop over the latest pod, at `nowMs`. */
export function checkPodStart(pod: PodShape | undefined, clock: StartClock, nowMs: number, limits: StartLimits): StartCheck {
  const status = pod?.status;
  const phase = status?.phase ?? 'Pending';
  if (phase === 'Failed' && (status?.containerStatuses === undefined || status.containerStatuses === null)) {
    return { kind: 'failed', exception: 'PodLaunchFailedException', message: 'Pod failed before containers started' };
  }
  if (phase !== 'Pending' && phase !== 'Unknown') return { kind: 'started', phase };
  let next = clock;
  if (isScheduled(pod)) {
    // The startup clock restarts the first time the pod is seen scheduled.
    if (!clock.scheduled) next = { sinceMs: nowMs, scheduled: true };
    if (nowMs - next.sinceMs >= limits.startupTimeoutSeconds * 1000) {
      const message = `Pod took too long to start. More than ${limits.startupTimeoutSeconds}s. Check the pod events in kubernetes.`;
      return { kind: 'failed', exception: 'PodLaunchTimeoutException', message };
    }
  } else if (nowMs - next.sinceMs >= limits.scheduleTimeoutSeconds * 1000) {
    const message = `Pod took too long to be scheduled on the cluster, giving up. More than ${limits.scheduleTimeoutSeconds}s. Check the pod events in kubernetes.`;
    return { kind: 'failed', exception: 'PodLaunchTimeoutException', message };
  }
  const issue = detectEarlyIssue(pod);
  if (issue !== undefined) return { kind: 'failed', exception: 'PodLaunchFailedException', message: issue };
  return { kind: 'pending', clock: next };
}
