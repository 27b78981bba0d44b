/**
 * "Render with…" in the real editor (issue 17): the Dry Run preview of a task whose image comes from the run's conf
 * renders with the JSON context the user edits and saves, keeps rendering with it (remembered per task file and
 * task), and a save with invalid JSON fails with a clear message while the edited text stays.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { openDocument, untilPreview, writeWorkspaceFile } from './workspace.js';

const TASK_FILE = [
  'operator: KubernetesPodOperator',
  'task_id: conf-image',
  'name: conf-image',
  'namespace: team-a',
  'image: "{{ dag_run.conf[\'image\'] }}"',
  '',
].join('\n');

function imageOf(text: string): unknown {
  return (parse(text) as { spec?: { containers?: Array<{ image?: unknown }> } } | null)?.spec?.containers?.[0]?.image;
}

async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  assert.ok(await editor.edit((b) => b.replace(whole, text)));
}

suite('render with… (dry run preview)', () => {
  test('renders the preview with the conf the user saves, and keeps using it for that task', async () => {
    const source = await writeWorkspaceFile('host-render-with.task.yaml', TASK_FILE);
    const other = await writeWorkspaceFile('host-render-other.task.yaml', TASK_FILE);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'conf-image');
    assert.equal(imageOf(openDocument(previewUri).getText()), "{{ dag_run.conf['image'] }}", 'without a context, Jinja stays as written');

    const contextUri = await vscode.commands.executeCommand<string>('kubetasks.renderWith', vscode.Uri.parse(previewUri));
    const contextDoc = openDocument(contextUri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), contextUri, 'the context opens for editing');
    assert.equal(contextDoc.languageId, 'json');
    const sample = JSON.parse(contextDoc.getText()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(sample), ['conf', 'params', 'logical_date', 'run_id']);
    assert.deepEqual(sample.conf, {});

    await replaceAll(contextDoc, JSON.stringify({ conf: { image: 'debian:12' } }, null, 2));
    assert.equal(await contextDoc.save(), true);
    const rendered = await untilPreview(previewUri, (t) => imageOf(t) === 'debian:12');
    assert.match(rendered, /image: debian:12/);

    // The preview re-renders with the remembered context when its source changes, and a fresh dry run uses it too.
    const editor = await vscode.window.showTextDocument(source);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('namespace:'));
    await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, 200), 'namespace: team-b'));
    const edited = await untilPreview(previewUri, (t) => (parse(t) as any)?.metadata?.namespace === 'team-b');
    assert.equal(imageOf(edited), 'debian:12');
    const again = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'conf-image');
    assert.equal(imageOf(openDocument(again).getText()), 'debian:12');

    // Remembered per task file: the same task id in another file still renders as written.
    const otherPreview = await vscode.commands.executeCommand<string>('kubetasks.dryRun', other, 'conf-image');
    assert.equal(imageOf(openDocument(otherPreview).getText()), "{{ dag_run.conf['image'] }}");
    const otherContext = await vscode.commands.executeCommand<string>('kubetasks.renderWith', vscode.Uri.parse(otherPreview));
    assert.deepEqual((JSON.parse(openDocument(otherContext).getText()) as { conf: unknown }).conf, {});
  });

  test("in a DAG file, the sample is pre-filled from the DAG's params= defaults and renders with them", async () => {
    const dag = await writeWorkspaceFile('host_render_with_dag.py', [
      'from airflow.sdk import DAG, Param',
      'from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator',
      '',
      'with DAG("render_with", params={"tag": Param("1.36", type="string"), "mode": "fast"}):',
      '    KubernetesPodOperator(task_id="tagged", name="tagged", image="busybox:{{ params.tag }}", arguments=["{{ params.mode }}"])',
      '',
    ].join('\n'));
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', dag, 'tagged');
    assert.equal(imageOf(openDocument(previewUri).getText()), 'busybox:{{ params.tag }}');
    const contextUri = await vscode.commands.executeCommand<string>('kubetasks.renderWith', vscode.Uri.parse(previewUri));
    const contextDoc = openDocument(contextUri);
    const sample = JSON.parse(contextDoc.getText()) as { params: Record<string, unknown> };
    assert.deepEqual(sample.params, { tag: '1.36', mode: 'fast' });
    sample.params.mode = 'thorough';
    await replaceAll(contextDoc, JSON.stringify(sample, null, 2));
    assert.equal(await contextDoc.save(), true);
    const text = await untilPreview(previewUri, (t) => imageOf(t) === 'busybox:1.36');
    assert.deepEqual((parse(text) as any).spec.containers[0].args, ['thorough']);
  });

  test('saving invalid JSON fails with the problem and keeps the edited text; the preview keeps its last context', async () => {
    const source = await writeWorkspaceFile('host-render-invalid.task.yaml', TASK_FILE);
    const previewUri = await vscode.commands.executeCommand<string>('kubetasks.dryRun', source, 'conf-image');
    const contextUri = await vscode.commands.executeCommand<string>('kubetasks.renderWith', vscode.Uri.parse(previewUri));
    const contextDoc = openDocument(contextUri);
    await replaceAll(contextDoc, '{"conf": {"image": "debian:12"}}');
    assert.equal(await contextDoc.save(), true);
    await untilPreview(previewUri, (t) => imageOf(t) === 'debian:12');

    const broken = '{"conf": {"image": "debian:13"},}';
    await replaceAll(contextDoc, broken);
    const saved = await contextDoc.save().then((v) => v, () => false);
    assert.equal(saved, false, 'the save is refused');
    assert.equal(contextDoc.isDirty, true, 'the edit is not lost');
    assert.equal(contextDoc.getText(), broken);
    assert.equal(imageOf(openDocument(previewUri).getText()), 'debian:12');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(contextDoc.isDirty, false);
    assert.deepEqual(JSON.parse(contextDoc.getText()), { conf: { image: 'debian:12' } }, 'reverting shows the remembered context');
  });
});
