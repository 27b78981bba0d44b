import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodShape } from './pod-shape.js';
import { SparkMachine } from './spark-machine.js';
import { appNameFromDriver, judgeSubmitted, pickDriver, sparkFindSelector, toSparkOptions, type SparkAppShape } from './spark-rules.js';
import type { SparkDecision, SparkEvent } from './spark-types.js';

const driver = 'spark-kubernetes-driver';
const context = { dag_id: 'd', run_id: 'r', try_number: 1, map_index: -1 };

function app(state?: string, errorMessage?: string): SparkAppShape {
  const applicationState = state === undefined ? undefined : { state, ...(errorMessage === undefined ? {} : { errorMessage }) };
  return { metadata: { name: 'pi-abc', namespace: 'ns' }, ...(applicationState ? { status: { applicationState } } : {}) };
}

function pod(phase: string, container: 'waiting' | 'running' | { exitCode: number; reason?: string; message?: string }, waitingReason = 'ContainerCreating'): PodShape {
  const state = container === 'waiting' ? { waiting: { reason: waitingReason } } : container === 'running' ? { running: {} } : { terminated: { reason: 'Completed', ...container } };
  return {
    metadata: { name: 'pi-abc-driver', namespace: 'ns', labels: {} },
    spec: { containers: [{ name: driver }] },
    status: { phase, conditions: [{ type: 'PodScheduled', status: 'True' }], containerStatuses: [{ name: driver, state }] },
  };
}

function harness(params: Record<string, unknown> = {}, extra: { existingRun?: boolean; follow?: boolean } = {}) {
  let now = 0;
  const body = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: 'pi-abc', namespace: 'ns' }, spec: {} };
  const m = new SparkMachine({ body, taskId: 't', context, options: toSparkOptions(params), clock: () => now, existingRun: extra.existingRun ?? false, follow: extra.follow ?? true });
  const all: SparkDecision[] = [];
  const note = (ds: SparkDecision[]): SparkDecision[] => (all.push(...ds), ds);
  const kinds = (ds: SparkDecision[]): string[] =>
    ds.filter((d) => d.kind !== 'progress' && d.kind !== 'state').map((d) => ('id' in d ? `${d.kind}:${d.id}` : 'container' in d ? `${d.kind}:${d.container}` : d.kind));
  return { m, all, kinds, start: () => note(m.start()), send: (e: SparkEvent) => note(m.handle(e)), advance: (ms: number) => (now += ms) };
}

/** Created, SUBMITTED, then RUNNING with the driver running: at the next 10 s poll the driver log is followed. */
function running(params: Record<string, unknown> = {}) {
  const h = harness(params);
  assert.deepEqual(h.kinds(h.start()), ['create-app']);
  assert.deepEqual(h.kinds(h.send({ type: 'app-created', app: app() })), ['watch-app', 'watch-pod']);
  assert.ok(h.all.some((d) => d.kind === 'progress' && d.text === 'Spark job submitted but not yet started. job_id: pi-abc'));
  assert.deepEqual(h.send({ type: 'pod-gone' }), [], "the driver watch's first list: no driver yet, nothing gone");
  h.send({ type: 'app', app: app('SUBMITTED') });
  h.send({ type: 'pod', pod: pod('Pending', 'waiting') });
  h.send({ type: 'app', app: app('RUNNING') });
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: pod('Running', 'running') })), [], 'judged at the poll instants only');
  assert.equal(h.m.nextWakeMs(), 10_000);
  h.advance(10_000);
  assert.deepEqual(h.kinds(h.send({ type: 'tick' })), params['get_logs'] === false ? [] : [`follow-logs:${driver}`]);
  return h;
}

