/**
 * A SparkKubernetesOperator task followed to its end, as `SparkKubernetesOperator.execute` does it (provider 10.25.0):
 * create the SparkApplication (or, with `--run-id`, reattach to the run's driver: `find_spark_job`), wait while it is
 * SUBMITTED (`judgeSubmitted`, at Airflow's 10 s poll instants, on the watched state), then the KubernetesPodOperator
 * lifecycle on pod `<name>-driver` (start, logs of `spark-kubernetes-driver`, completion) and Spark's cleanup; `on_kill`
 * deletes the application. Pure: events in, decisions out, an injected clock (docs/FIDELITY.md).
 */
import { planCleanup, type CleanupResult } from './cleanup.js';
import { buildOutcome, type Failure } from './launch-outcome.js';
import type { ApiFailure } from './launch-types.js';
import { LogFollows } from './log-follow.js';
import type { LaunchOutcome, OutcomeKind } from './outcome.js';
import { podName, type PodShape } from './pod-shape.js';
import { DriverSteps } from './spark-driver.js';
import {
  applicationSettled, applicationState, appNameFromDriver, judgeSubmitted, pickDriver, sparkCleanupCalls, sparkDriverContainer, sparkFindFieldSelector, sparkFindSelector, withApplicationError, type SparkAppShape,
} from './spark-rules.js';
import type { SparkCallId, SparkDecision, SparkEvent, SparkInput } from './spark-types.js';
import { earliestWake } from './wake.js';

type Phase = 'finding' | 'creating' | 'submitted' | 'dumping' | 'driver' | 'settling' | 'cleanup' | 'killing' | 'done';

/** How long a failed driver's cleanup waits for the controller to record the application's `errorMessage`. */
const settleMs = 10_000;
/** `start_spark_job` sleeps 10 s between reads of the application. */
const sparkPollMs = 10_000;

export class SparkMachine {
  private phase: Phase = 'creating';
  private name = '';
  private driver = '';
  private app: SparkAppShape | undefined;
  private pod: PodShape | undefined;
  private podGone = false;
  private sinceMs = 0;
  private pollAtMs = 0;
  private driverSteps: DriverSteps | undefined;
  private settleUntilMs = 0;
  private logs = new LogFollows([]);
  private failure: Failure | undefined;
  private cleanupResult: CleanupResult | undefined;
  private cleanupCalls: SparkDecision[] = [];
  private appState: 'kept' | 'deleted' = 'kept';
  private cancelPending = false;
  private stateText = '';
  private watching = false;
  private finished: LaunchOutcome | undefined;
  private readonly input: SparkInput;
  private readonly namespace: string;
  /** The KubernetesPodOperator options the driver pod is followed with. */
  private readonly launch: SparkInput['options']['launch'];
  private readonly now: () => number;

  constructor(input: SparkInput) {
    this.input = input;
    const metadata = (input.body['metadata'] ?? {}) as { name?: string; namespace?: string };
    this.name = metadata.name ?? '';
    this.namespace = metadata.namespace ?? 'default';
    this.launch = input.options.launch;
    this.now = input.clock;
  }

  get outcome(): LaunchOutcome | undefined {
    return this.finished;
  }

  start(): SparkDecision[] {
    if (this.input.existingRun && this.launch.reattachOnRestart) {
      this.phase = 'finding';
      const labelSelector = sparkFindSelector(this.launch.labels, this.input.taskId, this.input.context);
      return [{ kind: 'list-pods', namespace: this.namespace, labelSelector, fieldSelector: sparkFindFieldSelector }];
    }
    return this.create();
  }

  private create(): SparkDecision[] {
    this.phase = 'creating';
    return [{ kind: 'progress', level: 'info', text: 'Creating sparkApplication.' }, { kind: 'create-app', namespace: this.namespace, body: this.input.body }];
  }

  nextWakeMs(): number | undefined {
    const times = [this.logs.nextWakeMs(this.pod)];
    if (this.phase === 'submitted') times.push(this.pollAtMs);
    if (this.phase === 'driver') times.push(this.driverSteps?.wakeMs());
    if (this.phase === 'settling') times.push(this.settleUntilMs);
    return earliestWake(times);
  }

  handle(event: SparkEvent): SparkDecision[] {
    if (this.phase === 'done') return [];
    switch (event.type) {
      case 'pods-listed':
        return this.onListed(event.pods);
      case 'list-failed':
      case 'create-failed':
      case 'cluster-error':
        return this.fail({ exception: 'ApiException', message: event.error.message, cluster: true });
      case 'app-created':
        return this.onCreated(event.app);
      case 'app':
        return this.onApp(event.app);
      case 'app-gone':
        return this.phase === 'submitted' ? this.fail({ exception: 'ApiException', message: `(404) Reason: Not Found: sparkapplications "${this.name}" not found`, cluster: true }) : [];
      case 'pod':
        this.pod = event.pod;
        return this.advance();
      case 'pod-gone':
        return this.onPodGone();
      case 'log-ended':
        if (this.phase === 'dumping') return this.finish('failed');
        return [...this.logs.ended(event.container, event, this.pod, this.now()), ...this.advance()];
      case 'api-done':
        return this.onApiDone(event.id, event.error);
      case 'tick':
        return this.advance();
      case 'cancel':
        return this.onCancel();
    }
  }

