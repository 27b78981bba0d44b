import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPlanLine, planManifest } from './manifest-plan.js';

test('a manifest plan puts Namespaces and CRDs first, keeps the rest in order, and finds the Deployments', () => {
  const text = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kueue-controller-manager, namespace: kueue-system}',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: kueue, namespace: kueue-system}',
    '',
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: workloads.kueue.x-k8s.io}',
    'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Namespace, metadata: {name: kueue-system}}',
  ].join('\n---\n');
  const plan = planManifest(text);
  assert.ok(plan.ok);
  assert.deepEqual(plan.value.objects.map(formatPlanLine), [
    'Namespace kueue-system', 'CustomResourceDefinition workloads.kueue.x-k8s.io',
    'Deployment kueue-system/kueue-controller-manager', 'ServiceAccount kueue-system/kueue',
  ]);
  assert.deepEqual(plan.value.deployments, [{ name: 'kueue-controller-manager', namespace: 'kueue-system' }]);
});

test('a manifest that is not Kubernetes objects is refused, located', () => {
  const nameless = planManifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just\n- a list\n');
  assert.ok(!nameless.ok);
  assert.deepEqual(nameless.problems.map((p) => [p.code, p.start?.line, p.message]), [['KT5020', 5, 'a document is not a mapping (a Kubernetes object)']]);
  const empty = planManifest('# nothing\n');
  assert.ok(!empty.ok);
  assert.equal(empty.problems[0]?.message, 'the manifest holds no object');
});
