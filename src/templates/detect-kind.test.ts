import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectKindFromContent, detectKindFromFileName, parseModeline } from './index.js';

test('content: apiVersion and kind select the kind, any version of a known group', () => {
  assert.equal(detectKindFromContent({ apiVersion: 'v1', kind: 'Pod' }), 'pod');
  assert.equal(detectKindFromContent({ apiVersion: 'batch/v1', kind: 'Job' }), 'job');
  assert.equal(detectKindFromContent({ apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication' }), 'spark-application');
  assert.equal(detectKindFromContent({ apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'ClusterQueue' }), 'kueue-cluster-queue');
  assert.equal(detectKindFromContent({ apiVersion: 'v1', kind: 'Service' }), undefined);
  assert.equal(detectKindFromContent({ apiVersion: 'apps/v1', kind: 'Job' }), undefined);
});

test('content: the spark wrapper and task files are claimed; look-alikes are not', () => {
  assert.equal(detectKindFromContent({ spark: { kind: 'SparkApplication' }, kubernetes: {} }), 'spark-template');
  assert.equal(detectKindFromContent({ spark: { spec: {} } }), 'spark-template');
  assert.equal(detectKindFromContent({ spark: 'enabled', kubernetes: { version: 1 } }), undefined);
  assert.equal(detectKindFromContent({ operator: 'KubernetesPodOperator', task_id: 't' }), 'task');
  assert.equal(detectKindFromContent({ operator: 'alice', team: 'sre' }), undefined);
  assert.equal(detectKindFromContent(['a', 'b']), undefined);
});

test('file names: Airflow-style template names are claimed, generic YAML names are not', () => {
  assert.equal(detectKindFromFileName('dags/templates/pod_template.yaml'), 'pod');
  assert.equal(detectKindFromFileName('worker-pod-template.yml'), 'pod');
  assert.equal(detectKindFromFileName('export.job.yaml'), 'job');
  assert.equal(detectKindFromFileName('spark_job_template.json'), 'spark-template');
  assert.equal(detectKindFromFileName('etl.spark.yaml'), 'spark-template');
  assert.equal(detectKindFromFileName('hello.task.yaml'), 'task');
  for (const name of ['docker-compose.yaml', 'values.yaml', 'podcast.yaml', 'template.yaml', 'jobs.yaml']) {
    assert.equal(detectKindFromFileName(name), undefined, name);
  }
});

test('modelines: kubetasks names, the opt-out, and a yaml-language-server modeline pointing at our schema', () => {
  assert.equal(parseModeline('# kubetasks: pod-template\nspec: {}\n')?.kind, 'pod');
  assert.equal(parseModeline('a: 1\n  #kubetasks:application_file\n')?.kind, 'spark-template');
  assert.equal(parseModeline('# kubetasks: none\n')?.kind, 'none');
  assert.equal(parseModeline('# kubetasks: nonsense\n')?.kind, undefined);
  const schema = parseModeline('# yaml-language-server: $schema=file:///ext/schemas/job.schema.json\n');
  assert.equal(schema?.kind, 'job');
  assert.equal(parseModeline('# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\n'), undefined);
  assert.equal(parseModeline('key: "# kubetasks: pod"\n'), undefined);
});
