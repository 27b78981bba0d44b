import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterLabel, launchNamespace, resolveClusterTarget } from './cluster-target.js';
import { untrustedReason } from './trust.js';

const none = { kubeconfig: '', context: '', namespace: '' };

test("the task's own namespace wins, then its pod template's; the picked one is only the fallback (Airflow's rule)", () => {
  assert.equal(launchNamespace('team-a', 'team-a', 'picked'), 'team-a');
  assert.equal(launchNamespace('default', 'default', 'picked'), 'default', 'an explicit namespace: default is the task\'s own');
  assert.equal(launchNamespace(undefined, 'from-template', 'picked'), 'from-template');
  assert.equal(launchNamespace(undefined, 'default', 'picked'), 'picked', 'the renderer\'s "default" is no namespace of the task');
  assert.equal(launchNamespace('', undefined, 'picked'), 'picked');
  assert.equal(launchNamespace(undefined, 'default', undefined), 'default');
  assert.equal(launchNamespace(undefined, undefined, '  '), 'default');
});

test('the picked context and namespace win over the settings; empty means unset', () => {
  assert.deepEqual(resolveClusterTarget(none, {}), {});
  assert.deepEqual(resolveClusterTarget({ kubeconfig: '/k', context: 'c1', namespace: 'n1' }, {}), { kubeconfigPath: '/k', context: 'c1', namespace: 'n1' });
  assert.deepEqual(resolveClusterTarget({ kubeconfig: '/k', context: 'c1', namespace: 'n1' }, { context: 'c2', namespace: 'n2' }), { kubeconfigPath: '/k', context: 'c2', namespace: 'n2' });
  assert.deepEqual(resolveClusterTarget(none, { context: '', namespace: 'n2' }), { namespace: 'n2' });
});

test('the status bar label names context and namespace', () => {
  assert.equal(clusterLabel('kind-a', 'airflow'), 'kind-a / airflow');
  assert.equal(clusterLabel(undefined, undefined), '(no context) / default');
});

test('an untrusted workspace gets a reason naming Workspace Trust; a trusted one none', () => {
  assert.equal(untrustedReason(true, 'Launch'), undefined);
  assert.match(untrustedReason(false, 'Launch') ?? '', /^Launch is unavailable .*Workspace Trust/);
  assert.match(untrustedReason(false, 'Check Against Cluster') ?? '', /exec credential plugins/);
});
