/**
 * Every example task of examples/, launched from the real editor through `executeCommand('kubetasks.launchTask', uri,
 * taskId)` on the test cluster (its real node, Kueue and the stand-in Spark operator), ends as examples/README.md's
 * table says: succeeds (with its XCom), fails or is skipped as Airflow would (with the message), ends in a cluster
 * error Airflow would hit on any cluster, is not launched (with the located problem), or, for Spark, runs until
 * cancelled (no Spark runtime here). The objects the examples expect (Secrets, ConfigMaps, PVC, PriorityClass) are
 * those npm start creates in its cluster (scripts/example-objects.ts); they are created here and deleted afterwards.
 * Rows run in table order: patch-job and delete-job act on the Job job.task.yaml's job-task-named created.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { createKubeClient, type KubeClient, type KubeObject } from '../../../src/kube/index.js';
import type { LaunchOutcome } from '../../../src/tasks/index.js';
import { applyExampleObjects, deleteExampleObjects } from '../../../scripts/example-objects.js';

type Expect =
  | { outcome: 'success' | 'failed' | 'skipped' | 'error'; xcom?: unknown; message?: RegExp }
  /** Launch refuses before creating anything; `code` is the located problem when there is one. */
  | { outcome: 'not launched'; code?: string }
  /** Runs until cancelled: the SparkApplication reaches RUNNING, then Cancel ends the launch. */
  | { outcome: 'cancelled after RUNNING' };

interface Row { file: string; task: string; expect: Expect }

/** examples/README.md's table, row for row. */
const TABLE: Row[] = [
  { file: 'write-xcom.task.yaml', task: 'write-xcom', expect: { outcome: 'success', xcom: [1, 2, 3, 4] } },
  { file: 'write-xcom.task.yaml', task: 'kubernetes_write_xcom_task_async', expect: { outcome: 'success', xcom: [1, 2, 3, 4] } },
  { file: 'dry-run-demo.task.yaml', task: 'dry_run_demo', expect: { outcome: 'success', xcom: null } },
  { file: 'termination-log.task.yaml', task: 'test_error_message', expect: { outcome: 'failed', message: /returned a failure\.\nCustom error/ } },
  { file: 'log-ticks.task.yaml', task: 'log-ticks', expect: { outcome: 'success', xcom: null } },
  { file: 'skip-on-exit-code.task.yaml', task: 'skip_when_no_new_data', expect: { outcome: 'skipped', message: /returned exit code 100\. Skipping\./ } },
  { file: 'private-image.task.yaml', task: 'task-two', expect: { outcome: 'success' } },
  { file: 'private-image.task.yaml', task: 'kubernetes_private_img_task_async', expect: { outcome: 'success' } },
  { file: 'secrets-volumes-affinity.task.yaml', task: 'task', expect: { outcome: 'success' } },
  { file: 'async-log-loop.task.yaml', task: 'kubernetes_task_async_log', expect: { outcome: 'error', message: /namespaces "kubernetes_task_async_log" not found/ } },
  { file: 'job.task.yaml', task: 'job-task', expect: { outcome: 'success' } },
  { file: 'job.task.yaml', task: 'job-task-def', expect: { outcome: 'success', message: /state: Complete/ } },
  { file: 'job.task.yaml', task: 'job-task-named', expect: { outcome: 'success' } },
  { file: 'patch-job.task.yaml', task: 'update-job-task', expect: { outcome: 'success', message: /job-test-pi patched/ } },
  { file: 'delete-job.task.yaml', task: 'delete_job_task', expect: { outcome: 'success', message: /job-test-pi deleted/ } },
  { file: 'kueue.task.yaml', task: 'install_kueue', expect: { outcome: 'not launched' } },
  { file: 'kueue.task.yaml', task: 'kueue_job', expect: { outcome: 'success', message: /state: Complete/ } },
  { file: 'spark-yaml.task.yaml', task: 'spark_task', expect: { outcome: 'cancelled after RUNNING' } },
  { file: 'spark-json.task.yaml', task: 'spark_task', expect: { outcome: 'cancelled after RUNNING' } },
  { file: 'dags/kpo_example_dag.py', task: 'extract', expect: { outcome: 'not launched', code: 'KT4712' } },
  { file: 'dags/kpo_example_dag.py', task: 'load_orders', expect: { outcome: 'not launched', code: 'KT4712' } },
  { file: 'dags/kpo_example_dag.py', task: 'load_customers', expect: { outcome: 'not launched', code: 'KT4712' } },
  { file: 'dags/kpo_example_dag.py', task: 'report', expect: { outcome: 'error', message: /namespaces "etl" not found/ } },
];

