// `kubetasks xcom POD` and `kubetasks logs POD|FILE` against pods that `kubetasks launch --no-follow` left running
// on the real node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';
import { cli, podsOf, taskFile } from './launch-harness.js';

test('kubetasks xcom POD reads the XCom of a pod as Airflow does', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'xcom-read', 'do_xcom_push: true\ncmds: ["sh", "-c", "echo \'{\\"a\\": [1, 2]}\' > /airflow/xcom/return.json"]');
    const launched = await cli(t, ['launch', file, '--no-follow']);
    assert.equal(launched.code, 0, launched.stderr);
    const name = await waitFor('the base container done, the sidecar running', 60_000, async () => {
      const pod = (await podsOf(t))[0];
      const states = Object.fromEntries((pod?.status?.containerStatuses ?? []).map((s) => [s.name, s.state]));
      return states['base']?.terminated && states['airflow-xcom-sidecar']?.running ? pod?.metadata?.name : undefined;
    });
    const read = await cli(t, ['xcom', name, '--namespace', t.namespace]);
    assert.deepEqual([read.code, read.stdout], [0, '{"a":[1,2]}\n'], read.stderr);
  }));

test('kubetasks logs POD --follow and logs FILE print every line of the container once', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'chatty', 'cmds: ["sh", "-c", "for i in $(seq 1 50); do echo n$i; done; sleep 2; echo last"]');
    const launched = await cli(t, ['launch', file, '--no-follow']);
    assert.equal(launched.code, 0, launched.stderr);
    const name = await waitFor('the pod running', 60_000, async () => {
      const pod = (await podsOf(t))[0];
      return pod?.status?.phase === 'Running' || pod?.status?.phase === 'Succeeded' ? pod.metadata?.name : undefined;
    });
    const expected = [...Array.from({ length: 50 }, (_, i) => `n${i + 1}`), 'last'];
    const followed = await cli(t, ['logs', name, '--namespace', t.namespace, '--follow']);
    assert.deepEqual([followed.code, followed.stdout.split('\n').filter(Boolean)], [0, expected], followed.stderr);
    const byFile = await cli(t, ['logs', file, '--tail', '1']);
    assert.deepEqual([byFile.code, byFile.stdout], [0, 'last\n'], byFile.stderr);
  }));
