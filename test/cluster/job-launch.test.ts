// `kubetasks launch` of KubernetesJobOperator tasks on the real node (issue 13): the provider docs' pi Job with its
// logs, a Job of two pods with an XCom each, and a failing Job with the reason of its Failed condition.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';
import { awaitOutput, cli, podsOf, spawnCli } from './launch-harness.js';

const example = (name: string): string => join(process.cwd(), 'examples', name);

/** A task file of one KubernetesJobOperator task in the test's namespace (`fields` as YAML lines). */
function jobFile(t: TestNamespace, name: string, fields: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kt-job-'));
  const file = join(dir, `${name}.task.yaml`);
  writeFileSync(file, `operator: KubernetesJobOperator\ntask_id: ${name}\nname: ${name}\nnamespace: ${t.namespace}\nimage: debian\n${fields}\n`);
  return file;
}

interface JsonOutcome {
  outcome: string;
  exitCode: number | null;
  reason: string | null;
  message: string;
  xcom: unknown;
  objects: { kind: string; name: string; state: string }[];
}

test("the provider docs' pi Job prints 2000 digits of pi from the real node and exits 0", () =>
  withTestCluster(async (t) => {
    const run = await cli(t, ['launch', example('job.task.yaml'), '--task', 'job-task', '--namespace', t.namespace]);
    assert.equal(run.code, 0, run.stderr);
    // One pod, one container: the log lines as they are, no prefix.
    assert.match(run.stdout, /^3\.14159265358979323846\d{1900,}\n$/);
    // Airflow's warning: without wait_until_job_complete the task ends once the Job exists; we follow it anyway.
    assert.match(run.stderr, /Getting Logs and pushing to XCom are available only with parameter `wait_until_job_complete=True`/);
    assert.match(run.stderr, /kubetasks launch: job \S+\/job-test-pi-\w+ kept/);
    const jobs = await t.batch.listNamespacedJob({ namespace: t.namespace });
    assert.equal(jobs.items.length, 1);
    assert.equal(jobs.items[0]?.status?.succeeded, 1);
  }));

test('a Job of parallelism 2 returns one XCom per pod and deletes its pods (on_finish_action)', () =>
  withTestCluster(async (t) => {
    const file = jobFile(t, 'two-xcoms', [
      'wait_until_job_complete: true', 'do_xcom_push: true', 'parallelism: 2', 'completions: 2', 'job_poll_interval: 1',
      `cmds: ["sh", "-c", "echo from $(hostname); printf '{\\"pod\\": \\"%s\\"}' $(hostname) > /airflow/xcom/return.json"]`,
    ].join('\n'));
    const run = await cli(t, ['launch', file, '--output', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as JsonOutcome;
    assert.equal(out.outcome, 'success');
    const pods = out.objects.filter((o) => o.kind === 'Pod').map((o) => o.name).sort();
    assert.equal(pods.length, 2, run.stderr);
    assert.deepEqual(out.xcom, pods.map((pod) => ({ pod })));
    assert.deepEqual(out.objects.map((o) => `${o.kind}:${o.state}`).sort(), ['Job:kept', 'Pod:deleted', 'Pod:deleted']);
    // Logs of several pods are prefixed with pod/container (json mode: on stderr).
    for (const pod of pods) assert.match(run.stderr, new RegExp(`^${pod}/base \\| from ${pod}$`, 'm'));
    await waitFor('the Job pods deleted', 60_000, async () => (await podsOf(t)).length === 0);
  }));

test("a failing Job is followed through its retry and fails with its Failed condition's reason (exit 1)", () =>
  withTestCluster(async (t) => {
    const file = jobFile(t, 'fails', ['wait_until_job_complete: true', 'backoff_limit: 1', 'on_finish_action: keep_pod', 'cmds: ["sh", "-c", "echo about to fail; exit 3"]'].join('\n'));
    const run = await cli(t, ['launch', file]);
    assert.equal(run.code, 1, run.stderr);
    // The retry's pod is followed too; from the second pod on, lines carry pod/container.
    const lines = run.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 2, run.stdout);
    assert.equal(lines[0], 'about to fail');
    assert.match(lines[1] ?? '', /^job-fails-\w+-\w+\/base \| about to fail$/);
    assert.match(run.stderr, /kubetasks launch: failed \(exit code 3, BackoffLimitExceeded\): Kubernetes job 'job-fails-\w+' is failed with error 'BackoffLimitExceeded'\n.*backoff limit/);
    // keep_pod: the failed pods stay, marked already_checked as Airflow's cleanup does.
    const pods = await podsOf(t);
    assert.equal(pods.length, 2);
    for (const pod of pods) assert.equal(pod.metadata?.labels?.['already_checked'], 'True');
  }));

test('Ctrl-C on a running Job is on_kill: the Job is deleted (Foreground) with its pod, the CLI exits 130', () =>
  withTestCluster(async (t) => {
    const file = jobFile(t, 'long', ['wait_until_job_complete: true', 'cmds: ["sh", "-c", "echo started; sleep 600"]'].join('\n'));
    const child = spawnCli(t, ['launch', file]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      await awaitOutput(child, /^started$/m);
      child.kill('SIGINT');
      assert.equal(await exited, 130, stderr);
      assert.match(stderr, /kubetasks launch: job \S+ deleted/);
      assert.match(stderr, /kubetasks launch: pod \S+ deleted/);
      await waitFor('the Job and its pod gone', 90_000, async () =>
        (await t.batch.listNamespacedJob({ namespace: t.namespace })).items.length === 0 && (await podsOf(t)).length === 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }));
