import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { runCli, type CliRun } from './testing/run-cli.js';

function render(files: Record<string, string>, args: string[]): Promise<CliRun> {
  return runCli(files, ['render', ...args]);
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

test('an option where a value belongs is a usage error, not the value: --task --format json f exits 2', async () => {
  const file = 'operator: KubernetesPodOperator\ntask_id: hello\nimage: busybox\n';
  const eaten = await render({ 'p.task.yaml': file }, ['--task', '--format', 'json', 'p.task.yaml']);
  assert.equal(eaten.code, 2);
  assert.equal(eaten.stdout, '');
  assert.match(eaten.stderr, /^kubetasks render: Option '--task' argument is ambiguous\. Did you forget to specify the option argument for '--task'\?/);
  const missing = await render({ 'p.task.yaml': file }, ['p.task.yaml', '--task']);
  assert.match(missing.stderr, /^kubetasks render: Option '--task <value>' argument missing/);
  const unknown = await render({ 'p.task.yaml': file }, ['p.task.yaml', '--tsak', 'hello']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^kubetasks render: Unknown option '--tsak'\./);
  const inline = await render({ 'p.task.yaml': file }, ['p.task.yaml', '--task=hello', '--format=json']);
  assert.equal(inline.code, 0);
  assert.equal((JSON.parse(inline.stdout) as { kind: string }).kind, 'Pod');
});

test('airflow_kpo_in_cluster: workers in the cluster by default, --no-in-cluster outside, in_cluster/config_file win', async () => {
  const label = async (extra: string, flags: string[]) => {
    const out = await render({ 'p.task.yaml': `operator: KubernetesPodOperator\ntask_id: t\nimage: busybox\n${extra}` }, ['p.task.yaml', '--format', 'json', ...flags]);
    assert.equal(out.code, 0, out.stderr);
    return (JSON.parse(out.stdout) as { metadata: { labels: Record<string, string> } }).metadata.labels['airflow_kpo_in_cluster'];
  };
  assert.equal(await label('', []), 'True');
  assert.equal(await label('', ['--in-cluster']), 'True');
  assert.equal(await label('', ['--no-in-cluster']), 'False');
  assert.equal(await label('in_cluster: true\n', ['--no-in-cluster']), 'True');
  assert.equal(await label('in_cluster: false\n', ['--no-in-cluster']), 'False');
  assert.equal(await label('config_file: /etc/kube/config\n', []), 'False');
  const both = await render({ 'p.task.yaml': 'operator: KubernetesPodOperator\ntask_id: t\n' }, ['p.task.yaml', '--in-cluster', '--no-in-cluster']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /give --in-cluster or --no-in-cluster, not both/);
});