  private onListed(pods: PodShape[]): SparkDecision[] {
    const found = pickDriver(pods);
    if (this.cancelPending || found === undefined) return this.cancelPending ? this.finish('cancelled') : this.create();
    this.driver = podName(found);
    this.name = this.driver.replace(/-driver$/, '');
    this.pod = found;
    return [{ kind: 'progress', level: 'info', text: `Found existing Spark driver pod ${this.driver}. Reattaching to it.` }, ...this.watch(), ...this.toStarting(), ...this.advance()];
  }

  private onCreated(app: SparkAppShape): SparkDecision[] {
    this.name = app.metadata?.name ?? this.name;
    this.driver = `${this.name}-driver`;
    this.app = app;
    this.phase = 'submitted';
    if (this.cancelPending) return this.onCancel();
    if (!this.input.follow) return this.finish('launched');
    this.sinceMs = this.pollAtMs = this.now();
    return [...this.watch(), ...this.advance()];
  }

  private watch(): SparkDecision[] {
    this.watching = true;
    const o = this.launch;
    this.logs = new LogFollows(o.getLogs && o.containerLogs !== true ? o.containerLogs.map((container) => ({ container, init: false })) : []);
    return [{ kind: 'watch-app', namespace: this.namespace, name: this.name }, { kind: 'watch-pod', namespace: this.namespace, name: this.driver }];
  }

  private onApp(app: SparkAppShape): SparkDecision[] {
    this.app = app;
    const text = `SparkApplication ${this.name}: ${applicationState(app) || '(no state)'}`;
    const out: SparkDecision[] = text === this.stateText ? [] : [{ kind: 'state', text }];
    this.stateText = text;
    return [...out, ...this.advance()];
  }

  private advance(): SparkDecision[] {
    const out: SparkDecision[] = [];
    for (let i = 0; i < 8 && this.phase !== 'done'; i++) {
      const before = this.phase;
      if (this.phase === 'driver') out.push(...this.logs.update(this.pod, this.now()));
      out.push(...this.step());
      if (this.phase === before) break;
    }
    return out;
  }

  private step(): SparkDecision[] {
    switch (this.phase) {
      case 'submitted':
        return this.stepSubmitted();
      case 'driver':
        return this.stepDriver();
      case 'settling':
        return this.settled() ? this.cleanup() : [];
      default:
        return [];
    }
  }

  /** One pass of `start_spark_job`'s loop (spark-rules.ts `judgeSubmitted`). */
  private stepSubmitted(): SparkDecision[] {
    // Judged at Airflow's poll instants (at once, then every 10 s) on the newest watched state: the same outcome
    // as the operator's `time.sleep(10)` loop, e.g. a driver that fails within 10 s fails here as FAILED.
    if (this.now() < this.pollAtMs) return [];
    const verdict = judgeSubmitted(this.app, this.pod, this.now() - this.sinceMs, this.launch.startupTimeoutSeconds);
    if (verdict.kind === 'wait') {
      this.pollAtMs = this.now() + sparkPollMs;
      return [{ kind: 'progress', level: 'warning', text: `Spark job submitted but not yet started. job_id: ${this.name}` }];
    }
    if (verdict.kind === 'started') return this.toStarting();
    if (verdict.kind === 'failed') {
      this.failure = { exception: 'AirflowException', message: verdict.message };
      this.phase = 'dumping';
      if (this.pod === undefined || this.podGone) return this.finish('failed');
      return [{ kind: 'follow-logs', container: sparkDriverContainer, init: false, follow: false, previous: false }];
    }
    if (!verdict.deleteApp) return this.fail({ exception: 'AirflowException', message: verdict.message });
    this.failure = { exception: 'AirflowException', message: verdict.message };
    this.phase = 'killing';
    return [{ kind: 'progress', level: 'warning', text: `Deleting spark job: ${this.name}` }, { kind: 'delete-app', id: 'timeout-delete', namespace: this.namespace, name: this.name }];
  }

  /** The KubernetesPodOperator part begins: `await_pod_start` on the driver pod. */
  private toStarting(): SparkDecision[] {
    this.phase = 'driver';
    this.driverSteps = new DriverSteps(this.launch, this.now());
    return [{ kind: 'progress', level: 'info', text: `Waiting up to ${this.launch.scheduleTimeoutSeconds}s to get the POD scheduled...` }];
  }

