/**
 * One pod of a KubernetesJobOperator launch: its log follows (`fetch_requested_container_logs`) and its XCom steps
 * (`await_container_completion` of the base container, `await_xcom_sidecar_container_start`, then `extract_xcom` with
 * `ignore_kill_failure=False`), reusing the pod launch's pure parts (log-follow.ts, launch-xcom.ts).
 */
import type { JobLaunchOptions } from './job-options.js';
import type { JobDecision, JobEvent } from './job-types.js';
import type { Failure } from './launch-outcome.js';
import type { LaunchDecision } from './launch-types.js';
import { LogFollows, reconcileLogTargets } from './log-follow.js';
import { isContainerCompleted, isContainerRunning, isMainContainerTerminated, podName, xcomSidecarName, type PodShape } from './pod-shape.js';
import { XcomSteps } from './launch-xcom.js';
import type { XcomValue } from './xcom.js';
import { earliestWake } from './wake.js';

/** `await_xcom_sidecar_container_start`: timeout and warning interval (as the pod launch). */
const sidecarTimeoutMs = 900_000;
const sidecarWarnMs = 30_000;

export interface PodStep {
  decisions: JobDecision[];
  failure?: Failure;
}

type XcomStage = 'none' | 'pending' | 'waiting' | 'reading' | 'done';

/** Pod-scoped decisions of the shared parts, addressed to this pod. */
function addressed(pod: string, decisions: readonly LaunchDecision[]): JobDecision[] {
  const out: JobDecision[] = [];
  for (const d of decisions) {
    if (d.kind === 'follow-logs' || d.kind === 'stop-logs') out.push({ kind: 'pod-logs', pod, log: d });
    else if (d.kind === 'exec') out.push({ kind: 'pod-exec', pod, id: d.id, container: d.container, command: d.command, timeoutMs: d.timeoutMs, ...(d.stdin === undefined ? {} : { stdin: d.stdin }) });
    else if (d.kind === 'progress') out.push(d);
  }
  return out;
}

export class JobPod {
  readonly name: string;
  latest: PodShape;
  gone = false;
  private readonly logs: LogFollows;
  private readonly xcom = new XcomSteps({ raiseKillFailure: true });
  private stage: XcomStage;
  private readonly base: string;
  /** Airflow's error lines for requested containers the pod does not have (shown once). */
  readonly missing: string[];

  constructor(pod: PodShape, options: JobLaunchOptions) {
    this.name = podName(pod);
    this.latest = pod;
    this.base = options.baseContainerName;
    const reconciled = reconcileLogTargets(pod, options.getLogs ? options.containerLogs : [], options.initContainerLogs);
    this.logs = new LogFollows(reconciled.targets);
    this.missing = reconciled.missing;
    // XCom only when Airflow waits for the Job (`do_xcom_push` without waiting only warns).
    this.stage = options.waitUntilJobComplete && options.doXcomPush ? 'pending' : 'none';
  }

  get xcomValue(): XcomValue | undefined {
    return this.stage === 'done' ? this.xcom.value : undefined;
  }

  /** The logs are read and the XCom (if any) is extracted. */
  settled(): boolean {
    return this.logs.allDone() && (this.stage === 'none' || this.stage === 'done');
  }

  nextWakeMs(): number | undefined {
    const times = [this.logs.nextWakeMs(this.latest)];
    if (this.stage === 'waiting') times.push(Math.min(this.xcom.sinceMs + sidecarTimeoutMs + 1, this.xcom.warnedMs + sidecarWarnMs));
    return earliestWake(times);
  }

  /** A pod update or a tick. */
  update(nowMs: number): PodStep {
    const decisions = addressed(this.name, this.logs.update(this.latest, nowMs));
    const step = this.stepXcom(nowMs);
    return { decisions: [...decisions, ...step.decisions], ...(step.failure ? { failure: step.failure } : {}) };
  }

  private stepXcom(nowMs: number): PodStep {
    const notes: JobDecision[] = [];
    if (this.stage === 'pending' && isContainerCompleted(this.latest, this.base)) {
      this.stage = 'waiting';
      this.xcom.wait(nowMs);
      notes.push({ kind: 'progress', level: 'info', text: `Checking if xcom sidecar container is started (pod ${this.name}).` });
    }
    if (this.stage !== 'waiting') return { decisions: notes };
    if (isContainerRunning(this.latest, xcomSidecarName)) {
      this.stage = 'reading';
      return { decisions: [...notes, ...addressed(this.name, this.xcom.read())] };
    }
    if (isMainContainerTerminated(this.latest, xcomSidecarName)) return this.xcomFailed('Xcom sidecar container is already terminated! Not possible to read xcom output of task.');
    if (nowMs - this.xcom.sinceMs > sidecarTimeoutMs) return this.xcomFailed('Xcom sidecar container did not start within 15 minutes.');
    return { decisions: [...notes, ...addressed(this.name, this.xcom.warnIfDue(nowMs, sidecarWarnMs))] };
  }

  private xcomFailed(message: string): PodStep {
    this.stage = 'done';
    return { decisions: [], failure: { exception: 'AirflowException', message } };
  }

  logEnded(event: Extract<JobEvent, { type: 'log-ended' }>, nowMs: number): JobDecision[] {
    return addressed(this.name, this.logs.ended(event.container, event, this.latest, nowMs));
  }

  execDone(event: Extract<JobEvent, { type: 'exec-done' }>): PodStep {
    if (this.stage !== 'reading') return { decisions: [] };
    const step = this.xcom.done({ type: 'exec-done', id: event.id, ...(event.result ? { result: event.result } : {}), ...(event.error === undefined ? {} : { error: event.error }) }, this.name);
    if (step.complete) this.stage = 'done';
    return { decisions: addressed(this.name, step.decisions), ...(step.failure ? { failure: step.failure } : {}) };
  }

  /** The pod was deleted: nothing more to read; an XCom still owed cannot be read any more. */
  markGone(): PodStep {
    this.gone = true;
    const owed = this.stage === 'pending' || this.stage === 'waiting' || this.stage === 'reading';
    this.logs.stopAll();
    if (!owed) return { decisions: [] };
    this.stage = 'done';
    return { decisions: [], failure: { exception: 'XComRetrievalError', message: `Failed to extract xcom from pod: ${this.name} (the pod was deleted)` } };
  }

  stopAll(): JobDecision[] {
    return addressed(this.name, this.logs.stopAll());
  }
}
