import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeSafeLabelValue } from '../operators/index.js';
import { airflowPhase, mergeAirflowRuns, type FollowedRun } from './airflow-runs.js';
import { buildTaskTree } from './task-tree.js';
import type { TreeObject } from './tree-nodes.js';

const RUN_ID = 'manual__2026-12-07T01:02:03.456789+00:00';

function pod(runLabel: string): TreeObject {
  return {
    kind: 'Pod',
    object: {
      metadata: {
        name: 'echo-conf-abc', namespace: 'ns', uid: 'u1', creationTimestamp: '2026-12-07T01:02:10Z',
        labels: { dag_id: 'kt_rest_trigger', task_id: 'echo_conf', run_id: runLabel, try_number: '1' },
      },
      spec: { containers: [{ name: 'base' }] },
      status: { phase: 'Running' },
    },
  };
}

const run: FollowedRun = { server: 'local', dagId: 'kt_rest_trigger', runId: RUN_ID, state: 'running', tasks: [{ taskId: 'echo_conf', state: 'running' }] };

test("a followed run's pod node gets the real run id and the Airflow state", () => {
  const label = makeSafeLabelValue(RUN_ID);
  assert.notEqual(label, RUN_ID, 'the label value differs from the run id, which is what this maps back');
  const tree = buildTaskTree({ records: [], objects: [pod(label)], grouping: 'dag', now: Date.parse('2026-12-07T01:03:00Z') });
  const merged = mergeAirflowRuns(tree, [run], 'dag');
  const runNode = merged[0]?.children[0]?.children[0];
  assert.equal(merged[0]?.label, 'kt_rest_trigger');
  assert.equal(merged[0]?.children[0]?.label, 'echo_conf');
  assert.match(merged[0]?.children[0]?.description ?? '', /^Airflow running/, 'the task shows its newest run with the Airflow state');
  assert.ok(runNode?.label.startsWith(RUN_ID), runNode?.label);
  assert.match(runNode?.description ?? '', /^Airflow running \(task running\)/);
  assert.equal(runNode?.children[0]?.label, 'echo-conf-abc', 'the pod stays under the run');
  assert.deepEqual(runNode?.target?.airflow, { server: 'local', dagId: 'kt_rest_trigger', runId: RUN_ID, taskId: 'echo_conf' });
  assert.equal(merged.length, 1, 'no extra node for a run whose pod is shown');
  assert.equal(runNode?.icon, 'running', 'while Airflow runs it, the pod phase shows');
  const ended = mergeAirflowRuns(tree, [{ ...run, state: 'failed' }], 'dag')[0]?.children[0]?.children[0];
  assert.equal(ended?.icon, 'failed', "an ended run shows Airflow's verdict");
});

test('a followed run without pods gets its own node under its DAG, with its task instances', () => {
  const other = buildTaskTree({ records: [], objects: [pod('scheduled__other')], grouping: 'dag', now: 0 });
  const merged = mergeAirflowRuns(other, [{ ...run, state: 'queued', tasks: [{ taskId: 'echo_conf', state: null }] }], 'dag');
  const dag = merged[0];
  assert.equal(dag?.children[0]?.id, `airflow-run:local/kt_rest_trigger/${RUN_ID}`);
  assert.equal(dag?.children[0]?.icon, 'pending');
  assert.equal(dag?.children[0]?.children[0]?.description, 'no state yet');
  assert.equal(dag?.children.length, 2, 'the other run stays');
  const empty = mergeAirflowRuns([], [run], 'dag');
  assert.equal(empty[0]?.id, 'dag:kt_rest_trigger');
  assert.equal(mergeAirflowRuns([], [run], 'none')[0]?.label, RUN_ID);
});

test('the tree is unchanged when no run is followed, and Airflow states map to phases', () => {
  const tree = buildTaskTree({ records: [], objects: [pod('x')], grouping: 'none', now: 0 });
  assert.deepEqual(mergeAirflowRuns(tree, [], 'none'), tree);
  assert.equal(airflowPhase('success'), 'succeeded');
  assert.equal(airflowPhase('failed'), 'failed');
  assert.equal(airflowPhase('upstream_failed'), 'failed');
  assert.equal(airflowPhase('queued'), 'pending');
  assert.equal(airflowPhase('running'), 'running');
  assert.equal(airflowPhase('weird'), 'unknown');
});
