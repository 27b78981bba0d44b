import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { findDagLensTargets, findTaskAt, scanDag, summarizeDagTask, type PythonParser } from './index.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

const DAG = `from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator as KPO
import os
with DAG("d"):
    first = KPO(task_id="first", image="a")
    for r in ["eu", "us"]:
        KPO(task_id=f"sync_{r}", image=os.environ["IMG"])
    first >> KPO(task_id="last")
`;

test('one CodeLens target per call site; a loop site lists every task it makes and says it is incomplete', () => {
  const targets = findDagLensTargets(scanDag(parser, DAG));
  assert.deepEqual(
    targets.map((t) => [t.range.start.line, t.taskIds, t.complete]),
    [
      [5, ['first'], true],
      [7, ['sync_eu', 'sync_us'], false],
      [8, ['last'], true],
    ],
  );
});

test('the task under the cursor is the innermost call containing it', () => {
  const scan = scanDag(parser, DAG);
  assert.equal(findTaskAt(scan, 5, 20)?.taskId, 'first');
  assert.equal(findTaskAt(scan, 8, 18)?.taskId, 'last');
  assert.equal(findTaskAt(scan, 4, 1), undefined);
});

test('the hover summarises the rendered pod: name, namespace, image, containers, volumes, sidecar, notes', () => {
  const scan = scanDag(parser, DAG);
  const task = scan.tasks.find((t) => t.taskId === 'sync_eu')!;
  const pod = {
    kind: 'Pod',
    metadata: { name: 'sync-eu-abcd1234', namespace: 'etl' },
    spec: {
      containers: [{ name: 'base', image: 'busybox' }, { name: 'airflow-xcom-sidecar', image: 'alpine' }],
      volumes: [{ name: 'xcom' }],
    },
  };
  const text = summarizeDagTask({ task, manifest: pod });
  assert.match(text, /\*\*KPO\*\*|\*\*KubernetesPodOperator\*\*/);
  assert.match(text, /Pod: `sync-eu-abcd1234`/);
  assert.match(text, /namespace: `etl`/);
  assert.match(text, /image: `busybox`/);
  assert.match(text, /containers: `base` \(busybox\), `airflow-xcom-sidecar` \(alpine\)/);
  assert.match(text, /volumes: `xcom`/);
  assert.match(text, /XCom sidecar: yes/);
  assert.match(text, /not evaluated: `image`/);
});

test('the hover of a Job reads the pod template; a plan shows its API call; errors are shown', () => {
  const task = scanDag(parser, DAG).tasks[0]!;
  const job = { kind: 'Job', metadata: { name: 'job-x' }, spec: { template: { spec: { containers: [{ name: 'base', image: 'perl' }] } } } };
  assert.match(summarizeDagTask({ task, manifest: job }), /image: `perl`[\s\S]*XCom sidecar: no/);
  const plan = { action: 'delete', method: 'DELETE', path: '/apis/batch/v1/namespaces/default/jobs/x' };
  assert.match(summarizeDagTask({ task, manifest: plan }), /plan: `DELETE \/apis\/batch\/v1\/namespaces\/default\/jobs\/x`/);
  assert.match(summarizeDagTask({ task, errors: ['ValueError: bad name'] }), /⚠ ValueError: bad name/);
  assert.match(summarizeDagTask({ task }), /downstream: `last`/);
});
