import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPodStart, detectEarlyIssue, type StartClock } from './pod-start.js';
import { makePod } from './testing/fake-launch.js';

const limits = { scheduleTimeoutSeconds: 30, startupTimeoutSeconds: 120 };
const t0: StartClock = { sinceMs: 0, scheduled: false };

test('leaving Pending (or Unknown) is a start; Failed without container statuses is a launch failure', () => {
  assert.deepEqual(checkPodStart(makePod({ phase: 'Running', containers: { base: 'running' } }), t0, 0, limits), { kind: 'started', phase: 'Running' });
  assert.deepEqual(checkPodStart(makePod({ phase: 'Succeeded', containers: {} }), t0, 0, limits), { kind: 'started', phase: 'Succeeded' });
  assert.equal(checkPodStart(makePod({ phase: 'Unknown', scheduled: true }), t0, 0, limits).kind, 'pending');
  assert.deepEqual(checkPodStart(makePod({ phase: 'Failed' }), t0, 0, limits), { kind: 'failed', exception: 'PodLaunchFailedException', message: 'Pod failed before containers started' });
});

test('the schedule clock runs until PodScheduled=True', () => {
  const unscheduled = makePod({ scheduled: false });
  assert.equal(checkPodStart(unscheduled, t0, 29_999, limits).kind, 'pending');
  const late = checkPodStart(unscheduled, t0, 30_000, limits);
  assert.deepEqual(late, {
    kind: 'failed',
    exception: 'PodLaunchTimeoutException',
    message: 'Pod took too long to be scheduled on the cluster, giving up. More than 30s. Check the pod events in kubernetes.',
  });
});

test('seeing the pod scheduled restarts the clock for startup_timeout_seconds', () => {
  const scheduled = makePod({ phase: 'Pending', scheduled: true, containers: { base: 'creating' } });
  const first = checkPodStart(scheduled, t0, 25_000, limits);
  assert.deepEqual(first, { kind: 'pending', clock: { sinceMs: 25_000, scheduled: true } });
  if (first.kind !== 'pending') return;
  assert.equal(checkPodStart(scheduled, first.clock, 25_000 + 119_999, limits).kind, 'pending', 'the schedule timeout no longer applies');
  const late = checkPodStart(scheduled, first.clock, 25_000 + 120_000, limits);
  assert.deepEqual(late, { kind: 'failed', exception: 'PodLaunchTimeoutException', message: 'Pod took too long to start. More than 120s. Check the pod events in kubernetes.' });
});

test('fatal image errors fail at once; pull errors fail unless their message is transient', () => {
  const waiting = (reason: string, message: string) => makePod({ phase: 'Pending', scheduled: true, containers: { base: { waiting: { reason, message } } } });
  assert.equal(detectEarlyIssue(waiting('InvalidImageName', 'bad ref')), 'Image cannot be pulled, unable to start: InvalidImageName\nbad ref');
  assert.equal(detectEarlyIssue(waiting('ErrImageNeverPull', 'never')), 'Image cannot be pulled, unable to start: ErrImageNeverPull\nnever');
  assert.equal(detectEarlyIssue(waiting('ErrImagePull', 'manifest unknown')), 'Image cannot be pulled, unable to start: ErrImagePull\nmanifest unknown');
  assert.equal(detectEarlyIssue(waiting('ImagePullBackOff', 'Back-off pulling image "x"')), 'Image cannot be pulled, unable to start: ImagePullBackOff\nBack-off pulling image "x"');
  for (const transient of ['toomanyrequests: Rate Limit reached', '429 Too Many Requests', 'i/o timeout', '503 Service Unavailable', 'Bad Gateway', 'pull QPS exceeded']) {
    assert.equal(detectEarlyIssue(waiting('ErrImagePull', transient)), undefined, transient);
    assert.equal(checkPodStart(waiting('ImagePullBackOff', transient), t0, 1000, limits).kind, 'pending', transient);
  }
  assert.equal(detectEarlyIssue(waiting('ContainerCreating', '')), undefined);
  const failed = checkPodStart(waiting('InvalidImageName', 'bad'), t0, 0, limits);
  assert.deepEqual(failed, { kind: 'failed', exception: 'PodLaunchFailedException', message: 'Image cannot be pulled, unable to start: InvalidImageName\nbad' });
});

test('the timeout is checked before the image error, as in await_pod_start', () => {
  const pod = makePod({ phase: 'Pending', scheduled: false, containers: { base: { waiting: { reason: 'InvalidImageName', message: 'x' } } } });
  const check = checkPodStart(pod, t0, 30_000, limits);
  assert.equal(check.kind === 'failed' && check.exception, 'PodLaunchTimeoutException');
});
