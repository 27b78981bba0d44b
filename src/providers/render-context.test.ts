import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTaskFile } from '../operators/index.js';
import { renderTaskTemplates } from '../templates/index.js';
import { parseRenderContext, toSampleContextText } from './render-context.js';

const clock = { now: '2026-12-06T12:00:00Z', uuid4: () => 'u' };

function taskOf(yaml: string) {
  const parsed = parseTaskFile(yaml, '/dags/t.task.yaml');
  assert.ok(parsed.ok);
  return parsed.value.tasks[0]!;
}

const TASK = `operator: KubernetesPodOperator
task_id: t
image: "{{ dag_run.conf['image'] }}"
cmds: ["{{ params.mode }}", "{{ ds }}", "{{ run_id }}"]
`;

test('the sample is pre-filled with the DAG params= defaults and a manual run at now', () => {
  const task = { ...taskOf(TASK), templating: { dagParams: { mode: 'full', retries: 2 } } };
  const sample = JSON.parse(toSampleContextText(task, new Date('2026-12-06T23:40:05.123Z')));
  assert.deepEqual(sample, {
    conf: {}, params: { mode: 'full', retries: 2 },
    logical_date: '2026-12-06T23:40:05+00:00', run_id: 'manual__2026-12-06T23:40:05+00:00',
  });
});

test('the edited sample renders the templated fields as the CLI run flags do', () => {
  const task = { ...taskOf(TASK), templating: { dagParams: { mode: 'full' } } };
  const edited = JSON.parse(toSampleContextText(task, new Date('2026-12-06T23:40:05Z')));
  edited.conf = { image: 'debian:12' };
  edited.params.mode = 'quick';
  const run = parseRenderContext(JSON.stringify(edited), clock);
  assert.ok(run.ok);
  const rendered = renderTaskTemplates(task, run.value);
  assert.ok(rendered.ok, JSON.stringify(rendered));
  assert.equal(rendered.value.task.params.image, 'debian:12');
  assert.deepEqual(rendered.value.task.params.cmds, ['quick', '2026-12-06', 'manual__2026-12-06T23:40:05+00:00']);
});

test('only conf is needed; logical_date null is an Airflow 3 run without a date', () => {
  const run = parseRenderContext('{"conf": {"image": "debian:12"}, "logical_date": null}', clock);
  assert.ok(run.ok);
  assert.deepEqual(run.value.conf, { image: 'debian:12' });
  assert.equal(run.value.logicalDate, null);
  assert.equal(run.value.params, undefined);
});

test('invalid JSON is a clear problem', () => {
  const run = parseRenderContext('{"conf": {"image": "debian:12"},}', clock);
  assert.ok(!run.ok);
  assert.match(run.problems[0]!.message, /^render context: not valid JSON: /);
});

test('a wrong shape names the key and what it must be', () => {
  const check = (text: string, expected: RegExp) => {
    const run = parseRenderContext(text, clock);
    assert.ok(!run.ok, text);
    assert.match(run.problems.map((p) => p.message).join('\n'), expected);
  };
  check('[]', /must be a JSON object/);
  check('{"conf": "x"}', /"conf" must be a JSON object/);
  check('{"params": [1]}', /"params" must be a JSON object/);
  check('{"run_id": 3}', /"run_id" must be a string/);
  check('{"logical_date": "yesterday"}', /"logical_date" "yesterday" is not an ISO 8601/);
  check('{"dag_run": {}}', /unknown key "dag_run" \(expected conf, params, logical_date, run_id\)/);
});
