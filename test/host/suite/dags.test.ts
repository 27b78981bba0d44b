/**
 * Python DAG files in the real editor (issue 6): CodeLens `Dry run · Validate` above each Kubernetes operator call,
 * a hover that summarises the rendered pod, diagnostics at the offending argument, and the dry-run preview opened
 * for a call. The workspace is a copy of examples/, which holds examples/dags/kpo_example_dag.py.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

async function openExample(): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri('dags', 'kpo_example_dag.py'));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'python');
  return document;
}

/** 0-based line of the first line containing `text`. */
function lineOf(document: vscode.TextDocument, text: string): number {
  const line = document.getText().split('\n').findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} is in the example`);
  return line;
}

/** Resolves with the document's diagnostics once `check` holds for them. */
function untilDiagnostics(uri: vscode.Uri, check: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (check(now)) return resolve(now);
    const sub = vscode.languages.onDidChangeDiagnostics((event) => {
      const current = vscode.languages.getDiagnostics(uri);
      if (event.uris.some((u) => u.toString() === uri.toString()) && check(current)) {
        sub.dispose();
        resolve(current);
      }
    });
  });
}

suite('DAG files', () => {
  test('CodeLens Dry run, Launch and Validate sit above each operator call, one set per task of a loop', async () => {
    const document = await openExample();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
    const rows = lenses.filter((l) => l.command).map((l) => [l.range.start.line, l.command!.title, l.command!.arguments?.[1]]);
    const extract = lineOf(document, 'extract = KubernetesPodOperator(');
    const load = lineOf(document, 'load = KubernetesPodOperator(');
    const report = lineOf(document, 'report = KubernetesJobOperator(');
    assert.deepEqual(rows, [
      [extract, 'Dry run', 'extract'],
      [extract, 'Launch', 'extract'],
      [extract, 'Validate', 'extract'],
      [load, 'Dry run load_orders', 'load_orders'],
      [load, 'Launch load_orders', 'load_orders'],
      [load, 'Validate load_orders', 'load_orders'],
      [load, 'Dry run load_customers', 'load_customers'],
      [load, 'Launch load_customers', 'load_customers'],
      [load, 'Validate load_customers', 'load_customers'],
      [report, 'Dry run', 'report'],
      [report, 'Launch', 'report'],
      [report, 'Validate', 'report'],
    ]);
  });

  test('the hover on a call summarises the rendered pod', async () => {
    const document = await openExample();
    const line = lineOf(document, 'extract = KubernetesPodOperator(');
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('KubernetesPodOperator') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*KubernetesPodOperator\*\* `extract` in DAG `kpo_example`/);
    assert.match(text, /Pod: `extract-[a-z0-9]{8}`/);
    assert.match(text, /namespace: `etl`/);
    assert.match(text, /image: `ghcr\.io\/example\/etl:1\.4`/);
    assert.match(text, /volumes: `xcom`, `scratch`/);
    assert.match(text, /XCom sidecar: yes/);
    assert.match(text, /downstream: `load_customers`, `load_orders`/);
  });

  test('Validate reports that Airflow accepts the example task', async () => {
    const document = await openExample();
    const errors = await vscode.commands.executeCommand<number>('kubetasks.validateDagTask', document.uri, 'report');
    assert.equal(errors, 0);
  });

  test('an unknown keyword argument and a wrong type are diagnostics at the argument', async () => {
    const uri = workspaceUri('host-tests', 'host_bad_dag.py');
    const text = [
      'from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator',
      'bad = KubernetesPodOperator(task_id="bad", imagee="busybox")',
      'worse = KubernetesPodOperator(task_id="worse", cmds="echo")',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await untilDiagnostics(uri, (d) => d.some((x) => x.code === 'KT4002'));
    const rows = diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity]);
    assert.deepEqual(rows, [
      ['KT4002', 1, 43, vscode.DiagnosticSeverity.Error],
      ['KT4004', 2, 47, vscode.DiagnosticSeverity.Error],
    ]);
    assert.match(diagnostics[0]!.message, /Invalid arguments were passed to KubernetesPodOperator .*'imagee'/);
  });

  test('Dry run opens the renderer preview for the call', async () => {
    const document = await openExample();
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', document.uri, 'load_orders');
    const preview = vscode.workspace.textDocuments.find((d) => d.uri.toString() === previewUri);
    assert.ok(preview, 'the preview is open');
    const pod = parse(preview.getText()) as { kind: string; metadata: { namespace: string }; spec: { containers: Array<{ args: string[] }> } };
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.metadata.namespace, 'etl');
    assert.deepEqual(pod.spec.containers[0]?.args, ['--table', 'orders', '--rows', "{{ task_instance.xcom_pull(task_ids='extract', key='rows') }}"]);
  });
});
