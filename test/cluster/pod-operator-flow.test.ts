// The KubernetesPodOperator sequence on the real control plane: the base container ends while the
// XCom sidecar keeps the pod Running; the XCom is read and the sidecar killed through exec in that
// window; then the pod ends (docs/TEST-CLUSTER.md, "Pod outcomes").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { baseExit, OUTCOME, phaseOf, testPod } from '../harness/k8s/fixtures.js';
import { createPodExec, execInPod, execWhenReady, openStdin } from '../harness/k8s/pod-exec.js';
import { waitFor } from '../harness/k8s/wait.js';

const SIDECAR = 'airflow-xcom-sidecar';
const XCOM_READ = ['/bin/sh', '-c', 'if [ -s /airflow/xcom/return.json ]; then cat /airflow/xcom/return.json; else echo __airflow_xcom_result_empty__; fi'];

test('base ends while the sidecar keeps the pod Running; XCom read and sidecar kill happen there; then the pod Succeeds', () =>
  withTestCluster(async (t) => {
    const body = testPod('kpo', { containers: ['base', SIDECAR], annotations: baseExit(0, { message: 'done' }) });
    await t.core.createNamespacedPod({ namespace: t.namespace, body });
    const window = await waitFor('base terminated, sidecar running', 30_000, async () => {
      const p = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'kpo' });
      const base = p.status?.containerStatuses?.find((c) => c.name === 'base');
      return base?.state?.terminated !== undefined && p;
    });
    assert.equal(phaseOf(window), 'Running');
    const byName = new Map(window.status?.containerStatuses?.map((c) => [c.name, c.state]));
    assert.equal(byName.get('base')?.terminated?.exitCode, 0);
    assert.equal(byName.get('base')?.terminated?.message, 'done');
    assert.ok(byName.get(SIDECAR)?.running, 'the sidecar is still running');

    await createPodExec(t, 'kpo', [SIDECAR], { 'return.json': '[1, 2, 3]' }, 1);
    assert.equal((await execWhenReady(t, 'kpo', SIDECAR, XCOM_READ)).stdout, '[1, 2, 3]');
    const kill = await execInPod(t, 'kpo', SIDECAR, ['/bin/sh'], openStdin("kill -2 $(pgrep -u $(id -u) -f 'sh')\n"));
    assert.match(kill.status?.message ?? '', /signal: interrupt/);

    // the sidecar "exits": the test asks for the final outcome
    await t.core.patchNamespacedPod(
      { namespace: t.namespace, name: 'kpo', body: { metadata: { annotations: { [OUTCOME.exitCode]: '0', [OUTCOME.container]: 'base' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const done = await waitFor('pod kpo Succeeded', 30_000, async () => {
      const p = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'kpo' });
      return phaseOf(p) === 'Succeeded' && p;
    });
    assert.ok(done.status?.containerStatuses?.every((c) => c.state?.terminated?.exitCode === 0));
  }));
