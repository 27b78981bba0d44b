/**
 * Which container logs a launch follows and when each follow is done, after `PodManager.fetch_container_logs`,
 * `fetch_requested_(init_)container_logs` and `PodLogsConsumer` (utils/pod_manager.py, provider 10.25.0). Airflow
 * reads them one after another; here every follow runs at once (docs/FIDELITY.md). A follow starts once its
 * container has started, resumes after a drop from the last delivered stamp (the driver skips what it already
 * delivered: src/kube/log-resume.ts), reads to the end after termination but for at most `post_termination_timeout`,
 * and reads the previous instance's rest when the container restarted during a drop.
 */
import { containerStatus, isTerminalPhase, xcomSidecarName, type PodShape } from './pod-shape.js';

/** `PodLogsConsumer.post_termination_timeout`. */
export const postTerminationTimeoutMs = 120_000;
/** `fetch_container_logs` sleeps a second before following again. */
const retryDelayMs = 1000;

export type LogDecision =
  | {
      kind: 'follow-logs';
      container: string;
      init: boolean;
      /** Always with `timestamps=true`; false only to read the rest of a restarted container's previous instance. */
      follow: boolean;
      previous: boolean;
      /** pods/log `sinceTime` (whole seconds, UTC) when resuming. */
      sinceTime?: string;
      /** The last stamp already delivered: lines up to it (same stamp and text) are skipped. */
      resumeAfter?: string;
    }
  | { kind: 'stop-logs'; container: string };

export interface LogTarget {
  container: string;
  init: boolean;
}

interface Follow extends LogTarget {
  state: 'waiting' | 'following' | 'done';
  lastTimestamp?: string;
  /** restartCount when the current stream began. */
  instance: number;
  retryAtMs?: number;
  readingPrevious?: boolean;
  /** When this follow first saw its container terminated (the bound when the kubelet gave no finishedAt). */
  terminatedSeenMs?: number;
}

