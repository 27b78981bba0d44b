// Test helper for the real test cluster (kube-apiserver + etcd + KCM + scheduler + kwok's node + the real node).
// startTestCluster() starts it once per process through start.sh (which builds the binaries on a cold
// cache) unless run-suite.sh already manages it (KUBETASKS_K8S_MANAGED=1). withTestCluster() gives
// each test a fresh namespace and deletes it afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { waitFor } from './wait.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const START_SCRIPT = join(HERE, 'start.sh');
const STOP_SCRIPT = join(HERE, 'stop.sh');

export interface ClusterEnv {
  kubeconfig: string;
  state: string;
  api: string;
  node: string;
  podLogsDir: string;
  execRoot: string;
  /** One unprivileged host user per entry (uid:gid from KUBETASKS_K8S_EXEC_IDS); never root. */
  execUsers: { uid: number; gid: number }[];
  /** The real node (kubelet + containerd) when start.sh ran it; empty otherwise. */
  realNode: string;
  /** The real node's address on the harness's bridge, the bridge's name, the loopback registry host:port. */
  nodeIp: string;
  bridge: string;
  registry: string;
  /** The control-plane binaries (kubectl among them). */
  bin: string;
}

export interface TestCluster {
  env: ClusterEnv;
  kc: KubeConfig;
  core: CoreV1Api;
  batch: BatchV1Api;
  custom: CustomObjectsApi;
  rbac: RbacAuthorizationV1Api;
}

export interface TestNamespace extends TestCluster {
  namespace: string;
}

let started: Promise<TestCluster> | undefined;

export function stateDir(): string {
  return process.env['KUBETASKS_K8S_STATE'] ?? join(process.env['TMPDIR'] ?? '/tmp', 'kubetasks-k8s');
}

/** Parses the `export K=V` lines start.sh writes to $STATE/env. */
export function readClusterEnv(state = stateDir()): ClusterEnv {
  const vars = new Map<string, string>();
  for (const line of readFileSync(join(state, 'env'), 'utf8').split('\n')) {
    const m = /^export ([A-Z0-9_]+)="?(.*?)"?$/.exec(line);
    if (m?.[1]) vars.set(m[1], m[2] ?? '');
  }
  const get = (k: string): string => {
    const v = vars.get(k);
    if (v === undefined) throw new Error(`${k} missing from ${join(state, 'env')}`);
    return v;
  };
  // written by start.sh since the real node; an older env file has none of them
  const optional = (k: string): string => vars.get(k) ?? '';
  return {
    kubeconfig: get('KUBECONFIG'),
    state: get('KUBETASKS_K8S_STATE'),
    api: get('KUBETASKS_K8S_API'),
    node: get('KUBETASKS_K8S_NODE'),
    podLogsDir: get('KUBETASKS_K8S_PODLOGS'),
    execRoot: get('KUBETASKS_K8S_EXEC_ROOT'),
    execUsers: get('KUBETASKS_K8S_EXEC_IDS')
      .split(' ')
      .filter(Boolean)
      .map((id) => {
        const [uid = '', gid = ''] = id.split(':');
        return { uid: Number(uid), gid: Number(gid) };
      }),
    realNode: optional('KUBETASKS_K8S_REAL_NODE'),
    nodeIp: optional('KUBETASKS_K8S_NODE_IP'),
    bridge: optional('KUBETASKS_NODE_BRIDGE'),
    registry: optional('KUBETASKS_REGISTRY'),
    bin: optional('KUBETASKS_K8S_BIN'),
  };
}

export function makeClients(kubeconfigPath: string): TestCluster {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const env = readClusterEnv();
  return {
    env,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    rbac: kc.makeApiClient(RbacAuthorizationV1Api),
  };
}

function runScript(script: string, args: string[] = []): { ok: boolean; stderr: string } {
  // stdio: the build and start progress goes to our stderr; the script's own ERROR line explains failures
  const r = spawnSync('bash', [script, ...args], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  process.stderr.write(r.stderr ?? '');
  return { ok: r.status === 0, stderr: r.stderr ?? '' };
}

/** Starts the cluster (building it first on a cold cache) once per process. Fails loudly, never skips. */
export function startTestCluster(): Promise<TestCluster> {
  started ??= (async () => {
    if (process.env['KUBETASKS_K8S_MANAGED'] !== '1') {
      const r = runScript(START_SCRIPT);
      if (!r.ok) throw new Error(`test cluster failed to start (bash ${START_SCRIPT}); see its ERROR line above`);
      // stop at exit only what this process started; an already running cluster belongs to someone else
      if (!r.stderr.includes('already running')) process.once('exit', () => void runScript(STOP_SCRIPT));
    }
    return makeClients(readClusterEnv().kubeconfig);
  })();
  return started;
}

/** Runs start.sh subcommands (apiserver-stop / apiserver-start) for restart tests. */
export function controlApiserver(action: 'apiserver-stop' | 'apiserver-start'): void {
  const r = runScript(START_SCRIPT, [action]);
  if (!r.ok) throw new Error(`start.sh ${action} failed`);
}

/**
 * How long KCM may take to give a new namespace its "default" ServiceAccount. Normally well under a second; after
 * kube-apiserver restarts (the restart pass) KCM's informers reconnect with backoff, and a backlog of namespace
 * deletions shares KCM's client rate limit with the serviceaccount controller, so the bound is generous.
 */
const SERVICE_ACCOUNT_BOUND_MS = 180_000;

/**
 * Creates `name` and waits until it is ready for bare pods: ServiceAccount admission refuses pods until KCM's
 * serviceaccount controller made "default" in it.
 */
export async function createReadyNamespace(cluster: TestCluster, name: string, labels: Record<string, string>): Promise<void> {
  await cluster.core.createNamespace({ body: { metadata: { name, labels } } });
  await defaultServiceAccount(cluster, name);
}

/** Waits for the "default" ServiceAccount of an existing namespace (see createReadyNamespace). */
export async function defaultServiceAccount(cluster: TestCluster, namespace: string): Promise<void> {
  await waitFor(`kube-controller-manager to create serviceaccount default in ${namespace}`, SERVICE_ACCOUNT_BOUND_MS, async () => {
    await cluster.core.readNamespacedServiceAccount({ namespace, name: 'default' });
    return true;
  });
}

/**
 * Waits until the control plane serves a new namespace again (a throwaway one, deleted after). The restart tests
 * run it last, so whatever runs after them (the airflow and host phases) meets a settled KCM.
 */
export async function controlPlaneSettled(): Promise<void> {
  const cluster = await startTestCluster();
  const name = `kt-settle-${randomBytes(4).toString('hex')}`;
  await waitFor('kube-apiserver', 60_000, async () => (await cluster.core.listNamespace({ limit: 1 })) !== undefined);
  try {
    await createReadyNamespace(cluster, name, { 'kubetasks.test/smoke': 'true' });
  } finally {
    await cluster.core.deleteNamespace({ name, propagationPolicy: 'Background' }).catch(() => undefined);
  }
}

/** A fresh namespace per test, ready for bare pods (its default ServiceAccount exists); deleted afterwards. */
export async function withTestCluster<T>(fn: (t: TestNamespace) => Promise<T>): Promise<T> {
  const cluster = await startTestCluster();
  const namespace = `kt-${randomBytes(4).toString('hex')}`;
  try {
    await createReadyNamespace(cluster, namespace, { 'kubetasks.test/smoke': 'true' });
    return await fn({ ...cluster, namespace });
  } finally {
    await cluster.core.deleteNamespace({ name: namespace, propagationPolicy: 'Background' }).catch(() => undefined);
  }
}
