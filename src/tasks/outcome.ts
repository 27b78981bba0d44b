/**
 * How a launch ended, as the plain value `kubetasks launch --output json` prints and the editor shows, and the CLI
 * exit status it maps to (issue 12: 0 success, 1 failed, 2 input error, 3 skipped, 4 cluster error, 130 cancelled).
 */
import type { XcomValue } from './xcom.js';

export type OutcomeKind =
  /** The base container (or pod) succeeded and no skip code matched. */
  | 'success'
  /** Airflow would raise AirflowException (or a launch/XCom exception): the task failed. */
  | 'failed'
  /** `skip_on_exit_code` matched: AirflowSkipException. */
  | 'skipped'
  /** Cancelled: `on_kill` ran, and no cleanup after it. */
  | 'cancelled'
  /** The cluster refused a call or could not be reached. */
  | 'error'
  /** `--no-follow`: created (or found) and left to run. */
  | 'launched';

export interface LaunchObject {
  /** What the lifecycle created or acted on (a Job's pods and a SparkApplication's driver are listed too). */
  kind: 'Pod' | 'Job' | 'SparkApplication' | 'Workload';
  namespace: string;
  name: string;
  /** What the launch left behind: deleted, or kept (on_finish_action, a failed delete, or not followed). */
  state: 'deleted' | 'kept';
}

export interface LaunchOutcome {
  outcome: OutcomeKind;
  /** The base container's exit code (`state.terminated.exitCode`), null when it never terminated. */
  exitCode: number | null;
  /**
   * The base container's `state.terminated.reason` (Completed, Error, OOMKilled, …); when it never terminated, the
   * Airflow exception that ended the run (PodLaunchTimeoutException, JSONDecodeError, …) or `Cancelled`.
   */
  reason: string | null;
  /** Airflow's message for the end: the failure or skip text, the timeout, the termination message. */
  message: string;
  /** The XCom `return_value` (null when empty, not pushed, or never read). */
  xcom: XcomValue;
  runId: string;
  namespace: string;
  objects: LaunchObject[];
}

export type ExitStatus = 0 | 1 | 3 | 4 | 130;

/** The CLI's exit status for an outcome (2, bad input, is decided before any launch). */
export function toExitStatus(outcome: Pick<LaunchOutcome, 'outcome'>): ExitStatus {
  switch (outcome.outcome) {
    case 'success':
    case 'launched':
      return 0;
    case 'failed':
      return 1;
    case 'skipped':
      return 3;
    case 'error':
      return 4;
    case 'cancelled':
      return 130;
  }
}
