// `kubetasks launch` on the real node: cancel (Ctrl-C / an AbortSignal) runs on_kill and leaves nothing behind,
// a launch whose CLI process was killed is reattached by `--run-id`, and 50 launch-and-cancel cycles leave no orphan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';
import { awaitOutput, cli, noPodsLeft, podsOf, spawnCli, taskFile } from './launch-harness.js';

test('cancel mid-run deletes the pod as on_kill does and exits 130, leaving nothing behind', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'long', 'termination_grace_period: 1\ncmds: ["sh", "-c", "echo started; sleep 300"]');
    const cancel = new AbortController();
    const running = cli(t, ['launch', file, '--output', 'json'], cancel.signal);
    await waitFor('the launched pod running', 60_000, async () => (await podsOf(t)).some((p) => p.status?.phase === 'Running'));
    cancel.abort();
    const run = await running;
    assert.equal(run.code, 130, run.stderr);
    const out = JSON.parse(run.stdout) as { outcome: string; objects: { state: string }[] };
    assert.deepEqual([out.outcome, out.objects[0]?.state], ['cancelled', 'deleted']);
    await noPodsLeft(t, 30_000);
  }));

test('after the CLI process is killed, launch --run-id reattaches to the running pod instead of creating another', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'reattach', 'cmds: ["sh", "-c", "for i in 1 2 3 4 5 6; do echo line $i; sleep 1; done"]');
    const child = spawnCli(t, ['launch', file]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const runId = (await awaitOutput(child, /run id (\S+)/)).replace('run id ', '');
    const podLine = await awaitOutput(child, /pod \S+\/(\S+)\n/);
    await awaitOutput(child, /line 1\n/);
    child.kill('SIGKILL');
    await exited;
    const first = podLine.trim().split('/').pop();
    const run = await cli(t, ['launch', file, '--run-id', runId]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`Reusing existing pod '${first}'`));
    assert.match(run.stdout, /line 6\n$/);
    await noPodsLeft(t);
  }));

test('50 launch-and-cancel cycles with termination_grace_period 1 leave no orphans (within 3 minutes)', { timeout: 200_000 }, () =>
  withTestCluster(async (t) => {
    const started = Date.now();
    const file = taskFile(t, 'cycle', 'termination_grace_period: 1\ncmds: ["sleep", "300"]');
    for (let i = 0; i < 50; i++) {
      const cancel = new AbortController();
      const running = cli(t, ['launch', file], cancel.signal);
      // even cycles cancel while the create is in flight, odd ones once the pod exists
      if (i % 2 === 0) setImmediate(() => cancel.abort());
      else await waitFor(`cycle ${i}: the pod exists`, 30_000, async () => (await podsOf(t)).some((p) => !p.metadata?.deletionTimestamp));
      cancel.abort();
      const run = await running;
      assert.equal(run.code, 130, `cycle ${i}: ${run.stderr}`);
    }
    await noPodsLeft(t, Math.max(1000, 180_000 - (Date.now() - started)));
    assert.ok(Date.now() - started <= 180_000, `took ${Date.now() - started} ms`);
  }));

test('Ctrl-C (SIGINT) on the CLI process runs on_kill, then the process exits 130', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'sigint', 'termination_grace_period: 1\ncmds: ["sh", "-c", "echo up; sleep 300"]');
    const child = spawnCli(t, ['launch', file]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await awaitOutput(child, /up\n/);
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    await noPodsLeft(t, 30_000);
  }));
