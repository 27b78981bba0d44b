/**
 * Issue 16 in the real editor against a real Airflow 3 on loopback (test/host/run.mjs starts it with
 * test/airflow/dags/ and kubernetes_default → the test cluster) and the test cluster's real node: Add Airflow Server
 * stores the credentials (SecretStorage), Trigger DAG Run triggers the article's DAG with a conf and follows the
 * run, the run's KubernetesPodOperator pod appears in the Tasks tree under dag → task → run with the real run id and
 * the Airflow state, Show DAG Run reads its task instances and Open Airflow Task Log shows the echoed conf value.
 * Every wait is on an event or the run's end; nothing sleeps.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { DagRun } from '../../../src/airflow/index.js';
import type { TasksApi } from '../../../src/providers/task-views.js';
import { find, untilNode } from './tree-nodes.js';
import { writeWorkspaceFile } from './workspace.js';

interface HostAirflow {
  url: string;
  username: string;
  password: string;
  dagId: string;
  namespace: string;
}

function hostAirflow(): HostAirflow {
  const file = process.env['KUBETASKS_HOST_AIRFLOW_FILE'] ?? '';
  assert.ok(file !== '' && existsSync(file), `test/host/run.mjs started Airflow 3 and named its credentials file (KUBETASKS_HOST_AIRFLOW_FILE=${file})`);
  return JSON.parse(readFileSync(file, 'utf8')) as HostAirflow;
}

suite('Airflow: add a server, trigger a DAG run with conf and follow it to its pod (real Airflow 3)', () => {
  let airflow: HostAirflow;
  let api: TasksApi;
  // An Airflow-made manual run id: `+` and `:` are not label characters, so the pod's run_id label differs from it.
  const runId = `manual__${new Date().toISOString().replace('Z', '+00:00')}`;
  const greeting = `hello-from-host-${randomBytes(3).toString('hex')}`;

  suiteSetup(async () => {
    airflow = hostAirflow();
    const ext = vscode.extensions.getExtension<{ tasks: TasksApi }>('kubetasks.kubetasks');
    assert.ok(ext, 'the extension is installed');
    api = (await ext.activate()).tasks;
    assert.equal(await vscode.commands.executeCommand('kubetasks.selectNamespace', airflow.namespace), airflow.namespace);
    api.start();
  });

  test('Add Airflow Server probes the API, checks the credentials and stores them', async () => {
    const added = await vscode.commands.executeCommand<{ name: string; url: string; version: string; api: string } | undefined>('kubetasks.addAirflowServer', {
      url: airflow.url, name: 'host-airflow3', credentials: { kind: 'password', username: airflow.username, password: airflow.password },
    });
    assert.ok(added, 'the server was added (see the KubeTasks log for the error otherwise)');
    assert.equal(added.api, 'v2');
    assert.match(added.version, /^3\.3\.2$/);
    assert.equal(added.name, 'host-airflow3');
    assert.ok(!JSON.stringify(added).includes(airflow.password), 'the answer holds no secret');
  });

  test('CodeLens "Trigger on host-airflow3" above the DAG the server knows, and not above one it does not know', async () => {
    const ext = vscode.extensions.getExtension('kubetasks.kubetasks');
    const dagText = readFileSync(path.join(ext?.extensionPath ?? '', 'test', 'airflow', 'dags', 'kt_rest_trigger.py'), 'utf8');
    const known = await writeWorkspaceFile('kt_rest_trigger.py', dagText);
    const unknown = await writeWorkspaceFile('kt_unknown_dag.py', dagText.replace('dag_id="kt_rest_trigger"', 'dag_id="kt_not_on_the_server"'));
    const lensesOf = async (uri: vscode.Uri): Promise<vscode.CodeLens[]> => {
      await vscode.workspace.openTextDocument(uri);
      return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    };
    const trigger = (await lensesOf(known)).filter((l) => l.command?.command === 'kubetasks.triggerDagRun');
    assert.equal(trigger.length, 1);
    assert.equal(trigger[0]?.command?.title, 'Trigger on host-airflow3');
    assert.equal(trigger[0]?.range.start.line, dagText.split('\n').findIndex((l) => l.includes('dag_id="kt_rest_trigger"')), 'on the dag_id line');
    assert.deepEqual((trigger[0]?.command?.arguments?.[0] as { dagId?: string }).dagId, 'kt_rest_trigger');
    assert.equal((await lensesOf(unknown)).filter((l) => l.command?.command === 'kubetasks.triggerDagRun').length, 0);
  });

  test('Trigger DAG Run with a conf: the run succeeds and its pod appears under dag → task → run with the real run id', async function () {
    this.timeout(480_000);
    const conf = { namespace: airflow.namespace, image: 'debian:12', env: { GREETING: greeting } };
    const ended = await vscode.commands.executeCommand<DagRun | undefined>('kubetasks.triggerDagRun', {
      server: 'host-airflow3', dagId: airflow.dagId, conf, runId, unpause: true, wait: true,
    });
    assert.ok(ended, 'the run was triggered and followed (see the KubeTasks log for the error otherwise)');
    assert.equal(ended.state, 'success', `run ${runId} ended ${ended.state}`);
    const run = await untilNode(api, (n) => n.id.startsWith('run:') && n.target?.airflow?.runId === runId
      && n.description.startsWith('Airflow success') && n.children.some((c) => c.target?.kind === 'Pod'));
    assert.ok(run.label.startsWith(runId), `the run node shows the run id, not its label value: ${run.label}`);
    const pod = run.children.find((c) => c.target?.kind === 'Pod');
    assert.match(pod?.label ?? '', /^echo-conf-/);
    assert.equal(pod?.target?.namespace, airflow.namespace);
    const dag = find(api.nodes(), (n) => n.id === `dag:${airflow.dagId}`);
    const task = dag?.children.find((c) => c.label === 'echo_conf');
    assert.ok(task?.children.some((c) => c.id === run.id), 'the run is under dag kt_rest_trigger → task echo_conf');
  });

  test('Show DAG Run reads the run and its task instances', async () => {
    const shown = await vscode.commands.executeCommand<{ uri: string; state: string; tasks: { taskId: string; state: string | null }[] } | undefined>(
      'kubetasks.showDagRun', { server: 'host-airflow3', dagId: airflow.dagId, runId });
    assert.ok(shown);
    assert.equal(shown.state, 'success');
    assert.deepEqual(shown.tasks.map((t) => [t.taskId, t.state]), [['echo_conf', 'success']]);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown.uri);
    assert.match(doc?.getText() ?? '', new RegExp(`"GREETING":"${greeting}"`));
  });

  test("Open Airflow Task Log on the run's tree node shows the task log with the echoed conf value", async () => {
    const run = find(api.nodes(), (n) => n.id.startsWith('run:') && n.target?.airflow?.runId === runId);
    assert.ok(run, 'the run node is in the tree');
    const uri = await vscode.commands.executeCommand<string | undefined>('kubetasks.openAirflowTaskLog', run);
    assert.ok(uri, 'the log document was opened');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.match(doc?.getText() ?? '', new RegExp(`greeting=${greeting}`));
    assert.ok(!(doc?.getText() ?? '').includes(airflow.password), 'no secret in the document');
  });
});
