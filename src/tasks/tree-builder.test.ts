import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LaunchSession, type LaunchRecorder } from './session.js';
import { buildTaskTree, type TaskNode, type TreeInput, type TreeObject } from './task-tree.js';
import { TaskTreeBuilder } from './tree-builder.js';
import type { ObjectKind, ObjectShape } from './tree-objects.js';
import { TreeIndex } from './tree-index.js';
import { indexNodes, ObjectStore } from './tree-updates.js';

/** mulberry32: a seeded generator, so a failing sequence can be replayed from its seed. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const start = Date.parse('2026-01-01T00:00:00Z');
const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'];

/** One object of a random kind and shape: labelled or not, owned by a Job or not, a Spark driver or not. */
function randomObject(r: (n: number) => number, name: string): { kind: ObjectKind; object: ObjectShape } {
  const kinds: ObjectKind[] = ['Pod', 'Pod', 'Pod', 'Job', 'SparkApplication', 'Workload'];
  const kind = kinds[r(kinds.length)] as ObjectKind;
  const labelled = r(3) > 0;
  const labels: Record<string, string> = labelled ? { dag_id: `dag-${r(3)}`, task_id: `task-${r(2)}`, run_id: `run-${r(3)}`, try_number: String(1 + r(2)) } : {};
  if (kind === 'Pod' && r(4) === 0) Object.assign(labels, { 'sparkoperator.k8s.io/app-name': `obj-${r(12)}`, 'spark-role': r(2) ? 'driver' : 'executor' });
  const ownerReferences = r(2) ? [{ kind: 'Job', name: `obj-${r(12)}`, uid: `uid-obj-${r(12)}` }] : null;
  const phase = PHASES[r(PHASES.length)] ?? 'Running';
  const terminated = phase === 'Failed' ? { terminated: { exitCode: 1 + r(3), reason: 'Error', message: 'boom' } } : { running: {} };
  return {
    kind,
    object: {
      metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: String(r(1e6)), labels, creationTimestamp: new Date(start + r(60) * 1000).toISOString(), ownerReferences },
      spec: kind === 'Job' ? { suspend: r(3) === 0 } : { containers: [{ name: 'base' }, { name: 'side' }] },
      status: kind === 'Pod' ? { phase, containerStatuses: [{ name: 'base', state: terminated, restartCount: r(2) }] } : { active: r(2), conditions: [{ type: 'Admitted', status: 'True' }] },
    },
  };
}

/** A random walk over the tree's inputs: objects added, changed, deleted; launches begun and finished; time moving. */
function step(r: (n: number) => number, store: ObjectStore, session: LaunchSession, live: LaunchRecorder[], clock: { now: number }): void {
  const roll = r(20);
  const name = `obj-${r(12)}`;
  if (roll < 12) {
    const o = randomObject(r, name);
    store.apply([{ kind: o.kind, type: r(2) ? 'ADDED' : 'MODIFIED', object: o.object }]);
  } else if (roll < 15) {
    const victim = store.list()[r(Math.max(1, store.list().length))];
    if (victim) store.apply([{ kind: victim.kind, type: 'DELETED', object: victim.object }]);
  } else if (roll < 17) {
    const rec = session.begin({ operator: 'KubernetesPodOperator', dagId: `dag-${r(3)}`, taskId: `task-${r(2)}`, runId: `run-${r(3)}`, tryNumber: 1 + r(2), namespace: 'ns' });
    rec.object('Pod', 'ns', name);
    live.push(rec);
  } else if (roll < 18 && live.length > 0) {
    live.shift()?.finish({ outcome: r(2) ? 'success' : 'failed', exitCode: r(2), reason: 'Completed', message: '', xcom: null, runId: 'run-0', namespace: 'ns', objects: [] });
  } else {
    clock.now += 1000 * (1 + r(5));
  }
}

/** The index holds exactly `indexNodes`' entries (the same node objects). */
function assertIndex(index: TreeIndex, tree: TaskNode[], at: string): void {
  const want = indexNodes(tree);
  assert.equal(index.size, want.size, at);
  for (const [id, node] of want) assert.equal(index.get(id), node, `${at}: ${id}`);
}

