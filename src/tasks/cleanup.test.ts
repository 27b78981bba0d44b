import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planCleanup, shouldDeletePod } from './cleanup.js';
import { toLaunchOptions } from './launch-options.js';
import { makePod, terminated } from './testing/fake-launch.js';

// spec §13 kpo-on-finish-action-delete (test_mark_checked_if_not_deleted): [action, phase, deleted, patched]
const finishTable: Array<[string, string, boolean, boolean]> = [
  ['delete_pod', 'Succeeded', true, false],
  ['delete_pod', 'Failed', true, true],
  ['keep_pod', 'Succeeded', false, true],
  ['keep_pod', 'Failed', false, true],
  ['delete_succeeded_pod', 'Succeeded', true, false],
  ['delete_succeeded_pod', 'Failed', false, true],
  ['delete_active_pod', 'Succeeded', false, true],
];

test('on_finish_action decides deletion and the already_checked patch as Airflow does', () => {
  for (const [action, phase, deleted, patched] of finishTable) {
    const pod = makePod({ phase, containers: { base: terminated(phase === 'Succeeded' ? 0 : 1) } });
    const plan = planCleanup(pod, toLaunchOptions({ on_finish_action: action }));
    assert.deepEqual([plan.delete, plan.patchChecked], [deleted, patched], `${action} ${phase}`);
  }
});

// spec §13 kpo-skip-on-exit-code (test_task_skip_when_pod_exit_with_certain_code): [skip_on_exit_code, exit, outcome]
const skipTable: Array<[unknown, number, string]> = [
  [null, 0, 'success'],
  [null, 100, 'failed'],
  [100, 100, 'skipped'],
  [100, 101, 'failed'],
  [0, 0, 'skipped'],
  [[100, 102], 101, 'failed'],
  [[100], 100, 'skipped'],
];

test('skip_on_exit_code wins over failure, and even over success', () => {
  for (const [skip, code, outcome] of skipTable) {
    const pod = makePod({ phase: code === 0 ? 'Succeeded' : 'Failed', containers: { base: terminated(code) } });
    const plan = planCleanup(pod, toLaunchOptions({ skip_on_exit_code: skip }));
    assert.equal(plan.result.kind, outcome, `skip=${JSON.stringify(skip)} exit=${code}`);
    if (plan.result.kind === 'skipped') assert.equal(plan.result.message, `Pod task-abc returned exit code ${code}. Skipping.`);
  }
});

test('a failure carries the termination message; an empty one is dropped', () => {
  const withMessage = planCleanup(makePod({ phase: 'Failed', containers: { base: terminated(3, { message: 'disk full' }) } }), toLaunchOptions({}));
  assert.deepEqual(withMessage.result, { kind: 'failed', message: 'Pod task-abc returned a failure.\ndisk full' });
  const empty = planCleanup(makePod({ phase: 'Failed', containers: { base: terminated(3, { message: '' }) } }), toLaunchOptions({}));
  assert.deepEqual(empty.result, { kind: 'failed', message: 'Pod task-abc returned a failure.' });
});

test('with do_xcom_push the base container decides, not the phase', () => {
  const running = makePod({ phase: 'Running', containers: { base: terminated(0), 'airflow-xcom-sidecar': 'running' } });
  const xcom = planCleanup(running, toLaunchOptions({ do_xcom_push: true }));
  assert.equal(xcom.result.kind, 'success');
  assert.equal(xcom.patchChecked, true, 'phase is not Succeeded, so the pod is marked');
  assert.equal(planCleanup(running, toLaunchOptions({})).result.kind, 'failed', 'without XCom a Running phase is a failure');
  const failedBase = makePod({ phase: 'Succeeded', containers: { base: terminated(2) } });
  assert.equal(planCleanup(failedBase, toLaunchOptions({ do_xcom_push: true })).result.kind, 'failed');
});

test('an istio-proxy container makes the base container decide', () => {
  const pod = makePod({ phase: 'Running', containers: { base: terminated(0), 'istio-proxy': 'running' } });
  assert.equal(planCleanup(pod, toLaunchOptions({})).result.kind, 'success');
});

test('delete_succeeded_pod also deletes when the base container exited 0; delete_active_pod only Pending or Running', () => {
  const pod = makePod({ phase: 'Running', containers: { base: terminated(0) } });
  assert.equal(shouldDeletePod(pod, 'delete_succeeded_pod', 'base'), true);
  assert.equal(shouldDeletePod(pod, 'delete_active_pod', 'base'), true);
  assert.equal(shouldDeletePod(makePod({ phase: 'Pending' }), 'delete_active_pod', 'base'), true);
  assert.equal(shouldDeletePod(makePod({ phase: 'Failed' }), 'delete_active_pod', 'base'), false);
  assert.equal(shouldDeletePod(makePod({ phase: 'Failed', containers: { base: terminated(1) } }), 'delete_succeeded_pod', 'base'), false);
});

test('a pod that never got container statuses fails and has no exit code to skip on', () => {
  const plan = planCleanup(makePod({ phase: 'Pending' }), toLaunchOptions({ skip_on_exit_code: [0, 1] }));
  assert.deepEqual(plan.result, { kind: 'failed', message: 'Pod task-abc returned a failure.' });
});
