// Small object builders for cluster tests. Outcome annotations follow the convention of
// test/harness/k8s/kwok/pod-outcome.yaml (documented in docs/TEST-CLUSTER.md).
import type { V1Job, V1Pod, V1PodSpec } from '@kubernetes/client-node';

/**
 * kwok's scripted pods: pods with no node choice run on the real node, so these select kwok's node
 * (label `type: kwok`) and tolerate the taint start.sh gives it (`KWOK_TAINT_KEY` in node/names.sh).
 */
export const kwokPlacement: Pick<V1PodSpec, 'nodeSelector' | 'tolerations'> = {
  nodeSelector: { type: 'kwok' },
  tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
};

export const OUTCOME = {
  exitCode: 'kubetasks.test/exit-code',
  message: 'kubetasks.test/message',
  reason: 'kubetasks.test/reason',
  container: 'kubetasks.test/container',
  delay: 'kubetasks.test/delay',
  baseExitCode: 'kubetasks.test/base-exit-code',
} as const;

/** Annotations asking kwok to end the pod with `exitCode` (0 -> Succeeded, else Failed). */
export function outcome(exitCode: number, extra: { message?: string; reason?: string; container?: string; delay?: string } = {}): Record<string, string> {
  const a: Record<string, string> = { [OUTCOME.exitCode]: String(exitCode) };
  if (extra.message !== undefined) a[OUTCOME.message] = extra.message;
  if (extra.reason !== undefined) a[OUTCOME.reason] = extra.reason;
  if (extra.container !== undefined) a[OUTCOME.container] = extra.container;
  if (extra.delay !== undefined) a[OUTCOME.delay] = extra.delay;
  return a;
}

/** Annotations for the KubernetesPodOperator window (kwok/pod-base-exit.yaml): `base` ends, the sidecar keeps running. */
export function baseExit(exitCode: number, extra: { message?: string } = {}): Record<string, string> {
  const a: Record<string, string> = { [OUTCOME.baseExitCode]: String(exitCode) };
  if (extra.message !== undefined) a[OUTCOME.message] = extra.message;
  return a;
}

export function testPod(name: string, opts: { annotations?: Record<string, string>; containers?: string[]; labels?: Record<string, string> } = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, annotations: opts.annotations, labels: opts.labels },
    spec: {
      ...kwokPlacement,
      restartPolicy: 'Never',
      containers: (opts.containers ?? ['base']).map((c) => ({ name: c, image: 'busybox:1.36', command: ['sh', '-c', 'true'] })),
    },
  };
}

export function testJob(name: string, opts: { completions?: number; labels?: Record<string, string>; suspend?: boolean; podAnnotations?: Record<string, string> } = {}): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: opts.labels },
    spec: {
      completions: opts.completions ?? 1,
      parallelism: opts.completions ?? 1,
      backoffLimit: 0,
      suspend: opts.suspend,
      template: {
        metadata: { annotations: opts.podAnnotations },
        spec: { ...kwokPlacement, restartPolicy: 'Never', containers: [{ name: 'base', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }] },
      },
    },
  };
}

export function phaseOf(p: V1Pod | undefined): string {
  return p?.status?.phase ?? '';
}
