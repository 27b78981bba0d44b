import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { main } from './main.js';

async function render(files: Record<string, string>, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kubetasks-render-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let stdout = '';
    let stderr = '';
    const code = await main(['render', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir });
    return { code, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const two = 'operator: KubernetesPodOperator\nimage: busybox\nrandom_name_suffix: false\ntasks:\n  - task_id: a\n  - task_id: b\n    operator: KubernetesJobOperator\n';

test('several tasks print as a JSON array, or as a YAML stream', async () => {
  const json = await render({ 'x.task.yaml': two }, ['x.task.yaml', '--format', 'json']);
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.stdout) as { kind: string; metadata: { name: string } }[];
  assert.deepEqual(parsed.map((o) => [o.kind, o.metadata.name]), [['Pod', 'a'], ['Job', 'job-b']]);
  assert.ok(json.stdout.endsWith('}\n]\n'));
  const yaml = await render({ 'x.task.yaml': two }, ['x.task.yaml']);
  assert.deepEqual(parseAllDocuments(yaml.stdout).map((d) => (d.toJS() as { kind: string }).kind), ['Pod', 'Job']);
});

test('--task picks one task; --format airflow prints dry_run() text with the random suffix', async () => {
  const file = 'operator: KubernetesPodOperator\ntask_id: hello\nname: hello-pod\nimage: busybox\n';
  const out = await render({ 'p.task.yaml': file }, ['p.task.yaml', '--task', 'hello', '--format', 'airflow']);
  assert.equal(out.code, 0);
  assert.match(out.stdout, /^api_version: v1\nkind: Pod\n/);
  assert.match(out.stdout, /\n  name: hello-pod-[a-z0-9]{8}\n/);
  assert.ok(out.stdout.endsWith('\n\n'), 'print() adds a newline after the YAML');
  const stable = await render({ 'p.task.yaml': file }, ['p.task.yaml', '--format', 'airflow', '--no-random-suffix']);
  assert.match(stable.stdout, /\n  name: hello-pod\n/);
});

test('template files resolve against the task file, and errors exit 2 in the shared grammar', async () => {
  const files = {
    'p.task.yaml': 'operator: KubernetesPodOperator\ntask_id: t\npod_template_file: tpl.yaml\n',
    'tpl.yaml': 'metadata: {name: from-template}\nspec: {containers: [{name: base, image: x}]}\n',
  };
  const ok = await render(files, ['p.task.yaml', '--format', 'json', '--no-random-suffix']);
  assert.equal((JSON.parse(ok.stdout) as { metadata: { name: string } }).metadata.name, 'from-template');
  const bad = await render({ 'p.task.yaml': 'operator: KubernetesPodOperator\ntask_id: t\nname: "a@b"\n' }, ['p.task.yaml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^p\.task\.yaml:3:1: error KT4010 AirflowException: The key 'a@b' has to be made of alphanumeric/);
});
