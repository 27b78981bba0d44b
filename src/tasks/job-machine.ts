/**
 * A KubernetesJobOperator (or KubernetesStartKueueJobOperator) launch, as `KubernetesJobOperator.execute` runs it
 * (operators/job.py, operators/kueue.py, provider 10.25.0): create the Job; with `wait_until_job_complete`, find the
 * task's pods, extract each pod's XCom, wait for the Job's Complete/Failed condition, read the logs, fail on a Failed
 * condition, and run `on_finish_action` on every pod; `on_kill` on cancel. The Job and its pods are watched rather
 * than polled, and pods are followed as they appear (docs/FIDELITY.md). Pure: events in, decisions out.
 */
import { findPodLabelSelector } from './run-context.js';
import { planCleanup } from './cleanup.js';
import { Admission } from './job-admission.js';
import { finalConditions } from './job-conditions.js';
import { buildJobOutcome, jobFailure, jobStateText, jobXcom } from './job-outcome.js';
import { JobPod, type PodStep } from './job-pods.js';
import type { JobCallId, JobDecision, JobEvent, JobLaunchInput, JobWatchShape, WorkloadShape } from './job-types.js';
import type { Failure } from './launch-outcome.js';
import type { ApiFailure } from './launch-types.js';
import type { LaunchObject, LaunchOutcome, OutcomeKind } from './outcome.js';
import { podName, type PodShape } from './pod-shape.js';
import { earliestWake } from './wake.js';

type Phase = 'creating' | 'following' | 'cleanup' | 'killing' | 'done';

export class JobMachine {
  private phase: Phase = 'creating';
  private job: JobWatchShape | undefined;
  private readonly pods = new Map<string, JobPod>();
  private failure: Failure | undefined;
  private cancelPending = false;
  private readonly admission: Admission;
  private calls: JobDecision[] = [];
  private readonly objects = new Map<string, LaunchObject>();
  private finished: LaunchOutcome | undefined;
  private readonly input: JobLaunchInput;
  private readonly namespace: string;
  private readonly jobName: string;
  readonly selector: string;

  constructor(input: JobLaunchInput) {
    this.input = input;
    const metadata = (input.body['metadata'] ?? {}) as { name?: unknown; namespace?: unknown };
    this.namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
    this.jobName = typeof metadata.name === 'string' ? metadata.name : '';
    this.admission = new Admission(this.jobName, input.options.queueName);
    this.selector = findPodLabelSelector(input.options.labels, input.taskId, input.context, true);
  }

  get outcome(): LaunchOutcome | undefined {
    return this.finished;
  }

  private get waits(): boolean {
    return this.input.options.waitUntilJobComplete;
  }

  /** `execute`'s warnings and checks, then `create_namespaced_job`. */
  start(): JobDecision[] {
    const o = this.input.options;
    const out: JobDecision[] = [];
    const warn = (text: string): void => void out.push({ kind: 'progress', level: 'warning', text });
    if (o.deferrable && !o.waitUntilJobComplete) warn('Deferrable mode is available only with parameter `wait_until_job_complete=True`. Please, set it up.');
    if (o.deferrable && o.waitUntilJobComplete) out.push({ kind: 'progress', level: 'info', text: 'deferrable=True: running the synchronous lifecycle (no triggerer here).' });
    if ((o.getLogs || o.doXcomPush) && !o.waitUntilJobComplete) warn('Getting Logs and pushing to XCom are available only with parameter `wait_until_job_complete=True`. Please, set it up.');
    if (o.waitUntilJobComplete && o.parallelism < 1) {
      return [...out, ...this.finish('failed', { exception: 'AirflowException', message: 'parallelism cannot be less than 1 with `wait_until_job_complete=True`.' })];
    }
    return [...out, { kind: 'create-job', namespace: this.namespace, body: this.input.body }];
  }

  nextWakeMs(): number | undefined {
    if (this.phase !== 'following') return undefined;
    return earliestWake([...this.pods.values()].map((p) => p.nextWakeMs()));
  }

