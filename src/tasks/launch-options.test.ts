import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toLaunchOptions } from './launch-options.js';

test('defaults are the operator\'s', () => {
  assert.deepEqual(toLaunchOptions({}), {
    baseContainerName: 'base',
    getLogs: true,
    containerLogs: ['base'],
    initContainerLogs: [],
    doXcomPush: false,
    skipOnExitCode: [],
    onFinishAction: 'delete_pod',
    onKillAction: 'delete_pod',
    terminationGracePeriod: undefined,
    startupTimeoutSeconds: 120,
    startupCheckIntervalSeconds: 5,
    scheduleTimeoutSeconds: 120,
    reattachOnRestart: true,
    labels: {},
    deferrable: false,
  });
});

test('container_logs falls back to the base container name; True means all', () => {
  assert.deepEqual(toLaunchOptions({ base_container_name: 'main' }).containerLogs, ['main']);
  assert.deepEqual(toLaunchOptions({ container_logs: [] }).containerLogs, ['base']);
  assert.equal(toLaunchOptions({ container_logs: true }).containerLogs, true);
  assert.deepEqual(toLaunchOptions({ container_logs: 'side' }).containerLogs, ['side']);
  assert.deepEqual(toLaunchOptions({ init_container_logs: 'init' }).initContainerLogs, ['init']);
  assert.equal(toLaunchOptions({ init_container_logs: true }).initContainerLogs, true);
});

test('schedule_timeout_seconds or startup_timeout_seconds; an int skip code becomes a list', () => {
  assert.equal(toLaunchOptions({ startup_timeout_seconds: 7 }).scheduleTimeoutSeconds, 7);
  assert.equal(toLaunchOptions({ startup_timeout_seconds: 7, schedule_timeout_seconds: 3 }).scheduleTimeoutSeconds, 3);
  assert.equal(toLaunchOptions({ startup_timeout_seconds: 7, schedule_timeout_seconds: 0 }).scheduleTimeoutSeconds, 7);
  assert.deepEqual(toLaunchOptions({ skip_on_exit_code: 100 }).skipOnExitCode, [100]);
  assert.deepEqual(toLaunchOptions({ skip_on_exit_code: [0, 1] }).skipOnExitCode, [0, 1]);
});

test('durable wins over reattach_on_restart (Airflow 3.3); labels are str() of their values', () => {
  assert.equal(toLaunchOptions({ reattach_on_restart: false }).reattachOnRestart, false);
  assert.equal(toLaunchOptions({ reattach_on_restart: false, durable: true }).reattachOnRestart, true);
  assert.deepEqual(toLaunchOptions({ labels: { a: true, b: null, c: 5, d: 'x' } }).labels, { a: 'True', b: '', c: '5', d: 'x' });
  assert.deepEqual(toLaunchOptions({ labels: { $dict: { a: 'b' } } }).labels, { a: 'b' });
});