test('the options __init__ forces: driver container, its logs, a 600 s startup (120 s schedule) timeout, delete_on_termination', () => {
  const o = toSparkOptions({ base_container_name: 'x', container_logs: ['y'] });
  assert.equal(o.launch.baseContainerName, driver);
  assert.deepEqual(o.launch.containerLogs, [driver]);
  assert.equal(o.launch.startupTimeoutSeconds, 600);
  assert.equal(o.launch.scheduleTimeoutSeconds, 120, "KPO's default: Spark keeps startup_timeout_seconds to itself");
  assert.equal(toSparkOptions({ startup_timeout_seconds: 30, schedule_timeout_seconds: 0 }).launch.scheduleTimeoutSeconds, 120);
  assert.equal(toSparkOptions({ startup_timeout_seconds: 30 }).launch.startupTimeoutSeconds, 30);
  assert.equal(o.deleteOnTermination, true);
  assert.equal(toSparkOptions({ delete_on_termination: false }).deleteOnTermination, false);
});

test('COMPLETED: logs to the end, then the application is deleted (not the pod) and the task succeeds', () => {
  const h = running();
  h.send({ type: 'pod', pod: pod('Succeeded', { exitCode: 0 }) });
  h.send({ type: 'app', app: app('COMPLETED') });
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: driver })), ['delete-app:cleanup-delete']);
  assert.deepEqual(h.all.find((d) => d.kind === 'delete-app'), { kind: 'delete-app', id: 'cleanup-delete', namespace: 'ns', name: 'pi-abc' });
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-delete' })), ['stop-watch', 'finish']);
  assert.deepEqual(h.m.outcome, {
    outcome: 'success', exitCode: 0, reason: 'Completed', message: '', xcom: null, runId: 'r', namespace: 'ns',
    objects: [{ kind: 'SparkApplication', namespace: 'ns', name: 'pi-abc', state: 'deleted' }],
  });
  const states = h.all.flatMap((d) => (d.kind === 'state' ? [d.text] : []));
  assert.deepEqual(states, ['SparkApplication pi-abc: SUBMITTED', 'SparkApplication pi-abc: RUNNING', 'SparkApplication pi-abc: COMPLETED']);
});

test('a failed driver: already_checked, the application deleted, the failure with the errorMessage once recorded', () => {
  const h = running({ get_logs: false });
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: pod('Failed', { exitCode: 1, reason: 'Error', message: 'boom' }) })), [], 'waits for the errorMessage');
  assert.deepEqual(h.kinds(h.send({ type: 'app', app: app('FAILING', 'driver container failed with ExitCode: 1, Reason: Error') })), ['patch-pod:cleanup-patch']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-patch' })), ['delete-app:cleanup-delete']);
  h.send({ type: 'api-done', id: 'cleanup-delete', error: { reason: 'NotFound', message: 'gone', status: 404 } });
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.equal(h.m.outcome?.exitCode, 1);
  assert.equal(h.m.outcome?.reason, 'Error');
  assert.equal(h.m.outcome?.message, 'Pod pi-abc-driver returned a failure.\nboom\nSparkApplication pi-abc FAILING: driver container failed with ExitCode: 1, Reason: Error');
});

test('the wait for the errorMessage is bounded; delete_on_termination=False keeps the application', () => {
  const h = running({ get_logs: false, delete_on_termination: false });
  h.send({ type: 'pod', pod: pod('Failed', { exitCode: 2 }) });
  assert.equal(h.m.nextWakeMs(), 20_000);
  h.advance(10_000);
  assert.deepEqual(h.kinds(h.send({ type: 'tick' })), ['patch-pod:cleanup-patch']);
  assert.ok(h.all.some((d) => d.kind === 'progress' && d.text === 'skipping deleting spark job: pi-abc-driver'));
  h.send({ type: 'api-done', id: 'cleanup-patch' });
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.deepEqual(h.m.outcome?.objects, [{ kind: 'SparkApplication', namespace: 'ns', name: 'pi-abc', state: 'kept' }]);
});

