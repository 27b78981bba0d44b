import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OperatorError } from './operator-error.js';
import { sparkResources } from './spark-resources.js';

const memory = (limit: unknown) => sparkResources({ memory: { limit } } as never, null).driver.memory;

test('memory limits become MiB divided by 1.4, truncated', () => {
  assert.equal(memory('512m'), '365m');
  assert.equal(memory('2Gi'), '1462m');
  assert.equal(memory('1G'), '731m');
  assert.equal(memory('4096m'), '2925m');
  assert.equal(memory(1024), 1024);
});

test('Mi and M memory limits crash as they do in Airflow', () => {
  assert.throws(() => memory('512Mi'), (error: unknown) => error instanceof OperatorError && error.exception === 'TypeError');
});

test('cpu requests are truncated, limits become strings, zero values drop out', () => {
  const { driver, executor } = sparkResources({ cpu: { request: '1.5', limit: 2 }, gpu: { name: 'nvidia', quantity: '2' } } as never, { cpu: { request: 0.5 } } as never);
  assert.deepEqual(driver, { cores: 1, coreLimit: '2', gpu: { name: 'nvidia', quantity: 2 } });
  assert.deepEqual(executor, {});
});
