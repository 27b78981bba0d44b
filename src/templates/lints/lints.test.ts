/** One test per Airflow lint: the code, the exact range, and the quick fix's result where there is one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, validateTemplate, type TemplateDiagnostic } from '../index.js';
import { testValidators } from '../../../test/harness/templates/validators.js';
import { convertMemoryLimit } from './index.js';

function lint(text: string, code: string, fileName = 'x.yaml'): TemplateDiagnostic[] {
  return validateTemplate(text, { fileName, validators: testValidators }).diagnostics.filter((d) => d.code === code);
}

function only(text: string, code: string, fileName?: string): TemplateDiagnostic {
  const found = lint(text, code, fileName);
  assert.equal(found.length, 1, `${code}: ${JSON.stringify(found)}`);
  return found[0]!;
}

function fixed(text: string, d: TemplateDiagnostic): string {
  return applyEdits(text, d.fixes![0]!.edits);
}

const POD = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: base\n      image: alpine\n';

test('KT3001: missing kubernetes keys, at the section key, with a fix that adds them (airflow#41562)', () => {
  const text = 'spark:\n  kind: SparkApplication\n  spec: {}\nkubernetes:\n  env_vars: {}\n  env_from: []\n';
  const d = only(text, 'KT3001');
  assert.deepEqual([d.start, d.end], [{ line: 4, column: 1 }, { line: 4, column: 11 }]);
  assert.match(d.message, /missing volumes, volume_mounts, config_map_mounts, .*image_pull_secrets, affinity/);
  assert.deepEqual(lint(fixed(text, d), 'KT3001'), []);
  assert.match(fixed(text, d), /\n  env_from: \[\]\n  volumes: \[\]\n/);
});

test('KT3002: values as a string in a label selector, replacing the schema type error, fixed to a list', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: base, image: a}]\n  affinity:\n    podAffinity:\n' +
    '      requiredDuringSchedulingIgnoredDuringExecution:\n        - topologyKey: zone\n          labelSelector:\n' +
    '            matchExpressions:\n              - {key: security, operator: In, values: S1}\n';
  const d = only(text, 'KT3002');
  assert.equal(lint(text, 'KT2003').length, 0);
  assert.equal(text.slice(d.startOffset, d.endOffset), 'S1');
  assert.deepEqual(lint(fixed(text, d), 'KT3002'), []);
  assert.match(fixed(text, d), /values: \["S1"\]\}/);
});

test('KT3003: a secret-looking env value warns and the fix moves it to secretKeyRef; plain names do not', () => {
  const text = `${POD}      env:\n        - name: AWS_SECRET_ACCESS_KEY\n          value: abc\n        - name: MODE\n          value: x\n`;
  const d = only(text, 'KT3003');
  assert.equal(d.severity, 'warning');
  assert.deepEqual(d.start, { line: 9, column: 18 });
  const after = fixed(text, d);
  assert.match(after, /- name: AWS_SECRET_ACCESS_KEY\n {10}valueFrom:\n {12}secretKeyRef:\n {14}name: my-secret\n {14}key: aws_secret_access_key\n/);
  assert.deepEqual(validateTemplate(after, { validators: testValidators }).diagnostics.filter((x) => x.severity === 'error'), []);
});

test('KT3004: a Job pod restartPolicy Always is an error fixed to Never; OnFailure is fine', () => {
  const job = (policy: string) => `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: ${policy}\n` +
    '      containers: [{name: base, image: a}]\n';
  const d = only(job('Always'), 'KT3004');
  assert.equal(fixed(job('Always'), d), job('Never'));
  assert.deepEqual(lint(job('OnFailure'), 'KT3004'), []);
});

test('KT3005: invalid quantities with a suggestion; numbers and valid suffixes pass', () => {
  const text = `${POD}      resources:\n        requests: {cpu: 0.5, memory: 1Gi}\n        limits: {cpu: 2 cores, memory: 1gb}\n`;
  const found = lint(text, 'KT3005');
  assert.deepEqual(found.map((d) => d.message), [
    '"2 cores" is not a Kubernetes quantity for spec.containers[0].resources.limits.cpu (examples: 500m, 2, 512Mi, 1Gi)',
    '"1gb" is not a Kubernetes quantity for spec.containers[0].resources.limits.memory; did you mean "1G"?',
  ]);
  assert.match(fixed(text, found[1]!), /memory: 1G\}/);
});

test('KT3006: containers[0] not named base warns (Airflow merges by position); base does not', () => {
  const d = only(POD.replace('name: base', 'name: main'), 'KT3006');
  assert.match(d.message, /named "main".*by position.*"base"/);
  assert.deepEqual(lint(POD, 'KT3006'), []);
});

test('KT3007: do_xcom_push without a write to /airflow/xcom/return.json is a hint (info)', () => {
  const task = 'operator: KubernetesPodOperator\ntask_id: t\ndo_xcom_push: true\n';
  assert.equal(only(task, 'KT3007').severity, 'info');
  assert.deepEqual(lint(`${task}cmds: ["sh", "-c", "echo 1 > /airflow/xcom/return.json"]\n`, 'KT3007'), []);
});

test('KT3008: DNS-1123 names of containers and volumes are errors with a sanitised fix', () => {
  const d = only(POD.replace('name: base', 'name: Base_Container'), 'KT3008');
  assert.equal(d.severity, 'error');
  assert.match(fixed(POD.replace('name: base', 'name: Base_Container'), d), /name: base-container/);
  const long = `apiVersion: kueue.x-k8s.io/v1beta2\nkind: LocalQueue\nmetadata: {name: ${'q'.repeat(254)}}\nspec: {clusterQueue: c}\n`;
  assert.equal(only(long, 'KT3008').severity, 'error');
});

test('KT3009 and KT3015: container_resources conversions Airflow applies, and the ones it crashes on', () => {
  assert.deepEqual(['512m', '2Gi', '1G', '4096m'].map((v) => convertMemoryLimit(v)),
    [{ memory: '365m' }, { memory: '1462m' }, { memory: '731m' }, { memory: '2925m' }]);
  assert.ok('crash' in convertMemoryLimit('512Mi'));
  const spark = (limit: string) => 'spark:\n  kind: SparkApplication\n  spec:\n    driver:\n      container_resources:\n' +
    `        memory: {limit: ${limit}}\n    executor:\n      container_resources: {}\n`;
  assert.equal(only(spark('2Gi'), 'KT3009').severity, 'info');
  assert.equal(only(spark('512Mi'), 'KT3015').severity, 'error');
});

test('KT3010: Jinja in a pod template warns at the exact expression; in a Spark file it is masked silently', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: base\n      image: "a:{{ ds }}"\n';
  const d = only(text, 'KT3010');
  assert.equal(text.slice(d.startOffset, d.endOffset), '{{ ds }}');
  const spark = 'spark:\n  kind: SparkApplication\n  spec:\n    executor:\n      instances: {{ params.n }}\n';
  assert.deepEqual(validateTemplate(spark, { validators: testValidators }).diagnostics.filter((x) => x.code.startsWith('KT2003')), []);
  assert.deepEqual(lint(spark, 'KT3010'), []);
});

test('KT3011, KT3012, KT3013, KT3014, KT3016: Spark wrapper semantics', () => {
  const text = 'spark:\n  kind: SparkApplication\n  spec:\n    successfulRunHistoryLimit: 1\n    volumes: []\n' +
    '    dynamicAllocation: {enabled: true, minExecutors: 1}\n    driver:\n      container_resources: {cpu: {request: 1}}\n' +
    '    executor: {}\nkubernetes:\n  env_vars: [{name: A, value: b}]\n';
  for (const code of ['KT3011', 'KT3012', 'KT3013', 'KT3014', 'KT3016']) only(text, code);
  assert.match(only(text, 'KT3012').message, /without maxExecutors/);
});

test('KT3017: validate refuses what the operator\'s constructor refuses, at the key, in a tasks: list too', () => {
  const d = only('operator: KubernetesPodOperator\ntask_id: t\non_finish_action: delete_everything\n', 'KT3017', 'x.task.yaml');
  assert.equal(d.severity, 'error');
  assert.deepEqual([d.start, d.end], [{ line: 3, column: 1 }, { line: 3, column: 17 }]);
  assert.match(d.message, /^ValueError: 'delete_everything' is not a valid OnFinishAction/);
  const list = 'operator: KubernetesPodOperator\ntasks:\n  - task_id: a\n  - task_id: b\n    pool_slots: 0\n';
  assert.deepEqual(only(list, 'KT3017', 'x.task.yaml').start, { line: 5, column: 5 });
  assert.deepEqual(lint('operator: KubernetesPodOperator\ntask_id: t\non_finish_action: keep_pod\n', 'KT3017', 'x.task.yaml'), []);
});

test('KT2007: without task.schema.json, task files still get the structural check', () => {
  const validators = { get: (id: string) => (id === 'task' ? undefined : testValidators.get(id)) };
  const result = validateTemplate('operator: KubernetesPodOperatr\ntask_id: t\n', { fileName: 'x.task.yaml', validators });
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.message]),
    [['KT2007', 'unknown operator "KubernetesPodOperatr"; did you mean "KubernetesPodOperator"?']]);
});
