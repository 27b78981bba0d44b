import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogFollows, reconcileLogTargets, toSinceTime } from './log-follow.js';
import { makePod, terminated } from './testing/fake-launch.js';

test('container_logs=True follows every container but the XCom sidecar; init containers in spec order', () => {
  const pod = makePod({ containers: { base: 'running', side: 'running', 'airflow-xcom-sidecar': 'running' }, init: { a: 'running', b: 'running' } });
  const all = reconcileLogTargets(pod, true, ['b', 'a']);
  assert.deepEqual(all.targets, [
    { container: 'a', init: true },
    { container: 'b', init: true },
    { container: 'base', init: false },
    { container: 'side', init: false },
  ]);
  const some = reconcileLogTargets(pod, ['base', 'nope'], []);
  assert.deepEqual(some.targets, [{ container: 'base', init: false }]);
  assert.deepEqual(some.missing, ['container nope whose logs were requested not found in the pod task-abc']);
});

test('a follow starts once its container started, and resumes after a drop from the last stamp', () => {
  const follows = new LogFollows([{ container: 'base', init: false }]);
  assert.deepEqual(follows.update(makePod({ containers: { base: 'creating' } }), 0), []);
  const running = makePod({ phase: 'Running', containers: { base: 'running' } });
  assert.deepEqual(follows.update(running, 0), [{ kind: 'follow-logs', container: 'base', init: false, follow: true, previous: false }]);
  assert.deepEqual(follows.ended('base', { lastTimestamp: '2026-12-06T22:00:05.123456789Z', error: 'terminated' }, running, 10), []);
  assert.equal(follows.nextWakeMs(running), 1010, 'a broken follow is retried a second later');
  assert.deepEqual(follows.update(running, 500), []);
  assert.deepEqual(follows.update(running, 1010), [
    { kind: 'follow-logs', container: 'base', init: false, follow: true, previous: false, sinceTime: '2026-12-06T22:00:05Z', resumeAfter: '2026-12-06T22:00:05.123456789Z' },
  ]);
  const normalEnd = follows.ended('base', {}, running, 2000);
  assert.equal(normalEnd[0]?.kind === 'follow-logs' && normalEnd[0].sinceTime, '2026-12-06T22:00:05Z', 'a stream the server closed is resumed at once');
});

test('after termination the follow reads to the end, bounded by post_termination_timeout', () => {
  const follows = new LogFollows([{ container: 'base', init: false }]);
  const done = makePod({ phase: 'Running', containers: { base: terminated(0, { finishedAt: '2026-12-06T22:00:00Z' }) } });
  const finished = Date.parse('2026-12-06T22:00:00Z');
  assert.equal(follows.update(done, finished).length, 1);
  assert.equal(follows.nextWakeMs(done), finished + 120_000);
  assert.deepEqual(follows.update(done, finished + 119_999), []);
  assert.deepEqual(follows.update(done, finished + 120_000), [{ kind: 'stop-logs', container: 'base' }]);
  assert.equal(follows.allDone(), true);
  const again = new LogFollows([{ container: 'base', init: false }]);
  again.update(done, finished);
  assert.deepEqual(again.ended('base', {}, done, finished + 1), [], 'a normal end after termination is the end');
  assert.equal(again.allDone(), true);
});

test('"waiting to start" is retried; a container that never starts in a finished pod is given up', () => {
  const follows = new LogFollows([{ container: 'base', init: false }]);
  const running = makePod({ phase: 'Running', containers: { base: 'running' } });
  follows.update(running, 0);
  const stale = makePod({ phase: 'Pending', containers: { base: 'creating' } });
  assert.deepEqual(follows.ended('base', { error: 'container "base" in pod "p" is waiting to start: ContainerCreating' }, stale, 0), []);
  assert.deepEqual(follows.update(stale, 5000), [], 'not before the container runs');
  assert.equal(follows.update(running, 5000).length, 1);
  const never = new LogFollows([{ container: 'side', init: false }]);
  never.update(makePod({ phase: 'Failed', containers: { side: 'creating' } }), 0);
  assert.equal(never.allDone(), true);
});

test('a container that restarted during a drop: the previous instance is read first', () => {
  const follows = new LogFollows([{ container: 'side', init: true }]);
  follows.update(makePod({ phase: 'Pending', init: { side: 'running' } }), 0);
  const restarted = makePod({ phase: 'Pending', init: { side: 'running' }, restarts: { side: 1 } });
  const first = follows.ended('side', { lastTimestamp: '2026-12-06T22:00:01Z', error: 'reset' }, restarted, 10);
  assert.deepEqual(first, [{ kind: 'follow-logs', container: 'side', init: true, follow: false, previous: true, sinceTime: '2026-12-06T22:00:01Z', resumeAfter: '2026-12-06T22:00:01Z' }]);
  const second = follows.ended('side', {}, restarted, 20);
  assert.equal(second[0]?.kind === 'follow-logs' && second[0].previous, false);
  assert.deepEqual(follows.stopAll(), [{ kind: 'stop-logs', container: 'side' }]);
});

test('sinceTime is the stamp\'s whole second in UTC', () => {
  assert.equal(toSinceTime('2026-12-06T22:00:05.5Z'), '2026-12-06T22:00:05Z');
  assert.equal(toSinceTime('2026-12-06T23:00:05.5+01:00'), '2026-12-06T22:00:05Z');
  assert.equal(toSinceTime('garbage'), undefined);
});
