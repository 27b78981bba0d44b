// pods/exec through kube-apiserver to the real kubelet: commands run inside the container, stdin
// reaches them, and exit codes come back the way kubectl and the provider read them (V1Status).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { execInPod } from '../harness/k8s/pod-exec.js';
import { inPhase, realPod, runReal, stdinOf } from '../harness/k8s/real-node.js';

const SIDECAR = 'airflow-xcom-sidecar';
// utils/xcom_sidecar.py (provider 10.25.0): the sidecar's command, and extract_xcom's read and kill
const SIDECAR_COMMAND = ['sh', '-c', 'trap "exit 0" INT; while true; do sleep 1; done;'];
const XCOM_READ = 'if [ -s /airflow/xcom/return.json ]; then cat /airflow/xcom/return.json; else echo __airflow_xcom_result_empty__; fi\n';
const XCOM_KILL = "kill -2 $(pgrep -u $(id -u) -f 'sh')\n";

function exitCodeOf(status: { details?: { causes?: { reason?: string; message?: string }[] } } | undefined): number | undefined {
  const cause = status?.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message === undefined ? undefined : Number(cause.message);
}

test('exec runs in the container, passes stdin and returns the exit code', () =>
  withTestCluster(async (t) => {
    await runReal(t, realPod('shell', [{ name: 'base', command: ['sleep', '3600'] }]));
    const ok = await execInPod(t, 'shell', 'base', ['sh', '-c', 'cat /etc/debian_version; id -u']);
    assert.equal(ok.status?.status, 'Success');
    assert.match(ok.stdout, /^12\.\d+\n0\n$/);

    const fed = await execInPod(t, 'shell', 'base', ['sh', '-c', 'read line; echo "got $line"; echo oops >&2; exit 7'], stdinOf('hello\n'));
    assert.equal(fed.stdout, 'got hello\n');
    assert.equal(fed.stderr, 'oops\n');
    assert.equal(fed.status?.status, 'Failure');
    assert.equal(exitCodeOf(fed.status), 7);
    assert.match(fed.status?.message ?? '', /exit code 7/);
  }));

test("the XCom sidecar: Airflow's read returns the base container's JSON, Airflow's kill ends the pod Succeeded", () =>
  withTestCluster(async (t) => {
    const xcom = { name: 'xcom', mountPath: '/airflow/xcom' };
    const pod = realPod('xcom', [
      { name: 'base', command: ['sh', '-c', 'echo \'{"pi": 3.14}\' > /airflow/xcom/return.json'], volumeMounts: [xcom] },
      { name: SIDECAR, image: 'alpine:3.24.2', command: SIDECAR_COMMAND, volumeMounts: [xcom] },
    ], { volumes: [{ name: 'xcom', emptyDir: {} }] });
    await runReal(t, pod);
    // the provider execs /bin/sh and writes each command on stdin (extract_xcom_json / extract_xcom_kill)
    const read = await execInPod(t, 'xcom', SIDECAR, ['/bin/sh'], stdinOf(XCOM_READ));
    assert.equal(read.stdout, '{"pi": 3.14}\n');
    const kill = await execInPod(t, 'xcom', SIDECAR, ['/bin/sh'], stdinOf(XCOM_KILL));
    // pgrep -f 'sh' also matches the exec'd shell itself, which dies of SIGINT: 128 + 2
    assert.equal(exitCodeOf(kill.status), 130);
    const done = await inPhase(t, 'xcom', ['Succeeded', 'Failed']);
    assert.equal(done.status?.phase, 'Succeeded');
    const sidecar = done.status?.containerStatuses?.find((s) => s.name === SIDECAR);
    assert.equal(sidecar?.state?.terminated?.exitCode, 0, 'the sidecar trapped INT and exited 0');
  }));
