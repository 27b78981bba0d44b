/**
 * The vocabulary between the SparkKubernetesOperator lifecycle (src/tasks spark-machine.ts) and its driver
 * (src/kube spark-run.ts). Pod-scoped decisions without a name (logs) are about the driver pod.
 */
import type { TaskContext } from '../operators/index.js';
import type { ApiFailure } from './launch-types.js';
import type { LogDecision } from './log-follow.js';
import type { LaunchOutcome } from './outcome.js';
import type { PodShape } from './pod-shape.js';
import type { SparkAppShape, SparkOptions } from './spark-rules.js';

export type SparkCallId = 'cleanup-patch' | 'cleanup-delete' | 'kill-delete' | 'timeout-delete';

export type SparkEvent =
  | { type: 'pods-listed'; pods: PodShape[] }
  | { type: 'list-failed'; error: ApiFailure }
  | { type: 'app-created'; app: SparkAppShape }
  | { type: 'create-failed'; error: ApiFailure }
  /** A watch event of the SparkApplication. */
  | { type: 'app'; app: SparkAppShape }
  | { type: 'app-gone' }
  /** A watch event of the driver pod. */
  | { type: 'pod'; pod: PodShape }
  | { type: 'pod-gone' }
  | { type: 'log-ended'; container: string; lastTimestamp?: string; error?: string }
  | { type: 'api-done'; id: SparkCallId; error?: ApiFailure }
  | { type: 'tick' }
  | { type: 'cancel' }
  | { type: 'cluster-error'; error: ApiFailure };

export type SparkDecision =
  | { kind: 'list-pods'; namespace: string; labelSelector: string; fieldSelector: string }
  | { kind: 'create-app'; namespace: string; body: Record<string, unknown> }
  | { kind: 'watch-app'; namespace: string; name: string }
  | { kind: 'watch-pod'; namespace: string; name: string }
  /** Ends both watches. */
  | { kind: 'stop-watch' }
  | LogDecision
  /** A merge patch of the driver pod's labels. */
  | { kind: 'patch-pod'; id: 'cleanup-patch'; namespace: string; name: string; patch: { metadata: { labels: Record<string, string> } } }
  /** `delete_namespaced_custom_object` with default options; 404 counts as done. */
  | { kind: 'delete-app'; id: Exclude<SparkCallId, 'cleanup-patch'>; namespace: string; name: string }
  /** What the task waits for, for a status line ("SparkApplication x: RUNNING"). */
  | { kind: 'state'; text: string }
  | { kind: 'progress'; level: 'info' | 'warning' | 'error'; text: string }
  | { kind: 'finish'; outcome: LaunchOutcome };

export interface SparkInput {
  /** The SparkApplication exactly as `renderTask` produced it (name, namespace and labels set). */
  body: Record<string, unknown>;
  taskId: string;
  context: TaskContext;
  options: SparkOptions;
  clock: () => number;
  /** `--run-id`: look for the run's driver pod first (`find_spark_job`), reattach when found. */
  existingRun: boolean;
  /** False for `--no-follow`: create, then finish at once. */
  follow: boolean;
}
