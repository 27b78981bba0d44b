import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { makeSafeLabelValue, taskInstanceLabels } from './labels.js';

test('the hash is MD5 of the UTF-8 bytes, as hashlib.md5(value.encode()) (checked against node:crypto)', () => {
  const value = 'ünïcode run';
  const expected = createHash('md5').update(value, 'utf8').digest('hex').slice(0, 9);
  assert.equal(makeSafeLabelValue(value), `ncoderun-${expected}`);
});

test('label values Kubernetes would reject are cleaned and tagged with a hash of the original', () => {
  assert.equal(makeSafeLabelValue('manual__2016-01-01T01:00:00+01:00'), 'manual__2016-01-01T0100000100-da4d1ce7b');
  assert.equal(makeSafeLabelValue('-abc-'), 'abc-773004ce1');
  assert.equal(makeSafeLabelValue('a b'), 'ab-0cc9cd4dd');
  assert.equal(makeSafeLabelValue('a'.repeat(70)), `${'a'.repeat(53)}-0f5c6c4e7`);
  assert.equal(makeSafeLabelValue('my_dag'), 'my_dag');
});

test('task labels appear only with a context, map_index only for mapped tasks', () => {
  assert.deepEqual(taskInstanceLabels('t', undefined, 'kubernetes_pod_operator'), {});
  const labels = taskInstanceLabels('t', { dag_id: 'd', run_id: 'r', try_number: 2, map_index: -1 }, 'kubernetes_pod_operator');
  assert.deepEqual(labels, { dag_id: 'd', task_id: 't', run_id: 'r', kubernetes_pod_operator: 'True', try_number: '2' });
  const mapped = taskInstanceLabels('t', { dag_id: 'd', run_id: 'r', try_number: 1, map_index: 10 }, 'spark_kubernetes_operator');
  assert.equal(mapped.map_index, '10');
  assert.equal(mapped.spark_kubernetes_operator, 'True');
});
