import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTaskFile, renderTask, seededRandom } from '../operators/index.js';
import { toLaunchOptions } from './launch-options.js';
import { LaunchMachine } from './launch-machine.js';
import { toExitStatus } from './outcome.js';
import { harness, makeCreated, makePod, terminated } from './testing/fake-launch.js';

const selectorAll = 'dag_id=d,kubernetes_pod_operator=True,run_id=r,task_id=t,!airflow-worker';

test('--run-id lists the run\'s pods and reattaches to the one still running, creating nothing', () => {
  const h = harness({}, { existingRun: true });
  assert.deepEqual(h.start(), [{ kind: 'list-pods', namespace: 'ns', labelSelector: selectorAll }]);
  const running = makePod({ name: 'task-old', phase: 'Running', containers: { base: 'running' }, labels: { try_number: '1' } });
  const checked = makePod({ name: 'task-older', phase: 'Failed', labels: { try_number: '1', already_checked: 'True' } });
  const next = h.send({ type: 'pods-listed', pods: [checked, running] });
  assert.deepEqual(h.kinds(next), ['watch-pod', 'follow-logs:base']);
  assert.equal(next.find((d) => d.kind === 'watch-pod' && d.name === 'task-old') !== undefined, true);
  assert.equal(h.decisions.some((d) => d.kind === 'create-pod'), false);
});

test('a finished pod of the run is deleted (delete_pod) and the next try created', () => {
  const h = harness({}, { existingRun: true });
  h.start();
  const done = makePod({ name: 'task-old', phase: 'Succeeded', containers: { base: terminated(0) }, labels: { try_number: '2' } });
  assert.deepEqual(h.kinds(h.send({ type: 'pods-listed', pods: [done] })), ['delete-pod:rerun-delete']);
  const create = h.send({ type: 'api-done', id: 'rerun-delete' });
  const body = create.find((d) => d.kind === 'create-pod');
  assert.equal(body?.kind === 'create-pod' && (body.body['metadata'] as { labels: Record<string, string> }).labels['try_number'], '3');
  h.send({ type: 'pod-created', pod: makeCreated() });
  h.send({ type: 'cancel' });
  h.send({ type: 'api-done', id: 'kill-delete' });
  assert.deepEqual(h.machine.outcome?.objects.map((o) => [o.name, o.state]), [['task-old', 'deleted'], ['task-abc', 'deleted']]);
});

test('an evicted pod is not reused; under keep_pod a finished pod is followed again instead of a new one', () => {
  const evicted = harness({}, { existingRun: true });
  evicted.start();
  assert.deepEqual(evicted.kinds(evicted.send({ type: 'pods-listed', pods: [makePod({ name: 'e', phase: 'Running', reason: 'Evicted' })] })), ['delete-pod:rerun-delete']);
  const kept = harness({ on_finish_action: 'keep_pod' }, { existingRun: true });
  kept.start();
  const old = makePod({ name: 'task-abc', phase: 'Failed', containers: { base: terminated(2) } });
  assert.deepEqual(kept.kinds(kept.send({ type: 'pods-listed', pods: [old] })), ['watch-pod', 'follow-logs:base']);
  kept.send({ type: 'log-ended', container: 'base' });
  kept.send({ type: 'api-done', id: 'cleanup-patch' });
  assert.equal(kept.machine.outcome?.outcome, 'failed');
});

test('two unchecked pods with reattach on: FoundMoreThanOnePodFailure, nothing created', () => {
  const h = harness({}, { existingRun: true });
  h.start();
  h.send({ type: 'pods-listed', pods: [makePod({ name: 'a', phase: 'Running' }), makePod({ name: 'b', phase: 'Running' })] });
  assert.equal(h.machine.outcome?.reason, 'FoundMoreThanOnePodFailure');
  assert.match(h.machine.outcome!.message, /^More than one pod running with labels dag_id=d,.*already_checked!=True,!airflow-worker$/);
  assert.equal(h.decisions.some((d) => d.kind === 'create-pod'), false);
});

