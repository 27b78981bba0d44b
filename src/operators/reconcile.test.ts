import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserializeModel, toApiBody } from './k8s-model.js';
import { OperatorError } from './operator-error.js';
import { extendObjectField, mergeObjects, reconcileContainers, reconcilePods } from './reconcile.js';

const pod = (raw: Record<string, unknown>) => deserializeModel(raw as never, 'V1Pod');
const containers = (raw: unknown[]) => raw.map((item) => deserializeModel(item as never, 'V1Container'));

test('containers merge by position: lists concatenate, other fields come from the client when set', () => {
  const base = containers([{ name: 'base_container1', ports: [{ containerPort: 1, name: 'base_port' }] }, { name: 'base_container2', image: 'base_image' }]);
  const client = containers([{ name: 'client_container1', ports: [{ containerPort: 2, name: 'client_port' }] }, { name: 'client_container2', stdin: true }]);
  assert.deepEqual(toApiBody(reconcileContainers(base, client)), [
    { name: 'client_container1', ports: [{ containerPort: 1, name: 'base_port' }, { containerPort: 2, name: 'client_port' }] },
    { name: 'client_container2', stdin: true, image: 'base_image' },
  ]);
});

test("a template's false survives an operator None, and a truthy operator value wins", () => {
  const template = pod({ spec: { automountServiceAccountToken: false, hostNetwork: true, containers: [{ name: 'a' }] } });
  const operator = pod({ spec: { hostNetwork: false, restartPolicy: 'Never', containers: [{ name: 'base' }] } });
  const spec = toApiBody(reconcilePods(template, operator)) as { spec: Record<string, unknown> };
  assert.equal(spec.spec.automountServiceAccountToken, false);
  assert.equal(spec.spec.hostNetwork, true);
  assert.equal(spec.spec.restartPolicy, 'Never');
});

test('init containers with the same name merge; volumes concatenate template first', () => {
  const template = pod({ spec: { containers: [{ name: 'base' }], initContainers: [{ name: 'init', image: 'a', env: [{ name: 'A' }] }], volumes: [{ name: 't' }] } });
  const operator = pod({ spec: { containers: [{ name: 'base' }], initContainers: [{ name: 'init', env: [{ name: 'B' }] }, { name: 'other' }], volumes: [{ name: 'o' }] } });
  const spec = (toApiBody(reconcilePods(template, operator)) as { spec: Record<string, unknown> }).spec;
  assert.deepEqual(spec.initContainers, [{ name: 'init', image: 'a', env: [{ name: 'A' }, { name: 'B' }] }, { name: 'other' }]);
  assert.deepEqual(spec.volumes, [{ name: 't' }, { name: 'o' }]);
});

test('plain dicts merge shallowly with the client winning; non-list fields are refused', () => {
  assert.deepEqual(mergeObjects({ a: 1, b: { x: 1 } }, { b: { y: 2 } }), { a: 1, b: { y: 2 } });
  const bad = deserializeModel({ name: 'c' }, 'V1Container');
  bad.set('env', 'nope');
  assert.throws(() => extendObjectField(bad, deserializeModel({ name: 'd' }, 'V1Container'), 'env'), (error: unknown) => error instanceof OperatorError && /must be a list/.test(error.message));
});
