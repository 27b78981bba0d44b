import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { staleFiles } from './build-task-schema.js';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

test('the committed task schema and PARAMETERS.md match the parameter tables', () => {
  assert.deepEqual(staleFiles(root), [], 'regenerate with: node --import tsx scripts/build-task-schema.ts');
});

test('the task schema lists every KubernetesPodOperator parameter a task file can hold', () => {
  const schema = JSON.parse(readFileSync(`${root}/schemas/task.schema.json`, 'utf8'));
  const kpo = schema.definitions.KubernetesPodOperator.properties;
  for (const name of ['task_id', 'image', 'pod_template_file', 'secrets', 'do_xcom_push', 'context']) assert.ok(kpo[name], name);
  assert.equal(kpo.callbacks, undefined, 'callbacks only exist in Python');
});
