import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPod, findPodLabelSelector, newRunId, nextTryNumber, resolveRunContext } from './run-context.js';
import { makePod } from './testing/fake-launch.js';

test('the find-pod selector is Airflow\'s (spec §13 kpo-find-pod-selector)', () => {
  const context = { dag_id: 'dag', run_id: 'test', try_number: 3, map_index: -1 };
  assert.equal(
    findPodLabelSelector({ foo: 'bar' }, 'task', context, true),
    'dag_id=dag,foo=bar,kubernetes_pod_operator=True,run_id=test,task_id=task,already_checked!=True,!airflow-worker',
  );
  assert.equal(findPodLabelSelector({}, 'task', context, false), 'dag_id=dag,kubernetes_pod_operator=True,run_id=test,task_id=task,!airflow-worker');
  const mapped = findPodLabelSelector({}, 'task', { ...context, map_index: 2 }, true);
  assert.match(mapped, /,map_index=2,/);
});

test('run ids look like Airflow\'s and their label value is made label-safe', () => {
  assert.equal(newRunId(new Date('2026-12-06T22:05:01.123Z')), 'kubetasks__2026-12-06T22:05:01.123000+00:00');
  assert.equal(newRunId(new Date('2026-12-06T22:05:01.000Z')), 'kubetasks__2026-12-06T22:05:01+00:00');
  const selector = findPodLabelSelector({}, 't', { dag_id: 'd', run_id: 'kubetasks__2026-12-06T22:05:01+00:00', try_number: 1, map_index: -1 }, false);
  assert.match(selector, /run_id=kubetasks__2026-12-06T2205010000-[0-9a-f]{9},/);
});

test('dag_id: the file context, else the DAG, else the task file name; try 1 unless given', () => {
  const now = new Date('2026-12-06T22:00:00Z');
  const fromFile = resolveRunContext({ fileContext: { dag_id: 'ctx', run_id: 'ignored', try_number: 4, map_index: 3 }, dagId: 'dag', fileName: 'x.task.yaml', now });
  assert.deepEqual(fromFile, { dag_id: 'ctx', run_id: 'kubetasks__2026-12-06T22:00:00+00:00', try_number: 1, map_index: 3 });
  assert.equal(resolveRunContext({ dagId: 'dag', fileName: 'x.task.yaml', now }).dag_id, 'dag');
  assert.equal(resolveRunContext({ fileName: '/work/examples/write-xcom.task.yaml', now }).dag_id, 'write-xcom');
  assert.deepEqual(resolveRunContext({ fileName: 'a.task.yaml', now, runId: 'mine', tryNumber: 2 }), { dag_id: 'a', run_id: 'mine', try_number: 2, map_index: -1 });
});

test('find_pod: none, one, an error with reattach, else the newest; checked pods never match', () => {
  const checked = makePod({ name: 'old', labels: { already_checked: 'True', try_number: '1' } });
  assert.deepEqual(findPod([checked], true, 's'), { kind: 'none' });
  const a = makePod({ name: 'a', startTime: '2026-12-06T20:00:00Z' });
  const b = makePod({ name: 'b', startTime: '2026-12-06T21:00:00Z' });
  assert.deepEqual(findPod([checked, a], true, 's'), { kind: 'one', pod: a });
  assert.deepEqual(findPod([a, b], true, 'sel'), { kind: 'error', message: 'More than one pod running with labels sel' });
  assert.deepEqual(findPod([b, a], false, 's'), { kind: 'newest', pod: b, older: a });
  const notStarted = makePod({ name: 'c', creationTimestamp: '2026-12-06T22:00:00Z' });
  const created = makePod({ name: 'a2', startTime: '2026-12-06T23:00:00Z', creationTimestamp: '2026-12-06T19:00:00Z' });
  assert.equal(findPod([created, notStarted], false, 's').kind === 'newest' && podNameOf(findPod([created, notStarted], false, 's')), 'c', 'creation time when a start time is missing');
});

function podNameOf(found: ReturnType<typeof findPod>): string | undefined {
  return found.kind === 'newest' || found.kind === 'one' ? found.pod.metadata?.name : undefined;
}

test('a relaunch is the next try of the run', () => {
  assert.equal(nextTryNumber([], 1), 1);
  assert.equal(nextTryNumber([makePod({ labels: { try_number: '1', already_checked: 'True' } }), makePod({ labels: { try_number: '2' } })], 1), 3);
});
