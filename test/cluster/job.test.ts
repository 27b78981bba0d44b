// batch/v1 Jobs on the real control plane: kube-controller-manager's Job controller creates the pods,
// the scheduler binds them, kwok runs them, and the garbage collector removes them on delete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Job } from '@kubernetes/client-node';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { outcome, phaseOf, testJob } from '../harness/k8s/fixtures.js';
import { waitFor } from '../harness/k8s/wait.js';

function condition(job: V1Job, type: string): boolean {
  return job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

test('a Job with two completions gets its pods from the Job controller and becomes Complete', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('twice', { completions: 2 }) });
    const job = await waitFor('job twice Complete', 60_000, async () => {
      const j = await t.batch.readNamespacedJob({ namespace: t.namespace, name: 'twice' });
      return condition(j, 'Complete') && j;
    });
    assert.equal(job.status?.succeeded, 2);
    const pods = await t.core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'job-name=twice' });
    assert.equal(pods.items.length, 2);
    assert.deepEqual(pods.items.map(phaseOf), ['Succeeded', 'Succeeded']);
    assert.ok(pods.items.every((p) => p.metadata?.ownerReferences?.[0]?.kind === 'Job'));

    await t.batch.deleteNamespacedJob({ namespace: t.namespace, name: 'twice', propagationPolicy: 'Background' });
    await waitFor('job pods garbage-collected', 60_000, async () => {
      const left = await t.core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'job-name=twice' });
      return left.items.length === 0;
    });
  }));

test('a Job whose pod exits non-zero becomes Failed, with the exit code on the pod', () =>
  withTestCluster(async (t) => {
    const body = testJob('sad', { podAnnotations: outcome(2, { message: 'bad input' }) });
    await t.batch.createNamespacedJob({ namespace: t.namespace, body });
    await waitFor('job sad Failed', 60_000, async () => condition(await t.batch.readNamespacedJob({ namespace: t.namespace, name: 'sad' }), 'Failed'));
    const pods = await t.core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'job-name=sad' });
    const term = pods.items[0]?.status?.containerStatuses?.[0]?.state?.terminated;
    assert.equal(phaseOf(pods.items[0]), 'Failed');
    assert.equal(term?.exitCode, 2);
    assert.equal(term?.message, 'bad input');
  }));
