import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareLaunch } from './launch-prepare.js';
import { runCli, type CliRun } from './testing/run-cli.js';

function run(file: string, text: string, args: string[]): Promise<CliRun> {
  return runCli({ [file]: text }, args.map((a) => (a === 'FILE' ? file : a)));
}

const pod = 'operator: KubernetesPodOperator\ntask_id: t1\nimage: busybox\n';

test('render --dag-id --run-id --try-number renders the task instance labels launch uses', async () => {
  const out = await run('etl.task.yaml', pod, ['render', 'FILE', '--format', 'json', '--dag-id', 'd1', '--run-id', 'manual__x', '--try-number', '3']);
  assert.equal(out.code, 0, out.stderr);
  const labels = (JSON.parse(out.stdout) as { metadata: { labels: Record<string, string> } }).metadata.labels;
  assert.deepEqual([labels['dag_id'], labels['task_id'], labels['run_id'], labels['try_number']], ['d1', 't1', 'manual__x', '3']);
  const byName = await run('etl.task.yaml', pod, ['render', 'FILE', '--format', 'json', '--run-id', 'r']);
  assert.equal((JSON.parse(byName.stdout) as { metadata: { labels: Record<string, string> } }).metadata.labels['dag_id'], 'etl');
});

test('render --try-number must be a positive integer', async () => {
  const out = await run('a.task.yaml', pod, ['render', 'FILE', '--try-number', 'zero']);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /--try-number must be a positive integer \(got "zero"\)/);
});

test('launch: several tasks and no --task exit 2 listing the ids; an Install Kueue task is refused before any cluster call', async () => {
  const two = `${pod.replace('task_id: t1\n', '')}tasks:\n  - task_id: a\n  - task_id: b\n`;
  const many = await run('m.task.yaml', two, ['launch', 'FILE', '--kubeconfig', '/nonexistent']);
  assert.equal(many.code, 2);
  assert.match(many.stderr, /2 tasks; choose one with --task \(tasks: a, b\)/);
  const kueue = await run('k.task.yaml', 'operator: KubernetesInstallKueueOperator\ntask_id: k\nkueue_version: v0.9.1\n', ['launch', 'FILE', '--kubeconfig', '/nonexistent']);
  assert.equal(kueue.code, 2, kueue.stderr);
  assert.match(kueue.stderr, /KubernetesInstallKueueOperator.*kubetasks kueue install/);
});

test('launch with an unusable kubeconfig exits 4 (the cluster cannot be reached)', async () => {
  const out = await run('p.task.yaml', pod, ['launch', 'FILE', '--kubeconfig', '/nonexistent/kubeconfig']);
  assert.equal(out.code, 4, out.stderr);
  assert.match(out.stderr, /kubetasks launch: .*nonexistent/);
});

test('launch renders `{{ run_id }}` as the run id its pod is labelled with (run context before templating)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubetasks-launch-'));
  try {
    const text = `${pod}env_vars:\n  RUN: "{{ run_id }}"\n  IMAGE: "{{ dag_run.conf['image'] }}"\n`;
    writeFileSync(join(dir, 'r.task.yaml'), text);
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir };
    const now = new Date('2026-12-06T10:00:00Z');
    const prepared = await prepareLaunch({ file: 'r.task.yaml', taskId: undefined, flags: { conf: '{"image": "debian"}' }, now }, io);
    assert.ok('body' in prepared, JSON.stringify(prepared));
    const body = prepared.body as { metadata: { labels: Record<string, string> }; spec: { containers: { env: { name: string; value: string }[] }[] } };
    const env = Object.fromEntries(body.spec.containers[0]!.env.map((e) => [e.name, e.value]));
    assert.equal(env['IMAGE'], 'debian');
    assert.match(env['RUN']!, /^kubetasks__2026-12-06T10:00:00/);
    // the label is Airflow's sanitised form of the same run id: render with that run id labels it alike
    const rendered = await run('r.task.yaml', pod, ['render', 'FILE', '--format', 'json', '--run-id', env['RUN']!]);
    const expected = (JSON.parse(rendered.stdout) as { metadata: { labels: Record<string, string> } }).metadata.labels['run_id'];
    assert.equal(body.metadata.labels['run_id'], expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const dagFile = `from airflow import DAG
from airflow.decorators import dag
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

with DAG(dag_id="etl_daily"):
    a = KubernetesPodOperator(task_id="a", image="busybox", do_xcom_push=True)
    b = KubernetesPodOperator(task_id="b", image="busybox", arguments=[a.output, "{{ ds }}"])

@dag(schedule=None)
def nightly():
    KubernetesPodOperator(task_id="n", image="busybox")

nightly()
`;

function labelsOf(out: CliRun): Record<string, string> {
  assert.equal(out.code, 0, out.stderr);
  return (JSON.parse(out.stdout) as { metadata: { labels: Record<string, string> } }).metadata.labels;
}

test('a DAG call runs as its DAG: render --run-id and launch label the pod with the DAG\'s dag_id', async () => {
  assert.equal(labelsOf(await run('pipelines.py', dagFile, ['render', 'FILE', '--task', 'a', '--format', 'json', '--run-id', 'r']))['dag_id'], 'etl_daily');
  assert.equal(labelsOf(await run('pipelines.py', dagFile, ['render', 'FILE', '--task', 'n', '--format', 'json', '--run-id', 'r']))['dag_id'], 'nightly');
  const dir = mkdtempSync(join(tmpdir(), 'kubetasks-launch-'));
  try {
    writeFileSync(join(dir, 'pipelines.py'), dagFile);
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir };
    const prepared = await prepareLaunch({ file: 'pipelines.py', taskId: 'a', flags: {}, now: new Date('2026-12-06T10:00:00Z') }, io);
    assert.ok('body' in prepared, JSON.stringify(prepared));
    assert.equal((prepared.body as { metadata: { labels: Record<string, string> } }).metadata.labels['dag_id'], 'etl_daily');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('launch refuses a DAG call holding XCom or unrendered Jinja references with located KT4712 errors (exit 2, no cluster call)', async () => {
  const bare = await run('pipelines.py', dagFile, ['launch', 'FILE', '--task', 'b', '--kubeconfig', '/nonexistent']);
  assert.equal(bare.code, 2, bare.stderr);
  const errors = bare.stderr.split('\n').filter((l) => l.includes(' error '));
  assert.equal(errors.length, 2, bare.stderr);
  assert.match(errors[0]!, /^pipelines\.py:7:61: error KT4712 arguments\/0 holds the XCom reference \{\{ task_instance\.xcom_pull\(task_ids='a', key='return_value'\) \}\}/);
  assert.match(errors[1]!, /^pipelines\.py:7:61: error KT4712 arguments\/1 holds the unrendered Jinja \{\{ ds \}\}/);
  // a run renders the Jinja; the XCom reference is still refused
  const withRun = await run('pipelines.py', dagFile, ['launch', 'FILE', '--task', 'b', '--kubeconfig', '/nonexistent', '--logical-date', '2026-12-01']);
  assert.equal(withRun.code, 2, withRun.stderr);
  const left = withRun.stderr.split('\n').filter((l) => l.includes('error KT4712'));
  assert.equal(left.length, 1, withRun.stderr);
  assert.match(left[0]!, /arguments\/0 holds the XCom reference/);
});
