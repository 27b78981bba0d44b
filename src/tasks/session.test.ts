import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LaunchOutcome } from './outcome.js';
import { LaunchSession, sessionLogLimit } from './session.js';

const start = { operator: 'KubernetesPodOperator', dagId: 'd', taskId: 't', runId: 'manual__2026-01-01T00:00:00+00:00', tryNumber: 1, namespace: 'ns' };

function outcome(extra: Partial<LaunchOutcome> = {}): LaunchOutcome {
  return { outcome: 'success', exitCode: 0, reason: 'Completed', message: '', xcom: [1, 2], runId: start.runId, namespace: 'ns',
    objects: [{ kind: 'Pod', namespace: 'ns', name: 'p', state: 'deleted' }], ...extra };
}

test('a launch keeps its outcome, exit code, XCom, objects and last log lines after it ends', () => {
  let clock = 1000;
  const session = new LaunchSession(() => clock);
  const seen: string[] = [];
  session.onChange((r) => seen.push(r.stateText));
  const live: string[] = [];
  session.onLog((_r, container, text) => live.push(`${container}:${text}`));
  const rec = session.begin(start);
  rec.object('Pod', 'ns', 'p');
  rec.state('Pending');
  for (let i = 0; i < sessionLogLimit + 5; i++) rec.log('base', `line ${i}`);
  clock = 5000;
  rec.finish(outcome());
  rec.log('base', 'late');
  rec.state('ignored after the end');
  const r = session.get(rec.id);
  assert.ok(r);
  assert.equal(r.outcome?.outcome, 'success');
  assert.equal(r.exitCode, 0);
  assert.deepEqual(r.xcom, [1, 2]);
  assert.deepEqual(r.objects, [{ kind: 'Pod', namespace: 'ns', name: 'p', state: 'deleted' }]);
  const lines = r.logs.get('base') ?? [];
  assert.equal(lines.length, sessionLogLimit);
  assert.equal(lines[0], 'line 5');
  assert.equal(lines.at(-1), `line ${sessionLogLimit + 4}`);
  assert.deepEqual([r.startedAt, r.finishedAt], [1000, 5000]);
  assert.equal(live.length, sessionLogLimit + 5, 'every line reaches the log listeners, none after the end');
  assert.equal(live[0], 'base:line 0');
  assert.deepEqual(seen, ['Starting', 'Starting', 'Pending', 'Succeeded']);
});

test('records are found by object, removed, and listeners can unsubscribe', () => {
  const session = new LaunchSession(() => 0);
  let calls = 0;
  const off = session.onChange(() => calls++);
  const a = session.begin(start);
  a.object('Job', 'ns', 'j');
  off();
  const b = session.begin({ ...start, tryNumber: 2 });
  assert.notEqual(a.id, b.id);
  assert.equal(session.findByObject('Job', 'ns', 'j')?.id, a.id);
  assert.equal(session.findByObject('Pod', 'ns', 'j'), undefined);
  assert.equal(session.remove(a.id), true);
  assert.equal(session.remove(a.id), false);
  assert.deepEqual(session.all().map((r) => r.id), [b.id]);
  assert.equal(calls, 2);
});

test('finishing drops the cancel handle and keeps objects the outcome does not list', () => {
  const session = new LaunchSession(() => 0);
  let cancelled = 0;
  const rec = session.begin({ ...start, cancel: () => cancelled++ });
  rec.object('Workload', 'ns', 'w');
  session.get(rec.id)?.cancel?.();
  rec.finish(outcome({ outcome: 'failed', exitCode: 1 }));
  const r = session.get(rec.id);
  assert.equal(cancelled, 1);
  assert.equal(r?.cancel, undefined);
  assert.deepEqual(r?.objects.map((o) => `${o.kind}:${o.state}`), ['Pod:deleted', 'Workload:kept']);
  assert.equal(r?.stateText, 'Failed');
});

test("a relaunch's record takes the try the runtime chose, and tells the tree; nothing changes after the end", () => {
  const session = new LaunchSession(() => 0);
  const tries: number[] = [];
  session.onChange((r) => tries.push(r.tryNumber));
  const rec = session.begin(start);
  rec.tryNumber(2);
  rec.tryNumber(2);
  rec.finish(outcome());
  rec.tryNumber(3);
  assert.equal(session.get(rec.id)?.tryNumber, 2);
  assert.deepEqual(tries, [1, 2, 2]);
});
