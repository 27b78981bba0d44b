// Kueue objects on the real kube-apiserver (the real kueue.x-k8s.io CRDs, v1beta2 storage). No Kueue
// controller runs yet, so these tests only claim "created and readable" and "created suspended with
// the queue label" — never "admitted".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { testJob } from '../harness/k8s/fixtures.js';
import { waitFor } from '../harness/k8s/wait.js';

const KUEUE = { group: 'kueue.x-k8s.io', version: 'v1beta2' } as const;

test('queue objects can be created and read back; a queue-labelled Job stays suspended with no pods', () =>
  withTestCluster(async (t) => {
    const flavor = `flavor-${t.namespace}`;
    const cq = `cq-${t.namespace}`;
    await t.custom.createClusterCustomObject({
      ...KUEUE,
      plural: 'resourceflavors',
      body: { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ResourceFlavor', metadata: { name: flavor }, spec: {} },
    });
    await t.custom.createClusterCustomObject({
      ...KUEUE,
      plural: 'clusterqueues',
      body: {
        apiVersion: 'kueue.x-k8s.io/v1beta2',
        kind: 'ClusterQueue',
        metadata: { name: cq },
        spec: {
          namespaceSelector: {},
          resourceGroups: [{ coveredResources: ['cpu'], flavors: [{ name: flavor, resources: [{ name: 'cpu', nominalQuota: '4' }] }] }],
        },
      },
    });
    try {
      await t.custom.createNamespacedCustomObject({
        ...KUEUE,
        namespace: t.namespace,
        plural: 'localqueues',
        body: { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'LocalQueue', metadata: { name: 'team' }, spec: { clusterQueue: cq } },
      });
      const lq = (await t.custom.getNamespacedCustomObject({ ...KUEUE, namespace: t.namespace, plural: 'localqueues', name: 'team' })) as {
        spec: { clusterQueue: string };
      };
      assert.equal(lq.spec.clusterQueue, cq);
      // the v1beta1 version is served too (conversion strategy None)
      const old = (await t.custom.getNamespacedCustomObject({ group: KUEUE.group, version: 'v1beta1', namespace: t.namespace, plural: 'localqueues', name: 'team' })) as {
        apiVersion: string;
      };
      assert.equal(old.apiVersion, 'kueue.x-k8s.io/v1beta1');

      const body = testJob('queued', { suspend: true, labels: { 'kueue.x-k8s.io/queue-name': 'team' } });
      await t.batch.createNamespacedJob({ namespace: t.namespace, body });
      // the Job controller has seen it once it reports Suspended=True
      const job = await waitFor('job queued reported Suspended', 30_000, async () => {
        const j = await t.batch.readNamespacedJob({ namespace: t.namespace, name: 'queued' });
        return (j.status?.conditions?.some((c) => c.type === 'Suspended' && c.status === 'True') ?? false) && j;
      });
      assert.equal(job.spec?.suspend, true);
      assert.equal(job.metadata?.labels?.['kueue.x-k8s.io/queue-name'], 'team');
      const pods = await t.core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'job-name=queued' });
      assert.equal(pods.items.length, 0, 'a suspended Job creates no pods');
    } finally {
      await t.custom.deleteClusterCustomObject({ ...KUEUE, plural: 'clusterqueues', name: cq }).catch(() => undefined);
      await t.custom.deleteClusterCustomObject({ ...KUEUE, plural: 'resourceflavors', name: flavor }).catch(() => undefined);
    }
  }));
