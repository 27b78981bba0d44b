import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTaskFile } from '../../operators/index.js';
import { renderTaskTemplates, type RunInput } from './render-run.js';

const run: RunInput = { airflowMajor: 3, now: '2026-12-06T12:00:00Z', conf: { env: { MODE: 'fast', LEVEL: 3 } }, uuid4: () => 'u' };

function taskOf(context: string) {
  const parsed = parseTaskFile(`operator: KubernetesPodOperator
task_id: t
image: alpine
env_vars: "{{ dag_run.conf['env'] }}"
${context}`, '/dags/t.task.yaml');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.value.tasks[0]!;
}

test("a task file's context: render_template_as_native_obj: true renders a templated field to a native dict", () => {
  const task = taskOf('context: {dag_id: d, run_id: r, render_template_as_native_obj: true}\n');
  const rendered = renderTaskTemplates(task, run);
  assert.ok(rendered.ok, JSON.stringify(rendered));
  assert.deepEqual(rendered.value.task.params.env_vars, { MODE: 'fast', LEVEL: 3 });
});

test('without the flag the same field renders to the text of the dict, as Airflow\'s default environment does', () => {
  for (const context of ['', 'context: {dag_id: d, run_id: r, render_template_as_native_obj: false}\n']) {
    const rendered = renderTaskTemplates(taskOf(context), run);
    assert.ok(rendered.ok, JSON.stringify(rendered));
    assert.equal(rendered.value.task.params.env_vars, "{'MODE': 'fast', 'LEVEL': 3}");
  }
});

test('a render_template_as_native_obj that is not a boolean is a located problem', () => {
  const parsed = parseTaskFile('operator: KubernetesPodOperator\ntask_id: t\ncontext: {dag_id: d, run_id: r, render_template_as_native_obj: "yes"}\n', 'x.task.yaml');
  assert.ok(!parsed.ok);
  assert.match(parsed.problems[0]!.message, /render_template_as_native_obj must be true or false/);
  assert.equal(parsed.problems[0]!.start?.line, 3);
});