  handle(event: JobEvent): JobDecision[] {
    if (this.phase === 'done') return [];
    switch (event.type) {
      case 'job-created':
        return this.onCreated(event.job);
      case 'create-failed':
        return this.finish(this.cancelPending ? 'cancelled' : 'failed', { exception: 'ApiException', message: event.error.message, cluster: true });
      case 'job':
        return this.onJob(event.job);
      case 'job-gone':
        return this.onJobGone();
      case 'workload':
        return this.onWorkload(event.workload);
      case 'pod':
        return this.onPod(event.pod);
      case 'pod-gone':
        return this.onPodGone(event.pod);
      case 'log-ended':
        return this.following() ? [...(this.pods.get(event.pod)?.logEnded(event, this.now()) ?? []), ...this.advance()] : [];
      case 'exec-done':
        return this.following() ? this.afterStep(this.pods.get(event.pod)?.execDone(event)) : [];
      case 'api-done':
        return this.onApiDone(event.id, event.pod, event.error);
      case 'tick':
        return this.advance();
      case 'cancel':
        return this.onCancel();
      case 'cluster-error':
        return this.fail({ exception: 'ApiException', message: event.error.message, cluster: true });
    }
  }

  private now(): number {
    return this.input.clock();
  }

  private following(): boolean {
    return this.phase === 'following';
  }

  private onCreated(job: JobWatchShape): JobDecision[] {
    this.job = job;
    this.objects.set(`Job/${this.jobName}`, { kind: 'Job', namespace: this.namespace, name: this.jobName, state: 'kept' });
    const out: JobDecision[] = [{ kind: 'object', objectKind: 'Job', namespace: this.namespace, name: this.jobName }];
    if (this.cancelPending) return [...out, ...this.kill()];
    if (!this.input.follow) return [...out, ...this.finish('launched')];
    // A suspended Job no queue will admit runs only when someone resumes it: the Airflow task (no waiting) has ended.
    if (!this.waits && job.spec?.suspend === true && this.input.options.queueName === undefined) {
      out.push({ kind: 'progress', level: 'info', text: `Job ${this.jobName} is suspended (spec.suspend=true): not followed; it runs once something resumes it.` });
      return [...out, ...this.finish('success')];
    }
    this.phase = 'following';
    out.push({ kind: 'watch', namespace: this.namespace, name: this.jobName, labelSelector: this.selector, ...this.admission.workloadSelector(job) });
    if (!this.waits) out.push({ kind: 'progress', level: 'info', text: 'wait_until_job_complete=False: the Airflow task ends here (success); following the Job to its end for you.' });
    return [...out, ...this.onJob(job)];
  }

  private onJob(job: JobWatchShape): JobDecision[] {
    if (!this.following()) return [];
    this.job = job;
    return [...this.admission.job(job), ...this.advance()];
  }

  /** The Job's Kueue Workload: listed among the objects; its pending reason shown while the Job waits. */
  private onWorkload(workload: WorkloadShape): JobDecision[] {
    const name = workload.metadata?.name ?? '';
    if (!this.following() || name === '') return [];
    const out: JobDecision[] = [];
    if (!this.objects.has(`Workload/${name}`)) out.push({ kind: 'object', objectKind: 'Workload', namespace: this.namespace, name });
    this.objects.set(`Workload/${name}`, { kind: 'Workload', namespace: this.namespace, name, state: 'kept' });
    return [...out, ...this.admission.workload(workload)];
  }

  private onPod(pod: PodShape): JobDecision[] {
    if (!this.following()) return [];
    const name = podName(pod);
    const known = this.pods.get(name);
    if (known) {
      known.latest = pod;
      return this.advance();
    }
    const track = new JobPod(pod, this.input.options);
    this.pods.set(name, track);
    this.objects.set(`Pod/${name}`, { kind: 'Pod', namespace: this.namespace, name, state: 'kept' });
    const out: JobDecision[] = [{ kind: 'object', objectKind: 'Pod', namespace: this.namespace, name }];
    for (const text of track.missing) out.push({ kind: 'progress', level: 'error', text });
    out.push({ kind: 'progress', level: 'info', text: `Found matching pod ${name} with labels ${this.selector}` });
    return [...out, ...this.advance()];
  }

