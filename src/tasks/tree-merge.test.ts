import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WatchMerge } from './tree-merge.js';
import type { ObjectChange } from './tree-updates.js';

const pod = (type: ObjectChange['type'], resourceVersion: string, labels: Record<string, string> = {}): ObjectChange =>
  ({ kind: 'Pod', type, object: { metadata: { name: 'load-1', namespace: 'ns', uid: 'u-1', resourceVersion, labels } } });

test('a pod two watches report is passed on once per resourceVersion', () => {
  const merge = new WatchMerge();
  const added = pod('ADDED', '10');
  assert.equal(merge.accept(0, added), added);
  assert.equal(merge.accept(2, pod('ADDED', '10')), undefined, 'the Job-pod watch lists the same pod');
  const modified = pod('MODIFIED', '11');
  assert.equal(merge.accept(2, modified), modified, 'whichever watch sees a change first passes it on');
  assert.equal(merge.accept(0, pod('MODIFIED', '11')), undefined);
});

test('a pod leaving one selector stays while another watch reports it, and goes with the last', () => {
  const merge = new WatchMerge();
  merge.accept(0, pod('ADDED', '10'));
  merge.accept(2, pod('ADDED', '10'));
  assert.equal(merge.accept(0, pod('DELETED', '12')), undefined, 'its kubernetes_pod_operator label was removed');
  const gone = pod('DELETED', '13');
  assert.equal(merge.accept(2, gone), gone);
  const back = pod('ADDED', '14');
  assert.equal(merge.accept(0, back), back, 'a pod seen again after it went is new');
});

test('a deletion of an object never reported is passed on, and other kinds are kept apart', () => {
  const merge = new WatchMerge();
  const stray = pod('DELETED', '9');
  assert.equal(merge.accept(1, stray), stray);
  const job: ObjectChange = { kind: 'Job', type: 'ADDED', object: { metadata: { name: 'load-1', namespace: 'ns', uid: 'u-1', resourceVersion: '10' } } };
  merge.accept(0, pod('ADDED', '10'));
  assert.equal(merge.accept(3, job), job, 'same uid text, another kind');
  merge.clear();
  const again = pod('ADDED', '10');
  assert.equal(merge.accept(0, again), again, 'cleared: reported afresh');
});
