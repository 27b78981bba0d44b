// Builders and waits for tests on the harness's REAL node (kubelet + containerd): pods with no node
// choice land there and run their commands for real in the Debian image published under every name.
import { Readable } from 'node:stream';
import type { V1Container, V1ContainerStateTerminated, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import type { TestNamespace } from './cluster.js';
import { waitFor } from './wait.js';

/** The real node's name; a cluster started without it fails the test loudly (never skipped). */
export function realNode(t: TestNamespace): string {
  if (!t.env.realNode) throw new Error(`no real node in ${t.env.state}/env (start.sh ran with KUBETASKS_REAL_NODE=0)`);
  return t.env.realNode;
}

/** A pod of `containers` (image `debian` unless given), no node choice, restartPolicy Never. */
export function realPod(name: string, containers: Partial<V1Container>[], spec: Partial<V1PodSpec> = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 5,
      ...spec,
      containers: containers.map((c, i) => ({ name: `c${i}`, image: 'debian', ...c })),
    },
  };
}

/** Creates the pod and waits until it runs on the real node (all containers started). */
export async function runReal(t: TestNamespace, pod: V1Pod, timeoutMs = 60_000): Promise<V1Pod> {
  const name = pod.metadata?.name ?? '';
  await t.core.createNamespacedPod({ namespace: t.namespace, body: pod });
  return waitFor(`pod ${name} Running on the real node`, timeoutMs, async () => {
    const p = await t.core.readNamespacedPod({ namespace: t.namespace, name });
    if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') return p;
    return p.status?.phase === 'Running' && p;
  });
}

/** A stdin that delivers `text` and then ends: over v5.channel.k8s.io the kubelet closes the command's stdin. */
export function stdinOf(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}

/** Waits for `container` of pod `name` to be terminated. */
export async function terminated(t: TestNamespace, name: string, container: string, timeoutMs = 60_000): Promise<V1ContainerStateTerminated> {
  return waitFor(`container ${container} of ${name} terminated`, timeoutMs, async () => {
    const p = await t.core.readNamespacedPod({ namespace: t.namespace, name });
    return p.status?.containerStatuses?.find((s) => s.name === container)?.state?.terminated;
  });
}

/** Waits for the pod's phase to be one of `phases`; returns the pod. */
export async function inPhase(t: TestNamespace, name: string, phases: string[], timeoutMs = 60_000): Promise<V1Pod> {
  return waitFor(`pod ${name} in ${phases.join('/')}`, timeoutMs, async () => {
    const p = await t.core.readNamespacedPod({ namespace: t.namespace, name });
    return phases.includes(p.status?.phase ?? '') && p;
  });
}
