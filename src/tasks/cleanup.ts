/**
 * `KubernetesPodOperator.cleanup` and `process_pod_deletion` (operators/pod.py, provider 10.25.0), as a plan: which
 * calls to make, then the outcome they lead to. Order in Airflow: patch `already_checked`, decide `failed`, delete,
 * check `skip_on_exit_code` (so a skip wins over a failure), then fail.
 */
import type { LaunchOptions, OnFinishAction } from './launch-options.js';
import { isContainerSucceeded, podName, podPhase, terminatedState, type PodShape } from './pod-shape.js';

/** `ISTIO_CONTAINER_NAME`: a pod with this container is judged by its base container, as with XCom. */
const istioContainer = 'istio-proxy';

export interface CleanupPlan {
  /** Merge-patch `{"metadata": {"labels": {"already_checked": "True"}}}` (errors are only logged). */
  patchChecked: boolean;
  /** `delete_namespaced_pod` with default options (404 ignored, other errors only logged). */
  delete: boolean;
  result: CleanupResult;
}

export type CleanupResult =
  | { kind: 'success' }
  /** AirflowSkipException. */
  | { kind: 'skipped'; message: string; exitCode: number }
  /** AirflowException "Pod <name> returned a failure." plus the base container's termination message. */
  | { kind: 'failed'; message: string };

/** `process_pod_deletion`'s decision for `on_finish_action`. */
export function shouldDeletePod(pod: PodShape | undefined, action: OnFinishAction, baseContainer: string): boolean {
  const phase = podPhase(pod);
  switch (action) {
    case 'delete_pod':
      return true;
    case 'delete_succeeded_pod':
      return phase === 'Succeeded' || isContainerSucceeded(pod, baseContainer);
    case 'delete_active_pod':
      return phase === 'Running' || phase === 'Pending';
    case 'keep_pod':
      return false;
  }
}

function isIstioEnabled(pod: PodShape | undefined): boolean {
  return (pod?.spec?.containers ?? []).some((c) => c.name === istioContainer);
}

/**
 * The cleanup of `remotePod` — the pod as Airflow last read it: the completion read on the normal path, else the
 * read right after creation (so a failure before completion judges a still-Pending pod, as Airflow does).
 */
export function planCleanup(remotePod: PodShape | undefined, options: LaunchOptions): CleanupPlan {
  const phase = podPhase(remotePod);
  const keep = options.onFinishAction === 'keep_pod' || options.onFinishAction === 'delete_active_pod';
  const base = options.baseContainerName;
  const failed = isIstioEnabled(remotePod) || options.doXcomPush ? !isContainerSucceeded(remotePod, base) : phase !== 'Succeeded';
  const plan = { patchChecked: phase !== 'Succeeded' || keep, delete: shouldDeletePod(remotePod, options.onFinishAction, base) };
  const terminated = terminatedState(remotePod, base);
  const exitCode = terminated?.exitCode;
  if (options.skipOnExitCode.length > 0 && exitCode !== undefined && options.skipOnExitCode.includes(exitCode)) {
    return { ...plan, result: { kind: 'skipped', exitCode, message: `Pod ${podName(remotePod)} returned exit code ${exitCode}. Skipping.` } };
  }
  if (!failed) return { ...plan, result: { kind: 'success' } };
  // filter(None, …) drops an empty termination message; `log_pod_spec_on_failure`'s Python repr is not reproduced.
  const parts = [`Pod ${podName(remotePod)} returned a failure.`, typeof terminated?.message === 'string' ? terminated.message : ''];
  return { ...plan, result: { kind: 'failed', message: parts.filter(Boolean).join('\n') } };
}
