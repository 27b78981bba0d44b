// `kubetasks check` against the real kube-apiserver and the real Kueue v0.19.2 webhooks (issue 13): a LimitRange
// refusal (KT5004), a webhook denial (KT5009) and the dry-run PATCH of a Patch job task (KT5013, KT5015), each at
// its task-file line, in the text, JSON and SARIF reports.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { cli, type CliRun } from './launch-harness.js';

function writeTask(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kt-check-')), name);
  writeFileSync(file, text);
  return file;
}

interface JsonRow { file: string; line: number; column: number; severity: string; code: string; message: string }
interface SarifResult { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }
interface Sarif { runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }[] }

/** The JSON and SARIF reports of the same check: each must carry the one finding the text report printed. */
async function assertReports(t: TestNamespace, file: string, code: string, line: number, message: RegExp): Promise<void> {
  const parse = async <T>(format: string): Promise<T> => {
    const run: CliRun = await cli(t, ['check', file, '--format', format]);
    assert.equal(run.code, 1, run.stderr);
    return JSON.parse(run.stdout) as T;
  };
  const rows = await parse<JsonRow[]>('json');
  assert.deepEqual(rows.map((r) => [r.file, r.line, r.severity, r.code]), [[file, line, 'error', code]]);
  assert.match(rows[0]?.message ?? '', message);
  const sarif = await parse<Sarif>('sarif');
  const run = sarif.runs[0];
  assert.ok(run?.tool.driver.rules.some((r) => r.id === code), `SARIF rules lack ${code}`);
  assert.deepEqual(run?.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.region.startLine]), [[code, 'error', line]]);
  assert.equal(run?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, file);
  assert.match(run?.results[0]?.message.text ?? '', message);
}

test('check: a LimitRange refusal (KT5004) lands on container_resources, in the server\'s words', () =>
  withTestCluster(async (t) => {
    await t.core.createNamespacedLimitRange({ namespace: t.namespace, body: { metadata: { name: 'per-container' },
      spec: { limits: [{ type: 'Container', max: { cpu: '1', memory: '256Mi' } }] } } });
    const file = writeTask('l.task.yaml', `operator: KubernetesPodOperator\ntask_id: l\nnamespace: ${t.namespace}\nimage: debian\ncmds: ["true"]\n` +
      'container_resources:\n  limits:\n    cpu: "2"\n    memory: 1Gi\n');
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    const words = /KT5004 the server refuses the Pod: the namespace's LimitRange refuses it: pods "[^"]+" is forbidden: \[maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 256Mi, but limit is 1Gi\]/;
    assert.match(run.stdout, new RegExp(`^${escape(file)}:6:1: error ${words.source}$`, 'm'));
    assert.equal(run.stdout.trim().split('\n').length, 1, run.stdout);
    await assertReports(t, file, 'KT5004', 6, /maximum cpu usage per Container is 1, but limit is 2/);
    // within the limits the same namespace accepts the pod
    const within = writeTask('w.task.yaml', `operator: KubernetesPodOperator\ntask_id: w\nnamespace: ${t.namespace}\nimage: debian\ncontainer_resources:\n  limits:\n    cpu: 500m\n`);
    const clean = await cli(t, ['check', within]);
    assert.equal(clean.code, 0, `${clean.stdout}${clean.stderr}`);
  }));

