import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, type CliRun } from './testing/run-cli.js';

function render(files: Record<string, string>, args: string[]): Promise<CliRun> {
  return runCli(files, ['render', ...args]);
}

// The REST-API article's DAG: image, env and namespace come from the trigger's conf.
const task = `operator: KubernetesPodOperator
task_id: java
name: java
random_name_suffix: false
namespace: "{{ dag_run.conf.get('namespace', 'default') }}"
image: "{{ dag_run.conf['image'] }}"
env_vars: {RUN: "{{ run_id }}", DAY: "{{ ds }}", MODE: "{{ params.mode }}"}
`;

test('--conf @file, --params, --logical-date and --run-id render the templated fields before the manifest', async () => {
  const conf = JSON.stringify({ image: 'eclipse-temurin:21', namespace: 'jobs' });
  const out = await render({ 't.task.yaml': task, 'conf.json': conf }, ['t.task.yaml', '--conf', '@conf.json', '--params', '{"mode": "fast"}', '--logical-date', '2024-01-02', '--run-id', 'api_1', '--format', 'json']);
  assert.equal(out.code, 0, out.stderr);
  const pod = JSON.parse(out.stdout) as { metadata: { namespace: string }; spec: { containers: { image: string; env: unknown[] }[] } };
  assert.equal(pod.metadata.namespace, 'jobs');
  assert.equal(pod.spec.containers[0]!.image, 'eclipse-temurin:21');
  assert.deepEqual(pod.spec.containers[0]!.env, [{ name: 'RUN', value: 'api_1' }, { name: 'DAY', value: '2024-01-02' }, { name: 'MODE', value: 'fast' }]);
});

test('a template Airflow cannot render fails located (exit 2); without run flags Jinja stays as written', async () => {
  const failed = await render({ 't.task.yaml': task }, ['t.task.yaml', '--conf', '{}']);
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /t\.task\.yaml:6:1: error KT4030 jinja2\.exceptions\.UndefinedError: 'dict object' has no attribute 'image'/);
  const plain = await render({ 't.task.yaml': task }, ['t.task.yaml', '--format', 'json']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /"image": "\{\{ dag_run\.conf\['image'\] \}\}"/);
});

test('bad flag values are usage errors; logical_date null is Airflow 3 only', async () => {
  const bad = await render({ 't.task.yaml': task }, ['t.task.yaml', '--conf', '[1]']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--conf must be a JSON object/);
  const date = await render({ 't.task.yaml': task }, ['t.task.yaml', '--logical-date', 'yesterday']);
  assert.match(date.stderr, /--logical-date "yesterday" is not an ISO 8601/);
  const two = await render({ 't.task.yaml': task }, ['t.task.yaml', '--conf', '{"image": "x"}', '--logical-date', 'null', '--airflow-version', '2.11.2']);
  assert.match(two.stderr, /only on Airflow 3/);
});
