// STAND-IN spark-operator controller for the test cluster (started by test/harness/k8s/start.sh).
// The real kubeflow spark-operator needs a JVM and Spark to submit; this process only plays its
// visible behaviour: driver (and executor) pods, and .status moving SUBMITTED -> RUNNING ->
// COMPLETED / FAILED (see plan.ts). It watches SparkApplications and their pods, re-lists every few
// seconds, and survives kube-apiserver restarts by re-establishing its watches.
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { planSparkApp } from './plan.js';
import type { SparkApp } from './types.js';

const GROUP = 'sparkoperator.k8s.io';
const VERSION = 'v1beta2';
const PLURAL = 'sparkapplications';
const APP_LABEL = 'sparkoperator.k8s.io/app-name';
const RESYNC_MS = 3000;

const kc = new KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(CoreV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const dirty = new Set<string>();
let wake: (() => void) | undefined;

function enqueue(namespace: string | undefined, name: string | undefined): void {
  if (!namespace || !name) return;
  dirty.add(`${namespace}/${name}`);
  wake?.();
}

function isCode(e: unknown, code: number): boolean {
  return e instanceof ApiException && e.code === code;
}

async function reconcile(namespace: string, name: string): Promise<void> {
  let app: SparkApp;
  try {
    app = (await custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, name })) as SparkApp;
  } catch (e) {
    if (isCode(e, 404)) return;
    throw e;
  }
  if (app.metadata.deletionTimestamp) return;
  const pods = await core.listNamespacedPod({ namespace, labelSelector: `${APP_LABEL}=${name}` });
  const plan = planSparkApp({ app, pods: pods.items, now: new Date(), uuid: randomUUID, hex32: () => randomBytes(16).toString('hex') });
  const created: V1Pod[] = [];
  for (const body of [...(plan.createDriver ? [plan.createDriver] : []), ...(plan.createExecutors ?? [])]) {
    try {
      created.push(await core.createNamespacedPod({ namespace, body }));
    } catch (e) {
      if (isCode(e, 409)) continue;
      if (!plan.createDriver) throw e;
      const errorMessage = `failed to create driver pod: ${e instanceof Error ? e.message : String(e)}`;
      plan.status = { ...plan.status, applicationState: { state: 'SUBMISSION_FAILED', errorMessage } };
      break;
    }
  }
  for (const pod of plan.deleteExecutors ?? []) {
    await core.deleteNamespacedPod({ namespace, name: pod }).catch((e: unknown) => {
      if (!isCode(e, 404)) throw e;
    });
  }
  if (plan.status && JSON.stringify(plan.status) !== JSON.stringify(app.status ?? {})) {
    await custom.patchNamespacedCustomObjectStatus(
      { group: GROUP, version: VERSION, namespace, plural: PLURAL, name, body: { status: plan.status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    log(`${namespace}/${name}: ${app.status?.applicationState?.state ?? '""'} -> ${plan.status.applicationState?.state}`);
  }
  if (created.length > 0 || plan.deleteExecutors) enqueue(namespace, name);
}

function log(msg: string): void {
  process.stdout.write(`${new Date().toISOString()} ${msg}\n`);
}

async function watchForever(path: string, query: Record<string, string>, onObject: (o: { metadata?: { namespace?: string; name?: string; labels?: Record<string, string> } }) => void): Promise<never> {
  for (;;) {
    await new Promise<void>((resolve) => {
      new Watch(kc)
        .watch(path, query, (_type, obj) => onObject(obj), () => resolve())
        .catch(() => resolve());
    });
    await new Promise((r) => setTimeout(r, 1000)); // apiserver away (restart test): retry calmly
  }
}

async function resyncForever(): Promise<never> {
  for (;;) {
    try {
      const list = (await custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL })) as { items: SparkApp[] };
      for (const a of list.items) enqueue(a.metadata.namespace, a.metadata.name);
    } catch {
      // kube-apiserver restarting; the next pass catches up
    }
    await new Promise((r) => setTimeout(r, RESYNC_MS));
  }
}

async function workForever(): Promise<never> {
  for (;;) {
    if (dirty.size === 0) await new Promise<void>((r) => (wake = r));
    wake = undefined;
    const [key] = dirty;
    if (!key) continue;
    dirty.delete(key);
    const [namespace = '', name = ''] = key.split('/');
    await reconcile(namespace, name).catch((e: unknown) => {
      log(`${key}: reconcile failed, retrying: ${e instanceof Error ? e.message : String(e)}`);
      setTimeout(() => enqueue(namespace, name), 1000);
    });
  }
}

async function main(): Promise<void> {
  // a just-established CRD can answer 429 "storage is (re)initializing" for a moment
  for (let attempt = 1; ; attempt++) {
    try {
      await custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL });
      break;
    } catch (e) {
      if (attempt >= 60) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  void watchForever(`/apis/${GROUP}/${VERSION}/${PLURAL}`, {}, (o) => enqueue(o.metadata?.namespace, o.metadata?.name));
  void watchForever('/api/v1/pods', { labelSelector: APP_LABEL }, (o) => enqueue(o.metadata?.namespace, o.metadata?.labels?.[APP_LABEL]));
  void resyncForever();
  log('spark-standin: watching sparkapplications.sparkoperator.k8s.io/v1beta2 (stand-in, not the real operator)');
  await workForever();
}

// no top-level await: tsx compiles .ts to CommonJS while package.json has no "type": "module"
main().catch((e: unknown) => {
  log(`spark-standin: fatal: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
