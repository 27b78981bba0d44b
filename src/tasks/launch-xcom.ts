/**
 * The XCom steps of a launch: `await_xcom_sidecar_container_start`'s warnings, then `extract_xcom` — read, then in
 * every case (its `finally`) kill the sidecar, with the /proc fallback when the first kill wrote to stderr. Exit
 * codes of both execs are not checked, as in Airflow: the kill exec's 130 (its shell got the SIGINT too) is normal.
 */
import type { Failure } from './launch-outcome.js';
import type { LaunchDecision, LaunchEvent } from './launch-types.js';
import { toXcomValue, xcomKillCommand, xcomKillFallbackScript, xcomKillScript, xcomReadCommand, xcomSidecarName, type XcomValue } from './xcom.js';

const readTimeoutMs = 120_000;
const killTimeoutMs = 30_000;

export interface XcomStep {
  decisions: LaunchDecision[];
  failure?: Failure;
  /** The read and the kill are over: go on to completion (or to cleanup after a failure). */
  complete: boolean;
}

type ExecDone = Extract<LaunchEvent, { type: 'exec-done' }>;

export class XcomSteps {
  value: XcomValue = null;
  waiting = false;
  sinceMs = 0;
  warnedMs = 0;
  private stage: 'idle' | 'read' | 'kill' | 'fallback' = 'idle';
  /** `ignore_kill_failure=False` (KubernetesJobOperator): a failed kill raises instead of warning. */
  private readonly raiseKillFailure: boolean;

  constructor(options: { raiseKillFailure?: boolean } = {}) {
    this.raiseKillFailure = options.raiseKillFailure ?? false;
  }

  wait(nowMs: number): void {
    this.waiting = true;
    this.sinceMs = nowMs;
    this.warnedMs = nowMs;
  }

  warnIfDue(nowMs: number, everyMs: number): LaunchDecision[] {
    if (nowMs - this.warnedMs < everyMs) return [];
    this.warnedMs = nowMs;
    const text = `Still waiting for the xcom sidecar container to start. Elapsed time: ${Math.trunc((nowMs - this.sinceMs) / 1000)} seconds.`;
    return [{ kind: 'progress', level: 'warning', text }];
  }

  read(): LaunchDecision[] {
    this.waiting = false;
    this.stage = 'read';
    return [
      { kind: 'progress', level: 'info', text: 'The xcom sidecar container has started.' },
      { kind: 'exec', id: 'xcom-read', container: xcomSidecarName, command: xcomReadCommand, timeoutMs: readTimeoutMs },
    ];
  }

  done(event: ExecDone, podName: string): XcomStep {
    if (event.id === 'xcom-read' && this.stage === 'read') return this.afterRead(event, podName);
    if (event.id === 'xcom-kill' && this.stage === 'kill') return this.afterKill(event, podName);
    if (event.id === 'xcom-kill-fallback' && this.stage === 'fallback') return this.afterFallback(event, podName);
    return { decisions: [], complete: false };
  }

  private afterRead(event: ExecDone, podName: string): XcomStep {
    const decisions: LaunchDecision[] = [];
    let failure: Failure | undefined;
    if (event.result) {
      if (event.result.stderr) decisions.push({ kind: 'progress', level: 'error', text: `stderr from command: ${event.result.stderr}` });
      const read = toXcomValue(event.result.stdout, event.result.stderr);
      if (read.ok) this.value = read.value;
      else failure = { exception: read.exception, message: read.message };
      if (read.ok && read.value === null) decisions.push({ kind: 'progress', level: 'info', text: 'xcom result file is empty.' });
    } else {
      failure = { exception: 'XComRetrievalError', message: `Failed to extract xcom from pod: ${podName}${event.error ? ` (${event.error})` : ''}` };
    }
    this.stage = 'kill';
    decisions.push({ kind: 'exec', id: 'xcom-kill', container: xcomSidecarName, command: xcomKillCommand, stdin: xcomKillScript, timeoutMs: killTimeoutMs });
    return { decisions, ...(failure ? { failure } : {}), complete: false };
  }

  private afterKill(event: ExecDone, podName: string): XcomStep {
    if (event.result?.stderr) {
      this.stage = 'fallback';
      return {
        decisions: [
          { kind: 'progress', level: 'warning', text: `stderr from command: ${event.result.stderr}` },
          { kind: 'progress', level: 'info', text: 'Primary kill command failed, trying fallback command' },
          { kind: 'exec', id: 'xcom-kill-fallback', container: xcomSidecarName, command: xcomKillCommand, stdin: xcomKillFallbackScript, timeoutMs: killTimeoutMs },
        ],
        complete: false,
      };
    }
    return this.killOver(event.error, podName);
  }

  private afterFallback(event: ExecDone, podName: string): XcomStep {
    return this.killOver(event.error ?? (event.result?.stderr ? `Command failed with stderr: ${event.result.stderr}` : undefined), podName);
  }

  /** A failed kill only warns for the KubernetesPodOperator (`ignore_kill_failure=True`); the Job operator raises. */
  private killOver(error: string | undefined, podName: string): XcomStep {
    this.stage = 'idle';
    if (!error) return { decisions: [], complete: true };
    if (this.raiseKillFailure) return { decisions: [], failure: { exception: 'PodCommandException', message: `Failed to kill xcom sidecar container in pod ${podName}: ${error}` }, complete: true };
    const text = `Failed to kill xcom sidecar container in pod ${podName}, leaving it running: ${error}`;
    return { decisions: [{ kind: 'progress', level: 'warning', text }], complete: true };
  }
}
