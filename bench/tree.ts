/**
 * bench/tree (issue 14): the Tasks tree over 5,000 Airflow-labelled pods on kwok's node, beside
 * `kubectl get pods -w` on the same namespace in the same run. Measured: time to first tree data (our list+watch →
 * ObjectStore → buildTaskTree, vs kubectl printing the 5,000th pod), event-to-tree latency at the 95th percentile
 * (a pod created → its node in the rebuilt tree, with the adapter's batching: at most one rebuild per 100 ms, vs kubectl printing it), and heap
 * and RSS growth of this process (which runs exactly the tree's watch and model code) vs kubectl's RSS.
 * It starts its own kwok-only cluster (own state directory and ports) and stops it.
 *
 *   node --import tsx bench/tree.ts            (also run by `npm run bench`)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openKubeClient, type KubeClient } from '../src/kube/index.js';
import { startTaskWatches } from '../src/providers/tasks-watch.js';
import { buildTaskTree, ChangeBatch, flushDelay, ObjectStore, type TaskNode } from '../src/tasks/index.js';

const repo = path.resolve(import.meta.dirname, '..');
const PODS = Number(process.env['BENCH_TREE_PODS'] ?? 5000);
const EVENTS = 100;
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
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const name = line.trim().replace(/^pod\//, '');
    if (!seen.has(name)) seen.set(name, performance.now());
  });
  return { proc, seen };
}

const countPods = (nodes: readonly TaskNode[]): Set<string> => {
  const names = new Set<string>();
  const walk = (n: readonly TaskNode[]): void => n.forEach((x) => { if (x.target?.kind === 'Pod') names.add(x.target.name ?? ""); walk(x.children); });
  walk(nodes);
  return names;
};

/** The tree's model fed by the tree's own watches, rebuilt at most every 100 ms as the adapter does. */
function treeModel(client: KubeClient, signal: AbortSignal): { shown: () => Set<string>; onRebuild: (f: () => void) => void } {
  const store = new ObjectStore();
  const batch = new ChangeBatch();
  let shown = new Set<string>();
  const listeners: Array<() => void> = [];
  let lastFlushAt: number | undefined;
  const flush = (): void => {
    lastFlushAt = Date.now();
    store.apply(batch.take());
    shown = countPods(buildTaskTree({ records: [], objects: store.list(), grouping: 'dag', now: Date.now() }));
    listeners.forEach((f) => f());
  };
  void startTaskWatches(client, NS, signal, {
    change: (c) => { if (batch.add(c)) setTimeout(flush, flushDelay(lastFlushAt, Date.now(), BATCH_MS)); },
    status: () => undefined,
  });
  return { shown: () => shown, onRebuild: (f) => listeners.push(f) };
}

function until(check: () => boolean, subscribe: (f: () => void) => void, timeoutMs: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), timeoutMs);
    const test = (): void => { if (check()) { clearTimeout(timer); resolve(performance.now()); } };
    subscribe(test);
    test();
  });
}

const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function measure(client: KubeClient): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await createPods(client, PODS);
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed / 2 ** 20;
  const rss0 = process.memoryUsage().rss / 2 ** 20;
  const life = new AbortController();
  setMaxListeners(0, life.signal); // one listener per awaited event
  const t0 = performance.now();
  const kubectl = kubectlWatch();
  const model = treeModel(client, life.signal);
  const poll = (f: () => void): void => { const i = setInterval(f, 5); life.signal.addEventListener('abort', () => clearInterval(i)); };
  const [ours, theirs] = await Promise.all([
    until(() => model.shown().size >= PODS, model.onRebuild, 600_000, 'tree with every pod'),
    until(() => kubectl.seen.size >= PODS, poll, 600_000, 'kubectl listing every pod'),
  ]);
  const ourLat: number[] = [];
  const theirLat: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const name = `e-${i}`;
    const start = performance.now();
    await client.create(pod(i, 'e') as never, { namespace: NS });
    const [a, b] = await Promise.all([
      until(() => model.shown().has(name), model.onRebuild, 60_000, `tree shows ${name}`),
      until(() => kubectl.seen.has(name), poll, 60_000, `kubectl prints ${name}`),
    ]);
    ourLat.push(a - start);
    theirLat.push(b - start);
  }
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

main().catch((error: unknown) => {
  console.error(`bench/tree: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
