// kube-apiserver restarts mid-watch and mid-follow (etcd keeps the data). A watch resumed from the last
// resourceVersion it saw, and a log follow resumed with sinceTime, lose nothing. Later runtime work
// builds its zero-loss proof on this.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Watch } from '@kubernetes/client-node';
import type { V1Pod, V1Status } from '@kubernetes/client-node';
import { controlApiserver, controlPlaneSettled, withTestCluster } from '../harness/k8s/cluster.js';
import { testPod } from '../harness/k8s/fixtures.js';
import { createPodLogs, followPodLog } from '../harness/k8s/pod-logs.js';
import { waitFor, watchUntil } from '../harness/k8s/wait.js';

// Whatever runs after the restart pass (the airflow and host phases) meets a KCM that serves new namespaces again.
after(controlPlaneSettled, { timeout: 300_000 });

/** Lines of a timestamps=true log text as [stamp, text]. */
function stamped(text: string): [string, string][] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]);
}

test('after a kube-apiserver restart, a watch resumes (re-listing on 410 Expired) and a log follow resumes from sinceTime, losing nothing', () =>
  withTestCluster(async (t) => {
    await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod('steady') });
    await waitFor('pod steady Running', 30_000, async () => (await t.core.readNamespacedPod({ namespace: t.namespace, name: 'steady' })).status?.phase === 'Running');
    const file = await createPodLogs(t, 'steady', 'base');
    file.append(['one', 'two']);

    // 1. an open watch and an open follow
    let lastRV = (await t.core.listNamespacedPod({ namespace: t.namespace })).metadata?.resourceVersion ?? '';
    const seen: string[] = [];
    let watchEnded = false;
    const abort = await new Watch(t.kc).watch(
      `/api/v1/namespaces/${t.namespace}/pods`,
      { resourceVersion: lastRV, allowWatchBookmarks: true },
      (type, obj: V1Pod) => {
        lastRV = obj.metadata?.resourceVersion ?? lastRV;
        if (type !== 'BOOKMARK') seen.push(`${type} ${obj.metadata?.name}`);
      },
      () => {
        watchEnded = true;
      },
    );
    const follow = await followPodLog(t, 'steady', 'base', { timestamps: true });
    await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod('before') });
    await waitFor('watch sees pod before', 10_000, async () => seen.includes('ADDED before'));
    await follow.waitForText(' two\n', 10_000);

    // 2. restart kube-apiserver; the log keeps growing while it is down
    controlApiserver('apiserver-stop');
    await waitFor('the open watch to end with the server', 30_000, async () => watchEnded);
    await waitFor('the open follow to end with the server', 30_000, async () => follow.ended());
    file.append(['three (apiserver down)', 'four (apiserver down)']);
    controlApiserver('apiserver-start');
    abort.abort();
    const before = follow.text();
    follow.close();

    // 3. resume the watch. A change made before it is reopened must not be lost. The restarted server's
    // watch cache starts at the current revision, so an older resourceVersion is answered 410 Expired
    // ("too old resource version"), as on any real cluster; the client then re-lists and watches on.
    await waitFor('API back', 30_000, async () => (await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod('in-gap') })) !== undefined);
    const path = `/api/v1/namespaces/${t.namespace}/pods`;
    const isAdded = (e: { type: string; object: V1Pod }, name: string) => e.type === 'ADDED' && e.object.metadata?.name === name;
    const resumed = await watchUntil<V1Pod>(t.kc, path, { resourceVersion: lastRV }, (ev) => ev.some((e) => e.type === 'ERROR' || isAdded(e, 'in-gap')), 30_000);
    const expired = resumed.find((e) => e.type === 'ERROR')?.object as V1Status | undefined;
    let known: string[];
    if (expired) {
      assert.equal(expired.code, 410, `resume answered ${JSON.stringify(expired)}`);
      const list = await t.core.listNamespacedPod({ namespace: t.namespace });
      known = list.items.map((p) => p.metadata?.name ?? '');
      lastRV = list.metadata?.resourceVersion ?? '';
    } else {
      assert.ok(!resumed.some((e) => isAdded(e, 'before')), 'nothing replayed from before the resume point');
      known = resumed.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata?.name ?? '');
      lastRV = resumed.at(-1)?.object.metadata?.resourceVersion ?? lastRV;
    }
    assert.ok(known.includes('in-gap'), `the change made while no watch was open is seen (${known.join(', ')})`);
    await watchUntil<V1Pod>(t.kc, path, { resourceVersion: lastRV }, (ev) => ev.some((e) => isAdded(e, 'after')), 30_000, async () => {
      await t.core.createNamespacedPod({ namespace: t.namespace, body: testPod('after') });
    });

    // 4. resume the follow at the last stamp seen (sinceTime has whole seconds: drop what we already have)
    const had = stamped(before);
    const lastStamp = had.at(-1)?.[0] ?? '';
    const again = await followPodLog(t, 'steady', 'base', { timestamps: true, sinceTime: lastStamp.replace(/\.\d+Z$/, 'Z') });
    try {
      file.append(['five (after restart)']);
      await again.waitForText(' five (after restart)\n', 15_000);
      const fresh = stamped(again.text()).filter(([s]) => s > lastStamp);
      const all = [...had, ...fresh].map(([, text]) => text);
      assert.deepEqual(all, ['one', 'two', 'three (apiserver down)', 'four (apiserver down)', 'five (after restart)']);
    } finally {
      again.close();
    }
  }));
