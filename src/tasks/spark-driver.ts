/**
 * The KubernetesPodOperator part of a SparkKubernetesOperator run, on the driver pod (operators/pod.py
 * `execute_sync`, provider 10.25.0): `await_pod_start` (schedule, then startup clock), then the operator's
 * `await_pod_completion` (the followed driver log ends, or the driver container terminates when logs are off), then
 * `PodManager.await_pod_completion` (a terminal phase). The XCom steps are not taken: Spark adds no sidecar.
 */
import type { LaunchOptions } from './launch-options.js';
import type { Failure } from './launch-outcome.js';
import { isContainerCompleted, isTerminalPhase, podPhase, type PodShape } from './pod-shape.js';
import { checkPodStart, detectEarlyIssue, type StartClock } from './pod-start.js';
import { sparkDriverContainer } from './spark-rules.js';

export type DriverStep =
  | { kind: 'wait' }
  | { kind: 'progress'; text: string }
  | { kind: 'fail'; failure: Failure }
  /** The pod reached a terminal phase (or cannot start): cleanup follows. */
  | { kind: 'complete' };

export class DriverSteps {
  private stage: 'starting' | 'running' | 'completing' = 'starting';
  private clock: StartClock;
  private readonly options: LaunchOptions;

  constructor(options: LaunchOptions, nowMs: number) {
    this.options = options;
    this.clock = { sinceMs: nowMs, scheduled: false };
  }

  /** The schedule or startup deadline while starting. */
  wakeMs(): number | undefined {
    if (this.stage !== 'starting') return undefined;
    const o = this.options;
    return this.clock.sinceMs + (this.clock.scheduled ? o.startupTimeoutSeconds : o.scheduleTimeoutSeconds) * 1000;
  }

  /** One step over the driver as last seen; `logsDone` when every log follow has ended. */
  step(pod: PodShape | undefined, logsDone: boolean, nowMs: number): DriverStep {
    if (this.stage === 'starting') return this.starting(pod, nowMs);
    if (this.stage === 'running') {
      const issue = detectEarlyIssue(pod);
      if (issue !== undefined && !logsDone) return { kind: 'fail', failure: { exception: 'PodLaunchFailedException', message: issue } };
      if (!logsDone || (!this.options.getLogs && !isContainerCompleted(pod, sparkDriverContainer))) return { kind: 'wait' };
      this.stage = 'completing';
    }
    return isTerminalPhase(podPhase(pod)) || detectEarlyIssue(pod) !== undefined ? { kind: 'complete' } : { kind: 'wait' };
  }

  private starting(pod: PodShape | undefined, nowMs: number): DriverStep {
    const o = this.options;
    const check = checkPodStart(pod, this.clock, nowMs, { scheduleTimeoutSeconds: o.scheduleTimeoutSeconds, startupTimeoutSeconds: o.startupTimeoutSeconds });
    if (check.kind === 'failed') return { kind: 'fail', failure: { exception: check.exception, message: check.message } };
    if (check.kind === 'pending') {
      this.clock = check.clock;
      return { kind: 'wait' };
    }
    this.stage = 'running';
    return { kind: 'progress', text: `Pod has reached ${check.phase} phase before launch timeout` };
  }
}
