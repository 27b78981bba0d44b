/**
 * Template validation in the real VS Code (issue 5): a broken template gets exactly the diagnostics the CLI prints
 * (message and range, from test/fixtures/templates/*.expected), completion inside containers[0] comes from the
 * bundled schemas through yaml-language-server, and a contributed snippet inserts a template that validates.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kubetasks.kubetasks';

function repoRoot(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in the host`);
  return ext.extensionPath;
}

function fixture(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(repoRoot(), 'test', 'fixtures', ...parts));
}

async function diagnosticsOf(uri: vscode.Uri, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  const started = Date.now();
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'KubeTasks');
    if (found.length > 0 || Date.now() - started > timeoutMs) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isError(d: vscode.Diagnostic): boolean {
  return d.severity === vscode.DiagnosticSeverity.Error;
}

/**
 * KubeTasks diagnostics of `uri` once they satisfy `done`: now, or at the `onDidChangeDiagnostics` event that makes
 * them so. After `timeoutMs` the current diagnostics are returned for the caller's assertion to explain.
 */
function diagnosticsChangedTo(uri: vscode.Uri, done: (found: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'KubeTasks');
  if (done(current())) return Promise.resolve(current());
  return new Promise((resolve) => {
    const finish = (): void => {
      listener.dispose();
      clearTimeout(timer);
      resolve(current());
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && done(current())) finish();
    });
    const timer = setTimeout(finish, timeoutMs);
  });
}

function asExpectedLine(d: vscode.Diagnostic): string {
  const severity = d.severity === vscode.DiagnosticSeverity.Error ? 'error'
    : d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info';
  const { start, end } = d.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${severity} ${String(d.code)} ${d.message}`;
}

/** Completion labels at a position, polling until `expected` is offered: the YAML server starts with the first YAML file. */
async function completionLabels(uri: vscode.Uri, position: vscode.Position, expected: string): Promise<string[]> {
  let labels: string[] = [];
  const started = Date.now();
  while (!labels.includes(expected) && Date.now() - started < 60000) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    if (!labels.includes(expected)) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return labels;
}

suite('template validation', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  for (const name of ['broken-pod.yaml', 'broken-spark.yaml', 'broken-spark.json', 'broken-job.yaml']) {
    test(`${name}: the same diagnostics as the CLI, message and range`, async () => {
      const uri = fixture('templates', name);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const actual = (await diagnosticsOf(uri)).map(asExpectedLine).sort();
      // One engine owns every diagnostic: the YAML server's own validation is off.
      assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'KubeTasks').map((d) => d.message), []);
      const expected = fs.readFileSync(`${uri.fsPath}.expected`, 'utf8').split('\n').filter(Boolean).sort();
      assert.deepEqual(actual, expected);
    });
  }

  test('a quick fix from the engine renames an unknown field to the suggestion', async () => {
    const uri = fixture('templates', 'broken-pod.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const unknown = (await diagnosticsOf(uri)).find((d) => d.code === 'KT2001');
    assert.ok(unknown);
    let actions: vscode.CodeAction[] = [];
    const started = Date.now();
    // The code-action context carries the markers VS Code holds for the range; poll until they have arrived.
    while (!actions.some((a) => a.title === 'Rename to "imagePullPolicy"') && Date.now() - started < 15000) {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri,
        unknown.range, vscode.CodeActionKind.QuickFix.value);
      if (actions.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const rename = actions.find((a) => a.title === 'Rename to "imagePullPolicy"');
    assert.ok(rename?.edit, JSON.stringify(actions.map((a) => a.title)));
    const edits = rename.edit.get(uri);
    assert.equal(edits.length, 1);
    assert.equal(document.getText(edits[0]!.range), 'imagePullPolicyy');
    assert.equal(edits[0]!.newText, 'imagePullPolicy');
  });

  test('completion inside containers[0] offers Container fields from the bundled Pod schema', async () => {
    const uri = fixture('templates-host', 'completion-pod-template.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const labels = await completionLabels(uri, new vscode.Position(8, 6), 'imagePullPolicy'); // inside `- name: base`
    for (const field of ['imagePullPolicy', 'resources', 'env', 'volumeMounts']) assert.ok(labels.includes(field), `${field} in ${labels.join(', ')}`);
    assert.equal(labels.includes('nodeSelector'), false, 'a PodSpec field is not offered inside a container');
  });

  test('in a file of two kinds, completion in the second document comes from that document\'s schema', async () => {
    const uri = fixture('templates-host', 'kueue-two-kinds.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const labels = await completionLabels(uri, new vscode.Position(13, 4), 'clusterQueue'); // after `cl`
    assert.ok(labels.includes('clusterQueue'), labels.join(', '));
    assert.equal(labels.includes('nodeLabels'), false, 'a ResourceFlavor field is not offered in the LocalQueue');
  });

  test('the "KubeTasks: pod template" snippet inserts a template that validates without errors', async () => {
    // The document starts with an error, so "validated after the insertion" is an event we can wait for: the
    // diagnostics of this document change from that error to the snippet's result (no fixed sleep).
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: v1\nkind: Pod\nspec: 42\n' });
    const editor = await vscode.window.showTextDocument(document);
    const before = await diagnosticsChangedTo(document.uri, (found) => found.some(isError));
    assert.ok(before.some(isError), 'the starting document has an error');
    editor.selection = new vscode.Selection(0, 0, document.lineCount, 0);
    const validated = diagnosticsChangedTo(document.uri, (found) => !found.some(isError));
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      langId: 'yaml', name: 'KubeTasks: pod template (KubernetesPodOperator pod_template_file)',
    });
    assert.match(editor.document.getText(), /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}name: worker-template\n/);
    assert.match(editor.document.getText(), /\n {4}- name: base\n/);
    const errors = (await validated).filter(isError);
    assert.deepEqual(errors.map((d) => d.message), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
