/**
 * The vocabulary between the Job launch machine (pure, src/tasks job-machine.ts) and its driver (src/kube
 * job-launch.ts): events in, decisions out, as for the pod launch (launch-types.ts). Pod-scoped events and decisions
 * name their pod: a Job has several.
 */
import type { TaskContext } from '../operators/index.js';
import type { JobLaunchOptions, PropagationPolicy } from './job-options.js';
import type { JobConditionShape } from './job-conditions.js';
import type { ApiFailure, ExecId, ExecOutput } from './launch-types.js';
import type { LogDecision } from './log-follow.js';
import type { LaunchOutcome } from './outcome.js';
import type { PodShape } from './pod-shape.js';

/** The parts of a Job the machine reads (API JSON, camelCase). */
export interface JobWatchShape {
  metadata?: { name?: string; namespace?: string; uid?: string } | null;
  spec?: { suspend?: boolean | null } | null;
  status?: { conditions?: (JobConditionShape & { message?: string | null })[] | null } | null;
}

/** The parts of Kueue's Workload (kueue.x-k8s.io) the machine reads: why the Job still waits. */
export interface WorkloadShape {
  metadata?: { name?: string } | null;
  status?: { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] | null } | null;
}

export type JobCallId = 'cleanup-patch' | 'cleanup-delete' | 'kill-delete-job' | 'kill-delete-pod';

export type JobEvent =
  | { type: 'job-created'; job: JobWatchShape }
  | { type: 'create-failed'; error: ApiFailure }
  /** A watch event of the Job. */
  | { type: 'job'; job: JobWatchShape }
  | { type: 'job-gone' }
  /** A watch event of the Job's Kueue Workload. */
  | { type: 'workload'; workload: WorkloadShape }
  /** A watch event of a pod the task's selector matches. */
  | { type: 'pod'; pod: PodShape }
  | { type: 'pod-gone'; pod: string }
  | { type: 'log-ended'; pod: string; container: string; lastTimestamp?: string; error?: string }
  | { type: 'exec-done'; pod: string; id: ExecId; result?: ExecOutput; error?: string }
  | { type: 'api-done'; id: JobCallId; pod?: string; error?: ApiFailure }
  | { type: 'tick' }
  | { type: 'cancel' }
  | { type: 'cluster-error'; error: ApiFailure };

export type JobDecision =
  | { kind: 'create-job'; namespace: string; body: Record<string, unknown> }
  /**
   * Watch the Job (by name) and the pods of the task's label selector; with `workloadSelector` (Kueue), also the
   * Job's Workload (best effort: a cluster without Kueue's API only loses that detail).
   */
  | { kind: 'watch'; namespace: string; name: string; labelSelector: string; workloadSelector?: string }
  | { kind: 'stop-watch' }
  | { kind: 'pod-logs'; pod: string; log: LogDecision }
  | { kind: 'pod-exec'; pod: string; id: ExecId; container: string; command: readonly string[]; stdin?: string; timeoutMs: number }
  | { kind: 'patch-pod'; id: JobCallId; namespace: string; name: string; patch: { metadata: { labels: Record<string, string> } } }
  /** 404 counts as done. */
  | { kind: 'delete-pod'; id: JobCallId; namespace: string; name: string }
  | { kind: 'delete-job'; id: JobCallId; namespace: string; name: string; propagationPolicy: PropagationPolicy; gracePeriodSeconds?: number }
  /** What the launch waits for, in words (the editor's state column). */
  | { kind: 'state'; text: string }
  /** An object the launch created or found (the Job, each of its pods). */
  | { kind: 'object'; objectKind: 'Job' | 'Pod' | 'Workload'; namespace: string; name: string }
  | { kind: 'progress'; level: 'info' | 'warning' | 'error'; text: string }
  | { kind: 'finish'; outcome: LaunchOutcome };

export interface JobLaunchInput {
  /** The rendered Job (API form) as `renderTask` produced it. */
  body: Record<string, unknown>;
  taskId: string;
  context: TaskContext;
  options: JobLaunchOptions;
  clock: () => number;
  /** False for `--no-follow`: create, then finish at once. */
  follow: boolean;
}
