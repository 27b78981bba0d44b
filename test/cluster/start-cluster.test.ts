// `npm start`'s cluster (scripts/start-cluster.sh, the part of npm start without the editor) started and stopped
// beside the running test cluster, as when a user keeps `npm start` open while `npm test` runs: neither notices.
// The test cluster keeps serving a real pod throughout (same pod, never restarted, its node Ready); the start
// cluster comes up with its own state directory and ports, runs the provider docs' write-xcom task to its XCom, and
// its stop restores the host (its own host-snapshot comparison). It uses a state directory and port block of its
// own (24xxx) so that a user's running npm start (25xxx, /tmp/kubetasks-start) is not touched either; that the
// default blocks are disjoint is checked in scripts/start-cluster.test.ts.
// Three tests, one per stage: each stays within run-suite.sh's per-test timeout on a loaded machine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { createReadyNamespace, startTestCluster, type TestCluster } from '../harness/k8s/cluster.js';
import { realPod, runReal } from '../harness/k8s/real-node.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const STATE = join(process.env['TMPDIR'] ?? tmpdir(), 'kubetasks-start-test');
const ENV = { ...process.env, KUBETASKS_START_STATE: STATE, KUBETASKS_START_PORT_BASE: '24000' };
const SLEEPER = 'keeps-serving';

let cluster: TestCluster;
let namespace: string;
let sleeperUid: string | undefined;
let stopped = false;

/** Runs a command to its end; the output is kept for the assertions and echoed on failure; `onOutput` hears each chunk. */
function run(cmd: string, args: string[], onOutput?: () => void): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: REPO, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (d: Buffer): void => {
      out += d.toString();
      onOutput?.();
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => done({ code, out }));
  });
}

/** The test cluster's view of its sleeper pod: still the same pod, Running, never restarted, on a Ready node. */
async function testClusterServes(): Promise<void> {
  const pod: V1Pod = await cluster.core.readNamespacedPod({ namespace, name: SLEEPER });
  assert.equal(pod.metadata?.uid, sleeperUid, 'the same pod');
  assert.equal(pod.status?.phase, 'Running');
  assert.equal(pod.status?.containerStatuses?.[0]?.restartCount, 0);
  const node = await cluster.core.readNode({ name: pod.spec?.nodeName ?? '' });
  assert.equal(node.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
}

/**
 * Runs the script stage and asks the test cluster whether it still serves before it, after it, and each time the
 * stage reports progress (each step it logs; a report arriving while a check runs is covered by that check).
 */
async function whileServing(stage: 'up' | 'down'): Promise<{ code: number | null; out: string; checks: number }> {
  let checks = 0;
  let checking = false;
  let failure: unknown;
  let pending = Promise.resolve();
  const check = (): void => {
    if (checking) return;
    checking = true;
    pending = pending.then(testClusterServes).then(() => void checks++, (e: unknown) => void (failure ??= e)).finally(() => (checking = false));
  };
  check();
  const result = await run('bash', ['scripts/start-cluster.sh', stage], check);
  await pending;
  check();
  await pending;
  if (failure !== undefined) throw failure;
  return { ...result, checks };
}

function status(): { state: string; step: string; kubeconfig: string } {
  return JSON.parse(readFileSync(join(STATE, 'start-status.json'), 'utf8')) as { state: string; step: string; kubeconfig: string };
}

before(async () => {
  cluster = await startTestCluster();
  namespace = `kt-${randomBytes(4).toString('hex')}`;
  await createReadyNamespace(cluster, namespace, { 'kubetasks.test/smoke': 'true' });
  const pod = await runReal({ ...cluster, namespace }, realPod(SLEEPER, [{ name: 'base', command: ['sleep', 'infinity'] }]));
  sleeperUid = pod.metadata?.uid;
});

after(async () => {
  if (!stopped && existsSync(join(STATE, 'pids'))) await run('bash', ['scripts/start-cluster.sh', 'down']);
  await cluster?.core.deleteNamespace({ name: namespace, propagationPolicy: 'Background' }).catch(() => undefined);
});

test("npm start's cluster comes up beside the running test cluster, which keeps serving", async () => {
  const up = await whileServing('up');
  assert.equal(up.code, 0, up.out);
  assert.ok(up.checks > 0);
  assert.equal(status().state, 'ready', up.out);
  assert.match(readFileSync(status().kubeconfig, 'utf8'), /server: "https:\/\/127\.0\.0\.1:24443"/);
  // a different cluster: its kube-apiserver is not the test cluster's
  assert.notEqual(cluster.kc.getCurrentCluster()?.server, 'https://127.0.0.1:24443');
});

test("the provider docs' write-xcom task runs on npm start's cluster to its XCom [1,2,3,4]", async () => {
  const launched = await run('node', ['--import', 'tsx', 'test/cluster/launch-cli-entry.ts', 'launch', 'examples/write-xcom.task.yaml',
    '--task', 'write-xcom', '--kubeconfig', status().kubeconfig, '--output', 'json']);
  assert.equal(launched.code, 0, launched.out);
  const outcome = JSON.parse(launched.out.trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '{}') as { outcome: string; xcom: unknown };
  assert.equal(outcome.outcome, 'success');
  assert.deepEqual(outcome.xcom, [1, 2, 3, 4]);
  await testClusterServes();
});

test("stopping npm start's cluster restores the host, and the test cluster never noticed", async () => {
  const down = await whileServing('down');
  stopped = true;
  assert.equal(down.code, 0, down.out);
  assert.match(down.out, /host restored/);
  assert.equal(status().state, 'stopped');
  assert.ok(!existsSync(join(STATE, 'pids', 'kube-apiserver.pid')), 'kube-apiserver of the start cluster stopped');
  await testClusterServes();
});
