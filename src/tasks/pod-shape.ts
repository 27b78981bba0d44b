/**
 * The few V1Pod fields the launch lifecycle reads, as plain API (camelCase) JSON, plus the container-status helpers
 * of the provider's `utils/container.py` (provider 10.25.0). Structural on purpose: no client-node import, so the
 * watch events and reads of `src/kube` fit as they are.
 */

/** `V1ContainerState`: exactly one of the three is set by the kubelet. */
export interface ContainerStateShape {
  waiting?: { reason?: string; message?: string } | null;
  running?: { startedAt?: string } | null;
  terminated?: { exitCode?: number; reason?: string; message?: string; finishedAt?: string } | null;
}

export interface ContainerStatusShape {
  name: string;
  state?: ContainerStateShape | null;
  restartCount?: number;
}

export interface PodConditionShape {
  type: string;
  status: string;
}

export interface PodShape {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string> | null;
    creationTimestamp?: string;
  } | null;
  spec?: {
    containers?: { name: string }[] | null;
    initContainers?: { name: string }[] | null;
  } | null;
  status?: {
    phase?: string;
    reason?: string;
    startTime?: string;
    conditions?: PodConditionShape[] | null;
    containerStatuses?: ContainerStatusShape[] | null;
    initContainerStatuses?: ContainerStatusShape[] | null;
  } | null;
}

/** `PodDefaults.SIDECAR_CONTAINER_NAME`. */
export const xcomSidecarName = 'airflow-xcom-sidecar';

/** `get_container_status`: main containers first, then init containers; the first with that name. */
export function containerStatus(pod: PodShape | undefined, name: string): ContainerStatusShape | undefined {
  const status = pod?.status;
  const all = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])];
  return all.find((s) => s.name === name);
}

/** `container_is_running`. */
export function isContainerRunning(pod: PodShape | undefined, name: string): boolean {
  return Boolean(containerStatus(pod, name)?.state?.running);
}

/** `container_is_completed`: terminated (whatever the exit code). */
export function isContainerCompleted(pod: PodShape | undefined, name: string): boolean {
  return Boolean(containerStatus(pod, name)?.state?.terminated);
}

/** `container_is_succeeded`: terminated with exit code 0. */
export function isContainerSucceeded(pod: PodShape | undefined, name: string): boolean {
  return containerStatus(pod, name)?.state?.terminated?.exitCode === 0;
}

/**
 * `container_is_terminated` as `await_xcom_sidecar_container_start` uses it: only `status.containerStatuses` count
 * (unlike `get_container_status`, init containers are not searched).
 */
export function isMainContainerTerminated(pod: PodShape | undefined, name: string): boolean {
  return Boolean(pod?.status?.containerStatuses?.find((s) => s.name === name)?.state?.terminated);
}

/** The terminated state of a main container (`status.containerStatuses` only, as `cleanup` reads it). */
export function terminatedState(pod: PodShape | undefined, name: string): ContainerStateShape['terminated'] | undefined {
  return pod?.status?.containerStatuses?.find((s) => s.name === name)?.state?.terminated ?? undefined;
}

export function podName(pod: PodShape | undefined): string {
  return pod?.metadata?.name ?? '';
}

export function podPhase(pod: PodShape | undefined): string | undefined {
  return pod?.status?.phase ?? undefined;
}

/** `PodPhase.terminal_states`. */
export function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}
