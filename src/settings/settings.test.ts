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
