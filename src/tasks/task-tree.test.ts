import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeSafeLabelValue } from '../operators/index.js';
import { LaunchSession } from './session.js';
import { buildTaskTree, findNode, hasClock, type TreeObject } from './task-tree.js';

const runId = 'manual__2026-01-01T00:00:00+00:00';
const now = Date.parse('2026-01-01T00:01:00Z');

function pod(name: string, labels: Record<string, string>, status: Record<string, unknown>, extra: Record<string, unknown> = {}): TreeObject {
  return { kind: 'Pod', object: { metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels, creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
    spec: { containers: [{ name: 'sidecar' }, { name: 'base' }] }, status } };
}

const airflowLabels = { dag_id: 'etl', task_id: 'load', run_id: makeSafeLabelValue(runId), try_number: '1', kubernetes_pod_operator: 'True' };

test('a pod labelled by Airflow shows as stored, grouped dag → task → run, with base first and a Pending clock', () => {
  const p = pod('load-abc', airflowLabels, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] });
  const tree = buildTaskTree({ records: [], objects: [p], grouping: 'dag', now });
  assert.equal(tree[0]?.label, 'etl');
  const task = tree[0]?.children[0];
  assert.equal(task?.label, 'load');
  const run = task?.children[0];
  assert.equal(run?.label, `${makeSafeLabelValue(runId)} · try 1`);
  assert.equal(run?.icon, 'pending');
  const podNode = run?.children[0];
  assert.equal(podNode?.description, 'Pending · scheduling 1m00s');
  assert.deepEqual(podNode?.children.map((c) => c.label), ['base', 'sidecar']);
  assert.equal(hasClock(tree), true);
});

test('a session launch maps the hashed label back to its real run id and stays after its pod is deleted', () => {
  const session = new LaunchSession(() => now);
  const rec = session.begin({ operator: 'KubernetesPodOperator', dagId: 'etl', taskId: 'load', runId, tryNumber: 1, namespace: 'ns' });
  rec.object('Pod', 'ns', 'load-abc');
  const running = pod('load-abc', airflowLabels, { phase: 'Running' });
  let tree = buildTaskTree({ records: session.all(), objects: [running], grouping: 'dag', now });
  const liveRun = tree[0]?.children[0]?.children[0];
  assert.equal(liveRun?.label, `${runId} · try 1`);
  assert.equal(liveRun?.contextValue, 'run.live');
  assert.equal(liveRun?.children.length, 1, 'the pod once, not also as a session-only node');
  rec.finish({ outcome: 'success', exitCode: 0, reason: 'Completed', message: '', xcom: [1, 2, 3, 4], runId, namespace: 'ns',
    objects: [{ kind: 'Pod', namespace: 'ns', name: 'load-abc', state: 'deleted' }] });
  tree = buildTaskTree({ records: session.all(), objects: [], grouping: 'none', now });
  const run = tree[0];
  assert.equal(run?.label, `etl.load · ${runId} · try 1`);
  assert.equal(run?.description, 'Succeeded · exit 0');
  assert.match(run?.tooltip ?? '', /label run_id=manual__2026-01-01T0000000000-[0-9a-f]{9}\n/);
  assert.deepEqual(run?.children.map((c) => `${c.label}: ${c.description}`), ['load-abc: deleted', 'XCom: [1,2,3,4]']);
});

test('a failed pod carries its badge: reason, exit code, termination message', () => {
  const failed = pod('load-abc', airflowLabels, { phase: 'Failed', containerStatuses: [{ name: 'base', state: { terminated: { exitCode: 3, reason: 'Error', message: 'boom\n' } } }] });
  const tree = buildTaskTree({ records: [], objects: [failed], grouping: 'dag', now });
  const podNode = findNode(tree, (n) => n.contextValue === 'pod');
  assert.equal(podNode?.description, 'Failed · Error (exit 3)');
  assert.match(podNode?.tooltip ?? '', /boom/);
  assert.equal(findNode(tree, (n) => n.label === 'base')?.icon, 'failed');
});