  private onPodGone(name: string): JobDecision[] {
    const track = this.pods.get(name);
    if (!track || !this.following()) return [];
    this.objects.set(`Pod/${name}`, { kind: 'Pod', namespace: this.namespace, name, state: 'deleted' });
    return this.afterStep(track.markGone());
  }

  private onJobGone(): JobDecision[] {
    if (!this.following()) return [];
    return this.fail({ exception: 'ApiException', message: `(404) Reason: Not Found: jobs.batch "${this.jobName}" not found` });
  }

  private afterStep(step: PodStep | undefined): JobDecision[] {
    if (!step) return [];
    if (step.failure) return [...step.decisions, ...this.fail(step.failure)];
    return [...step.decisions, ...this.advance()];
  }

  /** Pods' follows and XCom steps; then, once the Job is final and every pod settled, the end of `execute`. */
  private advance(): JobDecision[] {
    if (!this.following()) return [];
    const out: JobDecision[] = [];
    for (const pod of this.pods.values()) {
      if (pod.gone) continue;
      const step = pod.update(this.now());
      out.push(...step.decisions);
      if (step.failure) return [...out, ...this.fail(step.failure)];
    }
    if (finalConditions(this.job).length === 0 || ![...this.pods.values()].every((p) => p.settled())) return out;
    return [...out, ...this.jobEnded()];
  }

  private jobEnded(): JobDecision[] {
    const final = finalConditions(this.job)[0];
    const out: JobDecision[] = [
      { kind: 'state', text: `Job ${this.jobName}: ${final?.type ?? ''}` },
      { kind: 'progress', level: 'info', text: jobStateText(this.job, this.jobName) },
    ];
    if (!this.waits) return [...out, ...this.finish('success')];
    if (this.pods.size === 0) return [...out, ...this.fail({ exception: 'AirflowException', message: `No pods running with labels ${this.selector}` })];
    const failed = jobFailure(this.job, this.jobName);
    return [...out, ...(failed ? this.fail(failed) : this.cleanup())];
  }

  /** An exception in `execute`: its `finally` still cleans up the monitoring pods. */
  private fail(failure: Failure): JobDecision[] {
    this.failure ??= failure;
    if (this.phase === 'cleanup' || this.phase === 'killing') return [];
    if (!this.waits || this.phase !== 'following') return this.finish('failed');
    return this.cleanup();
  }

  /** `_cleanup_monitoring_pods`: `post_complete_action` per pod; its errors are only logged. */
  private cleanup(): JobDecision[] {
    const out = this.stopFollowing();
    this.phase = 'cleanup';
    this.calls = [];
    for (const pod of this.pods.values()) {
      if (pod.gone) continue;
      const plan = planCleanup(pod.latest, this.input.options);
      const target = { namespace: this.namespace, name: pod.name };
      if (plan.patchChecked) this.calls.push({ kind: 'patch-pod', id: 'cleanup-patch', ...target, patch: { metadata: { labels: { already_checked: 'True' } } } });
      if (plan.delete) this.calls.push({ kind: 'delete-pod', id: 'cleanup-delete', ...target });
    }
    return [...out, ...this.nextCall()];
  }

  /** The next API call (notes before it pass straight through); the end once none is left. */
  private nextCall(): JobDecision[] {
    const notes: JobDecision[] = [];
    for (let next = this.calls.shift(); next; next = this.calls.shift()) {
      if (next.kind !== 'progress') return [...notes, next];
      notes.push(next);
    }
    return [...notes, ...this.finishCalls()];
  }

