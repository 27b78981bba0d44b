import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toJobLaunchOptions } from './job-options.js';
import { JobMachine } from './job-machine.js';
import type { JobDecision, JobEvent, JobWatchShape } from './job-types.js';
import { toExitStatus } from './outcome.js';
import { makePod, terminated, type FakePod } from './testing/fake-launch.js';

const sidecar = 'airflow-xcom-sidecar';

function jobBody(suspend = false): Record<string, unknown> {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job-pi', namespace: 'ns' }, spec: { parallelism: 1, ...(suspend ? { suspend: true } : {}) } };
}

type Conditions = NonNullable<NonNullable<JobWatchShape['status']>['conditions']>;

function job(conditions: Conditions = [], suspend = false): JobWatchShape {
  return { metadata: { name: 'job-pi', namespace: 'ns', uid: 'u1' }, spec: { suspend }, status: { conditions } };
}

const complete = [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-12-07T00:00:05Z' }];
const failedCond = [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: '2026-12-07T00:00:05Z' }];

function machine(params: Record<string, unknown>, opts: { kueue?: boolean; follow?: boolean; suspend?: boolean } = {}) {
  let now = 1_765_000_000_000;
  const decisions: JobDecision[] = [];
  const m = new JobMachine({
    body: jobBody(opts.suspend), taskId: 't', context: { dag_id: 'd', run_id: 'r', try_number: 1, map_index: -1 },
    options: toJobLaunchOptions(params, opts.kueue ?? false), clock: () => now, follow: opts.follow ?? true,
  });
  const keep = (d: JobDecision[]): JobDecision[] => (decisions.push(...d), d);
  const kind = (d: JobDecision): string => {
    if (d.kind === 'pod-logs') return `${d.log.kind}:${d.pod}/${d.log.container}`;
    if (d.kind === 'pod-exec') return `exec:${d.pod}:${d.id}`;
    if (d.kind === 'delete-pod' || d.kind === 'patch-pod') return `${d.kind}:${d.name}`;
    return d.kind;
  };
  return {
    m, decisions,
    start: () => keep(m.start()),
    send: (e: JobEvent) => keep(m.handle(e)),
    after: (ms: number) => ((now += ms), keep(m.handle({ type: 'tick' }))),
    kinds: (list: JobDecision[]) => list.filter((d) => d.kind !== 'progress').map(kind),
    states: () => decisions.flatMap((d) => (d.kind === 'state' ? [d.text] : [])),
    progress: () => decisions.flatMap((d) => (d.kind === 'progress' ? [d.text] : [])),
  };
}

function pod(name: string, p: FakePod): ReturnType<typeof makePod> {
  return makePod({ name, ...p });
}

test('wait_until_job_complete: pods followed as they appear, Complete, then on_finish_action deletes each pod', () => {
  const h = machine({ wait_until_job_complete: true, parallelism: 2 });
  assert.deepEqual(h.kinds(h.start()), ['create-job']);
  const created = h.send({ type: 'job-created', job: job() });
  assert.deepEqual(h.kinds(created), ['object', 'watch', 'state']);
  const watch = created.find((d) => d.kind === 'watch');
  assert.equal(watch?.kind === 'watch' && watch.labelSelector, 'dag_id=d,kubernetes_pod_operator=True,run_id=r,task_id=t,already_checked!=True,!airflow-worker');
  assert.deepEqual(h.states(), ['Job job-pi running']);
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: pod('p1', { phase: 'Running', containers: { base: 'running' } }) })), ['object', 'follow-logs:p1/base']);
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: pod('p2', { phase: 'Pending', containers: { base: 'creating' } }) })), ['object']);
  assert.deepEqual(h.kinds(h.send({ type: 'pod', pod: pod('p2', { phase: 'Running', containers: { base: 'running' } }) })), ['follow-logs:p2/base']);
  h.send({ type: 'pod', pod: pod('p1', { phase: 'Succeeded', containers: { base: terminated(0) } }) });
  h.send({ type: 'log-ended', pod: 'p1', container: 'base' });
  h.send({ type: 'pod', pod: pod('p2', { phase: 'Succeeded', containers: { base: terminated(0) } }) });
  // The Job is final but p2's log is still being read: wait for it.
  assert.deepEqual(h.kinds(h.send({ type: 'job', job: job(complete) })), []);
  assert.deepEqual(h.kinds(h.send({ type: 'log-ended', pod: 'p2', container: 'base' })), ['state', 'stop-watch', 'delete-pod:p1']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-delete', pod: 'p1' })), ['delete-pod:p2']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-delete', pod: 'p2', error: { reason: 'NotFound', message: 'gone' } })), ['finish']);
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.equal(h.m.outcome?.exitCode, 0);
  assert.equal(h.m.outcome?.message, "The job 'job-pi' state: Complete at 2026-12-07 00:00:05+00:00");
  assert.deepEqual(h.m.outcome?.objects, [
    { kind: 'Job', namespace: 'ns', name: 'job-pi', state: 'kept' },
    { kind: 'Pod', namespace: 'ns', name: 'p1', state: 'deleted' },
    { kind: 'Pod', namespace: 'ns', name: 'p2', state: 'deleted' },
  ]);
  assert.equal(h.m.outcome?.xcom, null);
});

