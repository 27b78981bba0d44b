/**
 * The thin driver of a KubernetesPodOperator launch (STYLE.md, "Lifecycles"): it starts the pure `LaunchMachine`
 * (src/tasks), carries out each decision through the KubeClient port in order, and feeds the answers back as
 * events: call results, the pod's watch, log stream ends, exec results and clock ticks at `nextWakeMs()`. An abort of
 * `signal` is the operator's `on_kill` (a `cancel` event); every call the driver makes uses its own signal, so the
 * kill's delete is never cut short by the cancel that asked for it. No lifecycle rule lives here.
 */
import { LaunchMachine } from '../tasks/index.js';
import type { LaunchDecision, LaunchEvent, LaunchInput, LaunchOutcome, PodShape } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { LogStreams, watchPod } from './launch-streams.js';
import { MachineDriver } from './machine-driver.js';
import type { LogSink } from './launch-streams.js';

export interface LaunchHooks {
  /** A log line of `container` (its kubelet stamp and text). */
  onLog?: LogSink;
  onProgress?: (level: 'info' | 'warning' | 'error', text: string) => void;
  /** Every decision, before it is carried out (the editor's view, tests). */
  onDecision?: (decision: LaunchDecision) => void;
  /** The pod, once created or found (its name is known from here on). */
  onPod?: (namespace: string, name: string) => void;
  /** An object the lifecycle creates or acts on (Job, SparkApplication), once its name is known. */
  onObject?: (kind: string, namespace: string, name: string) => void;
  /** What the lifecycle waits for, in words ("SparkApplication x: RUNNING", "waiting for admission in queue q"). */
  onState?: (text: string) => void;
}

export interface LaunchRunOptions extends LaunchHooks {
  /** Abort = cancel (`on_kill`). */
  signal?: AbortSignal;
}

class LaunchDriver extends MachineDriver<LaunchEvent, LaunchDecision> {
  private watch: AbortController | undefined;
  private pod = { namespace: '', name: '' };
  private readonly streams: LogStreams;
  protected readonly machine: LaunchMachine;
  private readonly client: KubeClient;
  private readonly opts: LaunchRunOptions;

  constructor(client: KubeClient, input: LaunchInput, opts: LaunchRunOptions) {
    super(input.clock, opts.signal);
    this.client = client;
    this.opts = opts;
    this.machine = new LaunchMachine(input);
    this.streams = new LogStreams(client, opts.onLog ?? (() => undefined), (e) => this.push(e));
  }

  protected override stop(): void {
    this.streams.stopAll();
    this.watch?.abort();
  }

  protected override apply(decisions: LaunchDecision[]): void {
    for (const d of decisions) {
      this.opts.onDecision?.(d);
      this.carryOut(d);
    }
  }

  /** One decision through the port; answers come back as events. */
  protected carryOut(d: LaunchDecision): void {
    const signal = this.life.signal;
    switch (d.kind) {
      case 'list-pods':
        return this.call(this.client.list('Pod', { namespace: d.namespace, labelSelector: d.labelSelector, signal }),
          (r) => ({ type: 'pods-listed', pods: r.items as PodShape[] }), (error) => ({ type: 'list-failed', error }), 'list pods');
      case 'create-pod':
        return this.call(this.client.create(d.body, { namespace: d.namespace, signal }), (pod) => this.created(d.namespace, pod as PodShape),
          (error) => ({ type: 'create-failed', error }), 'create pod');
      case 'watch-pod':
        return this.startWatch(d.namespace, d.name);
      case 'stop-watch':
        this.watch?.abort();
        return;
      case 'follow-logs':
        return this.streams.follow(this.pod.namespace, this.pod.name, d);
      case 'stop-logs':
        return this.streams.stop(d.container);
      case 'exec':
        return this.call(this.client.exec(this.pod.name, d.container, [...d.command], { namespace: this.pod.namespace, timeoutMs: d.timeoutMs, signal, ...(d.stdin === undefined ? {} : { stdin: d.stdin }) }),
          (result) => ({ type: 'exec-done', id: d.id, result }), (error) => ({ type: 'exec-done', id: d.id, error: error.message }), 'exec');
      case 'patch-pod':
        return this.call(this.client.patch('Pod', d.name, d.patch, { namespace: d.namespace, type: 'merge', signal }),
          () => ({ type: 'api-done', id: d.id }), (error) => ({ type: 'api-done', id: d.id, error }), 'patch pod');
      case 'delete-pod':
        return this.call(this.client.delete('Pod', d.name, { namespace: d.namespace, signal, ...(d.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: d.gracePeriodSeconds }) }),
          () => ({ type: 'api-done', id: d.id }), (error) => ({ type: 'api-done', id: d.id, error }), 'delete pod');
      case 'progress':
        this.opts.onProgress?.(d.level, d.text);
        return;
      case 'finish':
        return;
    }
  }

  private created(namespace: string, pod: PodShape): LaunchEvent {
    this.setPod(namespace, pod.metadata?.name ?? '');
    return { type: 'pod-created', pod };
  }

  private setPod(namespace: string, name: string): void {
    const changed = this.pod.name !== name || this.pod.namespace !== namespace;
    this.pod = { namespace, name };
    if (changed && name !== '') this.opts.onPod?.(namespace, name);
  }

  private startWatch(namespace: string, name: string): void {
    this.watch?.abort();
    this.watch = new AbortController();
    this.setPod(namespace, name);
    void watchPod(this.client, namespace, name, this.watch.signal, (e) => this.push(e));
  }

}

/** Runs one launch to its end and resolves with the outcome (never rejects for a cluster failure: it is the outcome). */
export function runLaunch(client: KubeClient, input: LaunchInput, opts: LaunchRunOptions = {}): Promise<LaunchOutcome> {
  return new LaunchDriver(client, input, opts).run();
}
