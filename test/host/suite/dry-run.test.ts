/**
 * The Dry Run preview in the real editor: opened beside a task file, toggled to Airflow's dry_run() text,
 * refreshed on edit; CodeLens above each task; render errors as diagnostics at the offending key.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { openDocument, untilPreview, writeWorkspaceFile } from './workspace.js';

const TASK_FILE = [
  'operator: KubernetesPodOperator',
  'task_id: hello',
  'name: hello-pod',
  'namespace: team-a',
  'image: python:3.12-slim',
  'cmds: ["python", "-c"]',
  'arguments: ["print(42)"]',
  'do_xcom_push: true',
  '',
].join('\n');

suite('dry run preview', () => {
  test('opens the rendered Pod beside the task file, as execute() would send it', async () => {
    const source = await writeWorkspaceFile('host-hello.task.yaml', TASK_FILE);
    await vscode.window.showTextDocument(source);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'hello');
    const pod = parse(openDocument(previewUri).getText()) as Record<string, any>;
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.metadata.namespace, 'team-a');
    assert.match(pod.metadata.name, /^hello-pod-[a-z0-9]{8}$/);
    assert.deepEqual(pod.spec.containers.map((c: { name: string }) => c.name), ['base', 'airflow-xcom-sidecar']);
    assert.equal(pod.spec.restartPolicy, 'Never');
    const editors = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    assert.ok(editors.includes(source.toString()) && editors.includes(previewUri), 'source and preview side by side');
  });

  test("toggles to Airflow's dry_run() text and back", async () => {
    const source = await writeWorkspaceFile('host-toggle.task.yaml', TASK_FILE);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'hello');
    assert.equal(await vscode.commands.executeCommand('kubetasks.toggleDryRunFormat', vscode.Uri.parse(previewUri)), 'airflow');
    // dry_run() prints the pod with the Python client's snake_case attribute names.
    const airflowText = await untilPreview(previewUri, (t) => t.includes('api_version: v1'));
    assert.match(airflowText, /restart_policy: Never/);
    assert.equal(await vscode.commands.executeCommand('kubetasks.toggleDryRunFormat', vscode.Uri.parse(previewUri)), 'api');
    await untilPreview(previewUri, (t) => t.includes('apiVersion: v1'));
  });

  test('refreshes when the task file is edited, before it is saved', async () => {
    const source = await writeWorkspaceFile('host-edit.task.yaml', TASK_FILE);
    const editor = await vscode.window.showTextDocument(source);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'hello');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('image:'));
    await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, 200), 'image: busybox:1.36'));
    const text = await untilPreview(previewUri, (t) => t.includes('busybox:1.36'));
    assert.equal((parse(text) as any).spec.containers[0].image, 'busybox:1.36');
  });

  test('airflow_kpo_in_cluster follows kubetasks.airflow.inCluster: workers inside the cluster unless set otherwise', async () => {
    const source = await writeWorkspaceFile('host-in-cluster.task.yaml', TASK_FILE);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'hello');
    const label = (text: string) => (parse(text) as any)?.metadata?.labels?.airflow_kpo_in_cluster as unknown;
    assert.equal(label(openDocument(previewUri).getText()), 'True');
    const config = vscode.workspace.getConfiguration('kubetasks');
    await config.update('airflow.inCluster', false, vscode.ConfigurationTarget.Global);
    try {
      await untilPreview(previewUri, (t) => label(t) === 'False');
    } finally {
      await config.update('airflow.inCluster', undefined, vscode.ConfigurationTarget.Global);
    }
    await untilPreview(previewUri, (t) => label(t) === 'True');
  });

  test('shows a Dry run CodeLens above each task', async () => {
    const source = await writeWorkspaceFile('host-two.task.yaml', [
      'namespace: shared-ns', 'tasks:', '  - operator: KubernetesPodOperator', '    task_id: first', '    image: alpine',
      '  - operator: KubernetesJobOperator', '    task_id: second', '    image: alpine', ''].join('\n'));
    await vscode.workspace.openTextDocument(source);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', source);
    const dryRuns = lenses.filter((l) => l.command?.command === 'kubetasks.dryRun');
    assert.deepEqual(dryRuns.map((l) => l.command?.arguments?.[1]), ['first', 'second']);
    assert.deepEqual(dryRuns.map((l) => l.range.start.line), [2, 5]);
  });

  test('an argument Airflow rejects is a diagnostic at its key', async () => {
    const source = await writeWorkspaceFile('host-bad.task.yaml', TASK_FILE.replace('do_xcom_push: true', 'do_xcom_pushh: true'));
    // Template and render diagnostics arrive separately; wait for the render ones.
    const rendered = () => vscode.languages.getDiagnostics(source).some((d) => d.source === 'kubetasks render');
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === source.toString()) && rendered()) { sub.dispose(); resolve(); }
      });
    });
    await vscode.window.showTextDocument(source);
    await changed;
    const diagnostics = vscode.languages.getDiagnostics(source).filter((d) => d.source === 'kubetasks render');
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.match(diagnostics[0]!.message, /do_xcom_pushh/);
    assert.equal(diagnostics[0]!.range.start.line, 7);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
  });

  test('from the palette in a DAG file, dry-runs the operator call under the cursor', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const dag = vscode.Uri.joinPath(folder.uri, 'dags', 'kpo_example_dag.py');
    const editor = await vscode.window.showTextDocument(dag);
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('task_id="extract"'));
    assert.ok(line > 0, 'the example DAG has the extract task');
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun');
    const pod = parse(openDocument(previewUri).getText()) as Record<string, any>;
    assert.equal(pod.kind, 'Pod');
    assert.match(pod.metadata.name, /^extract-[a-z0-9]{8}$/);
    assert.equal(pod.metadata.namespace, 'etl', 'default_args of the DAG apply');
  });
});
