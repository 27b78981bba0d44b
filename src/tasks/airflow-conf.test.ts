import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confKeysRead, confOfContextText, confSample, triggerContextText } from './airflow-conf.js';

test('confKeysRead finds subscript, attribute and .get reads of dag_run.conf', () => {
  const keys = confKeysRead({
    image: "{{ dag_run.conf['image'] }}",
    env_vars: '{{ dag_run.conf["env"] }}',
    arguments: ['{{ dag_run.conf.greeting }}', "{{ dag_run.conf.get('retries', 3) }}", "{{ dag_run.conf.get('mode') }}"],
    labels: { team: "{{ dag_run.conf.get('team', 'data') }}", flag: "{{ dag_run.conf.get('dry', True) }}" },
  });
  assert.deepEqual(Object.fromEntries(keys), { image: null, env: null, greeting: null, retries: 3, mode: null, team: 'data', dry: true });
});

test('confKeysRead ignores other variables', () => {
  assert.equal(confKeysRead({ a: '{{ params.x }} {{ ds }} {{ dag_run.run_id }}' }).size, 0);
});

test('confSample starts from the DAG params and adds the keys the tasks read', () => {
  const task = { params: { image: "{{ dag_run.conf['image'] }}", namespace: "{{ dag_run.conf['namespace'] }}" }, templating: { dagParams: { namespace: 'default', size: 2 } } };
  assert.deepEqual(confSample([task]), { namespace: 'default', size: 2, image: null });
  assert.deepEqual(confSample([]), {});
});

test('triggerContextText is a render context with the conf, params, no logical date and a manual run id', () => {
  const text = triggerContextText({ a: 1 }, { templating: { dagParams: { p: 'x' } } }, new Date('2026-12-07T01:02:03.456Z'));
  assert.deepEqual(JSON.parse(text), { conf: { a: 1 }, params: { p: 'x' }, logical_date: null, run_id: 'manual__2026-12-07T01:02:03+00:00' });
  assert.equal(JSON.parse(triggerContextText({}, {}, new Date(0), 'my-run')).run_id, 'my-run');
  assert.deepEqual(confOfContextText(text), { a: 1 });
  assert.equal(confOfContextText('{"conf": []}'), undefined);
  assert.equal(confOfContextText('nope'), undefined);
});
