// `kubetasks launch` on the real node: each on_finish_action, the already_checked label, a fatal image error failing
// fast, and the schedule/startup timeout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { cli, noPodsLeft, podsOf, taskFile } from './launch-harness.js';

interface Out {
  outcome: string;
  exitCode: number | null;
  reason: string | null;
  message: string;
  objects: { name: string; state: string }[];
}

async function launchJson(t: TestNamespace, name: string, fields: string): Promise<{ code: number; out: Out; stderr: string }> {
  const run = await cli(t, ['launch', taskFile(t, name, fields), '--output', 'json']);
  return { code: run.code, out: JSON.parse(run.stdout) as Out, stderr: run.stderr };
}

/** The one pod left in the namespace, with its already_checked label. */
async function keptPod(t: TestNamespace): Promise<{ name: string; checked: string | undefined }> {
  const pods = await podsOf(t);
  assert.equal(pods.length, 1, `pods: ${pods.map((p) => p.metadata?.name).join(', ')}`);
  return { name: pods[0]?.metadata?.name ?? '', checked: pods[0]?.metadata?.labels?.['already_checked'] };
}

test('on_finish_action=delete_pod deletes a failed pod too', () =>
  withTestCluster(async (t) => {
    const { code, out } = await launchJson(t, 'del-failed', 'on_finish_action: delete_pod\ncmds: ["sh", "-c", "exit 2"]');
    assert.deepEqual([code, out.outcome, out.exitCode], [1, 'failed', 2]);
    assert.equal(out.objects[0]?.state, 'deleted');
    await noPodsLeft(t);
  }));

test('on_finish_action=delete_succeeded_pod keeps a failed pod, labelled already_checked=True', () =>
  withTestCluster(async (t) => {
    const { code, out } = await launchJson(t, 'keep-failed', 'on_finish_action: delete_succeeded_pod\ncmds: ["sh", "-c", "exit 1"]');
    assert.deepEqual([code, out.outcome], [1, 'failed']);
    const kept = await keptPod(t);
    assert.deepEqual([kept.name, kept.checked, out.objects[0]?.state], [out.objects[0]?.name, 'True', 'kept']);
  }));

test('on_finish_action=delete_succeeded_pod deletes a succeeded pod', () =>
  withTestCluster(async (t) => {
    const { code, out } = await launchJson(t, 'del-ok', 'on_finish_action: delete_succeeded_pod\ncmds: ["true"]');
    assert.deepEqual([code, out.outcome, out.objects[0]?.state], [0, 'success', 'deleted']);
    await noPodsLeft(t);
  }));

test('on_finish_action=delete_active_pod keeps a pod that already completed', () =>
  withTestCluster(async (t) => {
    const { code, out } = await launchJson(t, 'active', 'on_finish_action: delete_active_pod\ncmds: ["true"]');
    assert.deepEqual([code, out.outcome], [0, 'success']);
    const kept = await keptPod(t);
    assert.deepEqual([kept.name, kept.checked], [out.objects[0]?.name, 'True']);
  }));

test('on_finish_action=keep_pod keeps a succeeded pod, labelled already_checked=True', () =>
  withTestCluster(async (t) => {
    const { code, out } = await launchJson(t, 'keeper', 'on_finish_action: keep_pod\ncmds: ["sh", "-c", "echo kept"]');
    assert.deepEqual([code, out.outcome, out.objects[0]?.state], [0, 'success', 'kept']);
    const kept = await keptPod(t);
    assert.equal(kept.checked, 'True');
  }));

test('a fatal image error (InvalidImageName) fails fast, long before the startup timeout', () =>
  withTestCluster(async (t) => {
    const started = Date.now();
    const { code, out } = await launchJson(t, 'bad-image', 'image: "INVALID//Image:x"\nstartup_timeout_seconds: 600\ncmds: ["true"]');
    assert.deepEqual([code, out.outcome], [1, 'failed']);
    assert.match(out.message, /InvalidImageName/);
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
    await noPodsLeft(t);
  }));

test('a pod that cannot be scheduled fails with the schedule timeout (PodLaunchTimeoutException)', () =>
  withTestCluster(async (t) => {
    const started = Date.now();
    const { code, out } = await launchJson(t, 'unschedulable', 'node_selector: {no-such-label: "x"}\nstartup_timeout_seconds: 3\ncmds: ["true"]');
    assert.deepEqual([code, out.outcome], [1, 'failed']);
    assert.match(out.message, /took too long to be scheduled on the cluster, giving up\. More than 3s/);
    assert.ok(Date.now() - started >= 3000);
    await noPodsLeft(t);
  }));
