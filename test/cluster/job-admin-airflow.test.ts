// The real provider (the conformance venv: apache-airflow-providers-cncf-kubernetes 10.25.0, kubernetes 36.0.3) and
// `kubetasks launch` run the same KubernetesPatchJobOperator / KubernetesDeleteJobOperator / SparkKubernetesOperator
// calls against the same test cluster: same effect, same outcome (issue 13, docs/FIDELITY.md). The operators run their
// own `execute` with a minimal task-instance context; nothing is mocked on the cluster side.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { provisionAirflow } from '../conformance/airflow-judge.js';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { outcome, testJob } from '../harness/k8s/fixtures.js';
import { cli, lastLine } from './launch-harness.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Runs one operator's execute; prints {"ok": true, "result": …} or {"ok": false, "type": …, "status": …, "message": …}.
const driver = `
import json, os, sys
spec = json.loads(sys.argv[1])
from airflow.providers.cncf.kubernetes.operators import job, spark_kubernetes
cls = getattr(job, spec["operator"], None) or getattr(spark_kubernetes, spec["operator"])
class TI:
    dag_id = "d"; task_id = spec["kwargs"]["task_id"]; run_id = "r"; map_index = -1; try_number = 1
    def xcom_push(self, key, value): pass
class Dag:
    parent_dag = None
ti = TI()
op = cls(config_file=os.environ["KUBECONFIG"], **spec["kwargs"])
try:
    result = op.execute({"ti": ti, "task_instance": ti, "dag": Dag(), "run_id": "r"})
    print(json.dumps({"ok": True, "result": result}, default=str))
except Exception as e:
    print(json.dumps({"ok": False, "type": type(e).__name__, "status": getattr(e, "status", None), "message": str(e)}))
`;

interface AirflowRun {
  ok: boolean;
  result?: unknown;
  type?: string;
  status?: number;
  message?: string;
}

let python: string | undefined;

function airflow(t: TestNamespace, operator: string, kwargs: Record<string, unknown>): AirflowRun {
  python ??= provisionAirflow(REPO);
  const home = mkdtempSync(join(tmpdir(), 'kt-airflow-home-'));
  try {
    const run = spawnSync(python, ['-c', driver, JSON.stringify({ operator, kwargs })], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: t.env.kubeconfig, AIRFLOW_HOME: home },
      timeout: 120_000,
    });
    const line = lastLine(run.stdout ?? '');
    assert.ok(line.startsWith('{'), `the Airflow driver printed no result (exit ${run.status}): ${run.stderr}`);
    return JSON.parse(line) as AirflowRun;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function taskFile(name: string, operator: string, fields: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kt-vs-airflow-')), `${name}.task.yaml`);
  writeFileSync(file, `operator: ${operator}\ntask_id: ${name}\n${fields}\n`);
  return file;
}

async function suspended(t: TestNamespace, name: string): Promise<boolean | undefined> {
  return (await t.batch.readNamespacedJob({ namespace: t.namespace, name })).spec?.suspend;
}

test('patch job: a dict body and a list body patch as in Airflow; a refused patch fails in both', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob('held', { suspend: true }) });
    // Airflow: the dict body goes out as a strategic merge patch (not as a JSON Patch) and applies.
    const real = airflow(t, 'KubernetesPatchJobOperator', { task_id: 'p', name: 'held', namespace: t.namespace, body: { spec: { suspend: false } } });
    assert.equal(real.ok, true, real.message);
    assert.equal(await suspended(t, 'held'), false);
    const ours = await cli(t, ['launch', taskFile('p', 'KubernetesPatchJobOperator', `name: held\nnamespace: ${t.namespace}\nbody:\n  spec:\n    suspend: true`)]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(await suspended(t, 'held'), true);

    const badOps = [{ op: 'replace', path: '/spec/nope/deeper', value: 1 }];
    const realBad = airflow(t, 'KubernetesPatchJobOperator', { task_id: 'p', name: 'held', namespace: t.namespace, body: badOps });
    assert.deepEqual([realBad.ok, realBad.type, realBad.status], [false, 'ApiException', 422]);
    const oursBad = await cli(t, ['launch', taskFile('p', 'KubernetesPatchJobOperator', `name: held\nnamespace: ${t.namespace}\nbody: ${JSON.stringify(badOps)}`), '--output', 'json']);
    assert.equal(oursBad.code, 1, oursBad.stderr);
    assert.match((JSON.parse(lastLine(oursBad.stdout)) as { message: string }).message, /UnprocessableEntity|Invalid/);
  }));

test('delete job: delete_on_status Failed keeps a completed Job in Airflow and here; None deletes it in both', () =>
  withTestCluster(async (t) => {
    for (const name of ['a', 'b']) await t.batch.createNamespacedJob({ namespace: t.namespace, body: testJob(name, { podAnnotations: outcome(0) }) });
    const keep = { wait_for_completion: true, delete_on_status: 'Failed', poll_interval: 1 };
    assert.equal(airflow(t, 'KubernetesDeleteJobOperator', { task_id: 'd', name: 'a', namespace: t.namespace, ...keep }).ok, true);
    const ours = await cli(t, ['launch', taskFile('d', 'KubernetesDeleteJobOperator', `name: b\nnamespace: ${t.namespace}\nwait_for_completion: true\ndelete_on_status: Failed\npoll_interval: 1`)]);
    assert.equal(ours.code, 0, ours.stderr);
    const names = async (): Promise<string[]> => (await t.batch.listNamespacedJob({ namespace: t.namespace })).items.map((j) => j.metadata?.name ?? '').sort();
    assert.deepEqual(await names(), ['a', 'b']);

    assert.equal(airflow(t, 'KubernetesDeleteJobOperator', { task_id: 'd', name: 'a', namespace: t.namespace }).ok, true);
    const oursDelete = await cli(t, ['launch', taskFile('d', 'KubernetesDeleteJobOperator', `name: b\nnamespace: ${t.namespace}`)]);
    assert.equal(oursDelete.code, 0, oursDelete.stderr);
    // Neither sends a propagation policy: the Jobs go (orphaning their pods, the batch/v1 default).
    for (const name of ['a', 'b']) {
      const job = await t.batch.readNamespacedJob({ namespace: t.namespace, name }).catch(() => undefined);
      assert.ok(job === undefined || job.metadata?.deletionTimestamp, `job ${name} still there without a deletion`);
    }
  }));