test('a Failed condition fails the task with its reason and message; pods are patched and kept by keep_pod', () => {
  const h = machine({ wait_until_job_complete: true, on_finish_action: 'keep_pod' });
  h.start();
  h.send({ type: 'job-created', job: job() });
  h.send({ type: 'pod', pod: pod('p1', { phase: 'Failed', containers: { base: terminated(3) } }) });
  h.send({ type: 'log-ended', pod: 'p1', container: 'base' });
  assert.deepEqual(h.kinds(h.send({ type: 'job', job: job(failedCond) })), ['state', 'stop-watch', 'patch-pod:p1']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-patch', pod: 'p1' })), ['finish']);
  const o = h.m.outcome;
  assert.equal(o?.outcome, 'failed');
  assert.equal(o?.reason, 'BackoffLimitExceeded');
  assert.equal(o?.exitCode, 3);
  assert.equal(o?.message, "Kubernetes job 'job-pi' is failed with error 'BackoffLimitExceeded'\nJob has reached the specified backoff limit");
  assert.equal(toExitStatus(o!), 1);
});

/** One pod with the XCom sidecar, its base container done: returns after the read was asked for. */
function xcomPod(h: ReturnType<typeof machine>, name: string): void {
  h.send({ type: 'pod', pod: pod(name, { phase: 'Running', containers: { base: terminated(0), [sidecar]: 'running' } }) });
  assert.ok(h.decisions.some((d) => d.kind === 'pod-exec' && d.pod === name && d.id === 'xcom-read'));
}

test('do_xcom_push: one XCom per pod, a list in pod-name order', () => {
  const h = machine({ wait_until_job_complete: true, do_xcom_push: true, parallelism: 2 });
  h.start();
  h.send({ type: 'job-created', job: job() });
  xcomPod(h, 'p2');
  xcomPod(h, 'p1');
  for (const [p, value] of [['p1', '{"n": 1}'], ['p2', '{"n": 2}']] as const) {
    assert.deepEqual(h.kinds(h.send({ type: 'exec-done', pod: p, id: 'xcom-read', result: { exitCode: 0, stdout: value, stderr: '' } })), [`exec:${p}:xcom-kill`]);
    h.send({ type: 'exec-done', pod: p, id: 'xcom-kill', result: { exitCode: 130, stdout: '', stderr: '' } });
    h.send({ type: 'pod', pod: pod(p, { phase: 'Succeeded', containers: { base: terminated(0), [sidecar]: terminated(0) } }) });
    h.send({ type: 'log-ended', pod: p, container: 'base' });
  }
  h.send({ type: 'job', job: job(complete) });
  h.send({ type: 'api-done', id: 'cleanup-delete', pod: 'p1' });
  h.send({ type: 'api-done', id: 'cleanup-delete', pod: 'p2' });
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.deepEqual(h.m.outcome?.xcom, [{ n: 1 }, { n: 2 }]);
});

test('a single XCom is unwrapped; unwrap_single=False keeps the list', () => {
  for (const [unwrap, expected] of [[true, 7], [false, [7]]] as const) {
    const h = machine({ wait_until_job_complete: true, do_xcom_push: true, unwrap_single: unwrap, on_finish_action: 'keep_pod' });
    h.start();
    h.send({ type: 'job-created', job: job() });
    xcomPod(h, 'p1');
    h.send({ type: 'exec-done', pod: 'p1', id: 'xcom-read', result: { exitCode: 0, stdout: '7', stderr: '' } });
    h.send({ type: 'exec-done', pod: 'p1', id: 'xcom-kill', result: { exitCode: 130, stdout: '', stderr: '' } });
    h.send({ type: 'pod', pod: pod('p1', { phase: 'Succeeded', containers: { base: terminated(0), [sidecar]: terminated(0) } }) });
    h.send({ type: 'log-ended', pod: 'p1', container: 'base' });
    assert.deepEqual(h.kinds(h.send({ type: 'job', job: job(complete) })), ['state', 'stop-watch', 'patch-pod:p1']);
    h.send({ type: 'api-done', id: 'cleanup-patch', pod: 'p1' });
    assert.deepEqual(h.m.outcome?.xcom, expected);
  }
});

test('a sidecar kill that fails raises for the Job operator (unlike KubernetesPodOperator)', () => {
  const h = machine({ wait_until_job_complete: true, do_xcom_push: true });
  h.start();
  h.send({ type: 'job-created', job: job() });
  xcomPod(h, 'p1');
  h.send({ type: 'exec-done', pod: 'p1', id: 'xcom-read', result: { exitCode: 0, stdout: '1', stderr: '' } });
  assert.deepEqual(h.kinds(h.send({ type: 'exec-done', pod: 'p1', id: 'xcom-kill', result: { exitCode: 1, stdout: '', stderr: 'pgrep: bad' } })), ['exec:p1:xcom-kill-fallback']);
  const end = h.send({ type: 'exec-done', pod: 'p1', id: 'xcom-kill-fallback', error: 'connection closed' });
  // Airflow raises out of the XCom loop; `finally` still runs on_finish_action on the (still Running) pod.
  assert.deepEqual(h.kinds(end), ['stop-logs:p1/base', 'stop-watch', 'patch-pod:p1']);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'cleanup-patch', pod: 'p1' })), ['delete-pod:p1']);
  h.send({ type: 'api-done', id: 'cleanup-delete', pod: 'p1' });
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.equal(h.m.outcome?.reason, 'PodCommandException');
  assert.match(h.m.outcome?.message ?? '', /Failed to kill xcom sidecar container in pod p1: connection closed/);
});