test('check: a Job task\'s pods are dry-run too: LimitRange (KT5004), Priority (KT5006), Pod Security (KT5005) judge pods', () =>
  withTestCluster(async (t) => {
    await t.core.createNamespacedLimitRange({ namespace: t.namespace, body: { metadata: { name: 'per-container' },
      spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } } });
    const job = (name: string, extra: string): string =>
      writeTask(`${name}.task.yaml`, `operator: KubernetesJobOperator\ntask_id: ${name}\nname: ${name}\nnamespace: ${t.namespace}\nimage: debian\n${extra}`);
    const big = job('big', 'container_resources:\n  limits:\n    cpu: "2"\n');
    const run = await cli(t, ['check', big]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^${escape(big)}:6:1: error KT5004 the server would refuse the Job's pods: the namespace's LimitRange refuses it: ` +
      'pods "[^"]*" is forbidden: maximum cpu usage per Container is 1, but limit is 2$', 'm'));
    await assertReports(t, big, 'KT5004', 6, /maximum cpu usage per Container is 1, but limit is 2/);
    const missing = await cli(t, ['check', job('prio', 'priority_class_name: no-such-class\n')]);
    assert.equal(missing.code, 1, missing.stderr);
    assert.match(missing.stdout, /prio\.task\.yaml:6:1: error KT5006 the server would refuse the Job's pods: .*no PriorityClass with name no-such-class was found/);
    const ns = await t.core.readNamespace({ name: t.namespace });
    ns.metadata = { ...ns.metadata, labels: { ...ns.metadata?.labels, 'pod-security.kubernetes.io/enforce': 'restricted' } };
    await t.core.replaceNamespace({ name: t.namespace, body: ns });
    const privileged = job('privileged', 'container_security_context:\n  privileged: true\n');
    const refused = await cli(t, ['check', privileged]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stdout, /privileged\.task\.yaml:6:1: error KT5005 the server would refuse the Job's pods: .*violates PodSecurity "restricted:latest"/);
    assert.equal((await t.batch.listNamespacedJob({ namespace: t.namespace })).items.length, 0);
  }));

test('check: a Kueue job on local-queue is clean (the Job and its pod pass Kueue\'s webhooks)', () =>
  withTestCluster(async (t) => {
    const file = writeTask('q.task.yaml', `operator: KubernetesStartKueueJobOperator\ntask_id: q\nnamespace: ${t.namespace}\nimage: debian\nsuspend: true\nqueue_name: local-queue\n`);
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '');
  }));

test('check: Kueue\'s validating webhook (KT5009) refuses a queue name that is a label value but no object name', () =>
  withTestCluster(async (t) => {
    // "Bad_Queue" passes the apiserver's label-value validation; Kueue's vjob.kb.io (jobframework.ValidateQueueName)
    // then requires a DNS-1123 subdomain, as the queue label names a LocalQueue.
    const file = writeTask('k.task.yaml', `operator: KubernetesStartKueueJobOperator\ntask_id: k\nnamespace: ${t.namespace}\nimage: debian\nsuspend: true\nqueue_name: Bad_Queue\n`);
    const run = await cli(t, ['check', file]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^${escape(file)}:6:1: error KT5009 the server refuses the Job: admission webhook "vjob\\.kb\\.io" denied the request: ` +
      'metadata\\.labels\\[kueue\\.x-k8s\\.io/queue-name\\]: Invalid value: "Bad_Queue": a lowercase RFC 1123 subdomain must consist of', 'm'));
    assert.equal(run.stdout.trim().split('\n').length, 1, run.stdout);
    await assertReports(t, file, 'KT5009', 6, /admission webhook "vjob\.kb\.io" denied the request/);
    assert.equal((await t.batch.listNamespacedJob({ namespace: t.namespace })).items.length, 0);
  }));

test('check: a Patch job task is a dry-run PATCH of its Job (clean, refused with the hint, Job missing)', () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({ namespace: t.namespace, body: { metadata: { name: 'held' }, spec: { suspend: true,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'base', image: 'debian' }] } } } } });
    const patch = (name: string, body: string): string =>
      writeTask(`${name}.task.yaml`, `operator: KubernetesPatchJobOperator\ntask_id: ${name}\nnamespace: ${t.namespace}\nname: held\nbody:\n${body}`);
    const resume = await cli(t, ['check', patch('resume', '  spec:\n    suspend: false\n')]);
    assert.equal(resume.code, 0, `${resume.stdout}${resume.stderr}`);
    assert.equal(resume.stdout, '');
    // a dry run: the Job is still suspended
    assert.equal((await t.batch.readNamespacedJob({ namespace: t.namespace, name: 'held' })).spec?.suspend, true);

    // a JSON Patch operation without "op": the server's bare 422, which the hint explains
    const noOp = patch('no_op', '  - path: /spec/suspend\n    value: false\n');
    const refused = await cli(t, ['check', noOp]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stdout, new RegExp(`^${escape(noOp)}:5:1: error KT5015 the patch would fail: the server refuses the patch of job held: ` +
      'the server rejected our request due to an error in our request Hint: a list `body` is sent as a JSON Patch \\(Content-Type application/json-patch\\+json\\)', 'm'));
    await assertReports(t, noOp, 'KT5015', 5, /Hint: a list `body` is sent as a JSON Patch/);

    const invalid = await cli(t, ['check', patch('bad_value', '  spec:\n    parallelism: -1\n')]);
    assert.equal(invalid.code, 1, invalid.stderr);
    assert.match(invalid.stdout, /bad_value\.task\.yaml:5:1: error KT5015 .*spec\.parallelism: Invalid value: -1: must be greater than or equal to 0 Hint: a dict `body` is sent as a strategic merge patch/);

    const gone = writeTask('gone.task.yaml', `operator: KubernetesPatchJobOperator\ntask_id: gone\nnamespace: ${t.namespace}\nname: job-gone\nbody:\n  spec:\n    suspend: false\n`);
    const missing = await cli(t, ['check', gone]);
    assert.equal(missing.code, 1, missing.stderr);
    assert.match(missing.stdout, new RegExp(`^${escape(gone)}:4:1: error KT5013 the patch would fail: job job-gone not found in namespace ${t.namespace} \\(jobs\\.batch "job-gone" not found\\)$`, 'm'));
    await assertReports(t, gone, 'KT5013', 4, /job job-gone not found in namespace/);
  }));

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
