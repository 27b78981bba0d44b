import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, parseSettings } from './settings.js';

test('absent settings are the documented defaults (workers inside the cluster, as the Helm chart runs them)', () => {
  assert.deepEqual(parseSettings(undefined), { settings: defaultSettings, problems: [] });
  assert.equal(parseSettings({}).settings.airflow.inCluster, true);
});

test('the nested section VS Code returns is read key by key', () => {
  const { settings, problems } = parseSettings({ logLevel: 'debug', validation: { enabled: false }, airflow: { inCluster: false } });
  assert.deepEqual(problems, []);
  assert.equal(settings.logLevel, 'debug');
  assert.equal(settings.validation.enabled, false);
  assert.equal(settings.validation.addSchemaModeline, false);
  assert.equal(settings.airflow.inCluster, false);
});

test('a wrong value is reported by name and replaced by its default; the others still apply', () => {
  const { settings, problems } = parseSettings({ logLevel: 'loud', airflow: { inCluster: 'no' }, validation: { enabled: false } });
  assert.equal(settings.logLevel, 'info');
  assert.equal(settings.airflow.inCluster, true);
  assert.equal(settings.validation.enabled, false);
  assert.deepEqual(problems.map((p) => p.message), [
    'kubetasks.logLevel: "loud" is not valid; using "info"',
    'kubetasks.airflow.inCluster: "no" is not valid; using true',
  ]);
});

test('cluster, log and tree settings: defaults, values and wrong values', () => {
  const d = parseSettings({}).settings;
  assert.deepEqual([d.kubeconfig, d.context, d.namespace, d.logs.tail, d.logs.timestamps, d.tree.grouping], ['', '', '', 500, false, 'dag']);
  const { settings, problems } = parseSettings({
    kubeconfig: ' /k/config ', context: 'kind', namespace: 'airflow', logs: { tail: 0, timestamps: true }, tree: { grouping: 'none' },
    airflow: { servers: [{ name: 'prod', url: 'https://airflow.example' }], caFile: '/ca.pem' },
  });
  assert.deepEqual(problems, []);
  assert.equal(settings.kubeconfig, '/k/config');
  assert.deepEqual([settings.context, settings.namespace, settings.logs.tail, settings.logs.timestamps], ['kind', 'airflow', 0, true]);
  assert.equal(settings.tree.grouping, 'none');
  assert.deepEqual(settings.airflow.servers, [{ name: 'prod', url: 'https://airflow.example' }]);
  assert.equal(settings.airflow.caFile, '/ca.pem');
});

test('a negative or fractional tail, an unknown grouping and bad servers fall back, each named', () => {
  const { settings, problems } = parseSettings({
    logs: { tail: -1 }, tree: { grouping: 'task' }, namespace: 3,
    airflow: { servers: [{ name: 'a', url: 'ftp://x' }] },
  });
  assert.equal(settings.logs.tail, 500);
  assert.equal(settings.tree.grouping, 'dag');
  assert.equal(settings.namespace, '');
  assert.deepEqual(settings.airflow.servers, []);
  assert.deepEqual(problems.map((p) => p.message.split(':')[0]), ['kubetasks.airflow.servers', 'kubetasks.namespace', 'kubetasks.logs.tail', 'kubetasks.tree.grouping']);
  assert.equal(parseSettings({ logs: { tail: 2.5 } }).problems.length, 1);
  const dup = parseSettings({ airflow: { servers: [{ name: 'a', url: 'http://x' }, { name: 'a', url: 'http://y' }] } });
  assert.equal(dup.problems.length, 1);
});
