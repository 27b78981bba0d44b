// The Tasks tree's watches against the real cluster (issue 14): the label-selected watches of
// src/providers/tasks-watch.ts (no vscode there) feed src/tasks' pure tree, which links a Job to its pods by
// ownerReferences and a Kueue Workload to its Job, and says "Waiting for admission in queue X" with Kueue's reason.
// Each check waits for the watch event that makes it true; nothing polls or sleeps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openKubeClient, type KubeClient } from '../../src/kube/index.js';
import { startTaskWatches } from '../../src/providers/tasks-watch.js';
import { buildTaskTree, findNode, ObjectStore, type TaskNode } from '../../src/tasks/index.js';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { testJob } from '../harness/k8s/fixtures.js';
import { failOnUnhandledRejections } from './kube-test-kit.js';

failOnUnhandledRejections();

const labels = (run: string): Record<string, string> => ({ dag_id: 'tree_dag', task_id: 'tree_job', run_id: run, try_number: '1', kubernetes_pod_operator: 'True' });

/** Watches `namespace` and resolves with the tree once `check` holds for it (after any watch event). */
async function untilTree(client: KubeClient, namespace: string, check: (tree: TaskNode[]) => boolean, start: () => Promise<unknown>): Promise<TaskNode[]> {
  const store = new ObjectStore();
  const stop = new AbortController();
  let done: (tree: TaskNode[]) => void = () => undefined;
  const result = new Promise<TaskNode[]>((resolve) => (done = resolve));
  const watching = startTaskWatches(client, namespace, stop.signal, {
    change: (c) => {
      store.apply([c]);
      const tree = buildTaskTree({ records: [], objects: store.list(), grouping: 'dag', now: Date.now() });
      if (check(tree)) done(tree);
    },
    status: () => undefined,
  });
  try {
    await start();
    return await result;
  } finally {
    stop.abort();
    await watching;
  }
}

test('a Job labelled by Airflow shows under its run with its pod (ownerReferences) and its state', () =>
  withTestCluster(async (t) => {
    const client = openKubeClient({ kubeconfigPath: t.env.kubeconfig, namespace: t.namespace });
    try {
      const job = testJob('tree-job', { labels: labels('run-a') });
      const tree = await untilTree(client, t.namespace, (nodes) => (findNode(nodes, (n) => n.label === 'tree-job')?.children.length ?? 0) > 0,
        () => client.create({ ...job, metadata: { ...job.metadata, namespace: t.namespace } } as never));
      const run = findNode(tree, (n) => n.contextValue.startsWith('run'));
      assert.equal(run?.label, 'run-a · try 1');
      const jobNode = run?.children[0];
      assert.equal(jobNode?.label, 'tree-job');
      assert.equal(jobNode?.contextValue, 'job');
      const pod = jobNode?.children[0];
      assert.match(pod?.label ?? '', /^tree-job-/, 'the Job\'s pod, linked by its ownerReference');
      assert.deepEqual(pod?.children.map((c) => c.label), ['base']);
      assert.equal(findNode(tree, (n) => n.label === '(no dag_id)'), undefined);
    } finally {
      await client.delete('Job', 'tree-job', { namespace: t.namespace, propagationPolicy: 'Background' }).catch(() => undefined);
      client.close();
    }
  }));

test('a Job waiting in a Kueue queue says so, with its Workload and Kueue\'s pending reason under it', () =>
  withTestCluster(async (t) => {
    // The harness's LocalQueues live in `default` (test/harness/k8s/kueue.sh).
    const client = openKubeClient({ kubeconfigPath: t.env.kubeconfig, namespace: 'default' });
    const name = `tree-kueue-${t.namespace}`;
    try {
      const job = testJob(name, { labels: { ...labels(`run-${t.namespace}`), 'kueue.x-k8s.io/queue-name': 'zero-quota-queue' }, suspend: true });
      // A request Kueue must find quota for (a pod requesting nothing fits even a zero quota).
      const base = job.spec?.template.spec?.containers[0];
      if (base) base.resources = { requests: { cpu: '100m' } };
      const admission = (nodes: TaskNode[]): TaskNode | undefined => findNode(findNode(nodes, (n) => n.label === name)?.children ?? [], (n) => n.label === 'Admission');
      const tree = await untilTree(client, 'default', (nodes) => /insufficient quota/.test(admission(nodes)?.description ?? ''),
        () => client.create({ ...job, metadata: { ...job.metadata, namespace: 'default' } } as never));
      const jobNode = findNode(tree, (n) => n.label === name);
      assert.equal(jobNode?.description, 'Job · Waiting for admission in queue zero-quota-queue');
      assert.equal(jobNode?.contextValue, 'job.suspended', 'Resume Job is offered');
      assert.match(admission(tree)?.description ?? '', /^Waiting for admission in queue zero-quota-queue: .*insufficient quota for cpu/);
    } finally {
      await client.delete('Job', name, { namespace: 'default', propagationPolicy: 'Background' }).catch(() => undefined);
      client.close();
    }
  }));
