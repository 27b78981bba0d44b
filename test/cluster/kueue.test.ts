// A real Kueue v0.19.2 (test/harness/k8s/kueue.sh) deciding about the provider docs' Kueue start-job
// (example_kubernetes_kueue.py as examples/kueue.task.yaml, rendered by our KubernetesStartKueueJobOperator):
// through `local-queue` (ClusterQueue `harness-cluster-queue`, 2 CPU / 4Gi) the Job is admitted and unsuspended;
// through `zero-quota-queue` it waits, suspended, with Kueue's pending condition on its Workload.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { V1Job } from '@kubernetes/client-node';
import { parseTaskFile, renderTask, seededRandom } from '../../src/operators/index.js';
import { withTestCluster, type TestCluster } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';

const KUEUE = { group: 'kueue.x-k8s.io', version: 'v1beta2' } as const;
const EXAMPLE = join(import.meta.dirname, '../../examples/kueue.task.yaml');

// the parts of kueue.x-k8s.io/v1beta2 Workload and LocalQueue these tests read
interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Workload {
  metadata: { name: string; ownerReferences?: { uid: string }[] };
  status?: { conditions?: Condition[]; admission?: { clusterQueue?: string } };
}
interface LocalQueue {
  status?: { pendingWorkloads?: number; admittedWorkloads?: number };
}

