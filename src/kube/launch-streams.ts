/**
 * The launch driver's long-running reads: the field-selected watch of the launch's pod and the log follows, each
 * turned into the machine's events (src/tasks `LaunchEvent`). No lifecycle rules here: which container to follow,
 * when, and from where is the machine's decision; this file only keeps one resume point per container, because a
 * `streamLogs` call skips repeated lines only within itself (log-resume.ts).
 */
import type { LaunchEvent, LogDecision, PodShape } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { isAborted, toKubeError } from './errors.js';
import { ResumePoint } from './log-resume.js';
import type { LogLine } from './log-resume.js';

/** Where events go: the driver's queue. */
export type Emit = (event: LaunchEvent) => void;

/** Reasons after which watching again cannot help (the credentials or the namespace are gone). */
const fatalWatch = new Set(['Unauthorized', 'Forbidden', 'AuthPluginMissing', 'AuthPluginFailed']);

/** Watches one pod (`metadata.name` field selector) until `signal` aborts; reports updates and its deletion. */
export async function watchPod(client: KubeClient, namespace: string, name: string, signal: AbortSignal, emit: Emit): Promise<void> {
  let present = false;
  try {
    for await (const ev of client.watch('Pod', { namespace, fieldSelector: `metadata.name=${name}`, signal })) {
      if (signal.aborted) return;
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
        present = true;
        emit({ type: 'pod', pod: ev.object as PodShape });
      } else if (ev.type === 'DELETED') {
        present = false;
        emit({ type: 'pod-gone' });
      } else if (ev.type === 'SYNCED' && !present) {
        emit({ type: 'pod-gone' }); // the (re)list holds no such pod: it was deleted meanwhile
        present = true; // report it once
      } else if (ev.type === 'RECONNECTING' && fatalWatch.has(ev.error.reason)) {
        emit({ type: 'cluster-error', error: { reason: ev.error.reason, message: ev.error.message, status: ev.error.status } });
        return;
      }
    }
  } catch (error) {
    if (signal.aborted || isAborted(error)) return;
    const e = toKubeError(error, `watch pod ${namespace}/${name}`);
    emit({ type: 'cluster-error', error: { reason: e.reason, message: e.message, status: e.status } });
  }
}

export interface LogSink {
  (container: string, line: LogLine): void;
}

type FollowDecision = Extract<LogDecision, { kind: 'follow-logs' }>;

/** The log follows of one launch: at most one open stream and one resume point per container. */
export class LogStreams {
  private readonly open = new Map<string, AbortController>();
  private readonly points = new Map<string, ResumePoint>();
  private readonly client: KubeClient;
  private readonly sink: LogSink;
  private readonly emit: Emit;

  constructor(client: KubeClient, sink: LogSink, emit: Emit) {
    this.client = client;
    this.sink = sink;
    this.emit = emit;
  }

  stop(container: string): void {
    this.open.get(container)?.abort();
    this.open.delete(container);
  }

  stopAll(): void {
    for (const container of [...this.open.keys()]) this.stop(container);
  }

  follow(namespace: string, pod: string, d: FollowDecision): void {
    this.stop(d.container);
    const controller = new AbortController();
    this.open.set(d.container, controller);
    let point = this.points.get(d.container);
    if (!point) this.points.set(d.container, (point = new ResumePoint()));
    // The machine resumes from `resumeAfter`: skip what this container already delivered, across streams.
    const resumed = d.resumeAfter !== undefined;
    if (resumed) point.resume();
    void this.read(namespace, pod, d, point, resumed, controller);
  }

  private async read(namespace: string, pod: string, d: FollowDecision, point: ResumePoint, resumed: boolean, controller: AbortController): Promise<void> {
    let lastTimestamp: string | undefined;
    let error: string | undefined;
    const opts = { namespace, follow: d.follow, previous: d.previous, timestamps: true, signal: controller.signal, ...(d.sinceTime ? { sinceTime: d.sinceTime } : {}) };
    try {
      for await (const item of this.client.streamLogs(pod, d.container, opts)) {
        if (controller.signal.aborted) return;
        if (item.type !== 'line') continue;
        if (resumed && point.seen(item)) continue;
        point.delivered(item);
        if (item.timestamp) lastTimestamp = item.timestamp;
        this.sink(d.container, item);
      }
    } catch (e) {
      if (controller.signal.aborted || isAborted(e)) return;
      error = toKubeError(e, `logs of ${pod} container ${d.container}`).message;
    }
    if (controller.signal.aborted) return;
    this.open.delete(d.container);
    this.emit({ type: 'log-ended', container: d.container, ...(lastTimestamp ? { lastTimestamp } : {}), ...(error !== undefined ? { error } : {}) });
  }
}
