// Issue 16's judge on one Airflow major: trigger the article's DAG through our client with that major's auth, let
// Airflow's scheduler run the KubernetesPodOperator on the test cluster's real node, and check the pod, the run,
// the task log, the XCom and our preview of the same run; then the error paths against the same real server.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  AirflowConnection, AirflowError, getTaskInstance, readTaskLog, readXcomEntries, triggerDagRun, waitForDagRun, type DagRun,
} from '../../src/airflow/index.js';
import { createReadyNamespace, type TestCluster } from '../harness/k8s/cluster.js';
import { rawApiFromKubeconfig } from '../harness/k8s/raw-api.js';
import type { StartedAirflow } from './airflow-server.js';
import { comparePreview, renderPreview } from './pod-compare.js';
import { firstCreatedPod } from './pod-watch.js';
import { cliTrigger } from './cli-trigger.js';

export const DAG_ID = 'kt_rest_trigger';
export const DAG_FILE = join(import.meta.dirname, 'dags', 'kt_rest_trigger.py');
const TASK_ID = 'echo_conf';
/** Generous: a cold scheduler on 2 shared cores parses, queues and runs the task, and the pod starts on the real node. */
const RUN_TIMEOUT_MS = 360_000;

export type Check = (name: string, fn: () => Promise<void>) => Promise<void>;

type Json = Record<string, unknown>;

interface Flow {
  server: StartedAirflow;
  cluster: TestCluster;
  namespace: string;
  conn: AirflowConnection;
  conf: { namespace: string; image: string; env: Record<string, string> };
  runId: string;
  created?: Json;
  run?: DagRun;
}

async function freshNamespace(cluster: TestCluster, major: number): Promise<string> {
  const namespace = `kt-af${major}-${randomBytes(3).toString('hex')}`;
  await createReadyNamespace(cluster, namespace, { 'kubetasks.test/airflow': 'true' });
  return namespace;
}

/** Trigger while watching the namespace: the ADDED event holds the pod exactly as Airflow created it. */
async function triggerAndCatchPod(f: Flow): Promise<void> {
  const stopFollowing = new AbortController();
  try {
    f.created = await firstCreatedPod(f.cluster.env.kubeconfig, f.namespace, RUN_TIMEOUT_MS / 1000, async () => {
      f.run = await triggerDagRun(f.conn, { dagId: DAG_ID, conf: f.conf, runId: f.runId, unpause: true });
      // a run that ends before any pod appeared fails this check now instead of at the watch's timeout
      const ended = await waitForDagRun(f.conn, DAG_ID, f.runId, { signal: stopFollowing.signal });
      throw new Error(`run ${f.runId} ended ${ended.state} before its pod was created`);
    });
  } finally {
    stopFollowing.abort();
  }
  assert.equal(f.run?.runId, f.runId);
}

async function happyPath(f: Flow, check: Check): Promise<void> {
  const major = f.server.major;
  await check(`Airflow ${major}: API detected by probing`, async () => {
    assert.equal(f.conn.api, major === 3 ? 'v2' : 'v1');
    assert.match(f.conn.version, major === 3 ? /^3\.3\.2$/ : /^2\.11\.2$/);
  });
  await check(`Airflow ${major}: a paused DAG is refused without --unpause (its run would stay queued)`, () =>
    expectRefusal(triggerDagRun(f.conn, { dagId: DAG_ID, conf: f.conf }), 'DagPaused', undefined));
  await check(`Airflow ${major}: trigger with conf; the pod appears with the conf's image and env`, async () => {
    await triggerAndCatchPod(f);
    const base = ((f.created?.['spec'] as Json)['containers'] as Json[]).find((c) => c['name'] === 'base');
    assert.equal(base?.['image'], f.conf.image);
    assert.deepEqual(base?.['env'], [{ name: 'GREETING', value: f.conf.env['GREETING'] }]);
    assert.equal((f.created?.['metadata'] as Json)['namespace'], f.namespace);
  });
  await check(`Airflow ${major}: the run succeeds (state polled)`, async () => {
    f.run = await waitForDagRun(f.conn, DAG_ID, f.runId, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
    assert.equal(f.run.state, 'success', `run ${f.runId} ended ${f.run.state}`);
  });
  let tryNumber = 1;
  await check(`Airflow ${major}: our client reads the task log with the echoed conf value`, async () => {
    tryNumber = (await getTaskInstance(f.conn, DAG_ID, f.runId, TASK_ID)).tryNumber;
    assert.ok(tryNumber >= 1);
    const lines = await readTaskLog(f.conn, { dagId: DAG_ID, runId: f.runId, taskId: TASK_ID, tryNumber });
    assert.ok(lines.some((l) => l.includes(`greeting=${f.conf.env['GREETING']}`)), `no greeting line in ${lines.length} log lines`);
  });
  await check(`Airflow ${major}: our client reads the XCom (return_value, pod_name, pod_namespace)`, async () => {
    assert.ok(f.created, 'no pod was caught at its creation (see the trigger check)');
    const xcom = Object.fromEntries((await readXcomEntries(f.conn, { dagId: DAG_ID, runId: f.runId, taskId: TASK_ID })).map((e) => [e.key, e.value]));
    assert.deepEqual(xcom['return_value'], { greeting: f.conf.env['GREETING'] });
    assert.equal(xcom['pod_name'], (f.created?.['metadata'] as Json)['name']);
    assert.equal(xcom['pod_namespace'], f.namespace);
  });
  await check(`Airflow ${major}: our preview with the same conf equals Airflow's pod (server-side dry run)`, async () => {
    assert.ok(f.created, 'no pod was caught at its creation (see the trigger check)');
    const ours = await renderPreview({ dagFile: DAG_FILE, conf: f.conf, runId: f.runId, tryNumber, airflowVersion: f.conn.version, logicalDate: f.run?.logicalDate ?? null });
    const diffs = await comparePreview(rawApiFromKubeconfig(f.cluster.env.kubeconfig), f.namespace, ours, f.created ?? {});
    assert.deepEqual(diffs, [], diffs.join('\n'));
  });
}

/** A TLS server's CA, for the client (caPem) and the CLI (--ca-file); nothing for plain http. */
const trust = (server: StartedAirflow): { caPem?: string } => (server.tls ? { caPem: server.tls.caPem } : {});
const caArgs = (server: StartedAirflow): string[] => (server.tls ? ['--ca-file', server.tls.caFile] : []);

async function expectRefusal(attempt: Promise<unknown>, reason: string, status: number | undefined): Promise<void> {
  const error = await attempt.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof AirflowError, `expected an AirflowError, got ${String(error)}`);
  assert.equal(error.reason, reason, error.message);
  assert.equal(error.status, status, error.message);
}

