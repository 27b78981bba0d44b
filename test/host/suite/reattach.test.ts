/**
 * Reattach in the real editor against the real test cluster (issue 14): a pod left running by
 * `kubetasks launch --no-follow` (as after closing VS Code) appears in the Tasks tree from its labels as a run Reattach
 * applies to; Reattach finds its task in the workspace by the dag_id and task_id labels and launches it with the same
 * run id and try, so `find_pod` follows that very pod (one pod for the run on the cluster) to Airflow's outcome, XCom
 * and log panel. A pod no workspace task matches gets the message naming its dag and task. Every step waits for the
 * tree's rebuild or the command's promise; nothing sleeps. The host points `kubetasks.kubeconfig` at the test
 * cluster's kubeconfig (test/host/run.mjs).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';
import type { KubeClient } from '../../../src/kube/index.js';
import { makeSafeLabelValue } from '../../../src/operators/index.js';
import type { LaunchOutcome } from '../../../src/tasks/index.js';
import type { TasksApi } from '../../../src/providers/task-views.js';
import { closeTreeNamespace, openTreeNamespace, type TreeNamespace } from './tree-namespace.js';
import { untilNode, untilNoNode } from './tree-nodes.js';
import { writeWorkspaceFile } from './workspace.js';

const NAMESPACE = 'kubetasks-host-reattach';
const TASK_ID = 'count_then_push';

type ReattachResult =
  | { kind: 'launched'; outcome: LaunchOutcome | undefined; runId: string; tryNumber: number }
  | { kind: 'no-match'; message: string }
  | { kind: 'dismissed' };

/** The pod waits for /tmp/go (written by the test once the reattached launch follows it), then pushes an XCom. */
const taskFile = [
  'operator: KubernetesPodOperator', `task_id: ${TASK_ID}`, 'name: reattach-host', `namespace: ${NAMESPACE}`, 'image: alpine',
  'do_xcom_push: true', 'on_finish_action: keep_pod', 'get_logs: true',
  'cmds: ["sh", "-c", "i=0; while [ ! -f /tmp/go ] && [ $i -lt 600 ]; do i=$((i+1)); echo waiting $i; sleep 1; done; ' +
  'echo after reattach; mkdir -p /airflow/xcom; echo \'{\\"count\\": 3}\' > /airflow/xcom/return.json"]', ''].join('\n');

/** `kubetasks launch FILE --no-follow` as a user runs it in a terminal: creates the pod and exits; its pod name. */
function launchNoFollow(file: string, runId: string, kubeconfig: string): Promise<string> {
  const ext = vscode.extensions.getExtension('kubetasks.kubetasks');
  assert.ok(ext, 'the extension is installed');
  const cli = path.join(ext.extensionPath, 'dist', 'cli.js');
  const args = [cli, 'launch', file, '--task', TASK_ID, '--run-id', runId, '--no-follow', '--kubeconfig', kubeconfig];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`kubetasks launch --no-follow failed: ${error.message}\n${stderr}`));
      assert.equal(stdout.trim(), runId, 'the CLI prints the run id to reattach with');
      const pod = new RegExp(`pod ${NAMESPACE}/(\\S+)`).exec(stderr)?.[1];
      if (!pod) return reject(new Error(`no pod named in the CLI's output:\n${stderr}`));
      resolve(pod);
    });
  });
}

