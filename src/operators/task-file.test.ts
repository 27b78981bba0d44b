import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './naming.js';
import { renderTask } from './render-task.js';
import { parseTaskFile } from './task-file.js';

test('a tasks: list merges shared defaults under each task, keeping where each key was written', () => {
  const text = 'operator: KubernetesPodOperator\nimage: busybox\ntasks:\n  - task_id: a\n  - task_id: b\n    image: alpine\n';
  const parsed = parseTaskFile(text, 'x.task.yaml');
  assert.ok(parsed.ok);
  const [a, b] = parsed.value.tasks;
  assert.equal(a?.params.image, 'busybox');
  assert.equal(b?.params.image, 'alpine');
  assert.deepEqual(b?.ranges.image?.start, { line: 6, column: 5 });
  assert.deepEqual(a?.ranges.image?.start, { line: 2, column: 1 });
});

test('a duplicate task_id is an error at the second one', () => {
  const parsed = parseTaskFile('operator: KubernetesPodOperator\ntasks:\n  - task_id: a\n  - task_id: a\n', 'x.task.yaml');
  assert.ok(!parsed.ok);
  assert.equal(parsed.problems[0]?.code, 'KT4003');
  assert.equal(parsed.problems[0]?.start?.line, 4);
});

test('!dict marks a plain dict, and context is read with defaults', () => {
  const parsed = parseTaskFile('operator: KubernetesPodOperator\ntask_id: t\nsecurity_context: !dict {runAsUser: 1}\ncontext: {dag_id: d, run_id: r}\n', 'x.task.yaml');
  assert.ok(parsed.ok);
  const task = parsed.value.tasks[0];
  assert.deepEqual(task?.params.security_context, { $dict: { runAsUser: 1 } });
  assert.deepEqual(task?.context, { dag_id: 'd', run_id: 'r', try_number: 1, map_index: -1 });
});

test('unknown keyword arguments and wrong types are located at their key', () => {
  const text = 'operator: KubernetesPodOperator\ntask_id: t\nimage: busybox\nnot_a_param: 1\ncmds: echo\n';
  const parsed = parseTaskFile(text, 'x.task.yaml');
  assert.ok(parsed.ok);
  const task = parsed.value.tasks[0];
  assert.ok(task);
  const unknown = renderTask(task, { format: 'api', random: seededRandom(1) });
  assert.ok(!unknown.ok);
  assert.equal(unknown.problems[0]?.code, 'KT4002');
  assert.equal(unknown.problems[0]?.start?.line, 4);
  delete task.params.not_a_param;
  const wrong = renderTask(task, { format: 'api', random: seededRandom(1) });
  assert.ok(!wrong.ok);
  assert.equal(wrong.problems[0]?.code, 'KT4004');
  assert.equal(wrong.problems[0]?.start?.line, 5);
});

test("Airflow's own errors come back as located problems, never as exceptions", () => {
  const parsed = parseTaskFile('operator: KubernetesPodOperator\ntask_id: t\non_finish_action: nope\n', 'x.task.yaml');
  assert.ok(parsed.ok);
  const result = renderTask(parsed.value.tasks[0]!, { format: 'airflow', random: seededRandom(1) });
  assert.ok(!result.ok);
  assert.equal(result.problems[0]?.message, "ValueError: 'nope' is not a valid OnFinishAction");
  assert.equal(result.problems[0]?.start?.line, 3);
});

test('YAML anchors and aliases stand for the anchored value', () => {
  const text = 'operator: KubernetesPodOperator\ntasks:\n  - task_id: a\n    labels: &common {team: x}\n  - task_id: b\n    labels: *common\n';
  const parsed = parseTaskFile(text, 'x.task.yaml');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.tasks[1]?.params.labels, { team: 'x' });
});
