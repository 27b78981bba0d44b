/**
 * Turns how a launch ended into its `LaunchOutcome`. When `execute_sync` raised and `cleanup` then raised too, Python
 * reports cleanup's exception (the first one is its context); the message keeps both, the first one first.
 */
import type { CleanupResult } from './cleanup.js';
import type { LaunchObject, LaunchOutcome, OutcomeKind } from './outcome.js';
import { terminatedState, type PodShape } from './pod-shape.js';
import type { XcomValue } from './xcom.js';

/** An exception that ended `execute_sync` early (or a cluster call that failed). */
export interface Failure {
  /** The Airflow (or Kubernetes client) exception class. */
  exception: string;
  message: string;
  /** The cluster refused or was unreachable: the CLI's exit 4. */
  cluster?: boolean;
}

export interface OutcomeParts {
  kind: OutcomeKind;
  failure: Failure | undefined;
  cleanup: CleanupResult | undefined;
  /** The newest pod seen: the reported exit code and reason come from it. */
  pod: PodShape | undefined;
  base: string;
  xcom: XcomValue;
  runId: string;
  namespace: string;
  objects: LaunchObject[];
}

function messageOf(kind: OutcomeKind, parts: OutcomeParts, terminationMessage: string | undefined): string {
  switch (kind) {
    case 'cancelled':
      return 'Cancelled: on_kill ran (no cleanup afterwards).';
    case 'launched':
      return `Not followed (--no-follow): reattach with --run-id ${parts.runId}.`;
    case 'skipped':
      return parts.cleanup?.kind === 'skipped' ? parts.cleanup.message : '';
    case 'success':
      return terminationMessage ?? '';
    case 'failed':
    case 'error': {
      const cleanupMessage = parts.cleanup?.kind === 'failed' ? parts.cleanup.message : undefined;
      return [parts.failure?.message, cleanupMessage].filter((m): m is string => Boolean(m)).join('\n');
    }
  }
}

export function buildOutcome(parts: OutcomeParts): LaunchOutcome {
  const kind: OutcomeKind = parts.kind === 'failed' && parts.failure?.cluster ? 'error' : parts.kind;
  const terminated = terminatedState(parts.pod, parts.base);
  const reason = kind === 'cancelled' ? 'Cancelled' : (terminated?.reason ?? parts.failure?.exception ?? null);
  return {
    outcome: kind,
    exitCode: terminated?.exitCode ?? null,
    reason,
    message: messageOf(kind, parts, terminated?.message),
    xcom: parts.xcom,
    runId: parts.runId,
    namespace: parts.namespace,
    objects: parts.objects,
  };
}
