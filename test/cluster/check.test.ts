// `kubetasks check` against the real kube-apiserver (issue 13): the server's dry run refuses, and each finding is
// printed at the task-file (or template-file) line the refused field came from.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';
import { cli } from './launch-harness.js';

/** Writes `files` into a fresh folder; returns the path of the first one. */
function writeFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kt-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, Object.keys(files)[0] ?? '');
}

function podTask(t: TestNamespace, extra: string): string {
  return writeFiles({ 'c.task.yaml': `operator: KubernetesPodOperator\ntask_id: c\nnamespace: ${t.namespace}\nimage: debian\ncmds: ["true"]\n${extra}` });
}

test('check: a task the cluster accepts is clean (exit 0, nothing created)', () =>
  withTestCluster(async (t) => {
    const run = await cli(t, ['check', podTask(t, '')]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /0 errors, 0 warnings/);
    assert.equal((await t.core.listNamespacedPod({ namespace: t.namespace })).items.length, 0);
  }));

test('check: a ResourceQuota refusal lands on container_resources', () =>
  withTestCluster(async (t) => {
    await t.core.createNamespacedResourceQuota({ namespace: t.namespace, body: { metadata: { name: 'small' }, spec: { hard: { 'limits.cpu': '1' } } } });
    // quota admission refuses with "status unknown" until KCM's quota controller has written the status
    await waitFor('quota status', 30_000, async () =>
      (await t.core.readNamespacedResourceQuota({ namespace: t.namespace, name: 'small' })).status?.hard?.['limits.cpu'] !== undefined);
    const file = podTask(t, 'container_resources:\n  limits:\n    cpu: "2"\n');
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:1: error KT5003 .*exceeded quota: small`, 'm'));
    const json = JSON.parse((await cli(t, ['check', file, '--format', 'json'])).stdout) as { line: number; code: string }[];
    assert.deepEqual(json.map((f) => [f.code, f.line]), [['KT5003', 6]]);
  }));

test('check: a missing PriorityClass lands on priority_class_name', () =>
  withTestCluster(async (t) => {
    const run = await cli(t, ['check', podTask(t, 'get_logs: true\npriority_class_name: no-such-class\n')]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /c\.task\.yaml:7:1: error KT5006 .*no PriorityClass with name no-such-class was found/);
  }));

test('check: a Kueue job whose queue name is not a label value lands on queue_name (Job and pod template)', () =>
  withTestCluster(async (t) => {
    const file = writeFiles({ 'k.task.yaml': `operator: KubernetesStartKueueJobOperator\ntask_id: k\nnamespace: ${t.namespace}\nimage: debian\nsuspend: true\nqueue_name: "Bad_Queue!"\n` });
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 2, run.stdout);
    for (const line of lines) assert.match(line, /k\.task\.yaml:6:1: error KT5001 the server refuses the Job: (metadata|spec\.template)\.labels: Invalid value: "Bad_Queue!"/);
  }));

test('check: Pod Security and a missing ServiceAccount land on their parameters', () =>
  withTestCluster(async (t) => {
    const ns = await t.core.readNamespace({ name: t.namespace });
    ns.metadata = { ...ns.metadata, labels: { ...ns.metadata?.labels, 'pod-security.kubernetes.io/enforce': 'restricted' } };
    await t.core.replaceNamespace({ name: t.namespace, body: ns });
    const file = podTask(t, 'container_security_context:\n  privileged: true\nservice_account_name: nobody\n');
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    // admission stops at the first plugin that refuses: the ServiceAccount is looked up before Pod Security runs
    assert.match(run.stdout, /c\.task\.yaml:8:1: error KT5007 .*serviceaccount "nobody" not found/);
    const secure = await cli(t, ['check', podTask(t, 'container_security_context:\n  privileged: true\n')]);
    assert.equal(secure.code, 1, secure.stderr);
    assert.match(secure.stdout, /c\.task\.yaml:6:1: error KT5005 .*violates PodSecurity "restricted:latest"/);
  }));

test('check: a delete job task whose Job is missing, and an Install Kueue task (nothing to dry-run)', () =>
  withTestCluster(async (t) => {
    const file = writeFiles({ 'd.task.yaml': `operator: KubernetesDeleteJobOperator\ntask_id: d\nnamespace: ${t.namespace}\nname: job-gone\n` });
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /d\.task\.yaml:4:1: error KT5013 the delete would fail: job job-gone not found in namespace [\w-]+ \(jobs\.batch "job-gone" not found\)/);
    const install = await cli(t, ['check', writeFiles({ 'i.task.yaml': 'operator: KubernetesInstallKueueOperator\ntask_id: i\nkueue_version: v0.9.1\n' })]);
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stdout, /i\.task\.yaml:1:1: info KT5014 nothing to dry-run: this task installs Kueue from https:\/\/github\.com\/.*v0\.9\.1\/manifests\.yaml/);
  }));

const sparkTemplate = `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: spark-pi
spec:
  type: Python
  mode: cluster
  sparkVersion: 3.5.3
  mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
  driver:
    cores: one
    memory: 512m
    serviceAccount: default
  executor:
    cores: 1
    instances: 1
    memory: 512m
`;

test('check: a Spark template with a schema error lands on the template line', () =>
  withTestCluster(async (t) => {
    const file = writeFiles({
      's.task.yaml': `operator: SparkKubernetesOperator\ntask_id: s\nnamespace: ${t.namespace}\nimage: spark:3.5.3\napplication_file: app.yaml\n`,
      'app.yaml': sparkTemplate,
    });
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    const template = join(file, '..', 'app.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(run.stdout, new RegExp(`^${template}:11:5: error KT5001 .*spec\\.driver\\.cores.*must be of type integer`, 'm'));
  }));

test('check: a missing namespace is located at namespace:, and an unreachable cluster exits 4', () =>
  withTestCluster(async (t) => {
    const file = writeFiles({ 'n.task.yaml': 'operator: KubernetesPodOperator\ntask_id: n\nimage: debian\nnamespace: kt-no-such-namespace\n' });
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /n\.task\.yaml:4:1: error KT5008 .*namespaces "kt-no-such-namespace" not found/);
    const closed = writeFiles({ kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: x}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n' });
    let stderr = '';
    const code = await main(['check', file, '--kubeconfig', closed], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
    assert.equal(code, 4, stderr);
    assert.match(stderr, /Unable to connect/);
  }));
