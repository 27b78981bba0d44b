import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobAdminMachine, patchTypeOf, toJobAdminInput, type JobAdminDecision, type JobAdminEvent } from './job-admin-machine.js';
import { finalConditions, isJobSuccessful, jobFailedReason, jobStateText, pythonDatetimeText, type JobShape } from './job-conditions.js';
import { toExitStatus } from './outcome.js';

const complete: JobShape = { status: { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-12-07T00:00:05Z' }] } };
const failed: JobShape = { status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: '2026-12-07T00:00:06Z' }] } };
const running: JobShape = { status: { conditions: [{ type: 'Suspended', status: 'False' }] } };

function machine(operator: 'KubernetesDeleteJobOperator' | 'KubernetesPatchJobOperator', params: Record<string, unknown>, body: unknown = null) {
  let now = 1_000;
  const m = new JobAdminMachine(toJobAdminInput(operator, { name: 'job-pi', namespace: 'ns', ...params }, body, 'r', () => now));
  const all: JobAdminDecision[] = [];
  const note = (ds: JobAdminDecision[]): JobAdminDecision[] => (all.push(...ds), ds);
  return {
    m,
    all,
    start: () => note(m.start()),
    send: (e: JobAdminEvent) => note(m.handle(e)),
    advance: (ms: number) => (now += ms),
    calls: (ds: JobAdminDecision[]) => ds.filter((d) => d.kind !== 'progress').map((d) => d.kind),
    texts: () => all.flatMap((d) => (d.kind === 'progress' ? [d.text] : [])),
  };
}

test('the hook rules: final conditions count whatever their status string, a Failed condition needs a reason', () => {
  assert.equal(finalConditions(running).length, 0);
  assert.equal(finalConditions({ status: { conditions: [{ type: 'Complete', status: 'False' }] } }).length, 1);
  assert.equal(isJobSuccessful(complete), true);
  assert.equal(jobFailedReason(failed), 'BackoffLimitExceeded');
  assert.equal(jobFailedReason({ status: { conditions: [{ type: 'Failed', status: 'True' }] } }), false);
  assert.equal(pythonDatetimeText('2026-12-07T00:00:05.250Z'), '2026-12-07 00:00:05.250000+00:00');
  assert.equal(pythonDatetimeText(undefined), 'None');
  assert.equal(jobStateText(complete, 'job-pi'), "The job 'job-pi' state: Complete at 2026-12-07 00:00:05+00:00");
  assert.equal(jobStateText({ status: { conditions: [...(complete.status?.conditions ?? []), ...(failed.status?.conditions ?? [])] } }, 'j'),
    "The job 'j' states: Complete at 2026-12-07 00:00:05+00:00, Failed at 2026-12-07 00:00:06+00:00");
});

test('delete without waiting: one status read, then delete whatever the status (delete_on_status None)', () => {
  const h = machine('KubernetesDeleteJobOperator', {});
  assert.deepEqual(h.start(), [{ kind: 'read-job', namespace: 'ns', name: 'job-pi' }]);
  assert.deepEqual(h.send({ type: 'job-read', job: running }), [
    { kind: 'progress', level: 'info', text: 'Deleting kubernetes Job: job-pi' },
    { kind: 'delete-job', namespace: 'ns', name: 'job-pi' },
  ]);
  assert.deepEqual(h.calls(h.send({ type: 'job-deleted' })), ['finish']);
  assert.deepEqual(h.m.outcome, {
    outcome: 'success', exitCode: null, reason: null, message: 'Job ns/job-pi deleted.', xcom: null, runId: 'r', namespace: 'ns',
    objects: [{ kind: 'Job', namespace: 'ns', name: 'job-pi', state: 'deleted' }],
  });
});

test('wait_for_completion polls every poll_interval until a final condition, then deletes a Complete job', () => {
  const h = machine('KubernetesDeleteJobOperator', { wait_for_completion: true, delete_on_status: 'Complete', poll_interval: 2.5 });
  h.start();
  assert.deepEqual(h.calls(h.send({ type: 'job-read', job: running })), []);
  assert.equal(h.m.nextWakeMs(), 3_500);
  assert.deepEqual(h.send({ type: 'tick' }), [], 'not due yet');
  h.advance(2_500);
  assert.deepEqual(h.calls(h.send({ type: 'tick' })), ['read-job']);
  assert.deepEqual(h.calls(h.send({ type: 'job-read', job: complete })), ['delete-job']);
  h.send({ type: 'job-deleted' });
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.deepEqual(h.texts(), [
    "Requesting status for the job 'job-pi' ", "The job 'job-pi' is incomplete. Sleeping for 2 sec.",
    "Requesting status for the job 'job-pi' ", "The job 'job-pi' state: Complete at 2026-12-07 00:00:05+00:00",
    'Deleting kubernetes Job: job-pi', 'Kubernetes job was deleted.',
  ]);
});