/** The docs' start-job as our renderer emits it (namespace `default`), optionally on another queue. */
function renderDocsJob(queueName?: string): V1Job {
  const parsed = parseTaskFile(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  assert.ok(parsed.ok, 'the example task file parses');
  const task = parsed.value.tasks.find((t) => t.operator === 'KubernetesStartKueueJobOperator');
  assert.ok(task, `${EXAMPLE} has a KubernetesStartKueueJobOperator task`);
  const params = queueName === undefined ? task.params : { ...task.params, queue_name: queueName };
  const rendered = renderTask({ ...task, params }, { format: 'api', random: seededRandom(randomInt(1 << 30)) });
  assert.ok(rendered.ok && rendered.value.manifest.format === 'api' && rendered.value.manifest.output.kind === 'object');
  return rendered.value.manifest.output.body as V1Job;
}

function condition(w: Workload | undefined, type: string): Condition | undefined {
  return w?.status?.conditions?.find((c) => c.type === type);
}

/** The Workload Kueue's job controller made for the Job (owned by it). */
async function workloadOf(t: TestCluster, job: V1Job): Promise<Workload | undefined> {
  const list = (await t.custom.listNamespacedCustomObject({ ...KUEUE, namespace: 'default', plural: 'workloads' })) as { items: Workload[] };
  return list.items.find((w) => w.metadata.ownerReferences?.some((o) => o.uid === job.metadata?.uid));
}

/** Creates the Job in `default`, runs `fn`, and deletes the Job (and so its Workload and pods) afterwards. */
async function withDocsJob(t: TestCluster, body: V1Job, fn: (job: V1Job) => Promise<void>): Promise<void> {
  const job = await t.batch.createNamespacedJob({ namespace: 'default', body });
  try {
    await fn(job);
  } finally {
    await t.batch.deleteNamespacedJob({ namespace: 'default', name: job.metadata?.name ?? '', propagationPolicy: 'Background' }).catch(() => undefined);
  }
}

/** A node kwok does not fake (annotation kwok.x-k8s.io/node) is a real kubelet: the Job's pods really run there. */
async function hasRealNode(t: TestCluster): Promise<boolean> {
  const nodes = await t.core.listNode();
  return nodes.items.some((n) => n.metadata?.annotations?.['kwok.x-k8s.io/node'] === undefined);
}

test("the provider docs' Kueue start-job is admitted through local-queue: Workload admitted, Job unsuspended", () =>
  withTestCluster(async (t) => {
    const body = renderDocsJob();
    assert.equal(body.metadata?.labels?.['kueue.x-k8s.io/queue-name'], 'local-queue');
    assert.equal(body.spec?.suspend, true);
    await withDocsJob(t, body, async (job) => {
      const name = job.metadata?.name ?? '';
      const admitted = await waitFor(`the Workload of job ${name} admitted`, 60_000, async () => {
        const w = await workloadOf(t, job);
        return condition(w, 'Admitted')?.status === 'True' && w;
      });
      assert.equal(condition(admitted, 'QuotaReserved')?.status, 'True');
      assert.equal(admitted.status?.admission?.clusterQueue, 'harness-cluster-queue');

      // Kueue unsuspends first; the Job controller then sets startTime (two writes: wait for the second)
      const started = await waitFor(`job ${name} unsuspended by Kueue and started by the Job controller`, 30_000, async () => {
        const j = await t.batch.readNamespacedJob({ namespace: 'default', name });
        return j.spec?.suspend === false && j.status?.startTime !== undefined && j;
      });
      assert.ok(started.status?.startTime, 'the Job controller started the unsuspended Job');
      const pods = await waitFor(`pods of job ${name}`, 30_000, async () => {
        const list = await t.core.listNamespacedPod({ namespace: 'default', labelSelector: `job-name=${name}` });
        return list.items.length > 0 && list.items;
      });
      assert.equal(pods[0]?.spec?.containers[0]?.image, 'perl:5.34.0');
      if (await hasRealNode(t)) {
        // on a real kubelet perl really computes pi: the Job completes and Kueue marks the Workload Finished
        await waitFor(`job ${name} Complete`, 90_000, async () => {
          const j = await t.batch.readNamespacedJob({ namespace: 'default', name });
          return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ?? false;
        });
        const log = await t.core.readNamespacedPodLog({ namespace: 'default', name: pods[0]?.metadata?.name ?? '' });
        assert.match(log, /^3\.14159/);
        await waitFor(`the Workload of job ${name} Finished`, 30_000, async () => condition(await workloadOf(t, job), 'Finished')?.status === 'True');
      }
    });
  }));

test('a start-job on the zero-quota queue waits: its Workload stays pending with the reason, the Job suspended', () =>
  withTestCluster(async (t) => {
    await withDocsJob(t, renderDocsJob('zero-quota-queue'), async (job) => {
      const name = job.metadata?.name ?? '';
      const pending = await waitFor(`the Workload of job ${name} pending`, 60_000, async () => {
        const c = condition(await workloadOf(t, job), 'QuotaReserved');
        return c?.status === 'False' && c.reason === 'Pending' && c;
      });
      assert.match(pending.message ?? '', /insufficient quota for cpu in flavor harness-flavor/);
      const lq = await waitFor('zero-quota-queue counts the pending Workload', 30_000, async () => {
        const q = (await t.custom.getNamespacedCustomObject({ ...KUEUE, namespace: 'default', plural: 'localqueues', name: 'zero-quota-queue' })) as LocalQueue;
        return (q.status?.pendingWorkloads ?? 0) >= 1 && q;
      });
      assert.equal(lq.status?.admittedWorkloads ?? 0, 0);

      const j = await t.batch.readNamespacedJob({ namespace: 'default', name });
      assert.equal(j.spec?.suspend, true, 'a waiting Job stays suspended');
      assert.equal(condition(await workloadOf(t, job), 'Admitted')?.status ?? 'False', 'False');
      const pods = await t.core.listNamespacedPod({ namespace: 'default', labelSelector: `job-name=${name}` });
      assert.equal(pods.items.length, 0, 'a waiting Job has no pods');
    });
  }));

test("Kueue's webhooks guard queued Jobs: an unsuspended one is suspended on create; once started, its queue is immutable", () =>
  withTestCluster(async (t) => {
    const body = renderDocsJob();
    body.spec = { ...body.spec, suspend: false, template: body.spec?.template ?? {} };
    await withDocsJob(t, body, async (job) => {
      assert.equal(job.spec?.suspend, true, "Kueue's mutating webhook (mjob.kb.io) suspends it until admission");
      const name = job.metadata?.name ?? '';
      await waitFor(`job ${name} unsuspended by Kueue`, 60_000, async () => {
        const j = await t.batch.readNamespacedJob({ namespace: 'default', name });
        return j.spec?.suspend === false && j;
      });
      // The Job controller keeps writing the Job's status: a replace of a stale read answers 409, so read afresh and
      // try again until the server gives its verdict on the queue change itself.
      const verdict = await waitFor(`the server's verdict on changing job ${name}'s queue`, 30_000, async () => {
        const fresh = await t.batch.readNamespacedJob({ namespace: 'default', name });
        const labels = { ...fresh.metadata?.labels, 'kueue.x-k8s.io/queue-name': 'zero-quota-queue' };
        const body = { ...fresh, metadata: { ...fresh.metadata, labels } };
        const error = await t.batch.replaceNamespacedJob({ namespace: 'default', name, body }).then(() => 'accepted', (e: unknown) => e);
        if (error === 'accepted') return 'accepted';
        const code = (error as { code?: number }).code;
        return code === 409 ? false : String((error as { body?: unknown }).body ?? error);
      });
      assert.match(verdict, /queue-name.*field is immutable/);
    });
  }));

test("a v1beta1 client reads local-queue through Kueue's conversion webhook, with v1beta1's field names", () =>
  withTestCluster(async (t) => {
    // v1beta2 LocalQueueStatus.flavorsUsage is v1beta1 flavorUsage (Convert_v1beta2_LocalQueueStatus_To_v1beta1_LocalQueueStatus)
    const read = async (version: string): Promise<{ apiVersion: string; status?: Record<string, unknown> }> =>
      (await t.custom.getNamespacedCustomObject({ group: KUEUE.group, version, namespace: 'default', plural: 'localqueues', name: 'local-queue' })) as {
        apiVersion: string;
        status?: Record<string, unknown>;
      };
    const current = await read('v1beta2');
    assert.ok(Array.isArray(current.status?.['flavorsUsage']), 'Kueue reports flavorsUsage on v1beta2');
    const old = await read('v1beta1');
    assert.equal(old.apiVersion, 'kueue.x-k8s.io/v1beta1');
    assert.deepEqual(old.status?.['flavorUsage'], current.status?.['flavorsUsage']);
    assert.equal(old.status?.['flavorsUsage'], undefined);
  }));
