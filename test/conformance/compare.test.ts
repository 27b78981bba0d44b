/** The judge's masking must hide the provider's random parts and nothing else. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { carriesPhrase, compareJson, compareText, errorKeyPhrase, maskedMatcher } from './compare.js';

const masks = { suffixes: ['k3x9abcd'], uuids: ['0b7f0d4e-2c1a-4e8e-9d55-3f0e6f1b2a77'] };

test('a different random suffix of the same shape matches; another name does not', () => {
  assert.deepEqual(compareJson({ name: 'task-k3x9abcd' }, { name: 'task-zz00aa11' }, masks), []);
  assert.equal(compareJson({ name: 'task-k3x9abcd' }, { name: 'tusk-zz00aa11' }, masks).length, 1);
  assert.equal(compareJson({ name: 'task-k3x9abcd' }, { name: 'task-ZZ00AA11' }, masks).length, 1);
  assert.equal(compareJson({ name: 'task-k3x9abcd' }, { name: 'task-zz00aa1' }, masks).length, 1);
});

test('strings without a provider token must be identical', () => {
  assert.equal(compareJson({ image: 'busybox' }, { image: 'busybox:latest' }, masks).length, 1);
  assert.equal(maskedMatcher('plain', masks), undefined);
});

test('secretvol UUIDs are masked by shape', () => {
  const airflow = { volumes: [{ name: `secretvol${masks.uuids[0]}` }] };
  assert.deepEqual(compareJson(airflow, { volumes: [{ name: 'secretvol11111111-2222-4333-8444-555555555555' }] }, masks), []);
  assert.equal(compareJson(airflow, { volumes: [{ name: 'secretvol-nope' }] }, masks).length, 1);
});

test('env labels: values ignored, missing on our side counts only when Airflow emits them', () => {
  const airflow = { metadata: { labels: { airflow_version: '3.3.2', foo: 'bar' } } };
  assert.deepEqual(compareJson(airflow, { metadata: { labels: { airflow_version: '9.9.9', foo: 'bar' } } }, masks), []);
  assert.equal(compareJson(airflow, { metadata: { labels: { foo: 'bar' } } }, masks).length, 1);
  const extra = { metadata: { labels: { airflow_version: '1', foo: 'bar' } } };
  assert.deepEqual(compareJson({ metadata: { labels: { foo: 'bar' } } }, extra, masks), []);
  // airflow_kpo_in_cluster is judged like any label (issue 9): its value and its presence count.
  const inCluster = { metadata: { labels: { airflow_kpo_in_cluster: 'True' } } };
  assert.equal(compareJson(inCluster, { metadata: { labels: { airflow_kpo_in_cluster: 'False' } } }, masks).length, 1);
  assert.equal(compareJson({ metadata: { labels: {} } }, inCluster, masks).length, 1);
  assert.equal(compareJson({ spec: { airflow_version: 'x' } }, { spec: {} }, masks).length, 1);
});

test('arrays compare by position and length; objects by key regardless of order', () => {
  assert.equal(compareJson([1, 2], [2, 1], masks).length, 2);
  assert.equal(compareJson([1], [1, 2], masks).length, 1);
  assert.deepEqual(compareJson({ a: 1, b: 2 }, { b: 2, a: 1 }, masks), []);
  assert.equal(compareJson({ a: null }, {}, masks).length, 1);
});

test('dry_run text: byte for byte per line, env label lines masked or dropped as documented', () => {
  const airflow = 'metadata:\n  labels:\n    airflow_version: 3.3.2\n  name: task-k3x9abcd\n\n';
  const ours = 'metadata:\n  labels:\n    airflow_version: 0.0.0\n  name: task-q1w2e3r4\n\n';
  assert.deepEqual(compareText(airflow, ours, masks), []);
  const withLabel = 'metadata:\n  labels:\n    airflow_kpo_in_cluster: \'True\'\n    airflow_version: 0.0.0\n  name: task-q1w2e3r4\n\n';
  assert.equal(compareText(airflow, withLabel, masks).length > 0, true, 'airflow_kpo_in_cluster is no longer masked or dropped');
  assert.equal(compareText(airflow, ours.replace('\n\n', '\n'), masks).length, 1);
  assert.equal(compareText(airflow, ours.replace('  name', '   name'), masks).length, 1);
});

test('error phrase: first line of the message, whitespace-insensitive', () => {
  const phrase = errorKeyPhrase('Invalid arguments were passed to X (task_id: t). Invalid arguments were:\n**kwargs: {}');
  assert.equal(phrase, 'Invalid arguments were passed to X (task_id: t). Invalid arguments were:');
  assert.ok(carriesPhrase('f.task.yaml:3:1: error E1 Invalid arguments were passed to X (task_id: t).\n  Invalid arguments were:', phrase));
  assert.ok(!carriesPhrase('f.task.yaml:3:1: error E1 unknown argument', phrase));
});