suite('Reattach to a pod left running, against the test cluster', () => {
  let client: KubeClient;
  let api: TasksApi;
  let kubeconfig: string;
  let tree: TreeNamespace | undefined;

  suiteSetup(async () => {
    tree = await openTreeNamespace(NAMESPACE);
    ({ api, client, kubeconfig } = tree);
  });

  suiteTeardown(() => closeTreeNamespace(tree));

  test('a pod left by `launch --no-follow` is reattached by its run id: followed to success with its XCom, never created twice', async function () {
    this.timeout(240000);
    const uri = await writeWorkspaceFile('host-reattach.task.yaml', taskFile);
    // A run id as Airflow makes them: its label value is truncated and hashed, so the tree only knows the label.
    const runId = `manual__${new Date().toISOString().replace('Z', '+00:00')}`;
    const runLabel = makeSafeLabelValue(runId);
    assert.notEqual(runLabel, runId);
    const podName = await launchNoFollow(uri.fsPath, runId, kubeconfig);
    const created = await client.get('Pod', podName, { namespace: NAMESPACE });
    assert.equal(api.session.all().some((r) => r.taskId === TASK_ID), false, 'no launch of this editor follows it');

    const run = await untilNode(api, (n) => n.contextValue === 'run.reattach' && n.target?.name === podName);
    assert.equal(run.label, `${runLabel} · try 1`, 'found by its labels, shown as stored');
    const reattaching = vscode.commands.executeCommand<ReattachResult>('kubetasks.reattach', run);
    // The launch now follows the pod (its run is live in the tree); let the container finish.
    await untilNode(api, (n) => n.contextValue === 'run.live' && n.target?.name === podName);
    // exec needs the container started: the pod's node shows Running once the kubelet reports it.
    await untilNode(api, (n) => n.id === `Pod:${NAMESPACE}/${podName}` && n.description === 'Running');
    const go = await client.exec(podName, 'base', ['touch', '/tmp/go'], { namespace: NAMESPACE });
    assert.equal(go.exitCode, 0, `touch /tmp/go in ${podName}`);
    const result = await reattaching;

    assert.equal(result.kind, 'launched');
    const outcome = result.kind === 'launched' ? result.outcome : undefined;
    assert.ok(outcome, 'the launch ran');
    assert.equal(outcome.outcome, 'success', outcome.message);
    assert.deepEqual(outcome.xcom, { count: 3 }, "Airflow's XCom");
    assert.equal(outcome.runId, runLabel, 'relaunched by the run id the labels store');
    assert.deepEqual(outcome.objects.filter((o) => o.kind === 'Pod').map((o) => [o.name, o.state]), [[podName, 'kept']], 'the pod the CLI made, kept (on_finish_action keep_pod)');
    const pods = await client.list('Pod', { namespace: NAMESPACE, labelSelector: `run_id=${runLabel}` });
    assert.deepEqual(pods.items.map((p) => p.metadata?.uid), [created.metadata?.uid], 'one pod for the run: found, not created again');
    const panel = api.panelText(`KubeTasks: ${podName}/base`) ?? '';
    assert.match(panel, /^waiting 1\n/m, 'the log from its first line');
    assert.match(panel, /after reattach\n— stream ended: container terminated \(exit 0/);
    await client.delete('Pod', podName, { namespace: NAMESPACE, gracePeriodSeconds: 0 });
  });

  test("a pod no workspace task matches: Reattach names its dag and task and launches nothing", async () => {
    const labels = { dag_id: 'nowhere_dag', task_id: 'nowhere_task', run_id: 'manual__elsewhere', try_number: '1', kubernetes_pod_operator: 'True' };
    await client.create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unmatched', namespace: NAMESPACE, labels },
      spec: {
        restartPolicy: 'Never', nodeSelector: { type: 'kwok' }, tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{ name: 'base', image: 'debian' }],
      },
    });
    const run = await untilNode(api, (n) => n.contextValue === 'run.reattach' && n.target?.name === 'unmatched');
    const before = api.session.all().length;
    const result = await vscode.commands.executeCommand<ReattachResult>('kubetasks.reattach', run);
    assert.equal(result.kind, 'no-match');
    assert.match(result.kind === 'no-match' ? result.message : '', /no task in this workspace has dag_id "nowhere_dag" and task_id "nowhere_task"/);
    assert.equal(api.session.all().length, before, 'nothing launched');
    await client.delete('Pod', 'unmatched', { namespace: NAMESPACE, gracePeriodSeconds: 0 });
    await untilNoNode(api, (n) => n.target?.name === 'unmatched');
  });
});
