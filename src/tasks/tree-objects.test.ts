import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAge, jobState, podState, sparkState, workloadState } from './tree-objects.js';

const now = Date.parse('2026-01-01T01:00:00Z');

test('Pending counts the scheduling clock, then the startup clock with the waiting reason', () => {
  const created = { metadata: { creationTimestamp: '2026-01-01T00:59:30Z' } };
  assert.equal(podState({ ...created, status: { phase: 'Pending' } }, now).text, 'Pending · scheduling 30s');
  const starting = podState({ ...created, status: { phase: 'Pending', startTime: '2026-01-01T00:59:55Z', conditions: [{ type: 'PodScheduled', status: 'True' }],
    containerStatuses: [{ name: 'base', state: { waiting: { reason: 'ImagePullBackOff' } } }] } }, now);
  assert.deepEqual(starting, { phase: 'pending', text: 'Pending · starting 5s (ImagePullBackOff)' });
  assert.equal(formatAge('2026-01-01T00:00:00Z', now), '1h00m');
  assert.equal(formatAge('2026-01-01T00:56:56Z', now), '3m04s');
  assert.equal(formatAge(undefined, now), '');
});

test('a pod being deleted says Terminating beside its phase', () => {
  const pod = { metadata: { deletionTimestamp: '2026-01-01T00:59:59Z' }, status: { phase: 'Running' } };
  assert.deepEqual(podState(pod as never, now), { phase: 'running', text: 'Terminating · Running' });
});

test('a failed pod without a terminated base container reports the pod reason (Evicted)', () => {
  const state = podState({ spec: { containers: [{ name: 'base' }] }, status: { phase: 'Failed', reason: 'Evicted' } }, now);
  assert.deepEqual(state.failure, { reason: 'Evicted', exitCode: null, message: '' });
  assert.equal(state.text, 'Failed · Evicted');
});

test('Job, SparkApplication and Workload states', () => {
  assert.equal(jobState({ status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] } }).text, 'Failed · BackoffLimitExceeded');
  assert.equal(jobState({ status: { conditions: [{ type: 'Complete', status: 'True' }] } }).phase, 'succeeded');
  assert.equal(jobState({ spec: { suspend: true } }).text, 'Suspended');
  assert.equal(jobState({ status: { active: 2, ready: 1 } }).text, 'Running · 1/2 ready');
  assert.deepEqual(sparkState({ status: { applicationState: { state: 'FAILED', errorMessage: 'driver pod failed' } } }).failure, { reason: 'FAILED', exitCode: null, message: 'driver pod failed' });
  assert.equal(sparkState({}).text, 'Spark NEW');
  assert.equal(sparkState({ status: { applicationState: { state: 'RUNNING' } } }).phase, 'running');
  assert.equal(workloadState({ spec: { queueName: 'q' }, status: { conditions: [{ type: 'Admitted', status: 'True' }] } }).text, 'Admitted in queue q');
  assert.equal(workloadState({ spec: { queueName: 'q' }, status: { conditions: [{ type: 'Finished', status: 'True', reason: 'Failed', message: 'pods failed' }] } }).phase, 'failed');
});
