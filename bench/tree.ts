/**
 * bench/tree (issue 14): the Tasks tree over 5,000 Airflow-labelled pods on kwok's node, beside
 * `kubectl get pods -w` on the same namespace in the same run. Measured: time to first tree data (our list+watch →
 * ObjectStore → TaskTreeBuilder → diff → index, as the adapter does, vs kubectl printing the 5,000th pod),
 * event-to-tree latency at the 95th percentile (a pod created → its node in the rebuilt tree, with the adapter's
 * batching: at most one rebuild per 100 ms, vs kubectl printing it), and heap and RSS growth of this process (which
 * runs exactly the tree's watch and model code) vs kubectl's RSS.
 * It starts its own kwok-only cluster (own state directory and ports) and stops it.
 *
 *   node --expose-gc --import tsx bench/tree.ts            (also run by `npm run bench`)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openKubeClient, type KubeClient } from '../src/kube/index.js';
import { startTaskWatches } from '../src/providers/tasks-watch.js';
import { ChangeBatch, diffTrees, flushDelay, ObjectStore, TaskTreeBuilder, TreeIndex, type TaskNode } from '../src/tasks/index.js';

const repo = path.resolve(import.meta.dirname, '..');
const PODS = Number(process.env['BENCH_TREE_PODS'] ?? 5000);
const EVENTS = 100;
/** BENCH_TREE_TRACE=1: memory every 20 events (where RSS grows: V8 heap, buffers, or native). */
const TRACE = process.env['BENCH_TREE_TRACE'] === '1';
/** Watch reports so far (a relist shows as `synced` again, a dropped watch as `reconnecting`). */
const counts = { ADDED: 0, MODIFIED: 0, DELETED: 0, synced: 0, reconnecting: 0, failed: 0 };
const memoryText = (): string => {
  const m = process.memoryUsage();
  return ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'].map((k) => `${k} ${(m[k as keyof NodeJS.MemoryUsage] / 2 ** 20).toFixed(0)} MB`).join(', ') + `; watch reports ${JSON.stringify(counts)}`;
};
const BATCH_MS = 100; // src/providers/tasks-tree.ts
const NS = 'bench-tree';
const env = {
  ...process.env, KUBETASKS_K8S_STATE: '/tmp/kubetasks-bench-tree', KUBETASKS_REAL_NODE: '0', ETCD_PORT: '45790', ETCD_PEER_PORT: '45800',
  API_PORT: '45443', KCM_PORT: '45257', SCHED_PORT: '45259', KWOK_PORT: '45250', KUBELET_PORT: '45251', KUBELET_HEALTHZ_PORT: '45252', REGISTRY_PORT: '45253',
};
const kubeconfig = path.join(env.KUBETASKS_K8S_STATE, 'kubeconfig');

function harness(step: 'up' | 'down'): void {
  const r = spawnSync('bash', [path.join(repo, 'test/harness/k8s/run-suite.sh'), step], { env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`cluster ${step} failed (${r.status})`);
}

function kubectlPath(): string {
  const dir = path.join(process.env['HOME'] ?? '/root', '.cache/kubetasks/k8s');
  const build = fs.readdirSync(dir).find((d) => d.startsWith('k8s-v'));
  if (!build) throw new Error(`no kubectl under ${dir}`);
  return path.join(dir, build, 'kubectl');
}

function pod(i: number, prefix: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `${prefix}-${i}`, labels: { kubernetes_pod_operator: 'True', dag_id: `dag-${i % 50}`, task_id: `task-${i % 7}`, run_id: `manual__bench-${i % 20}`, try_number: '1' } },
    spec: { nodeSelector: { type: 'kwok' }, tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }], containers: [{ name: 'base', image: 'busybox:1.36' }] },
  };
}

