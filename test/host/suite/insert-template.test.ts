/** "KubeTasks: Insert Template…" (issue 14) inserts a bundled snippet at the cursor of an editor of its language. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('Insert Template…', () => {
  test('inserts the pod template snippet into the active YAML editor, placeholders filled with their defaults', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('kubetasks.insertTemplate', 'kt-pod-template'), 'kt-pod-template');
    assert.match(document.getText(), /^apiVersion: v1\nkind: Pod\n/);
    assert.match(document.getText(), /- name: base\n\s+image: python:3\.12-slim/);
  });

  test('a Python snippet opens a new Python document when the active editor is YAML', async () => {
    const yaml = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(yaml);
    assert.equal(await vscode.commands.executeCommand('kubetasks.insertTemplate', 'kt-kpo'), 'kt-kpo');
    const active = vscode.window.activeTextEditor?.document;
    assert.equal(active?.languageId, 'python');
    assert.match(active.getText(), /KubernetesPodOperator\(/);
    assert.equal(yaml.getText(), '', 'the YAML document is left alone');
  });

  test('an unknown template is refused (the registry shows the message) and nothing is inserted', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('kubetasks.insertTemplate', 'kt-no-such'), undefined);
    assert.equal(document.getText(), '');
  });
});
