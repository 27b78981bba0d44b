// The `airflow` phase of `npm test` (issue 16): a real Airflow 3.3.2 and 2.11.2, one after the other (each takes
// about 1 GiB), on loopback with SQLite, their kubernetes_default connection pointing at the shared test cluster
// (run-suite.sh up started it; $KUBETASKS_K8S_STATE/kubeconfig). e2e.ts holds the checks. Prints
// `airflow: N passed, N failed`; an Airflow or a cluster that cannot start is a failure, never a skip.
// Airflow 3 serves its API over https with a CA the run generates (tls.ts): e2e.ts's whole judge then trusts that CA,
// and tls-checks.ts adds the missing and wrong CA cases (plain http stays judged by Airflow 2 here and by the host
// phase's Airflow 3). `--no-tls` runs Airflow 3 over plain http instead.
// Usage: node --import tsx test/airflow/run-airflow.ts [--major 2|3] [--no-tls]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeClients, readClusterEnv, stateDir, type TestCluster } from '../harness/k8s/cluster.js';
import { provisionVenv, startAirflow, type Major, type StartedAirflow } from './airflow-server.js';
import { judgeMajor, type Check } from './e2e.js';
import { SERVER_POPULATED } from './pod-compare.js';
import { judgeTls } from './tls-checks.js';
import { generateTestTls } from './tls.js';

let passed = 0;
let failed = 0;

const check: Check = async (name, fn) => {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n  ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n  ')}`);
  }
};

function cluster(): TestCluster {
  const state = stateDir();
  if (!existsSync(join(state, 'env'))) throw new Error(`no running test cluster in ${state} (run test/harness/k8s/run-suite.sh up first)`);
  return makeClients(readClusterEnv(state).kubeconfig);
}

/** Interrupted (Ctrl-C, a CI timeout): stop the running Airflow by PID before leaving. */
let running: StartedAirflow | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running?.stop();
    process.exit(130);
  });
}

async function judge(major: Major, test: TestCluster, withTls: boolean): Promise<void> {
  let server: StartedAirflow | undefined;
  await check(`Airflow ${major}: provisioned and started on loopback (SQLite, auth on${withTls ? ', https with a test CA' : ''})`, async () => {
    const python = provisionVenv(major);
    server = startAirflow(major, python, join(import.meta.dirname, 'dags'), test.env.kubeconfig, withTls ? generateTestTls() : undefined);
    running = server;
    console.log(`airflow: Airflow ${major} at ${server.url} (home ${server.home})`);
  });
  if (!server) return;
  try {
    await judgeMajor(server, test, check);
    if (withTls) await judgeTls(server, check);
  } catch (error) {
    await check(`Airflow ${major}: judge ran to its end`, () => Promise.reject(error));
  } finally {
    if (failed > 0) console.log(`airflow: Airflow ${major} logs (tail):\n${server.logTail()}`);
    await check(`Airflow ${major}: stopped by PID, nothing left running`, async () => server?.stop());
    running = undefined;
  }
}

async function run(): Promise<void> {
  const at = process.argv.indexOf('--major');
  const majors: Major[] = at >= 0 ? [Number(process.argv[at + 1]) as Major] : [3, 2];
  console.log(`airflow: the preview comparison ignores only the pod name's random suffix and ${SERVER_POPULATED.join(', ')}`);
  let test: TestCluster | undefined;
  await check('the shared test cluster is running', async () => { test = cluster(); });
  const tls = !process.argv.includes('--no-tls');
  if (test) for (const major of majors) await judge(major, test, tls && major === 3);
  console.log(`airflow: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

run().catch((error: unknown) => {
  console.log(`FAIL the airflow judge crashed: ${error instanceof Error ? error.stack : String(error)}`);
  console.log(`airflow: ${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});
