import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toExitStatus } from './outcome.js';
import { harness, makeBody, makeCreated, makePod, terminated } from './testing/fake-launch.js';

test('the startup timeout fails the launch; cleanup judges the pod read at creation (delete, patch)', () => {
  const h = harness({ startup_timeout_seconds: 30 });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  const t0 = h.now();
  h.send({ type: 'pod', pod: makePod({ phase: 'Pending', scheduled: true, containers: { base: 'creating' } }) });
  assert.equal(h.machine.nextWakeMs(), t0 + 30_000, 'a tick is wanted when the startup clock runs out');
  assert.deepEqual(h.kinds(h.after(29_999)), []);
  assert.deepEqual(h.kinds(h.wake()), ['patch-pod:cleanup-patch']);
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  h.send({ type: 'api-done', id: 'cleanup-delete' });
  const o = h.machine.outcome!;
  assert.equal(o.outcome, 'failed');
  assert.equal(o.reason, 'PodLaunchTimeoutException');
  assert.equal(o.message, 'Pod took too long to start. More than 30s. Check the pod events in kubernetes.\nPod task-abc returned a failure.');
});

test('the schedule clock, then a fresh startup clock once scheduled', () => {
  const h = harness({ startup_timeout_seconds: 100, schedule_timeout_seconds: 10 });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  assert.deepEqual(h.kinds(h.after(9_000)), []);
  h.send({ type: 'pod', pod: makePod({ phase: 'Pending', scheduled: true, containers: { base: 'creating' } }) });
  assert.deepEqual(h.kinds(h.after(50_000)), [], 'scheduled after 9 s: the 10 s schedule limit no longer applies');
  assert.deepEqual(h.kinds(h.after(50_000)), ['patch-pod:cleanup-patch'], '100 s after it was scheduled');
  const unscheduled = harness({ schedule_timeout_seconds: 10 });
  unscheduled.start();
  unscheduled.send({ type: 'pod-created', pod: makeCreated() });
  unscheduled.wake();
  assert.match(unscheduled.decisions.map((d) => (d.kind === 'finish' ? d.outcome.message : '')).join(''), /^$/, 'not finished before the cleanup calls return');
  unscheduled.send({ type: 'api-done', id: 'cleanup-patch' });
  unscheduled.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.match(unscheduled.machine.outcome!.message, /^Pod took too long to be scheduled on the cluster, giving up\. More than 10s\./);
});

test('a fatal image error fails fast, without waiting for a clock', () => {
  const h = harness({ on_finish_action: 'delete_active_pod' });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  const waiting = { waiting: { reason: 'ErrImagePull', message: 'pull access denied, repository does not exist' } };
  const calls = h.send({ type: 'pod', pod: makePod({ phase: 'Pending', scheduled: true, containers: { base: waiting } }) });
  assert.deepEqual(h.kinds(calls), ['patch-pod:cleanup-patch']);
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  h.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.equal(h.machine.outcome?.reason, 'PodLaunchFailedException');
  assert.match(h.machine.outcome!.message, /^Image cannot be pulled, unable to start: ErrImagePull\npull access denied/);
});

test('a transient pull error waits for the clock instead', () => {
  const h = harness({});
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  const waiting = { waiting: { reason: 'ImagePullBackOff', message: 'toomanyrequests: rate limit' } };
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: makePod({ phase: 'Pending', scheduled: true, containers: { base: waiting } }) })), []);
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: 'running' } }) })), ['follow-logs:base']);
});

test('init containers are followed as they start (init_container_logs=True), main logs after', () => {
  const body = makeBody(['base'], ['init-a']);
  const h = harness({ init_container_logs: true }, { body });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated(['base'], ['init-a']) });
  const init = h.send({ type: 'pod', pod: makePod({ phase: 'Pending', scheduled: true, init: { 'init-a': 'running' }, containers: { base: 'creating' } }) });
  assert.deepEqual(h.kinds(init), ['follow-logs:init-a']);
  h.send({ type: 'pod', pod: makePod({ phase: 'Running', init: { 'init-a': terminated(0) }, containers: { base: 'running' } }) });
  h.send({ type: 'log-ended', container: 'init-a' });
  h.send({ type: 'pod', pod: makePod({ phase: 'Succeeded', init: { 'init-a': terminated(0) }, containers: { base: terminated(0) } }) });
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: 'base' })), ['delete-pod:cleanup-delete']);
  assert.deepEqual(h.kinds().slice(0, 4), ['create-pod', 'watch-pod', 'follow-logs:init-a', 'follow-logs:base']);
});

