import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toExitStatus } from './outcome.js';
import { harness, makeBody, makeCreated, makePod, terminated, type Harness } from './testing/fake-launch.js';

const sidecar = 'airflow-xcom-sidecar';

/** Create, schedule, run: returns the harness with the base container's logs being followed. */
function runningXcomPod(params: Record<string, unknown> = {}): Harness {
  const h = harness({ do_xcom_push: true, ...params }, { body: makeBody(['base', sidecar]) });
  assert.deepEqual(h.kinds(h.start()), ['create-pod']);
  assert.deepEqual(h.kinds(h.send({ type: 'pod-created', pod: makeCreated(['base', sidecar]) })), ['watch-pod']);
  h.send({ type: 'pod', pod: makePod({ phase: 'Pending', scheduled: true, containers: { base: 'creating', [sidecar]: 'creating' } }) });
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: 'running', [sidecar]: 'running' } }) })), ['follow-logs:base']);
  return h;
}

/** The base container ends with `code`; its log stream ends; the XCom read is asked for. */
function baseEnds(h: Harness, code: number, message?: string): void {
  h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: terminated(code, message === undefined ? {} : { message }), [sidecar]: 'running' } }) });
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: 'base', lastTimestamp: '2026-12-06T22:00:00.5Z' })), ['exec:xcom-read']);
}

test('write-xcom: logs, the XCom read, the sidecar kill (130 is fine), then cleanup and success', () => {
  const h = runningXcomPod();
  baseEnds(h, 0);
  const kill = h.send({ type: 'exec-done', id: 'xcom-read', result: { exitCode: 0, stdout: '[1, 2, 3, 4]\n', stderr: '' } });
  assert.deepEqual(kill.find((d) => d.kind === 'exec'), { kind: 'exec', id: 'xcom-kill', container: sidecar, command: ['/bin/sh'], stdin: "kill -2 $(pgrep -u $(id -u) -f 'sh')\n", timeoutMs: 30_000 });
  // The base container is done, the pod still Running (the sidecar is stopping): Airflow stops waiting here.
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', id: 'xcom-kill', result: { exitCode: 130, stdout: '', stderr: '' } })), ['patch-pod:cleanup-patch']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-patch' })), ['delete-pod:cleanup-delete']);
  const end = h.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.deepEqual(h.kinds(end), ['stop-watch', 'finish']);
  assert.deepEqual(h.machine.outcome, {
    outcome: 'success', exitCode: 0, reason: 'Completed', message: '', xcom: [1, 2, 3, 4], runId: 'r', namespace: 'ns',
    objects: [{ kind: 'Pod', namespace: 'ns', name: 'task-abc', state: 'deleted' }],
  });
  assert.equal(toExitStatus(h.machine.outcome!), 0);
  const read = h.decisions.find((d) => d.kind === 'exec' && d.id === 'xcom-read');
  assert.deepEqual(read && read.kind === 'exec' && read.command, ['/bin/sh', '-c', 'if [ -s /airflow/xcom/return.json ]; then cat /airflow/xcom/return.json; else echo __airflow_xcom_result_empty__; fi']);
});

test('an empty XCom is null; a kill that writes to stderr runs the /proc fallback', () => {
  const h = runningXcomPod({ on_finish_action: 'keep_pod' });
  baseEnds(h, 0);
  h.send({ type: 'exec-done', id: 'xcom-read', result: { exitCode: 0, stdout: '__airflow_xcom_result_empty__\n', stderr: '' } });
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', id: 'xcom-kill', result: { exitCode: 1, stdout: '', stderr: 'pgrep: unrecognized option' } })), ['exec:xcom-kill-fallback']);
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', id: 'xcom-kill-fallback', error: 'connection closed' })), ['patch-pod:cleanup-patch']);
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  assert.equal(h.machine.outcome?.outcome, 'success');
  assert.equal(h.machine.outcome?.xcom, null);
  assert.deepEqual(h.machine.outcome?.objects, [{ kind: 'Pod', namespace: 'ns', name: 'task-abc', state: 'kept' }]);
  assert.ok(h.decisions.some((d) => d.kind === 'progress' && d.text.startsWith('Failed to kill xcom sidecar container in pod task-abc')));
});

test('an invalid XCom fails as Airflow fails: the kill still runs, and cleanup judges the pod as read at creation', () => {
  const h = runningXcomPod({ on_finish_action: 'delete_succeeded_pod' });
  baseEnds(h, 0);
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', id: 'xcom-read', result: { exitCode: 0, stdout: '{"a": ', stderr: '' } })), ['exec:xcom-kill']);
  // remote_pod is still the Pending pod read after creation: not succeeded, so patched and (delete_succeeded_pod) kept.
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', id: 'xcom-kill', result: { exitCode: 130, stdout: '', stderr: '' } })), ['patch-pod:cleanup-patch']);
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  const outcome = h.machine.outcome!;
  assert.equal(outcome.outcome, 'failed');
  assert.equal(toExitStatus(outcome), 1);
  assert.match(outcome.message, /^JSONDecodeError: .*\nPod task-abc returned a failure\.$/s);
  assert.equal(outcome.exitCode, 0, 'the base container itself exited 0');
});

test('skip_on_exit_code wins over the failure: skipped, exit status 3', () => {
  const h = runningXcomPod({ skip_on_exit_code: [100] });
  baseEnds(h, 100);
  h.send({ type: 'exec-done', id: 'xcom-read', result: { exitCode: 0, stdout: '__airflow_xcom_result_empty__\n', stderr: '' } });
  h.send({ type: 'exec-done', id: 'xcom-kill', result: { exitCode: 130, stdout: '', stderr: '' } });
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  h.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.equal(h.machine.outcome?.outcome, 'skipped');
  assert.equal(h.machine.outcome?.message, 'Pod task-abc returned exit code 100. Skipping.');
  assert.equal(toExitStatus(h.machine.outcome!), 3);
});

/** A plain (no XCom) launch that reaches Running with the base container followed. */
function runningPod(params: Record<string, unknown> = {}): Harness {
  const h = harness(params);
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: 'running' } }) });
  return h;
}

