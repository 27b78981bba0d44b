// RBAC on the real kube-apiserver: a service-account kubeconfig with read-only rights gets 403.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiException, BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { testJob, testPod } from '../harness/k8s/fixtures.js';
import { restrictedKubeConfig } from '../harness/k8s/restricted.js';

function forbidden(e: unknown): boolean {
  return e instanceof ApiException && e.code === 403;
}

test('a restricted service-account kubeconfig can list pods but gets 403 on create', () =>
  withTestCluster(async (t) => {
    const kc = await restrictedKubeConfig(t);
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: t.namespace });
    assert.deepEqual(list.items, []);
    await assert.rejects(core.createNamespacedPod({ namespace: t.namespace, body: testPod('nope') }), forbidden);
    await assert.rejects(kc.makeApiClient(BatchV1Api).createNamespacedJob({ namespace: t.namespace, body: testJob('nope') }), (e: unknown) => {
      assert.ok(forbidden(e));
      const body = String((e as ApiException<unknown>).body);
      assert.match(body, new RegExp(`system:serviceaccount:${t.namespace}:reader`));
      return true;
    });
    await assert.rejects(core.listNamespacedPod({ namespace: 'default' }), forbidden);
  }));
