// src/kube across kube-apiserver restarts (etcd keeps the data; run-suite.sh runs this file in its restart pass).
// A watch reconnects (showing RECONNECTING), relists when the restarted server answers 410 for the old
// resourceVersion or resumes otherwise, and ends up knowing exactly what a fresh list shows, with no change reported
// twice. A log follow survives five restarts and delivers every line exactly once (sinceTime + skip, log-resume.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KubeObject, LogItem, WatchEvent } from '../../src/kube/index.js';
import { controlApiserver, controlPlaneSettled, startTestCluster, withTestCluster } from '../harness/k8s/cluster.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { testPod } from '../harness/k8s/fixtures.js';
import { createPodLogs } from '../harness/k8s/pod-logs.js';
import type { PodLogFile } from '../harness/k8s/pod-logs.js';
import { waitFor } from '../harness/k8s/wait.js';
import { clientFor, failOnUnhandledRejections } from './kube-test-kit.js';

// After another restart file and after this one, KCM must serve new namespaces again (controlPlaneSettled).
const settleTimeout = { timeout: 300_000 };
before(async () => {
  await startTestCluster();
  await controlPlaneSettled();
}, settleTimeout);
after(controlPlaneSettled, settleTimeout);

failOnUnhandledRejections();

function collect<T>(stream: AsyncIterable<T>): { items: T[]; done: Promise<void> } {
  const items: T[] = [];
  const done = (async () => {
    for await (const item of stream) items.push(item);
  })();
  return { items, done };
}

/** What the watch's events say exists now: uid → resourceVersion. */
function stateFrom(events: WatchEvent[]): Map<string, string> {
  const state = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'ADDED' || e.type === 'MODIFIED') state.set(e.object.metadata?.uid ?? '', e.object.metadata?.resourceVersion ?? '');
    if (e.type === 'DELETED') state.delete(e.object.metadata?.uid ?? '');
  }
  return state;
}

const named = (e: WatchEvent): string => ('object' in e ? `${e.type} ${e.object.metadata?.name}` : e.type);

async function watchAcrossRestarts(t: TestNamespace): Promise<void> {
  const kube = clientFor(t);
  await kube.create(testPod('before') as KubeObject);
  const ac = new AbortController();
  const w = collect(kube.watch('Pod', { signal: ac.signal }));
  try {
    await waitFor('initial list', 10_000, async () => w.items.some((e) => e.type === 'SYNCED'));
    for (const round of [1, 2]) {
      const reconnecting = () => w.items.filter((e) => e.type === 'RECONNECTING').length;
      const before = reconnecting();
      controlApiserver('apiserver-stop');
      await waitFor('the watch to show it is reconnecting', 30_000, async () => reconnecting() > before);
      controlApiserver('apiserver-start');
      // changes made while the watch is still backing off must arrive exactly once
      await waitFor('API back', 30_000, async () => (await kube.create(testPod(`gap-${round}`) as KubeObject)) !== undefined);
      await kube.delete('Pod', round === 1 ? 'before' : 'gap-1', { gracePeriodSeconds: 0 });
      await waitFor(`ADDED gap-${round}`, 60_000, async () => w.items.some((e) => named(e) === `ADDED gap-${round}`));
    }
    await kube.create(testPod('after') as KubeObject);
    await waitFor('ADDED after', 30_000, async () => w.items.some((e) => named(e) === 'ADDED after'));
    // the watch's picture equals a fresh list once kwok stops updating the pods
    await waitFor('watch state == list', 60_000, async () => {
      const list = await kube.list('Pod');
      const listed = new Map(list.items.map((p) => [p.metadata?.uid ?? '', p.metadata?.resourceVersion ?? '']));
      return JSON.stringify([...stateFrom(w.items)].sort()) === JSON.stringify([...listed].sort());
    });
  } finally {
    ac.abort();
    await w.done;
  }
  for (const name of ['before', 'gap-1', 'gap-2', 'after']) assert.equal(w.items.filter((e) => named(e) === `ADDED ${name}`).length, 1, `ADDED ${name} once`);
  for (const name of ['before', 'gap-1']) assert.equal(w.items.filter((e) => named(e) === `DELETED ${name}`).length, 1, `DELETED ${name} once`);
  const versions = w.items.flatMap((e) => (e.type === 'ADDED' || e.type === 'MODIFIED' ? [`${e.object.metadata?.uid}@${e.object.metadata?.resourceVersion}`] : []));
  assert.equal(new Set(versions).size, versions.length, 'no object version reported twice');
  const syncs = w.items.filter((e) => e.type === 'SYNCED');
  assert.ok(syncs.length >= 1, 'listed at least once');
  const reconnects = w.items.filter((e) => e.type === 'RECONNECTING');
  assert.ok(reconnects.every((e) => e.type === 'RECONNECTING' && e.delayMs >= 1000 && e.delayMs <= 30_000), 'backoff between 1 s and 30 s');
}

/** A running pod whose log the test writes (kwok serves it once its informer saw the Logs object). */
async function talkerLogs(t: TestNamespace): Promise<PodLogFile> {
  const kube = clientFor(t);
  await kube.create(testPod('talker') as KubeObject);
  await waitFor('pod talker Running', 30_000, async () => ((await kube.get('Pod', 'talker'))['status'] as { phase?: string }).phase === 'Running');
  return createPodLogs(t, 'talker', 'base');
}

async function followAcrossRestarts(t: TestNamespace, file: PodLogFile): Promise<void> {
  const kube = clientFor(t);
  const expected: string[] = [];
  const append = (lines: string[]) => {
    file.append(lines);
    expected.push(...lines);
  };
  append(['start 1', 'start 2']);
  const ac = new AbortController();
  const f = collect<LogItem>(kube.streamLogs('talker', 'base', { follow: true, signal: ac.signal }));
  const texts = () => f.items.flatMap((i) => (i.type === 'line' ? [i.text] : []));
  try {
    await waitFor('the first lines', 10_000, async () => texts().length === expected.length);
    for (let round = 1; round <= 5; round++) {
      controlApiserver('apiserver-stop');
      append([`round ${round}: written while the API server is down`, `round ${round}: same second, same text`, `round ${round}: same second, same text`]);
      controlApiserver('apiserver-start');
      append([`round ${round}: after the restart`]);
      await waitFor(`round ${round} delivered`, 60_000, async () => texts().at(-1) === `round ${round}: after the restart`);
    }
  } finally {
    ac.abort();
    await f.done;
  }
  assert.deepEqual(texts(), expected);
  assert.ok(f.items.filter((i) => i.type === 'reconnecting').length >= 5, 'each restart was visible as reconnecting');
}

// One namespace and the log pod set up before any restart: right after restarts, KCM (serviceaccounts of a new
// namespace) and kwok (new Logs objects) can take longer than the harness waits.
// seven restarts take about two minutes on 2 busy cores: more than run-suite.sh's default 180 s per test allows
test('src/kube across kube-apiserver restarts', { timeout: 600_000 }, (tt) =>
  withTestCluster(async (t) => {
    const file = await talkerLogs(t);
    await tt.test('a watch survives restarts: reconnecting, relist on 410 or resume, no lost and no duplicated event', () => watchAcrossRestarts(t));
    await tt.test('a log follow across five restarts delivers every line exactly once', () => followAcrossRestarts(t, file));
  }));