async function createPods(client: KubeClient, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await client.create(pod(next++, 'p') as never, { namespace: NS });
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** kubectl's watch: resolves each name's first print time. */
function kubectlWatch(): { proc: ChildProcess; seen: Map<string, number> } {
  const proc = spawn(kubectlPath(), ['--kubeconfig', kubeconfig, 'get', 'pods', '-w', '-n', NS, '-l', 'kubernetes_pod_operator=True', '--no-headers', '-o', 'name'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen = new Map<string, number>();
  // a watch kubectl gave up shows as a timeout below; say why
  proc.on('exit', (code) => { if (code !== null && !proc.killed) console.error(`bench/tree: kubectl get pods -w exited with ${code}`); });
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const name = line.trim().replace(/^pod\//, '');
    if (!seen.has(name)) seen.set(name, performance.now());
  });
  return { proc, seen };
}

/** How many pods a tree shows, from the by-id index the adapter keeps (`Pod:<namespace>/<name>`). */
const podCount = (byId: TreeIndex): number => {
  let n = 0;
  for (const node of byId.values()) if (node.id.startsWith('Pod:')) n++;
  return n;
};

interface TreeModel {
  shows: (pod: string) => boolean;
  pods: () => number;
  /** Calls `f` after each rebuild until the returned function is called. */
  onRebuild: (f: () => void) => () => void;
}

/**
 * The tree's model fed by the tree's own watches, rebuilt at most every 100 ms as the adapter does
 * (src/providers/tasks-tree.ts: apply the batch, rebuild the touched runs, diff against the shown tree, index by id).
 */
function treeModel(client: KubeClient, signal: AbortSignal): TreeModel {
  const store = new ObjectStore();
  const batch = new ChangeBatch();
  const builder = new TaskTreeBuilder();
  let tree: TaskNode[] = [];
  const byId = new TreeIndex();
  const listeners = new Set<() => void>();
  let lastFlushAt: number | undefined;
  const flush = (): void => {
    lastFlushAt = Date.now();
    store.apply(batch.take());
    const next = builder.build({ records: [], objects: store.list(), grouping: 'dag', now: Math.floor(Date.now() / 1000) * 1000 }); // as the adapter: on the second
    diffTrees(tree, next);
    tree = next;
    byId.update(next);
    listeners.forEach((f) => f());
  };
  void startTaskWatches(client, NS, signal, {
    change: (c) => {
      counts[c.type]++;
      if (batch.add(c)) setTimeout(flush, flushDelay(lastFlushAt, Date.now(), BATCH_MS));
    },
    status: (_, s) => { counts[s.state]++; },
  });
  return { shows: (name) => byId.get(`Pod:${NS}/${name}`) !== undefined, pods: () => podCount(byId), onRebuild: (f) => { listeners.add(f); return () => listeners.delete(f); } };
}

/** When `check` first holds; the subscription ends then (a poller left running would load this very process). */
function until(check: () => boolean, subscribe: (f: () => void) => () => void, timeoutMs: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let stop = (): void => undefined;
    const timer = setTimeout(() => { stop(); reject(new Error(`timed out: ${what}`)); }, timeoutMs);
    const test = (): boolean => {
      if (!check()) return false;
      clearTimeout(timer);
      stop();
      resolve(performance.now());
      return true;
    };
    if (!test()) stop = subscribe(test);
  });
}

const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** `EVENTS` single-pod creates, one at a time: how long until the tree, and kubectl, show each. */
async function eventLatencies(client: KubeClient, model: TreeModel, seen: Map<string, number>, poll: (f: () => void) => () => void): Promise<[number[], number[]]> {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const name = `e-${i}`;
    const start = performance.now();
    await client.create(pod(i, 'e') as never, { namespace: NS });
    const [a, b] = await Promise.all([
      until(() => model.shows(name), model.onRebuild, 60_000, `tree shows ${name}`),
      until(() => seen.has(name), poll, 60_000, `kubectl prints ${name}`),
    ]);
    ours.push(a - start);
    theirs.push(b - start);
    if (TRACE && i % 20 === 19) console.log(`after ${i + 1} events: ${memoryText()}`);
  }
  return [ours, theirs];
}

async function measure(client: KubeClient): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await createPods(client, PODS);
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed / 2 ** 20;
  const rss0 = process.memoryUsage().rss / 2 ** 20;
  const life = new AbortController();
  setMaxListeners(0, life.signal); // every watch and each of its backoff waits listen on it
  const t0 = performance.now();
  const kubectl = kubectlWatch();
  const model = treeModel(client, life.signal);
  const poll = (f: () => void): (() => void) => { const i = setInterval(f, 5); return () => clearInterval(i); };
  const [ours, theirs] = await Promise.all([
    until(() => model.pods() >= PODS, model.onRebuild, 600_000, 'tree with every pod'),
    until(() => kubectl.seen.size >= PODS, poll, 600_000, 'kubectl listing every pod'),
  ]);
  const rssListed = process.memoryUsage().rss / 2 ** 20 - rss0;
  if (TRACE) console.log(`before the watches: rss ${rss0.toFixed(0)} MB; every pod shown: ${memoryText()}`);
  const [ourLat, theirLat] = await eventLatencies(client, model, kubectl.seen, poll);
  global.gc?.();
  const heap = process.memoryUsage().heapUsed / 2 ** 20 - heap0;
  const rss = process.memoryUsage().rss / 2 ** 20 - rss0;
  const kubectlRss = rssOf(kubectl.proc.pid ?? 0);
  life.abort();
  kubectl.proc.kill();
  const row = (m: string, a: number, b: number, goal: string): string => `| ${m} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)}× | ${goal} |`;
  console.log(`\n${PODS} pods, ${EVENTS} events, namespace ${NS}\n| Measure | KubeTasks | kubectl get pods -w | Ratio | Goal |\n|---|---|---|---|---|`);
  console.log(row('Time to first tree data (ms)', ours - t0, theirs - t0, '≤ 1000 ms'));
  console.log(row('Event → tree update, p95 (ms)', p95(ourLat), p95(theirLat), '≤ 200 ms'));
  console.log(row('Memory growth (MB; ours: RSS, heap ' + heap.toFixed(0) + ' MB; kubectl: RSS)', rss, kubectlRss, '≤ 100 MB'));
  console.log(`(RSS growth when every pod was first shown: ${rssListed.toFixed(0)} MB)`);
}

async function main(): Promise<void> {
  harness('up');
  const client = openKubeClient({ kubeconfigPath: kubeconfig });
  try {
    await measure(client);
  } finally {
    client.close();
    harness('down');
  }
}

// Exits when done: after a failure the tree's watches would otherwise keep retrying the stopped cluster's port.
main().then(() => process.exit(), (error: unknown) => {
  console.error(`bench/tree: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
