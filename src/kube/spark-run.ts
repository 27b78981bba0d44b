/**
 * The thin driver of a SparkKubernetesOperator launch (src/tasks `SparkMachine`): carries out each decision through
 * the KubeClient port and feeds back the answers, the watches of the SparkApplication and of its driver pod, the
 * driver's log stream ends and clock ticks at `nextWakeMs()`. An abort of the signal is `on_kill` (a `cancel` event);
 * calls use the driver's own signal, so the kill's delete is never cut short. No lifecycle rule lives here.
 */
import { SparkMachine, toSparkOptions } from '../tasks/index.js';
import type { LaunchEvent, LaunchOutcome, PodShape, SparkAppShape, SparkDecision, SparkEvent } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { MachineDriver } from './machine-driver.js';
import { isAborted, toApiFailure } from './errors.js';
import type { LaunchRunOptions } from './launch.js';
import { LogStreams, watchPod } from './launch-streams.js';
import type { TaskLaunchInput } from './run-task.js';

const fatalWatch = new Set(['Unauthorized', 'Forbidden', 'AuthPluginMissing', 'AuthPluginFailed']);

function appKind(body: Record<string, unknown>): { apiVersion: string; kind: string } {
  return { apiVersion: String(body['apiVersion'] ?? 'sparkoperator.k8s.io/v1beta2'), kind: String(body['kind'] ?? 'SparkApplication') };
}

/** Watches one SparkApplication by name until `signal` aborts; reports updates and its deletion. */
async function watchApp(client: KubeClient, kind: { apiVersion: string; kind: string }, namespace: string, name: string, signal: AbortSignal, emit: (e: SparkEvent) => void): Promise<void> {
  let present = false;
  try {
    for await (const ev of client.watch(kind, { namespace, fieldSelector: `metadata.name=${name}`, signal })) {
      if (signal.aborted) return;
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
        present = true;
        emit({ type: 'app', app: ev.object as SparkAppShape });
      } else if (ev.type === 'DELETED' || (ev.type === 'SYNCED' && !present)) {
        present = ev.type === 'SYNCED'; // a (re)list without it: gone meanwhile; report it once
        emit({ type: 'app-gone' });
      } else if (ev.type === 'RECONNECTING' && fatalWatch.has(ev.error.reason)) {
        emit({ type: 'cluster-error', error: { reason: ev.error.reason, message: ev.error.message, status: ev.error.status } });
        return;
      }
    }
  } catch (error) {
    if (signal.aborted || isAborted(error)) return;
    emit({ type: 'cluster-error', error: toApiFailure(error, `watch sparkapplication ${namespace}/${name}`) });
  }
}

class SparkDriver extends MachineDriver<SparkEvent, SparkDecision> {
  private watches: AbortController | undefined;
  private pod = { namespace: '', name: '' };
  private readonly streams: LogStreams;
  private readonly kind: { apiVersion: string; kind: string };
  private readonly client: KubeClient;
  protected readonly machine: SparkMachine;
  private readonly opts: LaunchRunOptions;

  constructor(client: KubeClient, input: TaskLaunchInput, opts: LaunchRunOptions) {
    super(input.clock, opts.signal);
    this.client = client;
    this.opts = opts;
    this.kind = appKind(input.body);
    const { body, taskId, context, clock, existingRun, follow } = input;
    this.machine = new SparkMachine({ body, taskId, context, clock, existingRun, follow, options: toSparkOptions(input.params) });
    this.streams = new LogStreams(client, opts.onLog ?? (() => undefined), (e: LaunchEvent) => this.push(e as SparkEvent));
  }

  protected override stop(): void {
    this.streams.stopAll();
    this.watches?.abort();
  }

  protected carryOut(d: SparkDecision): void {
    const signal = this.life.signal;
    switch (d.kind) {
      case 'list-pods':
        return this.call(this.client.list('Pod', { namespace: d.namespace, labelSelector: d.labelSelector, fieldSelector: d.fieldSelector, signal }),
          (r) => ({ type: 'pods-listed', pods: r.items as PodShape[] }), (error) => ({ type: 'list-failed', error }), 'list driver pods');
      case 'create-app':
        return this.call(this.client.create(d.body, { namespace: d.namespace, signal }), (app) => this.created(d.namespace, app as SparkAppShape),
          (error) => ({ type: 'create-failed', error }), 'create sparkapplication');
      case 'watch-app':
        void watchApp(this.client, this.kind, d.namespace, d.name, this.watchSignal(), (e) => this.push(e));
        return;
      case 'watch-pod':
        this.pod = { namespace: d.namespace, name: d.name };
        this.opts.onPod?.(d.namespace, d.name);
        void watchPod(this.client, d.namespace, d.name, this.watchSignal(), (e) => this.push(e as SparkEvent));
        return;
      case 'stop-watch':
        this.watches?.abort();
        return;
      case 'follow-logs':
        return this.streams.follow(this.pod.namespace, this.pod.name, d);
      case 'stop-logs':
        return this.streams.stop(d.container);
      case 'patch-pod':
        return this.call(this.client.patch('Pod', d.name, d.patch, { namespace: d.namespace, type: 'merge', signal }),
          () => ({ type: 'api-done', id: d.id }), (error) => ({ type: 'api-done', id: d.id, error }), 'patch pod');
      case 'delete-app':
        return this.call(this.client.delete(this.kind, d.name, { namespace: d.namespace, signal }),
          () => ({ type: 'api-done', id: d.id }), (error) => ({ type: 'api-done', id: d.id, error }), 'delete sparkapplication');
      case 'state':
        this.opts.onState?.(d.text);
        return;
      case 'progress':
        this.opts.onProgress?.(d.level, d.text);
        return;
      case 'finish':
        return;
    }
  }

  private created(namespace: string, app: SparkAppShape): SparkEvent {
    this.opts.onObject?.('SparkApplication', namespace, app.metadata?.name ?? '');
    return { type: 'app-created', app };
  }

  /** Both watches share one controller: `stop-watch` ends them together. */
  private watchSignal(): AbortSignal {
    this.watches ??= new AbortController();
    return this.watches.signal;
  }

}

/** Runs a SparkKubernetesOperator task to its end and resolves with the outcome (cluster failures are outcomes). */
export function runSpark(client: KubeClient, input: TaskLaunchInput, opts: LaunchRunOptions = {}): Promise<LaunchOutcome> {
  return new SparkDriver(client, input, opts).run();
}