async function errorPaths(f: Flow, check: Check): Promise<void> {
  const major = f.server.major;
  await check(`Airflow ${major}: bad credentials → ${major === 3 ? '401' : '403'} Unauthorized, password not in the message`, async () => {
    const wrong = `not-${f.server.password}`;
    const bad = await AirflowConnection.open({ url: f.server.url, credentials: { kind: 'password', username: f.server.username, password: wrong }, ...trust(f.server) });
    try {
      const error = await triggerDagRun(bad, { dagId: DAG_ID, conf: {} }).then(() => undefined, (e: unknown) => e);
      await expectRefusal(Promise.reject(error), 'Unauthorized', major === 3 ? 401 : 403);
      assert.ok(!(error as Error).message.includes(wrong));
    } finally {
      bad.close();
    }
  });
  await check(`Airflow ${major}: unknown DAG → 404 DagNotFound`, () =>
    expectRefusal(triggerDagRun(f.conn, { dagId: 'kt_no_such_dag', conf: {} }), 'DagNotFound', 404));
  await check(`Airflow ${major}: duplicate run id → 409 DuplicateRun`, () =>
    expectRefusal(triggerDagRun(f.conn, { dagId: DAG_ID, conf: f.conf, runId: f.runId }), 'DuplicateRun', 409));
  await check(`Airflow ${major}: kubetasks trigger exits 4 on a duplicate run id and 2 on a bad --conf`, async () => {
    const env = { KUBETASKS_AIRFLOW_USERNAME: f.server.username, KUBETASKS_AIRFLOW_PASSWORD: f.server.password };
    const dup = await cliTrigger([DAG_ID, '--server', f.server.url, '--run-id', f.runId, ...caArgs(f.server)], env);
    assert.equal(dup.code, 4, dup.stderr);
    assert.match(dup.stderr, /409/);
    assert.ok(!dup.stderr.includes(f.server.password));
    const bad = await cliTrigger([DAG_ID, '--server', f.server.url, '--conf', '[1]', ...caArgs(f.server)], env);
    assert.equal(bad.code, 2, bad.stderr);
  });
  await check(`Airflow ${major}: kubetasks trigger --wait --output json exits 0 when the run succeeds`, async () => {
    const env = { KUBETASKS_AIRFLOW_URL: f.server.url, KUBETASKS_AIRFLOW_USERNAME: f.server.username, KUBETASKS_AIRFLOW_PASSWORD: f.server.password };
    const conf = { ...f.conf, env: { GREETING: 'from-the-cli' } };
    const done = await cliTrigger([DAG_ID, '--conf', JSON.stringify(conf), '--wait', '--output', 'json', ...caArgs(f.server)], env);
    assert.equal(done.code, 0, done.stderr);
    const out = JSON.parse(done.stdout) as { state: string; api: string; runId: string };
    assert.equal(out.state, 'success');
    assert.equal(out.api, major === 3 ? 'v2' : 'v1');
    assert.match(done.stderr, /: running\n/);
    assert.ok(!done.stderr.includes(f.server.password) && !done.stdout.includes(f.server.password));
  });
}

/** Every check of one major; the namespace (and the kept pod in it) is deleted afterwards. */
export async function judgeMajor(server: StartedAirflow, cluster: TestCluster, check: Check): Promise<void> {
  const namespace = await freshNamespace(cluster, server.major);
  const conn = await AirflowConnection.open({ url: server.url, credentials: { kind: 'password', username: server.username, password: server.password }, ...trust(server) });
  const flow: Flow = {
    server, cluster, namespace, conn, runId: `kt-judge-${server.major}-${randomBytes(3).toString('hex')}`,
    conf: { namespace, image: 'debian:12', env: { GREETING: `hello-from-conf-airflow-${server.major}` } },
  };
  try {
    await happyPath(flow, check);
    await errorPaths(flow, check);
  } finally {
    conn.close();
    await cluster.core.deleteNamespace({ name: namespace, propagationPolicy: 'Background' }).catch(() => undefined);
  }
}
