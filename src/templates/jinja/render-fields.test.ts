import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTaskFile } from '../../operators/index.js';
import { buildContext, type RunValues } from './context.js';
import { renderTemplateFields } from './render-fields.js';

const run: RunValues = {
  airflowMajor: 3, dagId: 'd', taskId: 't', operator: 'KubernetesPodOperator', now: '2024-03-06T01:02:03Z',
  logicalDate: '2024-03-05T06:07:08Z', conf: { image: 'alpine', claim: 'pvc-1' }, uuid4: () => 'u',
};

function taskOf(yaml: string) {
  const parsed = parseTaskFile(yaml, '/dags/t.task.yaml');
  assert.ok(parsed.ok);
  return parsed.value.tasks[0]!;
}

test('templated fields render, non-templated fields and dict keys stay literal', () => {
  const task = taskOf(`operator: KubernetesPodOperator
task_id: t
image: "{{ dag_run.conf['image'] }}"
labels: {"{{ ds }}": "{{ ds_nodash }}"}
service_account_name: "{{ dag_run.conf.image }}"
`);
  const result = renderTemplateFields(task, { context: buildContext(run) });
  assert.ok(result.ok);
  assert.equal(result.value.task.params.image, 'alpine');
  assert.deepEqual(result.value.task.params.labels, { '{{ ds }}': '20240305' });
  assert.equal(result.value.task.params.service_account_name, '{{ dag_run.conf.image }}');
});

test('a subclass\'s extra template field is rendered', () => {
  const task = taskOf('operator: KubernetesPodOperator\ntask_id: t\nservice_account_name: "{{ dag_run.conf.image }}-sa"\n');
  const result = renderTemplateFields(task, { context: buildContext(run), extraTemplateFields: ['service_account_name'] });
  assert.ok(result.ok);
  assert.equal(result.value.task.params.service_account_name, 'alpine-sa');
});

test('models render only the attributes KPO names: a PVC claim yes, a hostPath no', () => {
  const task = taskOf(`operator: KubernetesPodOperator
task_id: t
volumes:
  - {name: a, persistentVolumeClaim: {claimName: "{{ dag_run.conf.claim }}"}}
  - {name: b, hostPath: {path: "/x/{{ ds }}"}}
`);
  const result = renderTemplateFields(task, { context: buildContext(run) });
  assert.ok(result.ok);
  assert.deepEqual(result.value.task.params.volumes, [
    { name: 'a', persistentVolumeClaim: { claimName: 'pvc-1' } },
    { name: 'b', hostPath: { path: '/x/{{ ds }}' } },
  ]);
});

test('SKO renders its application file\'s content; KPO leaves a pod_template_file\'s content alone', () => {
  const files: Record<string, string> = { 'app.yaml': 'image: "{{ dag_run.conf.image }}"\n' };
  const sko = taskOf('operator: SparkKubernetesOperator\ntask_id: s\napplication_file: app.yaml\n');
  const rendered = renderTemplateFields(sko, { context: buildContext({ ...run, operator: 'SparkKubernetesOperator' }), readFile: (p) => files[p] });
  assert.ok(rendered.ok);
  assert.equal(rendered.value.task.params.application_file, 'image: "alpine"');
  const kpo = taskOf('operator: KubernetesPodOperator\ntask_id: k\npod_template_file: "{{ \'app\' }}.yaml"\n');
  const path = renderTemplateFields(kpo, { context: buildContext(run), readFile: (p) => files[p] });
  assert.ok(path.ok);
  assert.equal(path.value.task.params.pod_template_file, 'app.yaml');
});

test('an undefined value fails located at the field; an unsupported behaviour warns and leaves the field', () => {
  const task = taskOf('operator: KubernetesPodOperator\ntask_id: t\nimage: busybox\nenv_vars:\n  A: "{{ dag_run.conf.nope }}"\n');
  const failed = renderTemplateFields(task, { context: buildContext(run) });
  assert.ok(!failed.ok);
  assert.match(failed.problems[0]!.message, /UndefinedError: 'dict object' has no attribute 'nope'/);
  assert.equal(failed.problems[0]!.start?.line, 5);
  const warned = renderTemplateFields(taskOf("operator: KubernetesPodOperator\ntask_id: t\nimage: \"{{ 'a'.center(3) }}\"\n"), { context: buildContext(run) });
  assert.ok(warned.ok);
  assert.equal(warned.value.warnings[0]?.code, 'KT4031');
  assert.equal(warned.value.task.params.image, "{{ 'a'.center(3) }}");
});

test('Airflow 3 with logical_date null has no ds; conf overrides params', () => {
  const context = buildContext({ ...run, logicalDate: null, dagParams: { p: 1, q: 2 }, conf: { q: 3 } });
  assert.equal('ds' in context, false);
  assert.equal('data_interval_start' in context, false);
  assert.deepEqual(context.params, { p: 1, q: 3 });
  assert.equal(context.run_id, 'manual__2024-03-06T01:02:03+00:00');
  const two = buildContext({ ...run, airflowMajor: 2 });
  assert.equal(two.run_id, 'manual__2024-03-05T06:07:08+00:00');
  assert.equal(two.next_ds, '2024-03-05');
});
