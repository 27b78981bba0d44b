/**
 * A KubernetesPodOperator launch followed to its end, as `KubernetesPodOperator.execute_sync` does it (operators/pod.py
 * and utils/pod_manager.py, provider 10.25.0): get or create the pod, await its start, follow logs, read the XCom,
 * await completion, clean up; `on_kill` on cancel. Pure: events in, decisions out, time from the injected clock.
 */
import { planCleanup, type CleanupResult } from './cleanup.js';
import { LogFollows, reconcileLogTargets } from './log-follow.js';
import type { ApiCallId, ApiFailure, LaunchDecision, LaunchEvent, LaunchInput } from './launch-types.js';
import { buildOutcome, type Failure } from './launch-outcome.js';
import type { LaunchObject, LaunchOutcome, OutcomeKind } from './outcome.js';
import { isContainerCompleted, isContainerRunning, isMainContainerTerminated, isTerminalPhase, podName, podPhase, xcomSidecarName, type PodShape } from './pod-shape.js';
import { checkPodStart, detectEarlyIssue, type StartClock } from './pod-start.js';
import { FindStep } from './launch-find.js';
import { XcomSteps } from './launch-xcom.js';
import { earliestWake } from './wake.js';

type Phase = 'finding' | 'starting' | 'running' | 'xcom' | 'completing' | 'cleanup' | 'killing' | 'done';

/** `await_xcom_sidecar_container_start`: timeout and warning interval. */
const sidecarTimeoutMs = 900_000;
const sidecarWarnMs = 30_000;

export class LaunchMachine {
  private phase: Phase = 'finding';
  /** `self.pod`: the pod created or found. */
  private pod: PodShape | undefined;
  /** The newest state of the pod (watch events). */
  private latest: PodShape | undefined;
  /** `self.remote_pod`: the read after creation, replaced only by the completion read (what cleanup judges). */
  private remote: PodShape | undefined;
  private startClock: StartClock = { sinceMs: 0, scheduled: false };
  private logs = new LogFollows([]);
  private readonly xcom: XcomSteps;
  private readonly find: FindStep;
  private failure: Failure | undefined;
  private cancelPending = false;
  private gone = false;
  private watching = false;
  private cleanupCalls: LaunchDecision[] = [];
  private cleanupResult: CleanupResult | undefined;
  private readonly objects = new Map<string, LaunchObject>();
  private finished: LaunchOutcome | undefined;
  private readonly input: LaunchInput;

  constructor(input: LaunchInput) {
    this.input = input;
    this.xcom = new XcomSteps();
    this.find = new FindStep(input);
  }

  /** The outcome, once a `finish` decision was returned. */
  get outcome(): LaunchOutcome | undefined {
    return this.finished;
  }

  private get namespace(): string {
    return this.find.namespace;
  }

  /** The first decisions: list the run's pods (`--run-id`) or create the pod. */
  start(): LaunchDecision[] {
    const note: LaunchDecision[] = this.input.options.deferrable
      ? [{ kind: 'progress', level: 'info', text: 'deferrable=True: running the synchronous lifecycle (no triggerer here).' }]
      : [];
    return [...note, ...this.find.start()];
  }

  /** The clock time at which the machine wants a `tick` (timeouts, retries), if any. */
  nextWakeMs(): number | undefined {
    const times = [this.logs.nextWakeMs(this.latest)];
    const o = this.input.options;
    if (this.phase === 'starting') times.push(this.startClock.sinceMs + (this.startClock.scheduled ? o.startupTimeoutSeconds : o.scheduleTimeoutSeconds) * 1000);
    if (this.phase === 'xcom' && this.xcom.waiting) times.push(Math.min(this.xcom.sinceMs + sidecarTimeoutMs + 1, this.xcom.warnedMs + sidecarWarnMs));
    return earliestWake(times);
  }

