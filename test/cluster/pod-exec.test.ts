// pods/exec through the real kube-apiserver to kwok, which runs the command on this machine as an
// unprivileged exec user in the pod's own working directory.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { testPod } from '../harness/k8s/fixtures.js';
import { createPodExec, execInPod, execWhenReady, openStdin } from '../harness/k8s/pod-exec.js';
import { waitFor } from '../harness/k8s/wait.js';

// The provider's XCom read, verbatim (airflow-provider-spec.md §3.4)
const XCOM_READ = ['/bin/sh', '-c', 'if [ -s /airflow/xcom/return.json ]; then cat /airflow/xcom/return.json; else echo __airflow_xcom_result_empty__; fi'];
const SIDECAR = 'airflow-xcom-sidecar';

async function runningPod(t: TestNamespace, name: string): Promise<void> {
  await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod(name, { containers: ['base', SIDECAR] }) });
  await waitFor(`pod ${name} Running`, 30_000, async () => (await t.core.readNamespacedPod({ namespace: t.namespace, name })).status?.phase === 'Running');
}

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

function ancestors(pid: number): number[] {
  const chain: number[] = [];
  for (let p = pid; p > 1; ) {
    chain.push(p);
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    p = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return chain;
}

test("exec cat of /airflow/xcom/return.json returns each pod's own file, as an unprivileged uid", () =>
  withTestCluster(async (t) => {
    await runningPod(t, 'pod-a');
    await runningPod(t, 'pod-b');
    const a = await createPodExec(t, 'pod-a', [SIDECAR], { 'return.json': '{"from": "a"}' });
    await createPodExec(t, 'pod-b', [SIDECAR], { 'return.json': '{"from": "b"}' });

    assert.equal((await execWhenReady(t, 'pod-a', SIDECAR, XCOM_READ)).stdout, '{"from": "a"}');
    assert.equal((await execWhenReady(t, 'pod-b', SIDECAR, XCOM_READ)).stdout, '{"from": "b"}');
    const who = await execInPod(t, 'pod-a', SIDECAR, ['sh', '-c', 'id -u; pwd']);
    assert.equal(who.stdout, `${a.uid}\n${a.workDir}\n`);
    assert.notEqual(a.uid, 0);
  }));

test('an empty XCom file gives the provider its empty sentinel', () =>
  withTestCluster(async (t) => {
    await runningPod(t, 'empty');
    await createPodExec(t, 'empty', [SIDECAR], { 'return.json': '' });
    assert.equal((await execWhenReady(t, 'empty', SIDECAR, XCOM_READ)).stdout, '__airflow_xcom_result_empty__\n');
  }));

test("Airflow's sidecar kill through exec ends the exec'd sh and leaves the test runner alive", () =>
  withTestCluster(async (t) => {
    await runningPod(t, 'killer');
    // exec user #1 is reserved for this test, so the kill cannot hit another test's exec
    const rule = await createPodExec(t, 'killer', [SIDECAR], {}, 1);
    await execWhenReady(t, 'killer', SIDECAR, ['sh', '-c', 'true']);
    const runnerChain = ancestors(process.pid); // this test process, node --test, npm, CI's shell...
    const decoy = spawn('sh', ['-c', 'sleep 120'], { stdio: 'ignore' }); // a root `sh` the kill must not reach
    try {
      // exactly what the provider does: exec /bin/sh, write the kill line on stdin (kwok never sends EOF,
      // so the exec only returns because that sh SIGINTs itself)
      const r = await execInPod(t, 'killer', SIDECAR, ['/bin/sh'], openStdin("kill -2 $(pgrep -u $(id -u) -f 'sh')\n"));
      // kwok reports the exec'd shell's death by SIGINT as an InternalError (no exit code, docs/TEST-CLUSTER.md)
      assert.match(r.status?.message ?? '', /cmd wait: \/bin\/sh .*signal: interrupt/);
      for (const pid of runnerChain) assert.ok(alive(pid), `ancestor pid ${pid} of the test runner is still alive`);
      assert.ok(decoy.pid !== undefined && alive(decoy.pid), 'a root sh outside the exec uid is untouched');
      // the stdin-fed sh is gone (kwok would otherwise keep it waiting for EOF forever)
      const left = spawnSync('pgrep', ['-u', String(rule.uid)], { encoding: 'utf8' });
      assert.equal(left.stdout, '', `no process left running as exec uid ${rule.uid}`);
    } finally {
      decoy.kill('SIGKILL');
    }
  }));
