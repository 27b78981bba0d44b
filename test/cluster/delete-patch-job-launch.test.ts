// `kubetasks launch` of KubernetesDeleteJobOperator and KubernetesPatchJobOperator tasks against the real
// kube-apiserver (issue 13): the CLI, runTask, the driver in src/kube and the machine in src/tasks, on Jobs the test
// creates (their pods run on kwok's node, which ends them as the outcome annotations say).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { outcome, testJob } from '../harness/k8s/fixtures.js';
import { waitFor } from '../harness/k8s/wait.js';
import { cli, lastLine } from './launch-harness.js';

/** A task file of one task (`fields` as YAML lines after operator and task_id). */
function taskFile(name: string, operator: string, fields: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kt-jobadmin-')), `${name}.task.yaml`);
  writeFileSync(file, `operator: ${operator}\ntask_id: ${name}\n${fields}\n`);
  return file;
}

async function jobExists(t: TestNamespace, name: string): Promise<boolean> {
  try {
    await t.batch.readNamespacedJob({ namespace: t.namespace, name });
    return true;
  } catch {
    return false;
  }
}

function json(stdout: string): { outcome: string; message: string; xcom: unknown; objects: unknown[] } {
  return JSON.parse(lastLine(stdout)) as { outcome: string; message: string; xcom: unknown; objects: unknown[] };
}

test('delete job with wait_for_completion and delete_on_status Complete: polls until Complete, then deletes it', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('pi', { podAnnotations: outcome(0, { delay: '3s' }) }) });
    const file = taskFile('delete_pi', 'KubernetesDeleteJobOperator', `name: pi\nnamespace: ${t.namespace}\nwait_for_completion: true\ndelete_on_status: Complete\npoll_interval: 1.0`);
    const run = await cli(t, ['launch', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /\[info\] The job 'pi' is incomplete\. Sleeping for 1 sec\./);
    assert.match(run.stderr, /\[info\] The job 'pi' state: Complete at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00\n/);
    assert.match(run.stderr, /\[info\] Deleting kubernetes Job: pi\n[^]*\[info\] Kubernetes job was deleted\./);
    await waitFor('job pi gone', 30_000, async () => !(await jobExists(t, 'pi')));
  }));

test('delete_on_status Failed leaves a completed job; a job that does not exist is a success', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('done', { podAnnotations: outcome(0) }) });
    const file = taskFile('delete_failed', 'KubernetesDeleteJobOperator', `name: done\nnamespace: ${t.namespace}\nwait_for_completion: true\ndelete_on_status: Failed\npoll_interval: 1`);
    const run = await cli(t, ['launch', file, '--output', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(json(run.stdout).message, 'Deletion of the job done was skipped due to settings of on_status=Failed');
    assert.equal(await jobExists(t, 'done'), true);

    const missing = taskFile('delete_missing', 'KubernetesDeleteJobOperator', `name: nothing-here\nnamespace: ${t.namespace}`);
    const gone = await cli(t, ['launch', missing, '--output', 'json']);
    assert.equal(gone.code, 0, gone.stderr);
    assert.deepEqual({ ...json(gone.stdout), xcom: null }, { ...json(gone.stdout), outcome: 'success', message: 'The Kubernetes job nothing-here does not exist.', objects: [] });
  }));

test('delete_on_status Failed deletes a failed job', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('bad', { podAnnotations: outcome(3) }) });
    const file = taskFile('delete_bad', 'KubernetesDeleteJobOperator', `name: bad\nnamespace: ${t.namespace}\nwait_for_completion: true\ndelete_on_status: Failed\npoll_interval: 1`);
    const run = await cli(t, ['launch', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /The job 'bad' state: Failed at /);
    await waitFor('job bad gone', 30_000, async () => !(await jobExists(t, 'bad')));
  }));

test('patch job as Airflow sends it: resume with a dict body (strategic merge), suspend with a list (JSON Patch)', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('held', { suspend: true }) });
    const resume = taskFile('resume', 'KubernetesPatchJobOperator', `name: held\nnamespace: ${t.namespace}\nbody:\n  spec:\n    suspend: false`);
    const resumed = await cli(t, ['launch', resume, '--output', 'json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    // The XCom is V1Job.to_dict(): snake_case keys.
    const xcom = json(resumed.stdout).xcom as { spec: { suspend: boolean; backoff_limit: number }; metadata: { name: string } };
    assert.equal(xcom.spec.suspend, false);
    assert.equal(xcom.spec.backoff_limit, 0);
    assert.equal(xcom.metadata.name, 'held');
    await waitFor('a pod of the resumed job', 30_000, async () => (await t.core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'job-name=held' })).items.length > 0);

    const suspend = taskFile('suspend', 'KubernetesPatchJobOperator', `name: held\nnamespace: ${t.namespace}\nbody:\n  - op: replace\n    path: /spec/suspend\n    value: true`);
    const suspended = await cli(t, ['launch', suspend]);
    assert.equal(suspended.code, 0, suspended.stderr);
    assert.match(suspended.stderr, /\[info\] Updating existing Job: held\n[^]*\[info\] Job was updated\./);
    assert.equal((await t.batch.readNamespacedJob({ namespace: t.namespace, name: 'held' })).spec?.suspend, true);
  }));

test('a patch the server refuses fails the task with the server message and a hint', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('held', { suspend: true }) });
    const badPath = taskFile('bad_path', 'KubernetesPatchJobOperator', `name: held\nnamespace: ${t.namespace}\nbody:\n  - op: replace\n    path: /spec/nope/deeper\n    value: 1`);
    const refused = await cli(t, ['launch', badPath, '--output', 'json']);
    assert.equal(refused.code, 1, refused.stderr);
    const out = json(refused.stdout);
    assert.equal(out.outcome, 'failed');
    assert.match(out.message, /Error from server \(UnprocessableEntity\)|Error from server \(Invalid\)|Unprocessable/);
    assert.match(out.message, /\nHint: a list `body` is sent as a JSON Patch \(Content-Type application\/json-patch\+json\)/);

    const badValue = taskFile('bad_value', 'KubernetesPatchJobOperator', `name: held\nnamespace: ${t.namespace}\nbody:\n  spec:\n    parallelism: -1`);
    const invalid = await cli(t, ['launch', badValue, '--output', 'json']);
    assert.equal(invalid.code, 1, invalid.stderr);
    assert.match(json(invalid.stdout).message, /spec\.parallelism[\s\S]*\nHint: a dict `body` is sent as a strategic merge patch/);
  }));