const stampRe = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** pods/log `sinceTime` for a resume: the whole second of a kubelet stamp, in UTC. */
export function toSinceTime(stamp: string): string | undefined {
  const m = stampRe.exec(stamp);
  if (!m?.[1] || !m[2]) return undefined;
  if (m[2] === 'Z') return `${m[1]}Z`;
  const ms = Date.parse(`${m[1]}${m[2]}`);
  return Number.isNaN(ms) ? undefined : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export interface ReconciledTargets {
  targets: LogTarget[];
  /** Airflow's error lines for names the pod does not have. */
  missing: string[];
}

/** `_reconcile_requested_log_containers`, for the main containers (sidecar excluded) and init containers (spec order). */
export function reconcileLogTargets(pod: PodShape, main: string[] | true, init: string[] | true): ReconciledTargets {
  const name = pod.metadata?.name ?? '';
  const actual = (pod.spec?.containers ?? []).map((c) => c.name).filter((n) => n !== xcomSidecarName);
  const actualInit = (pod.spec?.initContainers ?? []).map((c) => c.name);
  const missing: string[] = [];
  const pick = (requested: string[] | true, names: string[]): string[] => {
    if (requested === true) return names;
    for (const r of requested) if (!names.includes(r)) missing.push(`container ${r} whose logs were requested not found in the pod ${name}`);
    return requested.filter((r) => names.includes(r));
  };
  const inits = pick(init, actualInit).sort((a, b) => actualInit.indexOf(a) - actualInit.indexOf(b));
  return { targets: [...inits.map((container) => ({ container, init: true })), ...pick(main, actual).map((container) => ({ container, init: false }))], missing };
}

function started(pod: PodShape | undefined, container: string): 'running' | 'terminated' | undefined {
  const state = containerStatus(pod, container)?.state;
  if (state?.running) return 'running';
  if (state?.terminated) return 'terminated';
  return undefined;
}

/** `PodLogsConsumer.logs_available`: a terminated container's log is read until `finishedAt` + 120 s. */
function boundMs(follow: Follow, pod: PodShape | undefined): number {
  const finishedAt = containerStatus(pod, follow.container)?.state?.terminated?.finishedAt;
  const parsed = finishedAt ? Date.parse(finishedAt) : Number.NaN;
  return (Number.isNaN(parsed) ? (follow.terminatedSeenMs ?? 0) : parsed) + postTerminationTimeoutMs;
}

function pastBound(follow: Follow, pod: PodShape | undefined, nowMs: number): boolean {
  return nowMs >= boundMs(follow, pod);
}

/** The follows of one launch: fed pod updates, stream ends and ticks; answers with follow/stop decisions. */
export class LogFollows {
  private readonly follows: Follow[];

  constructor(targets: readonly LogTarget[]) {
    this.follows = targets.map((t) => ({ ...t, state: 'waiting', instance: 0 }));
  }

  /** Containers whose follow is not done yet. */
  pending(): string[] {
    return this.follows.filter((f) => f.state !== 'done').map((f) => f.container);
  }

  allDone(): boolean {
    return this.follows.every((f) => f.state === 'done');
  }

  /** The next retry, or the end of a post-termination read, whichever comes first. */
  nextWakeMs(pod: PodShape | undefined): number | undefined {
    const times: number[] = [];
    for (const f of this.follows) {
      if (f.state === 'waiting' && f.retryAtMs !== undefined) times.push(f.retryAtMs);
      if (f.state === 'following' && f.terminatedSeenMs !== undefined) times.push(boundMs(f, pod));
    }
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** A pod update or a clock tick: start follows whose container started, end those past the bound. */
  update(pod: PodShape | undefined, nowMs: number): LogDecision[] {
    const out: LogDecision[] = [];
    for (const f of this.follows) {
      const now = started(pod, f.container);
      if (now === 'terminated' && f.terminatedSeenMs === undefined) f.terminatedSeenMs = nowMs;
      if (f.state === 'following' && now === 'terminated' && pastBound(f, pod, nowMs)) {
        f.state = 'done';
        out.push({ kind: 'stop-logs', container: f.container });
      } else if (f.state === 'waiting' && now !== undefined && (f.retryAtMs === undefined || nowMs >= f.retryAtMs)) {
        out.push(this.open(f, pod, false));
      } else if (f.state === 'waiting' && now === undefined && isTerminalPhase(pod?.status?.phase)) {
        f.state = 'done'; // never started and never will: nothing to read
      }
    }
    return out;
  }

  /** A stream ended (normally, or with `error`); `lastTimestamp` is the stamp of the last line it delivered. */
  ended(container: string, info: { lastTimestamp?: string; error?: string }, pod: PodShape | undefined, nowMs: number): LogDecision[] {
    const f = this.follows.find((x) => x.container === container && x.state === 'following');
    if (!f) return [];
    if (info.lastTimestamp) f.lastTimestamp = info.lastTimestamp;
    const restarts = containerStatus(pod, container)?.restartCount ?? 0;
    if (f.readingPrevious) {
      f.readingPrevious = false;
      return [this.open(f, pod, false)];
    }
    if (restarts > f.instance && info.error !== undefined) return [this.open(f, pod, true)];
    const now = started(pod, container);
    if (now === 'running' && info.error === undefined) return [this.open(f, pod, false)];
    if (now === 'terminated' && (info.error === undefined || pastBound(f, pod, nowMs))) {
      f.state = 'done';
      return [];
    }
    if (now === undefined && isTerminalPhase(pod?.status?.phase)) {
      f.state = 'done';
      return [];
    }
    // Dropped while running, "waiting to start", or a drop right after termination: try again in a second.
    f.state = 'waiting';
    f.retryAtMs = nowMs + retryDelayMs;
    return [];
  }

  /** Stops every open follow (completion, cancel). */
  stopAll(): LogDecision[] {
    const open = this.follows.filter((f) => f.state === 'following');
    for (const f of this.follows) f.state = 'done';
    return open.map((f) => ({ kind: 'stop-logs', container: f.container }));
  }

  private open(f: Follow, pod: PodShape | undefined, previous: boolean): LogDecision {
    f.state = 'following';
    f.retryAtMs = undefined;
    f.readingPrevious = previous;
    if (!previous) f.instance = containerStatus(pod, f.container)?.restartCount ?? 0;
    const sinceTime = f.lastTimestamp ? toSinceTime(f.lastTimestamp) : undefined;
    const resume = f.lastTimestamp && sinceTime ? { sinceTime, resumeAfter: f.lastTimestamp } : {};
    return { kind: 'follow-logs', container: f.container, init: f.init, follow: !previous, previous, ...resume };
  }
}
