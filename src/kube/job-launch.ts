/**
 * The thin driver of a KubernetesJobOperator / KubernetesStartKueueJobOperator launch (STYLE.md, "Lifecycles"): it
 * starts the pure `JobMachine` (src/tasks), carries out each decision through the KubeClient port, and feeds the
 * answers back as events: the Job's and its pods' watches, log stream ends per pod, exec results and clock ticks at
 * `nextWakeMs()`. An abort of `signal` is the operator's `on_kill` (a `cancel` event). No lifecycle rule lives here.
 * Log lines reach `onLog` under `<pod>/<container>`: a Job has several pods.
 */
import { JobMachine, toJobLaunchOptions } from '../tasks/index.js';
import type { JobDecision, JobEvent, LaunchOutcome } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { MachineDriver } from './machine-driver.js';
import { watchJob, watchPods, watchWorkload } from './job-watch.js';
import type { LaunchRunOptions } from './launch.js';
import { LogStreams } from './launch-streams.js';
import type { TaskLaunchInput } from './run-task.js';

class JobLaunchDriver extends MachineDriver<JobEvent, JobDecision> {
  private watches: AbortController | undefined;
  private readonly streams = new Map<string, LogStreams>();
  private namespace = '';
  private readonly client: KubeClient;
  protected readonly machine: JobMachine;
  private readonly opts: LaunchRunOptions;

  constructor(client: KubeClient, machine: JobMachine, clock: () => number, opts: LaunchRunOptions) {
    super(clock, opts.signal);
    this.client = client;
    this.machine = machine;
    this.opts = opts;
  }

  protected override stop(): void {
    for (const s of this.streams.values()) s.stopAll();
    this.watches?.abort();
  }

  /** The log streams of one pod (one resume point per container, as for a pod launch). */
  private podStreams(pod: string): LogStreams {
    let s = this.streams.get(pod);
    if (!s) {
      const sink = this.opts.onLog ?? (() => undefined);
      s = new LogStreams(this.client, (container, line) => sink(`${pod}/${container}`, line), (e) => {
        if (e.type === 'log-ended') this.push({ ...e, pod });
      });
      this.streams.set(pod, s);
    }
    return s;
  }

  protected carryOut(d: JobDecision): void {
    const signal = this.life.signal;
    switch (d.kind) {
      case 'create-job':
        this.namespace = d.namespace;
        return this.call(this.client.create(d.body, { namespace: d.namespace, signal }), (job) => ({ type: 'job-created', job }), (error) => ({ type: 'create-failed', error }), 'create job');
      case 'watch':
        return this.startWatches(d.namespace, d.name, d.labelSelector, d.workloadSelector);
      case 'stop-watch':
        this.watches?.abort();
        return;
      case 'pod-logs':
        if (d.log.kind === 'stop-logs') return this.streams.get(d.pod)?.stop(d.log.container);
        return this.podStreams(d.pod).follow(this.namespace, d.pod, d.log);
      case 'pod-exec':
        return this.call(this.client.exec(d.pod, d.container, [...d.command], { namespace: this.namespace, timeoutMs: d.timeoutMs, signal, ...(d.stdin === undefined ? {} : { stdin: d.stdin }) }),
          (result) => ({ type: 'exec-done', pod: d.pod, id: d.id, result }), (error) => ({ type: 'exec-done', pod: d.pod, id: d.id, error: error.message }), 'exec');
      case 'patch-pod':
        return this.call(this.client.patch('Pod', d.name, d.patch, { namespace: d.namespace, type: 'merge', signal }),
          () => ({ type: 'api-done', id: d.id, pod: d.name }), (error) => ({ type: 'api-done', id: d.id, pod: d.name, error }), 'patch pod');
      case 'delete-pod':
        return this.call(this.client.delete('Pod', d.name, { namespace: d.namespace, signal }),
          () => ({ type: 'api-done', id: d.id, pod: d.name }), (error) => ({ type: 'api-done', id: d.id, pod: d.name, error }), 'delete pod');
      case 'delete-job':
        return this.call(this.client.delete('Job', d.name, { namespace: d.namespace, signal, propagationPolicy: d.propagationPolicy, ...(d.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: d.gracePeriodSeconds }) }),
          () => ({ type: 'api-done', id: d.id }), (error) => ({ type: 'api-done', id: d.id, error }), 'delete job');
      default:
        return this.report(d);
    }
  }

  /** Decisions that only inform the caller. */
  private report(d: JobDecision): void {
    if (d.kind === 'progress') this.opts.onProgress?.(d.level, d.text);
    else if (d.kind === 'state') this.opts.onState?.(d.text);
    else if (d.kind === 'object') {
      this.opts.onObject?.(d.objectKind, d.namespace, d.name);
      if (d.objectKind === 'Pod') this.opts.onPod?.(d.namespace, d.name);
    }
  }

  private startWatches(namespace: string, name: string, labelSelector: string, workloadSelector: string | undefined): void {
    this.watches?.abort();
    this.watches = new AbortController();
    const emit = (e: JobEvent): void => this.push(e);
    void watchJob(this.client, namespace, name, this.watches.signal, emit);
    void watchPods(this.client, namespace, labelSelector, this.watches.signal, emit);
    if (workloadSelector !== undefined) void watchWorkload(this.client, namespace, workloadSelector, this.watches.signal, emit);
  }

}

/** Runs a Job launch to its end (never rejects for a cluster failure: it is the outcome). */
export function runJobLaunch(client: KubeClient, input: TaskLaunchInput, opts: LaunchRunOptions = {}): Promise<LaunchOutcome> {
  const options = toJobLaunchOptions(input.params, input.operator === 'KubernetesStartKueueJobOperator');
  const machine = new JobMachine({ body: input.body, taskId: input.taskId, context: input.context, options, clock: input.clock, follow: input.follow });
  return new JobLaunchDriver(client, machine, input.clock, opts).run();
}
