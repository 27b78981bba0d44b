// Shared by the host suites: files they write into the throw-away workspace copy, and documents they look up.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Writes `host-tests/<name>` in the workspace: a subfolder, so the UI checks' Explorer shows only the examples. */
export async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host opens a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'host-tests', name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** The open document at `uri` (a preview or a context document); fails the test when it is not open. */
export function openDocument(uri: string): vscode.TextDocument {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  assert.ok(doc, `${uri} is open`);
  return doc;
}

/** Resolves when `check` holds for the preview, re-checking on every change to it. */
export function untilPreview(uri: string, check: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    if (check(openDocument(uri).getText())) return resolve(openDocument(uri).getText());
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === uri && check(e.document.getText())) {
        sub.dispose();
        resolve(e.document.getText());
      }
    });
  });
}
