import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaskNode } from './task-tree.js';
import { ChangeBatch, diffTrees, flushDelay, indexNodes, ObjectStore } from './tree-updates.js';

const pod = (name: string, rv: string) => ({ metadata: { name, namespace: 'ns', uid: name, resourceVersion: rv } });

test('a batch keeps the newest change per object and says when a new batch starts', () => {
  const batch = new ChangeBatch();
  assert.equal(batch.add({ kind: 'Pod', type: 'ADDED', object: pod('a', '1') }), true);
  assert.equal(batch.add({ kind: 'Pod', type: 'MODIFIED', object: pod('a', '2') }), false);
  batch.add({ kind: 'Job', type: 'ADDED', object: pod('a', '1') });
  const taken = batch.take();
  assert.deepEqual(taken.map((c) => `${c.kind}:${c.type}:${c.object.metadata?.resourceVersion}`), ['Pod:MODIFIED:2', 'Job:ADDED:1']);
  assert.equal(batch.size, 0);
  const store = new ObjectStore();
  assert.equal(store.apply(taken), true);
  assert.equal(store.find('Pod', 'ns', 'a')?.object.metadata?.resourceVersion, '2');
  assert.equal(store.apply([{ kind: 'Pod', type: 'DELETED', object: pod('a', '3') }]), true);
  assert.equal(store.apply([{ kind: 'Pod', type: 'DELETED', object: pod('a', '3') }]), false);
  assert.deepEqual(store.list().map((o) => o.kind), ['Job']);
});

const node = (id: string, description = '', children: TaskNode[] = []): TaskNode => ({ id, label: id, description, tooltip: '', icon: 'running', contextValue: 'pod', children });

test('the diff refreshes only the smallest changed subtrees, or everything when the roots change', () => {
  const before = [node('dag', '', [node('run1', 'Running', [node('c1')]), node('run2', 'Running')])];
  assert.deepEqual(diffTrees(before, [node('dag', '', [node('run1', 'Running', [node('c1')]), node('run2', 'Succeeded')])]), { all: false, changed: ['run2'] });
  assert.deepEqual(diffTrees(before, [node('dag', '', [node('run1', 'Running', [node('c1'), node('c2')]), node('run2', 'Running')])]), { all: false, changed: ['run1'] });
  assert.deepEqual(diffTrees(before, structuredClone(before)), { all: false, changed: [] });
  assert.equal(diffTrees(before, [...before, node('dag2')]).all, true);
  assert.deepEqual([...indexNodes(before).keys()], ['dag', 'run1', 'c1', 'run2']);
});

test('a lone event is rebuilt at once; under a burst at most one rebuild per window', () => {
  assert.equal(flushDelay(undefined, 1000, 100), 0, 'first event ever');
  assert.equal(flushDelay(1000, 1500, 100), 0, 'quiet for longer than the window');
  assert.equal(flushDelay(1000, 1030, 100), 70, 'inside the window: waits for its end');
  assert.equal(flushDelay(1000, 1100, 100), 0);
});