  private stepDriver(): SparkDecision[] {
    const next = this.driverSteps?.step(this.pod, this.logs.allDone(), this.now()) ?? { kind: 'wait' };
    if (next.kind === 'fail') return this.fail(next.failure);
    if (next.kind === 'complete') return this.beginCleanup();
    return next.kind === 'progress' ? [{ kind: 'progress', level: 'info', text: next.text }] : [];
  }

  /** Before the driver was ever seen, "gone" is only the watch's first list not holding it yet. */
  private onPodGone(): SparkDecision[] {
    if (this.pod === undefined) return [];
    this.podGone = true;
    return this.phase !== 'driver' ? [] : this.fail({ exception: 'ApiException', message: `(404) Reason: Not Found: pods "${this.driver}" not found` });
  }

  /** An exception: before the driver part Airflow raises with no cleanup; after it, `cleanup` runs. */
  private fail(failure: Failure): SparkDecision[] {
    this.failure ??= failure;
    if (['settling', 'cleanup', 'killing'].includes(this.phase)) return [];
    if (['finding', 'creating', 'submitted', 'dumping'].includes(this.phase) || this.pod === undefined) return this.finish('failed');
    return this.beginCleanup();
  }

  /** `cleanup` judges the driver as last seen; a failed driver first waits (briefly) for the application's errorMessage. */
  private beginCleanup(): SparkDecision[] {
    const plan = planCleanup(this.pod, this.launch);
    this.cleanupResult = plan.result;
    this.settleUntilMs = this.now() + settleMs;
    if (plan.result.kind !== 'failed' || this.settled()) return this.cleanup();
    this.phase = 'settling';
    return [];
  }

  private settled(): boolean {
    return applicationSettled(this.app) || this.now() >= this.settleUntilMs;
  }

  /** Spark's `cleanup` (spark-rules.ts `sparkCleanupCalls`), after the follows stop. */
  private cleanup(): SparkDecision[] {
    this.phase = 'cleanup';
    const patchChecked = planCleanup(this.pod, this.launch).patchChecked && !this.podGone;
    const calls = sparkCleanupCalls({ namespace: this.namespace, driver: this.driver, patchChecked, deleteOnTermination: this.input.options.deleteOnTermination });
    this.cleanupCalls = calls.filter((d) => d.kind !== 'progress');
    return [...this.logs.stopAll(), ...calls.filter((d) => d.kind === 'progress'), ...this.nextCleanupCall()];
  }

  private nextCleanupCall(): SparkDecision[] {
    const next = this.cleanupCalls.shift();
    if (next) return [next];
    const r = this.cleanupResult;
    return this.finish(r?.kind === 'skipped' ? 'skipped' : r?.kind === 'failed' || this.failure ? 'failed' : 'success');
  }

  private onApiDone(id: SparkCallId, error: ApiFailure | undefined): SparkDecision[] {
    const done = !error || error.reason === 'NotFound';
    const out: SparkDecision[] = done ? [] : [{ kind: 'progress', level: 'warning', text: `${id} failed: ${error.message}` }];
    if (id !== 'cleanup-patch' && done) this.appState = 'deleted';
    if (id === 'kill-delete') return [...out, ...this.finish('cancelled')];
    if (id === 'timeout-delete') return [...out, ...this.finish('failed')];
    return [...out, ...this.nextCleanupCall()];
  }

  /** `on_kill`: delete the SparkApplication (404 ignored); nothing else runs afterwards. */
  private onCancel(): SparkDecision[] {
    if (['cleanup', 'killing', 'settling'].includes(this.phase)) return [];
    if (this.phase === 'creating' || this.phase === 'finding') {
      this.cancelPending = true;
      return [{ kind: 'progress', level: 'info', text: 'Cancelling: waiting for the pending API call before deleting the SparkApplication.' }];
    }
    const stop = this.stopFollowing();
    this.phase = 'killing';
    const name = this.driver === '' ? this.name : appNameFromDriver(this.driver, true);
    return [...stop, { kind: 'progress', level: 'info', text: `Deleting spark job for task ${this.input.taskId}` }, { kind: 'delete-app', id: 'kill-delete', namespace: this.namespace, name }];
  }

  private stopFollowing(): SparkDecision[] {
    if (!this.watching) return [];
    this.watching = false;
    return [...this.logs.stopAll(), { kind: 'stop-watch' }];
  }

  private finish(kind: OutcomeKind): SparkDecision[] {
    const stop = this.stopFollowing();
    this.phase = 'done';
    const objects = this.name === '' || (kind === 'cancelled' && this.app === undefined && this.pod === undefined) ? [] : [{ kind: 'SparkApplication' as const, namespace: this.namespace, name: this.name, state: this.appState }];
    const outcome = withApplicationError(buildOutcome({
      kind, failure: this.failure, cleanup: this.cleanupResult, pod: this.pod, base: sparkDriverContainer, xcom: null, runId: this.input.context.run_id, namespace: this.namespace, objects,
    }), this.app, this.name);
    this.finished = outcome;
    return [...stop, { kind: 'finish', outcome }];
  }
}
