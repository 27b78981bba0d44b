// pods/log through the real kube-apiserver to kwok: follow, timestamps, sinceTime, previous.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { testPod } from '../harness/k8s/fixtures.js';
import { createPodLogs, followPodLog, readPodLog } from '../harness/k8s/pod-logs.js';
import { waitFor } from '../harness/k8s/wait.js';

async function runningPod(t: Parameters<Parameters<typeof withTestCluster>[0]>[0], name: string): Promise<void> {
  await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod(name) });
  await waitFor(`pod ${name} Running`, 30_000, async () => (await t.core.readNamespacedPod({ namespace: t.namespace, name })).status?.phase === 'Running');
}

test('a log follow shows each line the test appends while it is open', () =>
  withTestCluster(async (t) => {
    await runningPod(t, 'talker');
    const file = await createPodLogs(t, 'talker', 'base');
    file.append(['line 1 before follow']);
    const follow = await followPodLog(t, 'talker', 'base');
    try {
      await follow.waitForText('line 1 before follow\n', 10_000);
      for (let i = 2; i <= 4; i++) {
        file.append([`line ${i} while following`]);
        await follow.waitForText(`line ${i} while following\n`, 10_000);
      }
      assert.equal(follow.text(), 'line 1 before follow\nline 2 while following\nline 3 while following\nline 4 while following\n');
    } finally {
      follow.close();
    }
  }));

test('timestamps, sinceTime and previous are honoured', () =>
  withTestCluster(async (t) => {
    await runningPod(t, 'stamped');
    const file = await createPodLogs(t, 'stamped', 'base');
    const stamps = file.append(['alpha', 'beta', 'gamma']);
    file.appendPrevious(['from the previous container']);
    const read = (o: Parameters<typeof readPodLog>[3]) => readPodLog(t, 'stamped', 'base', o);

    const stamped = await read({ timestamps: true });
    assert.deepEqual(stamped.trimEnd().split('\n'), [`${stamps[0]} alpha`, `${stamps[1]} beta`, `${stamps[2]} gamma`]);
    assert.equal(await read({}), 'alpha\nbeta\ngamma\n');

    // a line stamped two seconds ahead; sinceTime one second ahead keeps only it
    file.append(['delta, later'], new Date(Date.now() + 2000));
    const since = new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.equal(await read({ sinceTime: since }), 'delta, later\n');
    assert.equal(await read({ tailLines: 2 }), 'gamma\ndelta, later\n');

    assert.equal(await read({ previous: true }), 'from the previous container\n');
  }));
