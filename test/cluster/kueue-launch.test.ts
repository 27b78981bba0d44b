// `kubetasks launch` of KubernetesStartKueueJobOperator tasks against the harness's real Kueue (issue 13): through
// `local-queue` the suspended Job waits for admission, is admitted and runs to its end on the real node; through
// `zero-quota-queue` it stays waiting, visibly, until Ctrl-C's on_kill deletes it and nothing is left.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';
import { awaitOutput, cli, spawnCli } from './launch-harness.js';

const KUEUE = { group: 'kueue.x-k8s.io', version: 'v1beta2' } as const;

/** A Kueue start-job task in `default` (where the harness's LocalQueues are), with a small CPU request. */
function kueueFile(name: string, queue: string, cmd: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kt-kueue-'));
  const file = join(dir, `${name}.task.yaml`);
  writeFileSync(file, [
    'operator: KubernetesStartKueueJobOperator', `task_id: ${name}`, `name: ${name}`, 'namespace: default', `queue_name: ${queue}`,
    'image: debian', `cmds: ["sh", "-c", "${cmd}"]`, 'wait_until_job_complete: true',
    'container_resources:', '  requests:', '    cpu: 100m', '    memory: 50Mi', '',
  ].join('\n'));
  return file;
}

interface Owned {
  metadata: { name: string; ownerReferences?: { name: string }[] };
}

async function workloadsOf(t: TestNamespace, job: string): Promise<Owned[]> {
  const list = (await t.custom.listNamespacedCustomObject({ ...KUEUE, namespace: 'default', plural: 'workloads' })) as { items: Owned[] };
  return list.items.filter((w) => w.metadata.ownerReferences?.some((o) => o.name === job));
}

/** Waits until the Job, its Workload and its pods are all gone from `default`. */
async function nothingLeft(t: TestNamespace, job: string): Promise<void> {
  await waitFor(`job ${job}, its Workload and pods gone`, 90_000, async () => {
    const jobs = await t.batch.listNamespacedJob({ namespace: 'default', fieldSelector: `metadata.name=${job}` });
    const pods = await t.core.listNamespacedPod({ namespace: 'default', labelSelector: `job-name=${job}` });
    return jobs.items.length === 0 && pods.items.length === 0 && (await workloadsOf(t, job)).length === 0;
  });
}

function jobName(stderr: string): string {
  const m = /kubetasks launch: job default\/(\S+)/.exec(stderr);
  assert.ok(m?.[1], `the job name in: ${stderr}`);
  return m[1];
}

test('a Kueue start-job waits for admission in local-queue, is admitted, then runs to its end with its logs', () =>
  withTestCluster(async (t) => {
    const run = await cli(t, ['launch', kueueFile('kueue-ok', 'local-queue', 'echo admitted and running')]);
    const name = jobName(run.stderr);
    try {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'admitted and running\n');
      const waiting = run.stderr.indexOf('[state] waiting for admission in queue local-queue');
      const admitted = run.stderr.indexOf(`[state] admitted by Kueue (queue local-queue): Job ${name} running`);
      assert.ok(waiting >= 0 && admitted > waiting, run.stderr);
      // never a "running" before the admission
      assert.doesNotMatch(run.stderr.slice(0, admitted), /\[state\].*running/);
      assert.match(run.stderr, new RegExp(`\\[state\\] Job ${name}: Complete`));
    } finally {
      await t.batch.deleteNamespacedJob({ namespace: 'default', name, propagationPolicy: 'Foreground' }).catch(() => undefined);
      await nothingLeft(t, name);
    }
  }));

test('a Kueue start-job on zero-quota-queue stays waiting; Ctrl-C deletes it and nothing is left on the cluster', () =>
  withTestCluster(async (t) => {
    const child = spawnCli(t, ['launch', kueueFile('kueue-wait', 'zero-quota-queue', 'echo never')]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await awaitOutput(child, /\[state\] waiting for admission in queue zero-quota-queue/);
    const name = jobName(stderr);
    try {
      // Kueue really holds it: its Workload is pending for want of quota, the Job suspended, no pods.
      await waitFor(`the Workload of ${name} pending`, 60_000, async () => {
        const list = (await t.custom.listNamespacedCustomObject({ ...KUEUE, namespace: 'default', plural: 'workloads' })) as { items: (Owned & { status?: { conditions?: { type: string; status: string }[] } })[] };
        const w = list.items.find((x) => x.metadata.ownerReferences?.some((o) => o.name === name));
        return w?.status?.conditions?.some((c) => c.type === 'QuotaReserved' && c.status === 'False') ?? false;
      });
      // Kueue's own reason reaches the state line (the Workload's QuotaReserved=False message).
      await waitFor("Kueue's reason on stderr", 60_000, async () => /\[state\] waiting for admission in queue zero-quota-queue: .*insufficient quota for cpu/.test(stderr));
      const job = await t.batch.readNamespacedJob({ namespace: 'default', name });
      assert.equal(job.spec?.suspend, true);
      assert.doesNotMatch(stderr, /\[state\].*running/);
      child.kill('SIGINT');
      assert.equal(await exited, 130, stderr);
      assert.match(stderr, /kubetasks launch: cancelled/);
      assert.match(stderr, new RegExp(`kubetasks launch: job default/${name} deleted`));
      assert.match(stderr, new RegExp(`kubetasks launch: workload default/job-${name}-\\w+ deleted`));
      await nothingLeft(t, name);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await t.batch.deleteNamespacedJob({ namespace: 'default', name, propagationPolicy: 'Foreground' }).catch(() => undefined);
    }
  }));
