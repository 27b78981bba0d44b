/**
 * The vocabulary between the launch state machine (pure, src/tasks) and its driver (src/kube): the events the driver
 * feeds in and the decisions it carries out (STYLE.md, "Lifecycles"). Pod-scoped decisions without a name (logs,
 * exec) are about the launch's pod, the one named by the last `watch-pod`.
 */
import type { TaskContext } from '../operators/index.js';
import type { LaunchOptions } from './launch-options.js';
import type { LogDecision } from './log-follow.js';
import type { LaunchOutcome } from './outcome.js';
import type { PodShape } from './pod-shape.js';

/** A failed cluster call, as the driver's error mapping (src/kube `KubeError`) describes it. */
export interface ApiFailure {
  /** `KubeError.reason`: NotFound, Forbidden, Unreachable, Invalid, … */
  reason: string;
  message: string;
  status?: number;
}

export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type ExecId = 'xcom-read' | 'xcom-kill' | 'xcom-kill-fallback';
export type ApiCallId = 'cleanup-patch' | 'cleanup-delete' | 'kill-delete' | 'rerun-delete' | 'duplicate-patch' | 'duplicate-delete';

export type LaunchEvent =
  | { type: 'pods-listed'; pods: PodShape[] }
  | { type: 'list-failed'; error: ApiFailure }
  | { type: 'pod-created'; pod: PodShape }
  | { type: 'create-failed'; error: ApiFailure }
  /** A watch event or read of the launch's pod. */
  | { type: 'pod'; pod: PodShape }
  /** The launch's pod no longer exists (watch DELETED, or a read answered 404). */
  | { type: 'pod-gone' }
  /** A log stream ended; `error` when it broke or was refused ("waiting to start"). */
  | { type: 'log-ended'; container: string; lastTimestamp?: string; error?: string }
  | { type: 'exec-done'; id: ExecId; result?: ExecOutput; error?: string }
  | { type: 'api-done'; id: ApiCallId; error?: ApiFailure }
  /** The injected clock moved (the driver ticks at `nextWakeMs()`, or whenever it likes). */
  | { type: 'tick' }
  /** Ctrl-C or an AbortSignal from the editor: `on_kill`. */
  | { type: 'cancel' }
  /** The driver could not keep watching the pod (the cluster went away for good). */
  | { type: 'cluster-error'; error: ApiFailure };

export type LaunchDecision =
  | { kind: 'list-pods'; namespace: string; labelSelector: string }
  | { kind: 'create-pod'; namespace: string; body: Record<string, unknown> }
  | { kind: 'watch-pod'; namespace: string; name: string }
  | { kind: 'stop-watch' }
  | LogDecision
  | { kind: 'exec'; id: ExecId; container: string; command: readonly string[]; stdin?: string; timeoutMs: number }
  /** A merge patch. */
  | { kind: 'patch-pod'; id: ApiCallId; namespace: string; name: string; patch: { metadata: { labels: Record<string, string> } } }
  /** 404 counts as done. `gracePeriodSeconds` only for `on_kill` with `termination_grace_period` set. */
  | { kind: 'delete-pod'; id: ApiCallId; namespace: string; name: string; gracePeriodSeconds?: number }
  | { kind: 'progress'; level: 'info' | 'warning' | 'error'; text: string }
  | { kind: 'finish'; outcome: LaunchOutcome };

export interface LaunchInput {
  /** The rendered Pod (API form) exactly as `renderTask` produced it; created as is (try_number set on a relaunch). */
  body: Record<string, unknown>;
  taskId: string;
  context: TaskContext;
  options: LaunchOptions;
  /** Milliseconds since the epoch; the machine never reads a clock of its own. */
  clock: () => number;
  /** `--run-id`: look for the run's pod first (reattach, or relaunch with try_number + 1). */
  existingRun: boolean;
  /** False for `--no-follow`: create (or find), then finish at once. */
  follow: boolean;
}
