import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'kubetasks-list-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = { cwd: dir, stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } };
  return { out, io };
}

writeFileSync(join(dir, 'etl.py'), `import os
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator, KubernetesDeleteJobOperator
from airflow.providers.cncf.kubernetes.secret import Secret

with DAG("etl", default_args={"namespace": "etl"}):
    job = KubernetesJobOperator(task_id="load", name="load", image="perl", secrets=[Secret("env", "DB", "db", "url")],
                                labels={"team": os.environ["TEAM"]})
    cleanup = KubernetesDeleteJobOperator(task_id="cleanup", name=job.output["job_name"])
`);
writeFileSync(join(dir, 'one.task.yaml'), 'operator: KubernetesPodOperator\ntask_id: hello\nimage: busybox\n');

test('kubetasks list DAG.py prints each call with params, unevaluated notes and dependencies', async () => {
  const { out, io } = capture();
  assert.equal(await main(['list', 'etl.py'], io), 0);
  const listed = JSON.parse(out.stdout) as { file: string; tasks: Array<Record<string, unknown>> };
  assert.equal(listed.file, 'etl.py');
  assert.deepEqual(listed.tasks.map((t) => [t['task_id'], t['operator'], t['line'], t['column']]), [
    ['load', 'KubernetesJobOperator', 7, 11],
    ['cleanup', 'KubernetesDeleteJobOperator', 9, 15],
  ]);
  const [load, cleanup] = listed.tasks;
  assert.deepEqual(load!['params'], {
    namespace: 'etl',
    task_id: 'load',
    name: 'load',
    image: 'perl',
    secrets: [{ deploy_type: 'env', deploy_target: 'DB', secret: 'db', key: 'url' }],
  });
  const notes = load!['unevaluated'] as Array<{ name: string; line: number; column: number; reason: string }>;
  assert.deepEqual(notes.map((n) => [n.name, n.line, n.column]), [['labels', 8, 49]]);
  assert.match(notes[0]!.reason, /^cannot be evaluated statically: /);
  assert.deepEqual(cleanup!['params'], { namespace: 'etl', task_id: 'cleanup', name: { xcom: { task_id: 'load', key: 'job_name' } } });
  assert.deepEqual([load!['downstream'], cleanup!['upstream']], [['cleanup'], ['load']]);
});

test('kubetasks list accepts task files too', async () => {
  const { out, io } = capture();
  assert.equal(await main(['list', 'one.task.yaml'], io), 0);
  const listed = JSON.parse(out.stdout) as { tasks: Array<Record<string, unknown>> };
  assert.deepEqual(listed.tasks.map((t) => [t['task_id'], t['operator'], t['params']]), [
    ['hello', 'KubernetesPodOperator', { task_id: 'hello', image: 'busybox' }],
  ]);
});

test('kubetasks render DAG.py --task ID renders that call like a task file, XCom as its Jinja pull', async () => {
  const { out, io } = capture();
  assert.equal(await main(['render', 'etl.py', '--task', 'cleanup', '--format', 'json'], io), 0);
  const plan = JSON.parse(out.stdout) as { method: string; path: string };
  assert.equal(plan.method, 'DELETE');
  assert.match(decodeURIComponent(plan.path), /^\/apis\/batch\/v1\/namespaces\/etl\/jobs\/\{\{ task_instance.xcom_pull\(task_ids='load', key='job_name'\) \}\}$/);
  assert.match(out.stderr, /etl\.py:8:49: warning KT4711 labels: cannot be evaluated statically/);
});

test('usage errors exit 2', async () => {
  const { out, io } = capture();
  assert.equal(await main(['list'], io), 2);
  assert.match(out.stderr, /give exactly one FILE/);
  assert.equal(await main(['list', 'missing.py'], io), 2);
});