test('a log drop while running is resumed from the last stamp a second later; no line is asked twice', () => {
  const h = harness({});
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: 'running' } }) });
  assert.deepEqual(h.send({ type: 'log-ended', container: 'base', lastTimestamp: '2026-12-06T22:00:07.25Z', error: 'socket hang up' }), []);
  const resumed = h.wake();
  assert.deepEqual(resumed, [{ kind: 'follow-logs', container: 'base', init: false, follow: true, previous: false, sinceTime: '2026-12-06T22:00:07Z', resumeAfter: '2026-12-06T22:00:07.25Z' }]);
});

test('an XCom sidecar that already terminated, or never starts within 15 minutes, fails the task', () => {
  const dead = harness({ do_xcom_push: true }, { body: makeBody(['base', 'airflow-xcom-sidecar']) });
  dead.start();
  dead.send({ type: 'pod-created', pod: makeCreated(['base', 'airflow-xcom-sidecar']) });
  dead.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: terminated(0), 'airflow-xcom-sidecar': terminated(1) } }) });
  assert.deepEqual(dead.kinds(dead.send({ type: 'log-ended', container: 'base' })), ['patch-pod:cleanup-patch']);
  dead.send({ type: 'api-done', id: 'cleanup-patch' });
  dead.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.match(dead.machine.outcome!.message, /^Xcom sidecar container is already terminated! Not possible to read xcom output of task\./);

  const slow = harness({ do_xcom_push: true }, { body: makeBody(['base', 'airflow-xcom-sidecar']) });
  slow.start();
  slow.send({ type: 'pod-created', pod: makeCreated(['base', 'airflow-xcom-sidecar']) });
  slow.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: terminated(0), 'airflow-xcom-sidecar': 'creating' } }) });
  slow.send({ type: 'log-ended', container: 'base' });
  const warning = slow.wake();
  assert.match(warning[0]?.kind === 'progress' ? warning[0].text : '', /^Still waiting for the xcom sidecar container to start\. Elapsed time: 30 seconds\.$/);
  for (let i = 0; i < 29; i++) slow.wake();
  assert.deepEqual(slow.kinds(slow.wake()), ['patch-pod:cleanup-patch']);
  slow.send({ type: 'api-done', id: 'cleanup-patch' });
  slow.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.match(slow.machine.outcome!.message, /^Xcom sidecar container did not start within 15 minutes\./);
});

test('the pod deleted under the launch fails it, without cleanup calls on a pod that is gone', () => {
  const h = harness({});
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  assert.deepEqual(h.kinds(h.send({ type: 'pod-gone' })), ['stop-watch', 'finish']);
  assert.equal(h.machine.outcome?.outcome, 'failed');
  assert.equal(h.machine.outcome?.objects[0]?.state, 'deleted');
});

test('a cluster that refuses the create, or goes away, is exit status 4', () => {
  const h = harness({});
  h.start();
  h.send({ type: 'create-failed', error: { reason: 'Forbidden', message: 'pods is forbidden', status: 403 } });
  assert.deepEqual([h.machine.outcome?.outcome, toExitStatus(h.machine.outcome!), h.machine.outcome?.message], ['error', 4, 'pods is forbidden']);
  const lost = harness({});
  lost.start();
  lost.send({ type: 'pod-created', pod: makeCreated() });
  assert.deepEqual(lost.kinds(lost.send({ type: 'cluster-error', error: { reason: 'Unreachable', message: 'connect ECONNREFUSED' } })), ['patch-pod:cleanup-patch']);
  lost.send({ type: 'api-done', id: 'cleanup-patch', error: { reason: 'Unreachable', message: 'x' } });
  lost.send({ type: 'api-done', id: 'cleanup-delete', error: { reason: 'Unreachable', message: 'x' } });
  assert.equal(toExitStatus(lost.machine.outcome!), 4);
  assert.equal(lost.machine.outcome?.objects[0]?.state, 'kept');
});

test('--no-follow creates, reports the run, and does nothing more', () => {
  const h = harness({}, { follow: false });
  h.start();
  const end = h.send({ type: 'pod-created', pod: makeCreated() });
  assert.equal(end.at(-1)?.kind, 'finish');
  assert.equal(h.decisions.some((d) => d.kind === 'watch-pod'), false);
  assert.deepEqual([h.machine.outcome?.outcome, toExitStatus(h.machine.outcome!)], ['launched', 0]);
});

test('a deferrable task says it runs the synchronous lifecycle', () => {
  const h = harness({ deferrable: true });
  const first = h.start();
  assert.match(first[0]?.kind === 'progress' ? first[0].text : '', /^deferrable=True: running the synchronous lifecycle/);
  assert.equal(first.at(-1)?.kind, 'create-pod');
});

test('a cluster error before any pod exists ends without cleanup calls', () => {
  const h = harness({}, { existingRun: true });
  h.start();
  assert.deepEqual(h.kinds(h.send({ type: 'cluster-error', error: { reason: 'Unreachable', message: 'gone' } })), ['finish']);
  assert.deepEqual([h.machine.outcome?.outcome, h.machine.outcome?.objects], ['error', []]);
});
