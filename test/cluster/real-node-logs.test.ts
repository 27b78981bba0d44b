// The real node runs pods' commands for real: pods/log through kube-apiserver to the kubelet returns
// what the container wrote to stdout and stderr (files under the kubelet's podLogsDir).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { execInPod } from '../harness/k8s/pod-exec.js';
import { followPodLog, readPodLog } from '../harness/k8s/pod-logs.js';
import { realNode, realPod, runReal, terminated } from '../harness/k8s/real-node.js';
import { waitFor } from '../harness/k8s/wait.js';

test('a pod with no node choice runs on the real node and its stdout and stderr come back as logs', () =>
  withTestCluster(async (t) => {
    const pod = realPod('talk', [{ name: 'base', command: ['sh', '-c', 'echo to-stdout; echo to-stderr >&2; uname -s'] }]);
    await runReal(t, pod);
    const done = await terminated(t, 'talk', 'base');
    assert.equal(done.exitCode, 0);
    const read = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'talk' });
    assert.equal(read.spec?.nodeName, realNode(t), 'bound by kube-scheduler to the real node');
    // stdout and stderr are two pipes the runtime reads concurrently: lines of one keep their order
    const lines = (await readPodLog(t, 'talk', 'base')).split('\n');
    assert.deepEqual([...lines].sort(), ['', 'Linux', 'to-stderr', 'to-stdout']);
    assert.ok(lines.indexOf('to-stdout') < lines.indexOf('Linux'), lines.join('|'));
  }));

test('follow streams lines as the container writes them; timestamps and tailLines are honoured', () =>
  withTestCluster(async (t) => {
    // the container writes a line, then waits for the file the test creates through exec
    const script = 'for i in 1 2 3; do echo "line $i"; until [ -e /tmp/go$i ]; do sleep 0.1; done; done; echo end';
    await runReal(t, realPod('stream', [{ name: 'base', command: ['sh', '-c', script] }]));
    const follow = await followPodLog(t, 'stream', 'base');
    try {
      for (const i of [1, 2, 3]) {
        await follow.waitForText(`line ${i}\n`, 20_000);
        await execInPod(t, 'stream', 'base', ['touch', `/tmp/go${i}`]);
      }
      await follow.waitForText('end\n', 20_000);
      await waitFor('the follow to end with the container', 20_000, async () => follow.ended());
      assert.equal(follow.text(), 'line 1\nline 2\nline 3\nend\n');
    } finally {
      follow.close();
    }
    const stamped = (await readPodLog(t, 'stream', 'base', { timestamps: true })).trimEnd().split('\n');
    assert.equal(stamped.length, 4);
    for (const l of stamped) assert.match(l, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (line \d|end)$/);
    assert.equal(await readPodLog(t, 'stream', 'base', { tailLines: 2 }), 'line 3\nend\n');
  }));

test('previous returns the log of the container run before a restart', () =>
  withTestCluster(async (t) => {
    // run 1 fails; the kubelet restarts it (OnFailure) and run 2 stays up
    const script = 'n=$(($(cat /data/n 2>/dev/null || echo 0) + 1)); echo $n > /data/n; echo "run $n"; [ $n -ge 2 ] || exit 1; exec sleep 3600';
    const pod = realPod('again', [{ name: 'base', command: ['sh', '-c', script], volumeMounts: [{ name: 'data', mountPath: '/data' }] }], {
      restartPolicy: 'OnFailure',
      volumes: [{ name: 'data', emptyDir: {} }],
    });
    await t.core.createNamespacedPod({ namespace: t.namespace, body: pod });
    // the kubelet's first crash-loop back-off is 10 s
    await waitFor('the second run', 60_000, async () => {
      const p = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'again' });
      const s = p.status?.containerStatuses?.[0];
      return (s?.restartCount ?? 0) >= 1 && s?.state?.running !== undefined;
    });
    await waitFor('run 2 in the log', 20_000, async () => (await readPodLog(t, 'again', 'base')) === 'run 2\n');
    assert.equal(await readPodLog(t, 'again', 'base', { previous: true }), 'run 1\n');
  }));
