import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureSummary, xcomDocument, xcomVerdict } from './failure-summary.js';
import type { LaunchOutcome } from './outcome.js';
import type { PodShape } from './pod-shape.js';
import { LaunchSession } from './session.js';

function finished(extra: Partial<LaunchOutcome>, doXcomPush = true) {
  const session = new LaunchSession(() => 0);
  const rec = session.begin({ operator: 'KubernetesPodOperator', dagId: 'd', taskId: 't', runId: 'r', tryNumber: 2, namespace: 'ns', doXcomPush });
  rec.log('base', 'starting');
  rec.log('base', 'Traceback: boom');
  rec.finish({ outcome: 'success', exitCode: 0, reason: 'Completed', message: '', xcom: null, runId: 'r', namespace: 'ns', objects: [], ...extra });
  const r = session.get(rec.id);
  assert.ok(r);
  return r;
}

test('the failure summary says what Airflow records, the exit code and reason, the termination message, events, conditions', () => {
  const record = finished({ outcome: 'failed', exitCode: 3, reason: 'Error', message: "Pod p returned a failure.\nremote_pod: …" });
  const pod: PodShape = { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'base' }] },
    status: { phase: 'Failed', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'base', state: { terminated: { exitCode: 3, reason: 'Error', message: 'bad input\n' } } }] } };
  const events = [
    { type: 'Normal', reason: 'Started', message: 'Started container base', lastTimestamp: '2026-01-01T00:00:02Z' },
    { type: 'Normal', reason: 'Scheduled', message: 'assigned', lastTimestamp: '2026-01-01T00:00:01Z' },
  ];
  const text = failureSummary({ record, pod, podName: 'p', events, now: 0 });
  assert.match(text, /Airflow would record: failed \(AirflowException\)/);
  assert.match(text, /Pod p returned a failure\./);
  assert.match(text, /Exit code: 3 {4}Reason: Error/);
  assert.match(text, /\* base: terminated: Error \(exit 3\)\n {6}termination message: bad input/);
  assert.match(text, /Conditions:\n {2}Ready: False/);
  assert.ok(text.indexOf('Scheduled') < text.indexOf('Started container'), 'events oldest first');
  assert.match(text, /Last log lines of base:\n {2}starting\n {2}Traceback: boom/);
  const gone = failureSummary({ record, podName: 'p', events: [], now: 0 });
  assert.match(gone, /no longer in the cluster/);
  assert.match(gone, /\(no events/);
});

test("the XCom verdict follows extract_xcom: valid, empty marker, not pushed, invalid JSON", () => {
  assert.deepEqual(xcomVerdict(finished({ xcom: [1, 2, 3, 4] })), { verdict: 'valid', value: [1, 2, 3, 4] });
  assert.equal(xcomVerdict(finished({})).verdict, 'empty');
  assert.match((xcomVerdict(finished({}, false)) as { why: string }).why, /do_xcom_push is False/);
  const invalid = xcomVerdict(finished({ outcome: 'failed', reason: 'JSONDecodeError', message: 'JSONDecodeError: Expecting value' }));
  assert.equal(invalid.verdict, 'invalid');
  assert.match((invalid as { why: string }).why, /json\.loads failed/);
  const doc = JSON.parse(xcomDocument(finished({ xcom: { a: 1 } }))) as Record<string, unknown>;
  assert.deepEqual([doc['verdict'], doc['value'], doc['try_number']], ['valid', { a: 1 }, 2]);
});