test('a status that does not match delete_on_status skips the delete and succeeds', () => {
  const h = machine('KubernetesDeleteJobOperator', { wait_for_completion: true, delete_on_status: 'Failed' });
  h.start();
  assert.deepEqual(h.calls(h.send({ type: 'job-read', job: complete })), ['finish']);
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.equal(h.m.outcome?.message, 'Deletion of the job job-pi was skipped due to settings of on_status=Failed');
  assert.deepEqual(h.m.outcome?.objects, [{ kind: 'Job', namespace: 'ns', name: 'job-pi', state: 'kept' }]);
});

test('delete_on_status Failed deletes a failed job; a missing job (404) anywhere is a success', () => {
  const h = machine('KubernetesDeleteJobOperator', { delete_on_status: 'Failed' });
  h.start();
  assert.deepEqual(h.calls(h.send({ type: 'job-read', job: failed })), ['delete-job']);
  h.send({ type: 'call-failed', call: 'delete', error: { reason: 'NotFound', message: 'gone', status: 404 } });
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.equal(h.m.outcome?.message, 'The Kubernetes job job-pi does not exist.');
  assert.deepEqual(h.m.outcome?.objects, []);
});

test('a forbidden read is a cluster error (exit 4); cancel while sleeping ends at once', () => {
  const h = machine('KubernetesDeleteJobOperator', {});
  h.start();
  h.send({ type: 'call-failed', call: 'read', error: { reason: 'Forbidden', message: 'no', status: 403 } });
  assert.equal(h.m.outcome?.outcome, 'error');
  assert.equal(toExitStatus(h.m.outcome!), 4);
  const w = machine('KubernetesDeleteJobOperator', { wait_for_completion: true });
  w.start();
  w.send({ type: 'job-read', job: running });
  assert.deepEqual(w.calls(w.send({ type: 'cancel' })), ['finish']);
  assert.equal(w.m.outcome?.outcome, 'cancelled');
});

test('a cancel during the delete waits for its answer and reports it', () => {
  const h = machine('KubernetesDeleteJobOperator', {});
  h.start();
  h.send({ type: 'job-read', job: complete });
  assert.deepEqual(h.calls(h.send({ type: 'cancel' })), []);
  h.send({ type: 'job-deleted' });
  assert.equal(h.m.outcome?.outcome, 'cancelled');
  assert.equal(h.m.outcome?.message, 'Cancelled: Job ns/job-pi deleted.');
  assert.deepEqual(h.m.outcome?.objects, [{ kind: 'Job', namespace: 'ns', name: 'job-pi', state: 'deleted' }]);
});

test('patch: a dict body is a strategic merge patch, a list a JSON Patch; the XCom is the patched Job', () => {
  assert.equal(patchTypeOf({ spec: { suspend: true } }), 'strategic');
  assert.equal(patchTypeOf([{ op: 'replace', path: '/spec/suspend', value: true }]), 'json');
  const h = machine('KubernetesPatchJobOperator', {}, { spec: { suspend: true } });
  assert.deepEqual(h.calls(h.start()), ['patch-job']);
  assert.deepEqual(h.all.find((d) => d.kind === 'patch-job'), { kind: 'patch-job', namespace: 'ns', name: 'job-pi', body: { spec: { suspend: true } }, patchType: 'strategic' });
  h.send({ type: 'job-patched', xcom: { spec: { suspend: true } } });
  assert.equal(h.m.outcome?.outcome, 'success');
  assert.deepEqual(h.m.outcome?.xcom, { spec: { suspend: true } });
  assert.deepEqual(h.texts(), ['Updating existing Job: job-pi', 'Job was updated.']);
});

test('a refused patch fails the task with the server message and a hint; a 404 fails it without one', () => {
  const h = machine('KubernetesPatchJobOperator', {}, [{ op: 'replace', path: '/spec/nope', value: 1 }]);
  h.start();
  h.send({ type: 'call-failed', call: 'patch', error: { reason: 'Invalid', message: 'the server rejected our request', status: 422 } });
  assert.equal(h.m.outcome?.outcome, 'failed');
  assert.equal(toExitStatus(h.m.outcome!), 1);
  assert.match(h.m.outcome?.message ?? '', /^the server rejected our request\nHint: a list `body` is sent as a JSON Patch/);
  const d = machine('KubernetesPatchJobOperator', {}, { spec: {} });
  d.start();
  d.send({ type: 'call-failed', call: 'patch', error: { reason: 'NotFound', message: 'jobs "job-pi" not found', status: 404 } });
  assert.equal(d.m.outcome?.outcome, 'failed');
  assert.equal(d.m.outcome?.message, 'jobs "job-pi" not found', 'no hint when the body is not the problem');
  const i = machine('KubernetesPatchJobOperator', {}, { spec: { parallelism: -1 } });
  i.start();
  i.send({ type: 'call-failed', call: 'patch', error: { reason: 'Invalid', message: 'spec.parallelism: Invalid value', status: 422 } });
  assert.match(i.m.outcome?.message ?? '', /^spec\.parallelism: Invalid value\nHint: a dict `body` is sent as a strategic merge patch/);
});
