// Real kube-apiserver + scheduler + kwok: pods move through phases as a user's watch sees them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { outcome, phaseOf, testPod } from '../harness/k8s/fixtures.js';
import { waitFor, watchUntil } from '../harness/k8s/wait.js';

test('a pod is scheduled and reaches Succeeded, seen through a watch', () =>
  withTestCluster(async (t) => {
    const events = await watchUntil<V1Pod>(
      t.kc,
      `/api/v1/namespaces/${t.namespace}/pods`,
      { fieldSelector: 'metadata.name=hello' },
      (ev) => ev.some((e) => phaseOf(e.object) === 'Succeeded'),
      30_000,
      async () => {
        await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod('hello', { annotations: outcome(0, { message: 'all good' }) }) });
      },
    );
    const phases = [...new Set(events.map((e) => phaseOf(e.object)))];
    assert.deepEqual(phases, ['Pending', 'Running', 'Succeeded']);
    const last = events.at(-1)?.object;
    assert.equal(last?.spec?.nodeName, t.env.node, 'bound by kube-scheduler to the kwok node');
    const term = last?.status?.containerStatuses?.[0]?.state?.terminated;
    assert.equal(term?.exitCode, 0);
    assert.equal(term?.reason, 'Completed');
    assert.equal(term?.message, 'all good');
  }));

test('a pod that asks to fail ends Failed with its exit code and a free-text termination message', () =>
  withTestCluster(async (t) => {
    const message = 'Traceback: KeyError: "x" # not YAML-safe {';
    const body = testPod('boom', {
      containers: ['base', 'airflow-xcom-sidecar'],
      annotations: outcome(3, { message, container: 'base' }),
    });
    await t.core.createNamespacedPod({ namespace: t.namespace, body });
    const pod = await waitFor('pod boom Failed', 30_000, async () => {
      const p = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'boom' });
      return phaseOf(p) === 'Failed' && p;
    });
    const byName = new Map(pod.status?.containerStatuses?.map((c) => [c.name, c.state?.terminated]));
    assert.equal(byName.get('base')?.exitCode, 3);
    assert.equal(byName.get('base')?.reason, 'Error');
    assert.equal(byName.get('base')?.message, message);
    assert.equal(byName.get('airflow-xcom-sidecar')?.exitCode, 0);
  }));

test("kwok's chaos label fails a pod with the exit code and message from its annotations", () =>
  withTestCluster(async (t) => {
    const body = testPod('chaos', {
      labels: { 'pod-container-running-failed.stage.kwok.x-k8s.io': 'true' },
      annotations: {
        'pod-container-running-failed.stage.kwok.x-k8s.io/exit-code': '7',
        'pod-container-running-failed.stage.kwok.x-k8s.io/reason': 'Error',
        'pod-container-running-failed.stage.kwok.x-k8s.io/message': 'task failed with exit code 7',
        'pod-container-running-failed.stage.kwok.x-k8s.io/delay': '100ms',
      },
    });
    await t.core.createNamespacedPod({ namespace: t.namespace, body });
    const pod = await waitFor('pod chaos Failed', 30_000, async () => {
      const p = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'chaos' });
      return phaseOf(p) === 'Failed' && p;
    });
    const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
    assert.equal(term?.exitCode, 7);
    assert.equal(term?.message, 'task failed with exit code 7');
  }));

test('a pod without an outcome stays Running, and deleting it removes it', () =>
  withTestCluster(async (t) => {
    await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod('idle') });
    await waitFor('pod idle Running', 30_000, async () => phaseOf(await t.core.readNamespacedPod({ namespace: t.namespace, name: 'idle' })) === 'Running');
    await t.core.deleteNamespacedPod({ namespace: t.namespace, name: 'idle' });
    await waitFor('pod idle gone', 30_000, async () => {
      const list = await t.core.listNamespacedPod({ namespace: t.namespace });
      return list.items.length === 0;
    });
  }));