  handle(event: LaunchEvent): LaunchDecision[] {
    if (this.phase === 'done') return [];
    switch (event.type) {
      case 'pods-listed':
      case 'list-failed':
      case 'create-failed':
      case 'pod-created':
        return this.onFind(event);
      case 'pod':
        if (podName(event.pod) === podName(this.pod)) this.latest = event.pod;
        return this.advance();
      case 'pod-gone':
        return this.onGone();
      case 'log-ended':
        return [...this.logs.ended(event.container, event, this.latest, this.now()), ...this.advance()];
      case 'exec-done':
        return this.phase === 'xcom' ? this.afterXcom(this.xcom.done(event, podName(this.pod))) : [];
      case 'api-done':
        return this.onApiDone(event.id, event.error);
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

  private onFind(event: LaunchEvent): LaunchDecision[] {
    const step = this.find.handle(event, this.cancelPending);
    for (const o of step.objects) this.objects.set(o.name, o);
    if (step.finish) return this.finish(step.finish.kind, step.finish.failure);
    if (step.pod === undefined) return step.decisions;
    this.pod = this.latest = this.remote = step.pod;
    if (this.cancelPending) return [...step.decisions, ...this.onCancel()];
    if (!this.input.follow) return [...step.decisions, ...this.finish('launched')];
    return [...step.decisions, ...this.watch()];
  }

  /** After create or reattach: watch the pod, plan the log follows, start the schedule clock. */
  private watch(): LaunchDecision[] {
    const o = this.input.options;
    const pod = this.pod ?? {};
    const reconciled = reconcileLogTargets(pod, o.getLogs ? o.containerLogs : [], o.initContainerLogs);
    this.logs = new LogFollows(reconciled.targets);
    this.phase = 'starting';
    this.watching = true;
    this.startClock = { sinceMs: this.now(), scheduled: false };
    const out: LaunchDecision[] = [{ kind: 'watch-pod', namespace: this.namespace, name: podName(pod) }];
    for (const text of reconciled.missing) out.push({ kind: 'progress', level: 'error', text });
    out.push({ kind: 'progress', level: 'info', text: `Waiting up to ${o.scheduleTimeoutSeconds}s to get the POD scheduled...` });
    return [...out, ...this.advance()];
  }

  private advance(): LaunchDecision[] {
    const out: LaunchDecision[] = [];
    for (let i = 0; i < 8 && this.phase !== 'done'; i++) {
      const before = this.phase;
      if (['starting', 'running', 'xcom', 'completing'].includes(this.phase)) out.push(...this.logs.update(this.latest, this.now()));
      out.push(...this.step());
      if (this.phase === before) break;
    }
    return out;
  }

  private step(): LaunchDecision[] {
    if (this.phase === 'starting') return this.stepStart();
    if (this.phase === 'running') return this.stepRunning();
    if (this.phase === 'xcom') return this.stepSidecar();
    return this.phase === 'completing' ? this.stepCompleting() : [];
  }

  private stepStart(): LaunchDecision[] {
    const o = this.input.options;
    const check = checkPodStart(this.latest, this.startClock, this.now(), { scheduleTimeoutSeconds: o.scheduleTimeoutSeconds, startupTimeoutSeconds: o.startupTimeoutSeconds });
    if (check.kind === 'failed') return this.fail({ exception: check.exception, message: check.message });
    if (check.kind === 'pending') {
      const nowScheduled = check.clock.scheduled && !this.startClock.scheduled;
      this.startClock = check.clock;
      return nowScheduled ? [{ kind: 'progress', level: 'info', text: `Waiting ${o.startupTimeoutSeconds}s to get the POD running...` }] : [];
    }
    this.phase = 'running';
    return [{ kind: 'progress', level: 'info', text: `Pod has reached ${check.phase} phase before launch timeout` }];
  }

  /** `await_pod_completion` (the operator's): the followed logs ended, and the base container terminated if unfollowed. */
  private stepRunning(): LaunchDecision[] {
    const o = this.input.options;
    const issue = detectEarlyIssue(this.latest);
    // A followed container that can never start: Airflow's log read fails on it ("waiting to start").
    if (issue !== undefined && !this.logs.allDone()) return this.fail({ exception: 'PodLaunchFailedException', message: issue });
    if (!this.logs.allDone()) return [];
    const polled = !o.getLogs || (o.containerLogs !== true && !o.containerLogs.includes(o.baseContainerName));
    if (polled && !isContainerCompleted(this.latest, o.baseContainerName)) return [];
    if (!o.doXcomPush) {
      this.phase = 'completing';
      return [];
    }
    this.phase = 'xcom';
    this.xcom.wait(this.now());
    return [{ kind: 'progress', level: 'info', text: 'Checking if xcom sidecar container is started.' }];
  }

  /** `await_xcom_sidecar_container_start`, then the read. */
  private stepSidecar(): LaunchDecision[] {
    if (!this.xcom.waiting) return [];
    const now = this.now();
    if (isContainerRunning(this.latest, xcomSidecarName)) return this.xcom.read();
    if (isMainContainerTerminated(this.latest, xcomSidecarName)) {
      return this.fail({ exception: 'AirflowException', message: 'Xcom sidecar container is already terminated! Not possible to read xcom output of task.' });
    }
    if (now - this.xcom.sinceMs > sidecarTimeoutMs) return this.fail({ exception: 'AirflowException', message: 'Xcom sidecar container did not start within 15 minutes.' });
    return this.xcom.warnIfDue(now, sidecarWarnMs);
  }

  private afterXcom(step: { decisions: LaunchDecision[]; failure?: Failure; complete: boolean }): LaunchDecision[] {
    if (step.failure) this.failure = step.failure;
    if (!step.complete) return step.decisions;
    if (this.failure) return [...step.decisions, ...this.fail(this.failure)];
    this.phase = 'completing';
    return [...step.decisions, ...this.advance()];
  }

  /** `PodManager.await_pod_completion`: a terminal phase, the base container done (XCom/Istio), or an early issue. */
  private stepCompleting(): LaunchDecision[] {
    const o = this.input.options;
    const istio = (this.latest?.spec?.containers ?? []).some((c) => c.name === 'istio-proxy');
    const baseDone = (o.doXcomPush || istio) && isContainerCompleted(this.latest, o.baseContainerName);
    if (!isTerminalPhase(podPhase(this.latest)) && !baseDone && detectEarlyIssue(this.latest) === undefined) return [];
    this.remote = this.latest;
    return this.cleanup();
  }

  /** An exception in `execute_sync`: the `finally` still runs `cleanup` with the pod Airflow last read. */
  private fail(failure: Failure): LaunchDecision[] {
    this.failure ??= failure;
    if (this.phase === 'cleanup' || this.phase === 'killing') return [];
    return this.cleanup();
  }

  private cleanup(): LaunchDecision[] {
    // `cleanup` is skipped when there is no remote pod (the create never succeeded).
    if (this.remote === undefined) return this.finish('failed');
    const plan = planCleanup(this.remote, this.input.options);
    this.phase = 'cleanup';
    this.cleanupResult = plan.result;
    const target = { namespace: this.namespace, name: podName(this.pod) };
    this.cleanupCalls = [];
    if (!this.gone && plan.patchChecked) this.cleanupCalls.push({ kind: 'patch-pod', id: 'cleanup-patch', ...target, patch: { metadata: { labels: { already_checked: 'True' } } } });
    if (!this.gone && plan.delete) this.cleanupCalls.push({ kind: 'delete-pod', id: 'cleanup-delete', ...target });
    return [...this.logs.stopAll(), ...this.nextCleanupCall()];
  }

  private nextCleanupCall(): LaunchDecision[] {
    const next = this.cleanupCalls.shift();
    if (next) return [next];
    const r = this.cleanupResult;
    return this.finish(r?.kind === 'skipped' ? 'skipped' : r?.kind === 'failed' || this.failure ? 'failed' : 'success');
  }

  private onApiDone(id: ApiCallId, error: ApiFailure | undefined): LaunchDecision[] {
    const name = podName(this.pod);
    const deleted = !error || error.reason === 'NotFound';
    const out: LaunchDecision[] = [];
    if (error && !deleted) out.push({ kind: 'progress', level: 'warning', text: `${id} of pod ${name} failed: ${error.message}` });
    if ((id === 'cleanup-delete' || id === 'kill-delete') && deleted) this.objects.set(name, { kind: 'Pod', namespace: this.namespace, name, state: 'deleted' });
    if (id === 'kill-delete') return [...out, ...this.finish('cancelled')];
    if (this.phase === 'cleanup' && (id === 'cleanup-patch' || id === 'cleanup-delete')) return [...out, ...this.nextCleanupCall()];
    return [...out, ...this.onFind({ type: 'api-done', id, ...(error ? { error } : {}) })];
  }

  private onGone(): LaunchDecision[] {
    if (this.pod === undefined) return [];
    this.gone = true;
    const name = podName(this.pod);
    this.objects.set(name, { kind: 'Pod', namespace: this.namespace, name, state: 'deleted' });
    if (this.phase === 'cleanup' || this.phase === 'killing') return [];
    return this.fail({ exception: 'ApiException', message: `(404) Reason: Not Found: pods "${name}" not found` });
  }

  /** `on_kill`: delete with `termination_grace_period` (unless `on_kill_action=keep_pod`); no cleanup afterwards. */
  private onCancel(): LaunchDecision[] {
    if (this.phase === 'cleanup' || this.phase === 'killing') return [];
    if (this.pod === undefined) {
      if (this.find.inFlight()) {
        this.cancelPending = true; // wait for the create (or delete) answer, so no pod is left behind
        return [{ kind: 'progress', level: 'info', text: 'Cancelling: waiting for the pending API call before deleting the pod.' }];
      }
      return this.finish('cancelled');
    }
    const o = this.input.options;
    const out = this.stopFollowing();
    if (o.onKillAction === 'keep_pod') {
      out.push({ kind: 'progress', level: 'info', text: "Skipping pod deletion since on_kill_action is set to 'keep_pod'." });
      return [...out, ...this.finish('cancelled')];
    }
    this.phase = 'killing';
    const grace = o.terminationGracePeriod === undefined ? {} : { gracePeriodSeconds: o.terminationGracePeriod };
    return [...out, { kind: 'delete-pod', id: 'kill-delete', namespace: this.namespace, name: podName(this.pod), ...grace }];
  }

  private stopFollowing(): LaunchDecision[] {
    if (!this.watching) return [];
    this.watching = false;
    return [...this.logs.stopAll(), { kind: 'stop-watch' }];
  }

  private finish(kind: OutcomeKind, failure?: Failure): LaunchDecision[] {
    if (failure) this.failure ??= failure;
    this.phase = 'done';
    const stop: LaunchDecision[] = this.watching ? this.stopFollowing() : [];
    this.finished = buildOutcome({
      kind, failure: this.failure, cleanup: this.cleanupResult, pod: this.latest ?? this.remote, base: this.input.options.baseContainerName,
      xcom: this.xcom.value, runId: this.input.context.run_id, namespace: this.namespace, objects: [...this.objects.values()],
    });
    return [...stop, { kind: 'finish', outcome: this.finished }];
  }
}