const SPARK = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication' };

function exampleUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host opens the examples folder');
  return vscode.Uri.joinPath(folder.uri, ...file.split('/'));
}

const launch = (row: Row): Thenable<LaunchOutcome | undefined> =>
  vscode.commands.executeCommand<LaunchOutcome | undefined>('kubetasks.launchTask', exampleUri(row.file), row.task);

/** Resolves once the launch's diagnostics hold `code`. */
function untilLaunchProblem(uri: vscode.Uri, code: string): Promise<void> {
  const has = (): boolean => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'kubetasks-launch' && d.code === code);
  return new Promise((resolve) => {
    if (has()) return resolve();
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!has()) return;
      sub.dispose();
      resolve();
    });
  });
}

/** Resolves with the name of the first SparkApplication not in `before` that reaches RUNNING. */
async function untilSparkRunning(client: KubeClient, before: Set<string>): Promise<string> {
  const stop = new AbortController();
  try {
    for await (const event of client.watch(SPARK, { namespace: 'default', signal: stop.signal })) {
      if (!('object' in event)) continue;
      const app = event.object as KubeObject & { status?: { applicationState?: { state?: string } } };
      const name = app.metadata?.name ?? '';
      if (!before.has(name) && app.status?.applicationState?.state === 'RUNNING') return name;
    }
    throw new Error('the watch ended');
  } finally {
    stop.abort();
  }
}

/** What the launches left behind: a KubernetesJobOperator keeps its Job, and delete-job orphans the Job's pods. */
const kept: Array<{ kind: string; namespace: string; name: string }> = [];

async function check(client: KubeClient, row: Row): Promise<void> {
  const { expect } = row;
  if (expect.outcome === 'cancelled after RUNNING') {
    const before = new Set((await client.list(SPARK, { namespace: 'default' })).items.map((a) => a.metadata?.name ?? ''));
    const launched = launch(row);
    const app = await untilSparkRunning(client, before);
    await vscode.commands.executeCommand('kubetasks.cancelLaunch');
    const outcome = await launched;
    assert.equal(outcome?.outcome, 'cancelled', outcome?.message);
    assert.ok(outcome.objects.some((o) => o.kind === 'SparkApplication' && o.name === app && o.state === 'deleted'), JSON.stringify(outcome.objects));
    return;
  }
  if (expect.outcome === 'not launched') {
    const refused = expect.code ? untilLaunchProblem(exampleUri(row.file), expect.code) : Promise.resolve();
    assert.equal(await launch(row), undefined, 'nothing was launched');
    await refused;
    return;
  }
  const outcome = await launch(row);
  assert.ok(outcome, 'the launch ran');
  // a Workload or a SparkApplication goes with its owner
  kept.push(...outcome.objects.filter((o) => o.state === 'kept' && (o.kind === 'Job' || o.kind === 'Pod')));
  assert.equal(outcome.outcome, expect.outcome, outcome.message);
  if ('xcom' in expect) assert.deepEqual(outcome.xcom, expect.xcom);
  if (expect.message) assert.match(outcome.message, expect.message);
}

/** Deletes what the launches kept, Jobs with their pods. */
async function deleteKept(client: KubeClient): Promise<void> {
  for (const o of kept) {
    const kind = { apiVersion: o.kind === 'Job' ? 'batch/v1' : 'v1', kind: o.kind };
    await client.delete(kind, o.name, { namespace: o.namespace, propagationPolicy: 'Background' }).catch(() => undefined);
  }
}

suite('examples/README.md: every example task on the cluster', function () {
  // Jobs compute 2000 digits of pi on the real node; Kueue admits before the Job runs
  this.timeout(240_000);
  let client: KubeClient;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('kubetasks.kubetasks')?.activate();
    const kubeconfig = vscode.workspace.getConfiguration('kubetasks').get<string>('kubeconfig') ?? '';
    assert.ok(kubeconfig !== '', 'kubetasks.kubeconfig names the test cluster');
    client = createKubeClient(readFileSync(kubeconfig, 'utf8'));
    await applyExampleObjects(client, join(dirname(kubeconfig), 'volumes', 'test-volume'));
  });

  suiteTeardown(async () => {
    await deleteKept(client);
    await deleteExampleObjects(client);
    client.close();
  });

  for (const row of TABLE) {
    test(`${row.file} ${row.task}: ${row.expect.outcome}`, () => check(client, row));
  }
});