test('FAILED while SUBMITTED: the driver log is read once, then "Spark Job Failed. Error stack: …", no cleanup', () => {
  const h = harness();
  h.start();
  h.send({ type: 'app-created', app: app() });
  h.send({ type: 'pod', pod: pod('Failed', { exitCode: 1 }) });
  h.send({ type: 'app', app: app('FAILED', 'submission went wrong') });
  // A driver that failed between two polls: at the next poll the application is FAILED (as in Airflow).
  h.advance(10_000);
  const read = h.send({ type: 'tick' });
  assert.deepEqual(read.find((d) => d.kind === 'follow-logs'), { kind: 'follow-logs', container: driver, init: false, follow: false, previous: false });
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', container: driver })), ['stop-watch', 'finish']);
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.equal(h.m.outcome?.message, 'Spark Job Failed. Error stack: submission went wrong');
  assert.deepEqual(h.m.outcome?.objects, [{ kind: 'SparkApplication', namespace: 'ns', name: 'pi-abc', state: 'kept' }]);
});

test('SUBMITTED rules: a driver waiting for another reason fails; the startup timeout deletes the application', () => {
  assert.deepEqual(judgeSubmitted(app(), pod('Pending', 'waiting', 'ErrImagePull'), 0, 600), { kind: 'raise', message: 'Spark Job Failed. Status: ErrImagePull, Error: None', deleteApp: false });
  assert.deepEqual(judgeSubmitted(app(''), undefined, 0, 600), { kind: 'started' }, 'an empty state is not SUBMITTED');
  assert.deepEqual(judgeSubmitted(app('FAILED'), undefined, 0, 600), { kind: 'failed', message: 'Spark Job Failed. Error stack: N/A' });
  const h = harness({ startup_timeout_seconds: 30 });
  h.start();
  h.send({ type: 'app-created', app: app() });
  for (let poll = 1; poll < 3; poll++) {
    h.advance(10_000);
    assert.deepEqual(h.kinds(h.send({ type: 'tick' })), [], `poll ${poll}`);
  }
  h.advance(10_000);
  assert.deepEqual(h.kinds(h.send({ type: 'tick' })), ['delete-app:timeout-delete']);
  h.send({ type: 'api-done', id: 'timeout-delete' });
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.equal(h.m.outcome?.message, 'Job took too long to start. pod status: None');
});

test('cancel = on_kill: the application is deleted, nothing else runs; a cancel during create waits for it', () => {
  const h = running();
  const kill = h.send({ type: 'cancel' });
  assert.deepEqual(h.kinds(kill), [`stop-logs:${driver}`, 'stop-watch', 'delete-app:kill-delete']);
  h.send({ type: 'api-done', id: 'kill-delete' });
  assert.equal(h.m.outcome?.outcome, 'cancelled');
  const c = harness();
  c.start();
  assert.deepEqual(c.kinds(c.send({ type: 'cancel' })), []);
  assert.deepEqual(c.kinds(c.send({ type: 'app-created', app: app() })), ['delete-app:kill-delete']);
});

test('--run-id looks for the run\'s driver first and reattaches to it; --no-follow ends once created', () => {
  assert.equal(sparkFindSelector({}, 't', context), 'dag_id=d,run_id=r,spark_kubernetes_operator=True,task_id=t,already_checked!=True,!airflow-worker,spark-role=driver');
  const h = harness({}, { existingRun: true });
  const list = h.start();
  assert.deepEqual(list[0], { kind: 'list-pods', namespace: 'ns', labelSelector: sparkFindSelector({}, 't', context), fieldSelector: 'status.phase!=Failed,status.phase!=Unknown' });
  assert.deepEqual(h.kinds(h.send({ type: 'pods-listed', pods: [pod('Running', 'running')] })), ['watch-app', 'watch-pod', `follow-logs:${driver}`]);
  const n = harness({}, { follow: false });
  n.start();
  n.send({ type: 'app-created', app: app() });
  assert.equal(n.m.outcome?.outcome, 'launched');
  assert.equal(appNameFromDriver('a-driver-x-driver', false), 'a-x');
  assert.equal(appNameFromDriver('a-driver-x-driver', true), 'a-driver-x');
  const older = { ...pod('Running', 'running'), metadata: { name: 'old-driver', creationTimestamp: '2026-01-01T00:00:00Z' } };
  const newer = { ...pod('Running', 'running'), metadata: { name: 'new-driver', creationTimestamp: '2026-01-02T00:00:00Z' } };
  assert.equal(pickDriver([newer, older])?.metadata?.name, 'new-driver');
});