test('Job → pods and Workload, SparkApplication → driver then executors, linked by owners and driver labels', () => {
  const job: TreeObject = { kind: 'Job', object: { metadata: { name: 'j', namespace: 'ns', uid: 'job-uid', labels: { ...airflowLabels, 'kueue.x-k8s.io/queue-name': 'q' } }, spec: { suspend: true }, status: {} } };
  const jobPod = pod('j-xyz', { 'job-name': 'j' }, { phase: 'Pending' }, { ownerReferences: [{ kind: 'Job', name: 'j', uid: 'job-uid' }] });
  const workload: TreeObject = { kind: 'Workload', object: { metadata: { name: 'job-j', namespace: 'ns', uid: 'w', ownerReferences: [{ kind: 'Job', uid: 'job-uid' }] }, spec: { queueName: 'q' },
    status: { conditions: [{ type: 'QuotaReserved', status: 'False', message: "couldn't assign flavors" }] } } };
  const sparkLabels = { dag_id: 'etl', task_id: 'spark', run_id: 'r1', try_number: '1', spark_kubernetes_operator: 'True' };
  const app: TreeObject = { kind: 'SparkApplication', object: { metadata: { name: 'app', namespace: 'ns', uid: 'app-uid', labels: sparkLabels }, status: { applicationState: { state: 'RUNNING' } } } };
  const exec = pod('app-exec-1', { 'sparkoperator.k8s.io/app-name': 'app', 'spark-role': 'executor' }, { phase: 'Running' });
  const driver = pod('app-driver', { 'sparkoperator.k8s.io/app-name': 'app', 'spark-role': 'driver' }, { phase: 'Running' });
  const foreign = pod('not-airflows', { 'batch.kubernetes.io/job-name': 'other' }, { phase: 'Running' });
  const tree = buildTaskTree({ records: [], objects: [exec, jobPod, workload, driver, app, job, foreign], grouping: 'dag', now });
  assert.equal(findNode(tree, (n) => n.label === 'not-airflows'), undefined, "a pod of a Job Airflow did not make is not shown");
  const jobNode = findNode(tree, (n) => n.label === 'j');
  assert.equal(jobNode?.description, 'Job · Waiting for admission in queue q');
  assert.equal(jobNode?.contextValue, 'job.suspended');
  assert.deepEqual(jobNode?.children.map((c) => c.label), ['j-xyz', 'job-j']);
  assert.equal(findNode(tree, (n) => n.label === 'Admission')?.description, "Waiting for admission in queue q: couldn't assign flavors");
  const appNode = findNode(tree, (n) => n.label === 'app');
  assert.equal(appNode?.description, 'SparkApplication · Spark RUNNING');
  assert.deepEqual(appNode?.children.map((c) => c.label), ['app-driver', 'app-exec-1']);
  assert.equal(findNode(tree, (n) => n.label === '(no dag_id)'), undefined, 'every object found its run');
});

test('two launches of the same run and try both stay; the newest one takes the pod', () => {
  const session = new LaunchSession(() => now);
  const start = { operator: 'KubernetesPodOperator', dagId: 'etl', taskId: 'load', runId, tryNumber: 1, namespace: 'ns' };
  const first = session.begin(start);
  first.finish({ outcome: 'failed', exitCode: 1, reason: 'Error', message: 'boom', xcom: null, runId, namespace: 'ns', objects: [] });
  const second = session.begin(start);
  second.object('Pod', 'ns', 'load-abc');
  const tree = buildTaskTree({ records: session.all(), objects: [pod('load-abc', airflowLabels, { phase: 'Running' })], grouping: 'none', now });
  assert.equal(tree.length, 2);
  const newest = tree.find((n) => n.target?.recordId === second.id);
  assert.deepEqual(newest?.children.map((c) => c.label), ['load-abc']);
  assert.equal(tree.find((n) => n.target?.recordId === first.id)?.description, 'Failed · Error · exit 1');
});