test('Kueue: "waiting for admission" while suspended, never "running" before admission; cancel deletes the Job (Foreground)', () => {
  const h = machine({ wait_until_job_complete: true, queue_name: 'zero-quota-queue' }, { kueue: true, suspend: true });
  h.start();
  h.send({ type: 'job-created', job: job([], true) });
  h.send({ type: 'job', job: job([], true) });
  const pending = { type: 'QuotaReserved', status: 'False', reason: 'Pending', message: 'insufficient quota for cpu in flavor f' };
  h.send({ type: 'workload', workload: { metadata: { name: 'job-job-pi-1' }, status: { conditions: [pending] } } });
  h.send({ type: 'workload', workload: { metadata: { name: 'job-job-pi-1' }, status: { conditions: [pending] } } });
  assert.deepEqual(h.states(), ['waiting for admission in queue zero-quota-queue', 'waiting for admission in queue zero-quota-queue: insufficient quota for cpu in flavor f']);
  const watch = h.decisions.find((d) => d.kind === 'watch');
  assert.match(watch?.kind === 'watch' ? watch.labelSelector : '', /kueue\.x-k8s\.io\/queue-name=zero-quota-queue/);
  assert.equal(watch?.kind === 'watch' && watch.workloadSelector, 'kueue.x-k8s.io/job-uid=u1');
  const kill = h.send({ type: 'cancel' });
  assert.deepEqual(kill.filter((d) => d.kind === 'delete-job'), [{ kind: 'delete-job', id: 'kill-delete-job', namespace: 'ns', name: 'job-pi', propagationPolicy: 'Foreground' }]);
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'kill-delete-job' })), ['finish']);
  assert.equal(h.m.outcome?.outcome, 'cancelled');
  assert.deepEqual(h.m.outcome?.objects, [
    { kind: 'Job', namespace: 'ns', name: 'job-pi', state: 'deleted' },
    { kind: 'Workload', namespace: 'ns', name: 'job-job-pi-1', state: 'deleted' },
  ]);
});