test('a failed pod: the termination message, exit code and reason are reported; delete_pod deletes', () => {
  const h = runningPod();
  h.send({ type: 'pod', pod: makePod({ phase: 'Failed', containers: { base: terminated(137, { reason: 'OOMKilled', message: 'out of memory' }) } }) });
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: 'base' })), ['patch-pod:cleanup-patch']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-patch', error: { reason: 'Forbidden', message: 'no patch' } })), ['delete-pod:cleanup-delete']);
  h.send({ type: 'api-done', id: 'cleanup-delete', error: { reason: 'NotFound', message: 'gone' } });
  const o = h.machine.outcome!;
  assert.deepEqual([o.outcome, o.exitCode, o.reason, o.message], ['failed', 137, 'OOMKilled', 'Pod task-abc returned a failure.\nout of memory']);
  assert.equal(o.objects[0]?.state, 'deleted', 'a 404 on delete means it is gone');
});

test('a succeeded pod without XCom: no patch, deleted, success', () => {
  const h = runningPod();
  h.send({ type: 'pod', pod: makePod({ phase: 'Succeeded', containers: { base: terminated(0, { message: 'all good' }) } }) });
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: 'base' })), ['delete-pod:cleanup-delete']);
  h.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.deepEqual([h.machine.outcome?.outcome, h.machine.outcome?.message], ['success', 'all good']);
});

test('each on_finish_action at the end of a succeeded pod', () => {
  const expected: Record<string, string[]> = {
    delete_pod: ['delete-pod:cleanup-delete'],
    delete_succeeded_pod: ['delete-pod:cleanup-delete'],
    delete_active_pod: ['patch-pod:cleanup-patch'],
    keep_pod: ['patch-pod:cleanup-patch'],
  };
  for (const [action, calls] of Object.entries(expected)) {
    const h = runningPod({ on_finish_action: action });
    h.send({ type: 'pod', pod: makePod({ phase: 'Succeeded', containers: { base: terminated(0) } }) });
    assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: 'base' })), calls, action);
  }
});

test('get_logs=False: no follow; the base container is awaited, then the pod completion', () => {
  const h = runningPod({ get_logs: false });
  assert.equal(h.decisions.some((d) => d.kind === 'follow-logs'), false);
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: terminated(0) } }) })), []);
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: makePod({ phase: 'Succeeded', containers: { base: terminated(0) } }) })), ['delete-pod:cleanup-delete']);
});

test('an XCom read that fails to run is XComRetrievalError; the sidecar is still stopped', () => {
  const h = runningXcomPod();
  baseEnds(h, 0);
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', id: 'xcom-read', error: 'the connection closed before the command reported its exit status' })), ['exec:xcom-kill']);
  h.send({ type: 'exec-done', id: 'xcom-kill', result: { exitCode: 130, stdout: '', stderr: '' } });
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  h.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.equal(h.machine.outcome?.reason, 'Completed', 'the base container still reports its own reason');
  assert.match(h.machine.outcome!.message, /^Failed to extract xcom from pod: task-abc \(the connection closed/);
  assert.equal(h.machine.outcome?.outcome, 'failed');
});

test('listing the run\'s pods, or deleting the finished one, failing is a cluster error (exit status 4)', () => {
  const list = harness({}, { existingRun: true });
  list.start();
  list.send({ type: 'list-failed', error: { reason: 'Unauthorized', message: 'Unauthorized', status: 401 } });
  assert.deepEqual([list.machine.outcome?.outcome, toExitStatus(list.machine.outcome!)], ['error', 4]);
  const rerun = harness({}, { existingRun: true });
  rerun.start();
  rerun.send({ type: 'pods-listed', pods: [makePod({ name: 'old', phase: 'Failed', containers: { base: terminated(1) } })] });
  rerun.send({ type: 'api-done', id: 'rerun-delete', error: { reason: 'Forbidden', message: 'cannot delete pods' } });
  assert.deepEqual([rerun.machine.outcome?.outcome, rerun.machine.outcome?.message], ['error', 'cannot delete pods']);
  assert.equal(rerun.decisions.some((d) => d.kind === 'create-pod'), false);
});

test('a followed container stuck on a fatal image error after the pod runs fails the launch', () => {
  const h = harness({ container_logs: true }, { body: makeBody(['base', 'side']) });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated(['base', 'side']) });
  const bad = { waiting: { reason: 'InvalidImageName', message: 'bad' } };
  h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: 'running', side: bad } }) });
  assert.equal(h.machine.outcome, undefined);
  assert.ok(h.decisions.some((d) => d.kind === 'patch-pod'), 'cleanup started');
});
