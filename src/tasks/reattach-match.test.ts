import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeSafeLabelValue, type TaskSpec } from '../operators/index.js';
import { LaunchSession } from './session.js';
import { buildTaskTree, findNode, type TreeObject } from './task-tree.js';
import { markReattachable } from './tree-nodes.js';
import { matchTaskSource, mayDefineTask, runLabelsOf, taskSourceOf, type TaskSource } from './reattach-match.js';

const runId = 'manual__2026-03-01T10:00:00+00:00';
const podLabels = { dag_id: 'etl', task_id: 'load', run_id: makeSafeLabelValue(runId), try_number: '2', kubernetes_pod_operator: 'True', airflow_version: '3.3.2' };

function source(file: string, dagId: string, taskId: string, mapIndex = -1): TaskSource {
  return { source: file, dagId, taskId, mapIndex, operator: 'KubernetesPodOperator' };
}

test("runLabelsOf reads KubernetesPodOperator's identity labels as stored, and nothing without them", () => {
  assert.deepEqual(runLabelsOf(podLabels), { dagId: 'etl', taskId: 'load', runId: makeSafeLabelValue(runId), tryNumber: 2, mapIndex: -1 });
  assert.equal(runLabelsOf({ ...podLabels, map_index: '3' })?.mapIndex, 3);
  assert.equal(runLabelsOf({ ...podLabels, try_number: 'x' })?.tryNumber, 1, 'an unreadable try is the first');
  assert.equal(runLabelsOf({ ...podLabels, kubernetes_pod_operator: 'False' }), undefined);
  assert.equal(runLabelsOf({ dag_id: 'etl', task_id: 'load', kubernetes_pod_operator: 'True' }), undefined, 'no run_id');
  assert.equal(runLabelsOf(undefined), undefined);
});

test('a task matches through make_safe_label_value of its ids, not their raw text', () => {
  const longDag = `etl_${'x'.repeat(70)}`;
  const run = runLabelsOf({ ...podLabels, dag_id: makeSafeLabelValue(longDag) });
  assert.ok(run);
  assert.notEqual(run.dagId, longDag, 'Airflow hashed the long dag_id');
  const hit = source('file:///w/dags/etl.py', longDag, 'load');
  const result = matchTaskSource(run, [source('file:///w/a.task.yaml', 'etl', 'load'), hit]);
  assert.deepEqual(result, { kind: 'one', task: hit });
});

test('no match names the dag and task as the labels store them and how many tasks were searched', () => {
  const run = runLabelsOf(podLabels);
  assert.ok(run);
  const result = matchTaskSource(run, [source('a', 'etl', 'extract'), source('b', 'other', 'load')]);
  assert.equal(result.kind, 'none');
  assert.match(result.kind === 'none' ? result.message : '', /dag_id "etl" and task_id "load" .*2 tasks searched/);
  const mapped = matchTaskSource({ ...run, mapIndex: 1 }, [source('a', 'etl', 'load')]);
  assert.equal(mapped.kind, 'none', 'an unmapped task does not find a mapped instance');
  assert.match(mapped.kind === 'none' ? mapped.message : '', /map_index 1/);
});

test('several files defining the task are offered; the file the session recorded wins; duplicates count once', () => {
  const run = runLabelsOf(podLabels);
  assert.ok(run);
  const a = source('file:///w/a.task.yaml', 'etl', 'load');
  const b = source('file:///w/dags/etl.py', 'etl', 'load');
  assert.deepEqual(matchTaskSource(run, [a, b, a]), { kind: 'several', tasks: [a, b] });
  assert.deepEqual(matchTaskSource(run, [a, b], b.source), { kind: 'one', task: b });
  assert.deepEqual(matchTaskSource(run, [a, a]), { kind: 'one', task: a });
  assert.deepEqual(matchTaskSource(run, [a], 'file:///w/gone.task.yaml'), { kind: 'one', task: a }, 'a recorded file that no longer defines it');
});

test("taskSourceOf gives the dag_id a launch labels with: the file's context, else the DAG's, else the file name", () => {
  const base: TaskSpec = { operator: 'KubernetesPodOperator', taskId: 'load', params: {}, file: '/w/nightly.task.yaml', ranges: {} };
  assert.equal(taskSourceOf(base, 'u').dagId, 'nightly');
  assert.equal(taskSourceOf({ ...base, templating: { dagId: 'from_dag' } }, 'u').dagId, 'from_dag');
  const withContext = taskSourceOf({ ...base, context: { dag_id: 'ctx', run_id: 'r', try_number: 1, map_index: 2 } }, 'u');
  assert.deepEqual(withContext, { source: 'u', dagId: 'ctx', taskId: 'load', mapIndex: 2, operator: 'KubernetesPodOperator' });
});

test('mayDefineTask keeps files that mention the id, or the part of a hashed label before its hash', () => {
  assert.equal(mayDefineTask('task_id: load\n', 'load'), true);
  assert.equal(mayDefineTask('task_id: extract\n', 'load'), false);
  const long = `load_${'y'.repeat(70)}`;
  assert.equal(mayDefineTask(`task_id="${long}"`, makeSafeLabelValue(long)), true);
});

function pod(name: string, phase: string, labels: Record<string, string>): TreeObject {
  return { kind: 'Pod', object: { metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels, creationTimestamp: '2026-03-01T10:00:00Z' },
    spec: { containers: [{ name: 'base' }] }, status: { phase } } };
}

test('markReattachable marks running and pending runs no launch of this editor follows, and nothing else', () => {
  const now = Date.parse('2026-03-01T10:01:00Z');
  const session = new LaunchSession(() => now);
  const followed = session.begin({ operator: 'KubernetesPodOperator', dagId: 'etl', taskId: 'followed', runId, tryNumber: 1, namespace: 'ns' });
  followed.object('Pod', 'ns', 'followed-pod');
  const objects = [
    pod('running-pod', 'Running', podLabels),
    pod('pending-pod', 'Pending', { ...podLabels, task_id: 'waits' }),
    pod('done-pod', 'Succeeded', { ...podLabels, task_id: 'done' }),
    pod('followed-pod', 'Running', { ...podLabels, task_id: 'followed', try_number: '1' }),
  ];
  for (const grouping of ['dag', 'none'] as const) {
    const tree = buildTaskTree({ records: session.all(), objects, grouping, now });
    const marked = markReattachable(tree);
    const runOf = (podName: string): string | undefined =>
      findNode(marked, (n) => n.contextValue.startsWith('run') && n.target?.name === podName)?.contextValue;
    assert.equal(runOf('running-pod'), 'run.reattach', grouping);
    assert.equal(runOf('pending-pod'), 'run.reattach', grouping);
    assert.equal(runOf('done-pod'), 'run', grouping);
    assert.equal(runOf('followed-pod'), 'run.live', grouping);
    assert.equal(findNode(marked, (n) => n.target?.name === 'running-pod' && n.contextValue === 'pod')?.contextValue, 'pod', 'the pod node keeps its own');
  }
  const quiet = buildTaskTree({ records: [], objects: [pod('done-pod', 'Succeeded', podLabels)], grouping: 'dag', now });
  assert.equal(markReattachable(quiet), quiet, 'nothing to mark: the same tree');
});
