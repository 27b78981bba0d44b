// SparkApplication (real v1beta2 CRD) driven by the harness's STAND-IN spark-operator controller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { withTestCluster } from '../harness/k8s/cluster.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { outcome, phaseOf } from '../harness/k8s/fixtures.js';
import type { SparkApp } from '../harness/k8s/spark-standin/types.js';
import { waitFor } from '../harness/k8s/wait.js';

const API = { group: 'sparkoperator.k8s.io', version: 'v1beta2', plural: 'sparkapplications' } as const;

function sparkApp(name: string, driverAnnotations: Record<string, string>, executors: number): SparkApp {
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name, namespace: '', uid: '' },
    spec: {
      // the fields the CRD requires: driver, executor, mainApplicationFile, sparkVersion, type
      type: 'Python',
      mode: 'cluster',
      sparkVersion: '3.5.3',
      image: 'spark:3.5.3',
      mainApplicationFile: 'local:///opt/spark/examples/src/main/python/pi.py',
      driver: { cores: 1, memory: '512m', serviceAccount: 'default', annotations: driverAnnotations },
      executor: { cores: 1, memory: '512m', instances: executors },
    },
  };
}

async function stateHistory(t: TestNamespace, name: string, until: string[]): Promise<{ states: string[]; app: SparkApp }> {
  const states: string[] = [];
  const app = await waitFor(`SparkApplication ${name} in ${until.join('/')}`, 60_000, async () => {
    const a = (await t.custom.getNamespacedCustomObject({ ...API, namespace: t.namespace, name })) as SparkApp;
    const s = a.status?.applicationState?.state ?? '';
    if (s && states.at(-1) !== s) states.push(s);
    return until.includes(s) && a;
  });
  return { states, app };
}

test('a SparkApplication runs its driver pod and reaches COMPLETED', () =>
  withTestCluster(async (t) => {
    const body = { ...sparkApp('pi', outcome(0, { delay: '2s' }), 2), metadata: { name: 'pi' } };
    await t.custom.createNamespacedCustomObject({ ...API, namespace: t.namespace, body });
    const { states, app } = await stateHistory(t, 'pi', ['COMPLETED', 'FAILED']);
    assert.equal(app.status?.applicationState?.state, 'COMPLETED');
    assert.ok(states.includes('RUNNING'), `states seen: ${states.join(' -> ')}`);
    assert.equal(app.status?.driverInfo?.podName, 'pi-driver');
    assert.match(app.status?.sparkApplicationId ?? '', /^spark-[0-9a-f]{32}$/);
    assert.ok(app.status?.terminationTime);
    assert.deepEqual(Object.values(app.status?.executorState ?? {}), ['COMPLETED', 'COMPLETED']);

    const driver: V1Pod = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'pi-driver' });
    assert.equal(phaseOf(driver), 'Succeeded');
    assert.equal(driver.metadata?.labels?.['spark-role'], 'driver');
    assert.equal(driver.metadata?.labels?.['sparkoperator.k8s.io/app-name'], 'pi');
    assert.equal(driver.metadata?.ownerReferences?.[0]?.kind, 'SparkApplication');
    assert.equal(driver.spec?.containers[0]?.name, 'spark-kubernetes-driver');
  }));

test('a SparkApplication whose driver exits non-zero reaches FAILED with the driver error', () =>
  withTestCluster(async (t) => {
    const body = { ...sparkApp('bad', outcome(1, { reason: 'Error', delay: '2s' }), 1), metadata: { name: 'bad' } };
    await t.custom.createNamespacedCustomObject({ ...API, namespace: t.namespace, body });
    const { app } = await stateHistory(t, 'bad', ['COMPLETED', 'FAILED']);
    assert.equal(app.status?.applicationState?.state, 'FAILED');
    assert.equal(app.status?.applicationState?.errorMessage, 'driver container failed with ExitCode: 1, Reason: Error');
    assert.deepEqual(Object.values(app.status?.executorState ?? {}), ['FAILED']);
  }));