test('the incremental build equals a full rebuild over random add/modify/delete sequences, and so does the index', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const r = random(seed);
    const clock = { now: start + 60_000 };
    const session = new LaunchSession(() => clock.now);
    const store = new ObjectStore();
    const builder = new TaskTreeBuilder();
    const live: LaunchRecorder[] = [];
    const index = new TreeIndex();
    for (let i = 0; i < 80; i++) {
      step(r, store, session, live, clock);
      const input: TreeInput = { records: session.all(), objects: store.list(), grouping: r(10) === 0 ? 'none' : 'dag', now: clock.now };
      const tree = builder.build(input);
      assert.deepEqual(tree, buildTaskTree(input), `seed ${seed}, step ${i}`);
      // what the adapter's decorators do: some nodes copied with the same children
      const shown = r(4) === 0 ? tree.map((n) => ({ ...n })) : tree;
      index.update(shown);
      assertIndex(index, shown, `seed ${seed}, step ${i}`);
    }
  }
});

function labelledPod(i: number, phase: string): TreeObject {
  return {
    kind: 'Pod',
    object: {
      metadata: { name: `p-${i}`, namespace: 'ns', uid: `u-${i}`, creationTimestamp: new Date(start + i * 1000).toISOString(), labels: { dag_id: `d-${i % 5}`, task_id: 't', run_id: `r-${i % 4}`, try_number: '1' } },
      status: { phase, conditions: [{ type: 'PodScheduled', status: 'True' }], startTime: new Date(start).toISOString() },
    },
  };
}

test('one changed pod rebuilds only its run; a Pending clock rebuilds its run each tick', () => {
  const store = new ObjectStore();
  store.apply(Array.from({ length: 200 }, (_, i) => ({ kind: 'Pod' as const, type: 'ADDED' as const, object: labelledPod(i, 'Running').object })));
  const builder = new TaskTreeBuilder();
  const input = (now: number): TreeInput => ({ records: [], objects: store.list(), grouping: 'dag', now });
  builder.build(input(start));
  assert.equal(builder.builtRuns, 20, 'five DAGs × four runs, all built once');
  store.apply([{ kind: 'Pod', type: 'MODIFIED', object: labelledPod(7, 'Pending').object }]);
  assert.deepEqual(builder.build(input(start)), buildTaskTree(input(start)));
  assert.equal(builder.builtRuns, 1);
  assert.deepEqual(builder.build(input(start + 1000)), buildTaskTree(input(start + 1000)));
  assert.equal(builder.builtRuns, 1, 'only the run with the Pending pod counts its clock');
  assert.match(JSON.stringify(builder.build(input(start + 1000))), /starting 1s/);
});

test('over labelled pods changing in place, the kept grouping equals a full rebuild too', () => {
  let fast = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const r = random(seed * 7919);
    const store = new ObjectStore();
    const builder = new TaskTreeBuilder();
    const phases = ['Pending', 'Running', 'Succeeded', 'Failed'];
    // the same pod name keeps its store position on MODIFIED; an odd step moves it to another run or removes it
    const podAt = (i: number): TreeObject => {
      const p = labelledPod(i, phases[r(phases.length)] ?? 'Running');
      if (r(6) === 0 && p.object.metadata) p.object.metadata = { ...p.object.metadata, creationTimestamp: new Date(start + r(40) * 1000).toISOString() };
      return p;
    };
    store.apply(Array.from({ length: 30 }, (_, i) => ({ kind: 'Pod' as const, type: 'ADDED' as const, object: podAt(i).object })));
    let now = start + 5000;
    for (let step = 0; step < 60; step++) {
      const roll = r(10);
      const i = r(34);
      if (roll < 7) store.apply([{ kind: 'Pod', type: 'MODIFIED', object: podAt(i).object }]);
      else if (roll < 8) store.apply([{ kind: 'Pod', type: 'DELETED', object: labelledPod(i, 'Running').object }]);
      else if (roll < 9) store.apply([{ kind: 'Pod', type: 'MODIFIED', object: { ...podAt(i).object, metadata: { ...podAt(i).object.metadata, labels: { dag_id: 'moved', task_id: 't', run_id: 'r', try_number: '1' } } } }]);
      else now += 1000;
      const input: TreeInput = { records: [], objects: store.list(), grouping: r(5) === 0 ? 'none' : 'dag', now };
      assert.deepEqual(builder.build(input), buildTaskTree(input), `seed ${seed}, step ${step}`);
      if (builder.regrouped) fast++;
    }
  }
  assert.ok(fast > 100, `the grouping was kept ${fast} times`);
});