test('reattach off (durable=False): always a new pod; the older match is patched and deleted as duplicates are', () => {
  const h = harness({ durable: false }, { existingRun: true });
  h.start();
  assert.deepEqual(h.kinds(h.send({ type: 'pods-listed', pods: [makePod({ name: 'left', phase: 'Running', labels: { try_number: '1' } })] })), ['create-pod']);
  const after = h.send({ type: 'pod-created', pod: makeCreated() });
  assert.deepEqual(h.kinds(after).slice(0, 2), ['patch-pod:duplicate-patch', 'delete-pod:duplicate-delete']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'duplicate-delete' })), []);
});

test('cancel mid-run is on_kill: delete with termination_grace_period, no cleanup, exit status 130', () => {
  const h = harness({ termination_grace_period: 1 });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  h.send({ type: 'pod', pod: makePod({ phase: 'Running', containers: { base: 'running' } }) });
  const kill = h.send({ type: 'cancel' });
  assert.deepEqual(kill.filter((d) => d.kind !== 'progress'), [
    { kind: 'stop-logs', container: 'base' },
    { kind: 'stop-watch' },
    { kind: 'delete-pod', id: 'kill-delete', namespace: 'ns', name: 'task-abc', gracePeriodSeconds: 1 },
  ]);
  assert.deepEqual(h.send({ type: 'log-ended', container: 'base' }), [], 'streams ending after the kill change nothing');
  h.send({ type: 'api-done', id: 'kill-delete' });
  assert.deepEqual([h.machine.outcome?.outcome, toExitStatus(h.machine.outcome!)], ['cancelled', 130]);
  assert.equal(h.decisions.some((d) => d.kind === 'patch-pod'), false, 'no cleanup after on_kill');
});

test('cancel while the create is in flight waits for it, then deletes: nothing is left behind', () => {
  const h = harness({});
  h.start();
  assert.deepEqual(h.kinds(h.send({ type: 'cancel' })), []);
  const after = h.send({ type: 'pod-created', pod: makeCreated() });
  assert.deepEqual(h.kinds(after), ['delete-pod:kill-delete'], 'no watch was started');
  h.send({ type: 'api-done', id: 'kill-delete' });
  assert.equal(h.machine.outcome?.outcome, 'cancelled');
  const early = harness({}, { existingRun: true });
  early.start();
  early.send({ type: 'cancel' });
  early.send({ type: 'pods-listed', pods: [] });
  assert.equal(early.machine.outcome?.outcome, 'cancelled');
  assert.equal(early.decisions.some((d) => d.kind === 'create-pod'), false);
});

test('on_kill_action=keep_pod cancels without deleting; a cancel during cleanup is ignored', () => {
  const h = harness({ on_kill_action: 'keep_pod' });
  h.start();
  h.send({ type: 'pod-created', pod: makeCreated() });
  h.send({ type: 'cancel' });
  assert.equal(h.decisions.some((d) => d.kind === 'delete-pod'), false);
  assert.equal(h.machine.outcome?.outcome, 'cancelled');
  const late = harness({});
  late.start();
  late.send({ type: 'pod-created', pod: makeCreated() });
  late.send({ type: 'pod', pod: makePod({ phase: 'Succeeded', containers: { base: terminated(0) } }) });
  late.send({ type: 'log-ended', container: 'base' });
  assert.deepEqual(late.send({ type: 'cancel' }), []);
  late.send({ type: 'api-done', id: 'cleanup-delete' });
  assert.equal(late.machine.outcome?.outcome, 'success');
});

test('the created body is exactly what renderTask produced', () => {
  const file = parseTaskFile('operator: KubernetesPodOperator\ntask_id: write-xcom\nimage: alpine:3.24.2\ndo_xcom_push: true\ncontext: {dag_id: d, run_id: r}\n', 'w.task.yaml');
  assert.ok(file.ok);
  const task = file.value.tasks[0]!;
  const rendered = renderTask(task, { format: 'api', random: seededRandom(1) });
  assert.ok(rendered.ok && rendered.value.manifest.format === 'api' && rendered.value.manifest.output.kind === 'object');
  const body = rendered.value.manifest.output.body as Record<string, unknown>;
  const machine = new LaunchMachine({ body, taskId: task.taskId, context: task.context!, options: toLaunchOptions(task.params), clock: () => 0, existingRun: false, follow: true });
  const [create] = machine.start();
  assert.deepEqual(create, { kind: 'create-pod', namespace: 'default', body });
});
