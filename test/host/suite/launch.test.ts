/**
 * Launch and Check in the real editor against the real test cluster (issue 14): `executeCommand('kubetasks.launchTask',
 * uri, taskId)` resolves with the launch's outcome as `kubetasks launch` reports it, the picked namespace is only the
 * fallback of a task that names none, a DAG call still holding Jinja gets the located KT4712, and Check Against
 * Cluster shows the server's refusal at the task file's line. The host points `kubetasks.kubeconfig` at the test
 * cluster's kubeconfig (test/host/run.mjs); nothing here reads ~/.kube/config.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { createKubeClient, type KubeClient } from '../../../src/kube/index.js';
import type { LaunchOutcome } from '../../../src/tasks/index.js';
import { writeWorkspaceFile } from './workspace.js';

const NAMESPACE = 'kubetasks-host-launch';

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Resolves with the document's diagnostics of `source` once `check` holds for them. */
function untilDiagnostics(uri: vscode.Uri, source: string, check: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const mine = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
  return new Promise((resolve) => {
    if (check(mine())) return resolve(mine());
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!check(mine())) return;
      sub.dispose();
      resolve(mine());
    });
  });
}

function lineOf(document: vscode.TextDocument, text: string): number {
  const line = document.getText().split('\n').findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} is in ${document.uri.path}`);
  return line;
}

/** Resolves once the pod no longer exists (a graceful delete ends with the watch's DELETED, or a sync without it). */
async function untilPodGone(client: KubeClient, namespace: string, name: string): Promise<void> {
  const stop = new AbortController();
  let present = false;
  try {
    for await (const event of client.watch('Pod', { namespace, fieldSelector: `metadata.name=${name}`, signal: stop.signal })) {
      if (event.type === 'ADDED' || event.type === 'MODIFIED') present = true;
      if (event.type === 'DELETED' || (event.type === 'SYNCED' && !present)) return;
    }
  } finally {
    stop.abort();
  }
}

const launch = (uri: vscode.Uri, taskId: string): Thenable<LaunchOutcome | undefined> =>
  vscode.commands.executeCommand<LaunchOutcome | undefined>('kubetasks.launchTask', uri, taskId);

suite('Launch and Check against the test cluster', () => {
  let client: KubeClient;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('kubetasks.kubetasks')?.activate();
    const kubeconfig = vscode.workspace.getConfiguration('kubetasks').get<string>('kubeconfig') ?? '';
    assert.ok(kubeconfig !== '' && existsSync(kubeconfig), `kubetasks.kubeconfig names the test cluster's kubeconfig (${kubeconfig})`);
    client = createKubeClient(readFileSync(kubeconfig, 'utf8'));
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
    assert.equal(await vscode.commands.executeCommand('kubetasks.selectNamespace', NAMESPACE), NAMESPACE);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('kubetasks.selectNamespace', 'default');
    await client.delete('Namespace', NAMESPACE).catch(() => undefined);
    client.close();
  });

  test("write-xcom resolves with success and Airflow's XCom [1,2,3,4]; its pod is already deleted", async () => {
    const outcome = await launch(workspaceUri('write-xcom.task.yaml'), 'write-xcom');
    assert.ok(outcome, 'the launch ran');
    assert.equal(outcome.outcome, 'success', outcome.message);
    assert.deepEqual(outcome.xcom, [1, 2, 3, 4]);
    assert.equal(outcome.exitCode, 0);
    assert.match(outcome.runId, /^kubetasks__/);
    const pod = outcome.objects.find((o) => o.kind === 'Pod');
    assert.ok(pod, 'the outcome names the pod');
    assert.deepEqual([pod.namespace, pod.state], ['default', 'deleted'], "the task's own namespace wins over the picked one; delete_pod");
    await untilPodGone(client, pod.namespace, pod.name);
  });

  test('a failing task ends failed with its exit code, in the picked namespace when it names none', async () => {
    const uri = await writeWorkspaceFile('host-exit-three.task.yaml', [
      'operator: KubernetesPodOperator', 'task_id: exit-three', 'name: exit-three', 'image: debian',
      'cmds: ["sh", "-c", "echo going down; exit 3"]', ''].join('\n'));
    const outcome = await launch(uri, 'exit-three');
    assert.ok(outcome, 'the launch ran');
    assert.deepEqual([outcome.outcome, outcome.exitCode, outcome.reason], ['failed', 3, 'Error']);
    assert.equal(outcome.namespace, NAMESPACE, 'the picked namespace is the fallback');
    const pod = outcome.objects.find((o) => o.kind === 'Pod');
    assert.ok(pod, 'the outcome names the pod');
    assert.equal(pod.state, 'deleted', 'the failed pod is deleted (delete_pod)');
    await untilPodGone(client, NAMESPACE, pod.name);
  });

  test('Launch renders with the run context "Render with…" remembered for the task', async () => {
    const uri = await writeWorkspaceFile('host-conf-xcom.task.yaml', [
      'operator: KubernetesPodOperator', 'task_id: conf-xcom', 'name: conf-xcom', `namespace: ${NAMESPACE}`, 'image: debian',
      'do_xcom_push: true', 'cmds: ["sh", "-c", "mkdir -p /airflow/xcom && echo \'{{ dag_run.conf[\\"answer\\"] }}\' > /airflow/xcom/return.json"]', ''].join('\n'));
    const preview = await vscode.commands.executeCommand<string>('kubetasks.dryRun', uri, 'conf-xcom');
    const contextUri = await vscode.commands.executeCommand<string>('kubetasks.renderWith', vscode.Uri.parse(preview));
    // Written through the run-context file system, as a save of the opened context document writes it.
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(contextUri), Buffer.from('{"conf": {"answer": 42}, "run_id": "manual__host-conf"}\n'));
    const outcome = await launch(uri, 'conf-xcom');
    assert.ok(outcome, 'the launch ran');
    assert.equal(outcome.outcome, 'success', outcome.message);
    assert.equal(outcome.xcom, 42);
    assert.equal(outcome.runId, 'manual__host-conf', "the context's run_id is the run's");
  });

  test('CodeLens Dry run · Launch · Check · Validate sits above a task of a task file', async () => {
    const uri = workspaceUri('write-xcom.task.yaml');
    await vscode.workspace.openTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const forTask = lenses.filter((l) => l.command?.arguments?.[1] === 'write-xcom').map((l) => [l.command?.title, l.command?.command]);
    assert.deepEqual(forTask, [
      ['Dry run', 'kubetasks.dryRun'], ['Launch', 'kubetasks.launchTask'], ['Check', 'kubetasks.checkTask'], ['Validate', 'kubetasks.validateDagTask'],
    ]);
    assert.equal(await vscode.commands.executeCommand('kubetasks.validateDagTask', uri, 'write-xcom'), 0, 'Validate accepts the example');
  });

  test('Launch above a DAG call that still holds Jinja gives the located KT4712 and creates nothing', async () => {
    const uri = await writeWorkspaceFile('host_jinja_dag.py', [
      'from airflow import DAG', 'from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator', '',
      'with DAG(dag_id="host_jinja"):', '    KubernetesPodOperator(', '        task_id="dated",', `        namespace="${NAMESPACE}",`,
      '        image="debian",', '        arguments=["--date", "{{ ds }}"],', '    )', ''].join('\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.find((l) => l.command?.command === 'kubetasks.launchTask');
    assert.ok(lens, 'a Launch lens above the call');
    assert.equal(lens.range.start.line, lineOf(document, 'KubernetesPodOperator('));
    assert.equal(await launch(uri, 'dated'), undefined, 'nothing is launched');
    const [found] = await untilDiagnostics(uri, 'kubetasks-launch', (d) => d.some((x) => x.code === 'KT4712'));
    assert.equal(found?.range.start.line, lineOf(document, '{{ ds }}'), 'at the argument holding the Jinja');
    const pods = await client.list('Pod', { namespace: NAMESPACE, labelSelector: 'task_id=dated' });
    assert.deepEqual(pods.items, []);
  });

  test('Check Against Cluster shows the server refusal at the task file line as a diagnostic', async () => {
    const uri = await writeWorkspaceFile('host-check.task.yaml', [
      'operator: KubernetesPodOperator', 'task_id: checked', 'name: checked', 'namespace: kubetasks-no-such-namespace', 'image: debian', ''].join('\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    const problems = await vscode.commands.executeCommand<{ code: string; message: string }[]>('kubetasks.checkTask', uri, 'checked');
    assert.ok(problems && problems.length > 0, 'the server refuses a pod in a missing namespace');
    assert.match(problems[0]?.message ?? '', /kubetasks-no-such-namespace/);
    const diagnostics = await untilDiagnostics(uri, 'kubetasks-check', (d) => d.length > 0);
    assert.equal(diagnostics[0]?.range.start.line, lineOf(document, 'namespace: kubetasks-no-such-namespace'));
    const accepted = await vscode.commands.executeCommand<unknown[]>('kubetasks.checkTask', workspaceUri('write-xcom.task.yaml'), 'write-xcom');
    assert.deepEqual(accepted, [], 'the example passes the server dry run');
  });

  test('Select Context picks a context of the kubeconfig by name and refuses one it does not have', async () => {
    assert.equal(await vscode.commands.executeCommand('kubetasks.selectContext', 'kubetasks-test'), 'kubetasks-test');
    assert.equal(await vscode.commands.executeCommand('kubetasks.selectContext', 'no-such-context'), undefined, 'refused (the error is shown)');
  });
});
