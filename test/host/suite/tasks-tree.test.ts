/**
 * The Tasks tree, the session and the log panels in the real editor against the real test cluster (issue 14): a pod
 * labelled as Airflow labels it appears from the label-selected watch (its run id as stored), a launch from the
 * editor stays in the tree after its pod is deleted with its outcome and XCom, and the log panels show the lines and
 * the "stream ended" line. Every step waits for the tree's rebuild event; nothing sleeps. The host points
 * `kubetasks.kubeconfig` at the test cluster's kubeconfig (test/host/run.mjs), never ~/.kube/config.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KubeClient } from '../../../src/kube/index.js';
import { makeSafeLabelValue } from '../../../src/operators/index.js';
import type { LaunchOutcome } from '../../../src/tasks/index.js';
import type { TasksApi } from '../../../src/providers/task-views.js';
import { closeTreeNamespace, openTreeNamespace, type TreeNamespace } from './tree-namespace.js';
import { find, untilNode, untilNoNode } from './tree-nodes.js';
import { writeWorkspaceFile } from './workspace.js';

const NAMESPACE = 'kubetasks-host-tree';
const RUN_ID = 'manual__2026-03-01T10:00:00+00:00';
const airflowLabels = { dag_id: 'host_tree_dag', task_id: 'airflow_task', run_id: makeSafeLabelValue(RUN_ID), try_number: '1', kubernetes_pod_operator: 'True' };

function airflowPod(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NAMESPACE, labels: airflowLabels }, spec: { restartPolicy: 'Never', ...spec } };
}

suite('Tasks tree, session and log panels against the test cluster', () => {
  let client: KubeClient;
  let api: TasksApi;
  let tree: TreeNamespace | undefined;

  suiteSetup(async () => {
    tree = await openTreeNamespace(NAMESPACE);
    ({ api, client } = tree);
  });

  suiteTeardown(() => closeTreeNamespace(tree));

  test("a pod labelled like Airflow's appears, grouped dag → task → run with the label value as stored, and goes when deleted", async () => {
    await client.create(airflowPod('airflow-made', {
      nodeSelector: { type: 'kwok' }, tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{ name: 'base', image: 'debian' }],
    }));
    const pod = await untilNode(api, (n) => n.label === 'airflow-made');
    const dag = find(api.nodes(), (n) => n.label === 'host_tree_dag');
    assert.equal(dag?.contextValue, 'dag');
    const run = find(dag?.children ?? [], (n) => n.contextValue.startsWith('run'));
    assert.equal(run?.label, `${makeSafeLabelValue(RUN_ID)} · try 1`, 'not launched here: shown as stored');
    assert.deepEqual(pod.children.map((c) => c.label), ['base']);
    await client.delete('Pod', 'airflow-made', { namespace: NAMESPACE, gracePeriodSeconds: 0 });
    await untilNoNode(api, (n) => n.label === 'airflow-made');
  });

  test('a launch stays after its pod is deleted, with outcome and XCom, and its log panel ends with "stream ended"', async () => {
    const uri = await writeWorkspaceFile('host-tree-logs.task.yaml', [
      'operator: KubernetesPodOperator', 'task_id: tree-logs', 'name: tree-logs', `namespace: ${NAMESPACE}`, 'image: debian', 'do_xcom_push: true',
      'cmds: ["sh", "-c", "echo first line; echo second line; mkdir -p /airflow/xcom; echo \'{\\"rows\\": 2}\' > /airflow/xcom/return.json"]', ''].join('\n'));
    const outcome = await vscode.commands.executeCommand<LaunchOutcome | undefined>('kubetasks.launchTask', uri, 'tree-logs');
    assert.equal(outcome?.outcome, 'success', outcome?.message);
    const podName = outcome.objects.find((o) => o.kind === 'Pod')?.name ?? '';
    const record = api.session.all().find((r) => r.runId === outcome.runId && r.taskId === 'tree-logs');
    assert.ok(record, 'the launch is in the session');
    const run = await untilNode(api, (n) => n.target?.recordId === record.id && n.contextValue === 'run'
      && n.children.some((c) => c.label === podName && c.description === 'deleted'));
    assert.equal(run.description, 'Succeeded · exit 0');
    assert.equal(run.label, `${outcome.runId} · try 1`, 'the real run id, not its label value');
    assert.equal(find(run.children, (c) => c.label === 'XCom')?.description, '{"rows":2}');
    await vscode.commands.executeCommand('kubetasks.showXcom', run);
    const xcomDoc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'kubetasks-task' && d.uri.path.startsWith('/xcom/') && d.uri.path.includes(record.id));
    assert.ok(xcomDoc, 'the XCom document is open');
    const xcom = JSON.parse(xcomDoc.getText()) as { verdict: string; value: unknown; run_id: string };
    assert.deepEqual([xcom.verdict, xcom.value, xcom.run_id], ['valid', { rows: 2 }, outcome.runId]);
    const panel = api.panelText(`KubeTasks: ${podName}/base`) ?? '';
    assert.match(panel, /first line\nsecond line/);
    assert.match(panel, /— stream ended: container terminated \(exit 0\)$/);
  });

  test('Relaunch launches the same run again as its next try (the first try\'s pod is gone), beside the first in the tree', async () => {
    const uri = await writeWorkspaceFile('host-tree-relaunch.task.yaml', [
      'operator: KubernetesPodOperator', 'task_id: tree-relaunch', 'name: tree-relaunch', `namespace: ${NAMESPACE}`, 'image: debian',
      'cmds: ["sh", "-c", "echo try done"]', ''].join('\n'));
    const first = await vscode.commands.executeCommand<LaunchOutcome | undefined>('kubetasks.launchTask', uri, 'tree-relaunch');
    assert.equal(first?.outcome, 'success', first?.message);
    const record = api.session.all().find((r) => r.runId === first.runId && r.taskId === 'tree-relaunch');
    assert.ok(record);
    const run = await untilNode(api, (n) => n.target?.recordId === record.id && n.contextValue === 'run');
    const again = await vscode.commands.executeCommand<LaunchOutcome | undefined>('kubetasks.relaunch', run);
    assert.equal(again?.outcome, 'success', again?.message);
    assert.equal(again.runId, first.runId, 'the same run');
    const second = api.session.all().find((r) => r.runId === first.runId && r.taskId === 'tree-relaunch' && r.id !== record.id);
    assert.equal(second?.tryNumber, 2, 'its next try');
    await untilNode(api, (n) => n.label === `${first.runId} · try 2`);
  });

  test('Follow Logs on a pod in the cluster shows its lines, then "stream ended: container terminated (exit 0, Completed)"', async () => {
    await client.create(airflowPod('follow-me', { containers: [{ name: 'base', image: 'debian', command: ['sh', '-c', 'echo alpha; echo beta; echo gamma'] }] }));
    const pod = await untilNode(api, (n) => n.label === 'follow-me' && n.description === 'Succeeded');
    await vscode.commands.executeCommand('kubetasks.followLogs', pod);
    const panel = api.panelText('KubeTasks: follow-me/base') ?? '';
    assert.match(panel, /^alpha\nbeta\ngamma\n— stream ended: container terminated \(exit 0, Completed\)$/);
    assert.match(api.panelText('KubeTasks: follow-me (all containers)') ?? '', /^base \| alpha\n/);
    await client.delete('Pod', 'follow-me', { namespace: NAMESPACE, gracePeriodSeconds: 0 });
    await untilNoNode(api, (n) => n.label === 'follow-me');
  });
});
