/**
 * The Tasks tree's context actions in the real editor against the real test cluster (issue 14): Suspend Job and
 * Resume Job merge-patch `spec.suspend` (the tree's description follows), Show Events lists the pod's real events,
 * Open Live YAML shows the live object read-only, Show Failure Summary of a failing launch shows what Airflow would
 * record with the pod's exit code, reason, termination message, events and conditions, and Delete removes the object
 * from the cluster and the tree. Each command is invoked with a tree node, as the context menu invokes it; every step
 * waits for the tree's rebuild or the cluster's watch event, never a sleep.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { KubeClient, KubeObject } from '../../../src/kube/index.js';
import { makeSafeLabelValue } from '../../../src/operators/index.js';
import type { LaunchOutcome } from '../../../src/tasks/index.js';
import type { TasksApi } from '../../../src/providers/task-views.js';
import { closeTreeNamespace, openTreeNamespace, type TreeNamespace } from './tree-namespace.js';
import { find, untilNode, untilNoNode } from './tree-nodes.js';
import { openDocument, writeWorkspaceFile } from './workspace.js';

const NAMESPACE = 'kubetasks-host-actions';
const labels = { dag_id: 'host_actions_dag', task_id: 'acted_on', run_id: makeSafeLabelValue('manual__2026-04-01T08:00:00+00:00'), try_number: '1', kubernetes_pod_operator: 'True' };
const docUri = (path: string): string => vscode.Uri.from({ scheme: 'kubetasks-task', path }).toString();
/** The tree's context menu passes the node; Delete's modal is answered by this second argument in a test. */
const CONFIRMED = { confirmed: true };
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resolves once the object's watch reports it gone (DELETED, or a first sync without it). */
async function untilGone(client: KubeClient, kind: 'Pod' | 'Job', name: string): Promise<void> {
  const stop = new AbortController();
  let present = false;
  try {
    for await (const event of client.watch(kind, { namespace: NAMESPACE, fieldSelector: `metadata.name=${name}`, signal: stop.signal })) {
      if (event.type === 'ADDED' || event.type === 'MODIFIED') present = true;
      if (event.type === 'DELETED' || (event.type === 'SYNCED' && !present)) return;
    }
  } finally {
    stop.abort();
  }
}

/** Resolves once the cluster holds events of every reason in `reasons` about the object `name`. */
async function untilEvents(client: KubeClient, name: string, reasons: string[]): Promise<void> {
  const stop = new AbortController();
  const seen = new Set<string>();
  try {
    for await (const event of client.watch('Event', { namespace: NAMESPACE, fieldSelector: `involvedObject.name=${name}`, signal: stop.signal })) {
      if ('object' in event) seen.add(String((event.object as { reason?: string }).reason));
      if (reasons.every((r) => seen.has(r))) return;
    }
  } finally {
    stop.abort();
  }
}

const onRealNode = { restartPolicy: 'Never', terminationGracePeriodSeconds: 1 };