test('Kueue: admission flips the state to running, then the Job is followed as a Job', () => {
  const h = machine({ wait_until_job_complete: true, queue_name: 'local-queue', on_kill_propagation_policy: 'Background', termination_grace_period: 5 }, { kueue: true, suspend: true });
  h.start();
  h.send({ type: 'job-created', job: job([], true) });
  h.send({ type: 'job', job: job([], false) });
  assert.deepEqual(h.states(), ['waiting for admission in queue local-queue', 'admitted by Kueue (queue local-queue): Job job-pi running']);
  h.send({ type: 'pod', pod: pod('p1', { phase: 'Running', containers: { base: 'running' } }) });
  const kill = h.send({ type: 'cancel' });
  assert.deepEqual(h.kinds(kill), ['stop-logs:p1/base', 'stop-watch', 'delete-job']);
  assert.deepEqual(kill.find((d) => d.kind === 'delete-job'), { kind: 'delete-job', id: 'kill-delete-job', namespace: 'ns', name: 'job-pi', propagationPolicy: 'Background', gracePeriodSeconds: 5 });
  assert.deepEqual(h.kinds(h.send({ type: 'api-done', id: 'kill-delete-job' })), ['delete-pod:p1']);
  h.send({ type: 'api-done', id: 'kill-delete-pod', pod: 'p1' });
  assert.equal(h.m.outcome?.outcome, 'cancelled');
});

test('without wait_until_job_complete: Airflow warns and succeeds; the Job is still followed to its end for its logs', () => {
  const h = machine({});
  h.start();
  assert.ok(h.progress().includes('Getting Logs and pushing to XCom are available only with parameter `wait_until_job_complete=True`. Please, set it up.'));
  h.send({ type: 'job-created', job: job() });
  h.send({ type: 'pod', pod: pod('p1', { phase: 'Failed', containers: { base: terminated(1) } }) });
  h.send({ type: 'log-ended', pod: 'p1', container: 'base' });
  assert.deepEqual(h.kinds(h.send({ type: 'job', job: job(failedCond) })), ['state', 'stop-watch', 'finish']);
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.deepEqual(h.m.outcome?.objects.map((o) => o.state), ['kept', 'kept']);
});

test('a suspended Job without a queue and without waiting: success at creation, not followed (nothing would resume it)', () => {
  const h = machine({ suspend: true }, { suspend: true });
  h.start();
  assert.deepEqual(h.kinds(h.send({ type: 'job-created', job: job([], true) })), ['object', 'finish']);
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.ok(h.progress().some((t) => /is suspended \(spec.suspend=true\): not followed/.test(t)));
  assert.deepEqual(h.m.outcome?.objects.map((o) => `${o.kind}:${o.state}`), ['Job:kept']);
});

test('--no-follow ends once the Job exists; parallelism 0 with waiting fails before creating anything', () => {
  const h = machine({ wait_until_job_complete: true }, { follow: false });
  h.start();
  assert.deepEqual(h.kinds(h.send({ type: 'job-created', job: job() })), ['object', 'finish']);
  assert.equal(h.m.outcome?.outcome, 'launched');
  const z = machine({ wait_until_job_complete: true, parallelism: 0 });
  assert.deepEqual(z.kinds(z.start()), ['finish']);
  assert.equal(z.m.outcome?.message, 'parallelism cannot be less than 1 with `wait_until_job_complete=True`.');
});

test('a cancel while the create is in flight waits for it, then deletes the Job', () => {
  const h = machine({ wait_until_job_complete: true });
  h.start();
  assert.deepEqual(h.kinds(h.send({ type: 'cancel' })), []);
  assert.deepEqual(h.kinds(h.send({ type: 'job-created', job: job() })), ['object', 'delete-job']);
  h.send({ type: 'api-done', id: 'kill-delete-job', error: { reason: 'NotFound', message: 'gone' } });
  assert.equal(h.m.outcome?.outcome, 'cancelled');
});

test('the Job deleted by someone else while waiting fails like the status read would (404)', () => {
  const h = machine({ wait_until_job_complete: true });
  h.start();
  h.send({ type: 'job-created', job: job() });
  h.send({ type: 'job-gone' });
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.match(h.m.outcome?.message ?? '', /jobs\.batch "job-pi" not found/);
});