  private finishCalls(): JobDecision[] {
    if (this.phase === 'killing') return this.finish('cancelled');
    return this.finish(this.failure ? 'failed' : 'success');
  }

  private onApiDone(id: JobCallId, pod: string | undefined, error: ApiFailure | undefined): JobDecision[] {
    const deleted = !error || error.reason === 'NotFound';
    const out: JobDecision[] = [];
    const what = id === 'kill-delete-job' ? `job ${this.jobName}` : `pod ${pod ?? ''}`;
    if (error && !deleted) out.push({ kind: 'progress', level: 'warning', text: `${id} of ${what} failed: ${error.message}` });
    // The Job's Workload goes with it (owned by the Job: garbage collection).
    if (deleted && id === 'kill-delete-job') for (const [key, o] of this.objects) if (o.kind !== 'Pod') this.objects.set(key, { ...o, state: 'deleted' });
    if (deleted && pod && id !== 'cleanup-patch') this.objects.set(`Pod/${pod}`, { kind: 'Pod', namespace: this.namespace, name: pod, state: 'deleted' });
    return [...out, ...this.nextCall()];
  }

  /** `on_kill`; before Airflow's task ended. After it (no waiting), a cancel only stops following. */
  private onCancel(): JobDecision[] {
    if (this.phase === 'creating') {
      this.cancelPending = true;
      return [{ kind: 'progress', level: 'info', text: 'Cancelling: waiting for the pending create before deleting the Job.' }];
    }
    if (this.phase !== 'following') return [];
    if (!this.waits) {
      const out = this.stopFollowing();
      return [...out, { kind: 'progress', level: 'info', text: `Stopped following; Job ${this.jobName} runs on (the Airflow task had already ended).` }, ...this.finish('success')];
    }
    return [...this.stopFollowing(), ...this.kill()];
  }

  /** `on_kill`: delete the Job with `on_kill_propagation_policy` (and `termination_grace_period`), then its pods. */
  private kill(): JobDecision[] {
    const o = this.input.options;
    this.phase = 'killing';
    const grace = o.terminationGracePeriod === undefined ? {} : { gracePeriodSeconds: o.terminationGracePeriod };
    this.calls = [{ kind: 'delete-job', id: 'kill-delete-job', namespace: this.namespace, name: this.jobName, propagationPolicy: o.onKillPropagationPolicy, ...grace }];
    if (o.onKillAction === 'keep_pod') {
      this.calls.push({ kind: 'progress', level: 'info', text: "Skipping monitoring pod deletion since on_kill_action is set to 'keep_pod'." });
    } else {
      for (const pod of this.pods.values()) if (!pod.gone) this.calls.push({ kind: 'delete-pod', id: 'kill-delete-pod', namespace: this.namespace, name: pod.name });
    }
    return this.nextCall();
  }

  private stopFollowing(): JobDecision[] {
    if (this.phase !== 'following') return [];
    const out: JobDecision[] = [];
    for (const pod of this.pods.values()) out.push(...pod.stopAll());
    return [...out, { kind: 'stop-watch' }];
  }

  private finish(kind: OutcomeKind, failure?: Failure): JobDecision[] {
    if (failure) this.failure ??= failure;
    const stop = this.stopFollowing();
    this.phase = 'done';
    const note = this.waits || kind !== 'success' ? jobStateText(this.job, this.jobName) : 'wait_until_job_complete=False: the task succeeded once the Job was created.';
    this.finished = buildJobOutcome({
      kind, failure: this.failure, job: this.job, jobName: this.jobName, pods: [...this.pods.values()], base: this.input.options.baseContainerName,
      xcom: this.waits && this.input.options.doXcomPush ? jobXcom([...this.pods.values()], this.input.options.unwrapSingle) : null,
      runId: this.input.context.run_id, namespace: this.namespace, objects: [...this.objects.values()], note,
    });
    return [...stop, { kind: 'finish', outcome: this.finished }];
  }
}