suite('Tasks tree context actions against the test cluster', function () {
  // pods start on the real node; a Job's pod is created again after Resume
  this.timeout(180_000);
  let client: KubeClient;
  let api: TasksApi;
  let tree: TreeNamespace | undefined;

  suiteSetup(async () => {
    tree = await openTreeNamespace(NAMESPACE);
    ({ api, client } = tree);
  });

  suiteTeardown(() => closeTreeNamespace(tree));

  test('Suspend Job then Resume Job flip spec.suspend on the cluster, and the tree shows it; Delete removes the Job', async () => {
    await client.create({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'acted-job', namespace: NAMESPACE, labels },
      spec: { backoffLimit: 0, template: { metadata: { labels }, spec: { ...onRealNode, containers: [{ name: 'base', image: 'debian', command: ['sleep', '300'] }] } } },
    });
    const running = await untilNode(api, (n) => n.id === `Job:${NAMESPACE}/acted-job` && /^Job · Running/.test(n.description));
    assert.equal(running.contextValue, 'job', 'Suspend Job is offered');
    await vscode.commands.executeCommand('kubetasks.suspendJob', running);
    const suspendedJob = await client.get('Job', 'acted-job', { namespace: NAMESPACE }) as KubeObject & { spec: { suspend?: boolean } };
    assert.equal(suspendedJob.spec.suspend, true, 'the merge patch reached the cluster');
    const suspended = await untilNode(api, (n) => n.id === running.id && n.contextValue === 'job.suspended');
    assert.equal(suspended.description, 'Job · Suspended');
    await vscode.commands.executeCommand('kubetasks.resumeJob', suspended);
    const resumedJob = await client.get('Job', 'acted-job', { namespace: NAMESPACE }) as KubeObject & { spec: { suspend?: boolean } };
    assert.equal(resumedJob.spec.suspend, false);
    const resumed = await untilNode(api, (n) => n.id === running.id && n.contextValue === 'job' && /^Job · Running/.test(n.description));
    await vscode.commands.executeCommand('kubetasks.deleteRun', resumed, CONFIRMED);
    await untilGone(client, 'Job', 'acted-job');
    await untilNoNode(api, (n) => n.id === running.id);
  });

  test("Show Events and Open Live YAML on a pod Airflow labelled show its real events and live object; Delete removes it", async () => {
    await client.create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'acted-pod', namespace: NAMESPACE, labels },
      spec: { ...onRealNode, containers: [{ name: 'base', image: 'debian', command: ['sleep', '300'] }] },
    });
    const pod = await untilNode(api, (n) => n.id === `Pod:${NAMESPACE}/acted-pod` && n.description === 'Running');
    await untilEvents(client, 'acted-pod', ['Scheduled', 'Pulled', 'Created', 'Started']);
    await vscode.commands.executeCommand('kubetasks.showEvents', pod);
    const events = openDocument(docUri(`/events/${NAMESPACE}/acted-pod.txt`)).getText();
    assert.match(events, new RegExp(`^Events of Pod ${NAMESPACE}/acted-pod\n`));
    for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started']) assert.match(events, new RegExp(`  Normal  ${reason}: `), `${reason} in\n${events}`);
    assert.match(events, /Scheduled: Successfully assigned kubetasks-host-actions\/acted-pod to \S+/);

    await vscode.commands.executeCommand('kubetasks.openLiveYaml', pod);
    const live = openDocument(docUri(`/live/${NAMESPACE}/Pod/acted-pod.yaml`));
    assert.equal(live.languageId, 'yaml');
    const shown = parse(live.getText()) as KubeObject & { status?: { phase?: string } };
    const cluster = await client.get('Pod', 'acted-pod', { namespace: NAMESPACE });
    assert.equal(shown.metadata?.uid, cluster.metadata?.uid, 'the live object, not a rendering');
    assert.equal(shown.status?.phase, 'Running');
    // read-only: a content provider's document, with no file system behind its scheme to write an edit back to
    assert.equal(vscode.workspace.fs.isWritableFileSystem('kubetasks-task'), undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(live.uri, Buffer.from('edited'))), 'nothing can write the live YAML');

    await vscode.commands.executeCommand('kubetasks.deleteRun', pod, CONFIRMED);
    await untilGone(client, 'Pod', 'acted-pod');
    await untilNoNode(api, (n) => n.id === pod.id);
  });

  test('Show Failure Summary on a failing launch: what Airflow records, exit code, reason, termination message, events, conditions', async () => {
    const uri = await writeWorkspaceFile('host-actions-fail.task.yaml', [
      'operator: KubernetesPodOperator', 'task_id: acted-fail', 'name: acted-fail', `namespace: ${NAMESPACE}`, 'image: debian',
      'on_finish_action: keep_pod', 'cmds: ["sh", "-c", "echo about to fail; echo disk full > /dev/termination-log; exit 3"]', ''].join('\n'));
    const outcome = await vscode.commands.executeCommand<LaunchOutcome | undefined>('kubetasks.launchTask', uri, 'acted-fail');
    assert.deepEqual([outcome?.outcome, outcome?.exitCode, outcome?.reason], ['failed', 3, 'Error'], outcome?.message);
    const podName = outcome?.objects.find((o) => o.kind === 'Pod')?.name ?? '';
    const record = api.session.all().find((r) => r.runId === outcome?.runId && r.taskId === 'acted-fail');
    assert.ok(record, 'the launch is in the session');
    const run = await untilNode(api, (n) => n.target?.recordId === record.id && n.contextValue === 'run' && n.children.some((c) => c.id === `Pod:${NAMESPACE}/${podName}`));
    assert.equal(run.description, 'Failed · Error · exit 3', 'the failure badge');
    await untilEvents(client, podName, ['Scheduled', 'Started']);
    await vscode.commands.executeCommand('kubetasks.showFailureSummary', run);
    const summary = openDocument(docUri(`/summary/${NAMESPACE}/${podName}.txt`)).getText();
    assert.match(summary, new RegExp(`^Failure summary: ${escape(`${record.dagId}.acted-fail · run ${record.runId} · try 1`)}\n`));
    assert.match(summary, /\nAirflow would record: failed \(AirflowException\)/);
    assert.match(summary, /returned a failure\.\n {2}disk full/);
    assert.match(summary, /\nExit code: 3 {4}Reason: Error\n/);
    assert.match(summary, new RegExp(`\nPod ${NAMESPACE}/${podName}: Failed · Error \\(exit 3\\)\n`));
    assert.match(summary, /\n {2}\* base: terminated: Error \(exit 3\)\n {6}termination message: disk full\n/);
    assert.match(summary, /\nConditions:\n(?: {2}\w+: (?:True|False)\n)*? {2}Ready: False\n/);
    assert.match(summary, /\nLast events:\n[\s\S]*Normal {2}Scheduled: [\s\S]*Normal {2}Started: /);
    assert.match(summary, /\nLast log lines of base:\n {2}about to fail\n/);

    const podNode = find(run.children, (c) => c.id === `Pod:${NAMESPACE}/${podName}`);
    assert.ok(podNode, 'the kept pod is under its run');
    await vscode.commands.executeCommand('kubetasks.deleteRun', podNode, CONFIRMED);
    await untilGone(client, 'Pod', podName);
    await untilNoNode(api, (n) => n.id === podNode.id || n.id === run.id);
  });
});
