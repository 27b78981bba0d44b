// `kubetasks launch` of SparkKubernetesOperator tasks (issue 13) through the harness's STAND-IN Spark controller
// (test/harness/k8s/spark-standin): the real CLI, runTask, src/kube/spark-run.ts and the machine in src/tasks. The
// driver pod runs on kwok's node, which ends it as its annotations say; its log is a kwok Logs file the test writes.
// kwok never ends a log follow, so the driver-log test waits out Airflow's 120 s post-termination bound.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { outcome } from '../harness/k8s/fixtures.js';
import { createPodLogs } from '../harness/k8s/pod-logs.js';
import { waitFor } from '../harness/k8s/wait.js';
import { lastLine, startCli } from './launch-harness.js';

const API = { group: 'sparkoperator.k8s.io', version: 'v1beta2', plural: 'sparkapplications' } as const;

/** A Spark task (new-format template with only the `spark:` part) whose driver ends as `annotations` say. */
function sparkTask(t: TestNamespace, name: string, annotations: Record<string, string>, extra = '', randomSuffix = false): string {
  const ann = Object.entries(annotations).map(([k, v]) => `          ${k}: ${JSON.stringify(v)}`).join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'kt-spark-')), `${name}.task.yaml`);
  writeFileSync(file, `operator: SparkKubernetesOperator
task_id: ${name}
name: ${name}
namespace: ${t.namespace}
random_name_suffix: ${randomSuffix ? 'true' : 'false'}
${extra}
template_spec:
  spark:
    apiVersion: sparkoperator.k8s.io/v1beta2
    kind: SparkApplication
    metadata: {}
    spec:
      type: Python
      mode: cluster
      sparkVersion: 3.5.3
      image: spark:3.5.3
      mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
      driver:
        cores: 1
        memory: 512m
        serviceAccount: default
        annotations:
${ann}
      executor:
        cores: 1
        memory: 512m
        instances: 1
`);
  return file;
}

async function appExists(t: TestNamespace, name: string): Promise<boolean> {
  try {
    await t.custom.getNamespacedCustomObject({ ...API, namespace: t.namespace, name });
    return true;
  } catch {
    return false;
  }
}

interface Printed {
  outcome: string;
  exitCode: number | null;
  message: string;
  objects: unknown[];
}

test('a Spark task goes SUBMITTED -> RUNNING -> COMPLETED with the driver log, then its SparkApplication is deleted', { timeout: 240_000 }, () =>
  withTestCluster(async (t) => {
    const run = startCli(t, ['launch', sparkTask(t, 'pi', outcome(0, { delay: '8s' })), '--output', 'json']);
    await waitFor('driver pod pi-driver', 60_000, async () => (await t.core.readNamespacedPod({ namespace: t.namespace, name: 'pi-driver' })).status?.phase === 'Running');
    const log = await createPodLogs(t, 'pi-driver', 'spark-kubernetes-driver');
    log.append(['Pi is roughly 3.14159', 'driver done']);
    const done = await run.done;
    assert.equal(done.code, 0, done.stderr);
    const printed = JSON.parse(lastLine(done.stdout)) as Printed;
    assert.deepEqual(printed.objects, [{ kind: 'SparkApplication', namespace: t.namespace, name: 'pi', state: 'deleted' }]);
    assert.equal(printed.outcome, 'success');
    assert.equal(printed.exitCode, 0);
    // JSON mode: logs on stderr, prefixed with the container.
    assert.match(done.stderr, /spark-kubernetes-driver \| Pi is roughly 3\.14159\n[^]*driver done/);
    assert.match(done.stderr, /\[warning\] Spark job submitted but not yet started\. job_id: pi\n/);
    const states = [...done.stderr.matchAll(/SparkApplication pi: ([A-Z_]+)/g)].map((m) => m[1]);
    assert.ok(states.includes('RUNNING') && states.includes('COMPLETED'), `states: ${states.join(' -> ')}`);
    assert.ok(states.indexOf('RUNNING') < states.indexOf('COMPLETED'), `states: ${states.join(' -> ')}`);
    await waitFor('SparkApplication pi deleted', 30_000, async () => !(await appExists(t, 'pi')));
  }));

test('a failing Spark driver fails the task with the application\'s errorMessage', () =>
  withTestCluster(async (t) => {
    const run = startCli(t, ['launch', sparkTask(t, 'bad', outcome(1, { reason: 'Error', delay: '1s' }), 'get_logs: false'), '--output', 'json']);
    const done = await run.done;
    assert.equal(done.code, 1, done.stderr);
    const printed = JSON.parse(lastLine(done.stdout)) as Printed;
    assert.equal(printed.outcome, 'failed');
    const error = 'driver container failed with ExitCode: 1, Reason: Error';
    // As in Airflow, which path reports it depends on the 10 s poll: a driver that failed before the poll leaves the
    // application FAILED (raised while waiting, no cleanup); one seen RUNNING is judged by its pod, then deleted.
    if (printed.message.startsWith('Spark Job Failed')) {
      assert.equal(printed.message, `Spark Job Failed. Error stack: ${error}`);
      assert.deepEqual(printed.objects, [{ kind: 'SparkApplication', namespace: t.namespace, name: 'bad', state: 'kept' }]);
      assert.equal(await appExists(t, 'bad'), true);
    } else {
      assert.equal(printed.exitCode, 1);
      assert.match(printed.message, new RegExp(`^Pod bad-driver returned a failure\\.\\nSparkApplication bad FAIL(ING|ED): ${error}$`));
      await waitFor('SparkApplication bad deleted', 30_000, async () => !(await appExists(t, 'bad')));
    }
  }));

test('cancelling a running Spark task is on_kill: the SparkApplication is deleted', () =>
  withTestCluster(async (t) => {
    const controller = new AbortController();
    const run = startCli(t, ['launch', sparkTask(t, 'long', {}, 'get_logs: false')], controller.signal);
    await waitFor('driver pod long-driver running', 60_000, async () => (await t.core.readNamespacedPod({ namespace: t.namespace, name: 'long-driver' })).status?.phase === 'Running');
    controller.abort();
    const done = await run.done;
    assert.equal(done.code, 130, done.stderr);
    assert.match(done.stderr, /Deleting spark job for task long/);
    await waitFor('SparkApplication long deleted', 30_000, async () => !(await appExists(t, 'long')));
  }));

test('--no-follow leaves the SparkApplication running; --run-id reattaches to its driver and follows it to the end', () =>
  withTestCluster(async (t) => {
    const file = sparkTask(t, 'again', outcome(0, { delay: '6s' }), 'get_logs: false', true);
    const first = await startCli(t, ['launch', file, '--no-follow']).done;
    assert.equal(first.code, 0, first.stderr);
    const runId = lastLine(first.stdout);
    const name = /sparkapplication [^/]+\/(again-[a-z0-9]{8})\n/.exec(first.stderr)?.[1];
    assert.ok(name, first.stderr);
    await waitFor(`driver pod ${name}-driver`, 60_000, async () => (await t.core.readNamespacedPod({ namespace: t.namespace, name: `${name}-driver` })).metadata?.name);
    const second = await startCli(t, ['launch', file, '--run-id', runId, '--output', 'json']).done;
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`Found existing Spark driver pod ${name}-driver\\. Reattaching to it\\.`));
    assert.doesNotMatch(second.stderr, /Creating sparkApplication/);
    assert.deepEqual((JSON.parse(lastLine(second.stdout)) as Printed).objects, [{ kind: 'SparkApplication', namespace: t.namespace, name, state: 'deleted' }]);
  }));
