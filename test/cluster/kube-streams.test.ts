// Watches, log follows and exec through src/kube against the real kube-apiserver (kwok serves pods/log and
// pods/exec for its pods, see test/harness/k8s/pod-logs.ts and pod-exec.ts). Aborting any of them mid-way ends it
// quietly: no unhandled rejection.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KubeError } from '../../src/kube/index.js';
import type { KubeClient, KubeObject, LogItem, WatchEvent } from '../../src/kube/index.js';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { testPod } from '../harness/k8s/fixtures.js';
import { createPodExec } from '../harness/k8s/pod-exec.js';
import { createPodLogs } from '../harness/k8s/pod-logs.js';
import { waitFor } from '../harness/k8s/wait.js';
import { clientFor, failOnUnhandledRejections } from './kube-test-kit.js';

failOnUnhandledRejections();

async function runningPod(kube: KubeClient, name: string, containers?: string[]): Promise<void> {
  await kube.create(testPod(name, { containers }) as KubeObject);
  await waitFor(`pod ${name} Running`, 30_000, async () => ((await kube.get('Pod', name))['status'] as { phase?: string }).phase === 'Running');
}

/** Collects a stream in the background; `done` settles when the iteration ends (it must not throw). */
function collect<T>(stream: AsyncIterable<T>): { items: T[]; done: Promise<void> } {
  const items: T[] = [];
  const done = (async () => {
    for await (const item of stream) items.push(item);
  })();
  return { items, done };
}

const named = (e: WatchEvent): string => (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED' ? `${e.type} ${e.object.metadata?.name}` : e.type);

test('a watch lists, then reports each change once across server-side watch ends (resumed, not relisted); abort ends it quietly', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    await kube.create(testPod('existing') as KubeObject);
    const ac = new AbortController();
    const w = collect(kube.watch('Pod', { signal: ac.signal, timeoutSeconds: 1 }));
    await waitFor('initial list', 10_000, async () => w.items.some((e) => e.type === 'SYNCED'));
    assert.equal(named(w.items[0] as WatchEvent), 'ADDED existing');
    const names = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    for (const name of names) {
      await kube.create(testPod(name, { labels: { round: '1' } }) as KubeObject);
      await waitFor(`ADDED ${name}`, 10_000, async () => w.items.some((e) => named(e) === `ADDED ${name}`));
      await kube.delete('Pod', name, { gracePeriodSeconds: 0 });
      await waitFor(`DELETED ${name}`, 10_000, async () => w.items.some((e) => named(e) === `DELETED ${name}`));
    }
    ac.abort();
    await w.done;
    for (const name of names) {
      assert.equal(w.items.filter((e) => named(e) === `ADDED ${name}`).length, 1, `one ADDED ${name}`);
      assert.equal(w.items.filter((e) => named(e) === `DELETED ${name}`).length, 1, `one DELETED ${name}`);
    }
    const versions = w.items.flatMap((e) => ('object' in e && e.type !== 'DELETED' ? [`${e.object.metadata?.uid}@${e.object.metadata?.resourceVersion}`] : []));
    assert.equal(new Set(versions).size, versions.length, 'no object version reported twice');
    assert.deepEqual(w.items.filter((e) => e.type === 'SYNCED' || e.type === 'RECONNECTING').map((e) => e.type), ['SYNCED'], 'one list, no reconnect');
  }));

test('logs: follow delivers appended lines; timestamps, tailLines, sinceTime and previous; a non-200 keeps the message; abort ends a follow', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    await runningPod(kube, 'talker');
    const file = await createPodLogs(t, 'talker', 'base');
    const stamps = file.append(['alpha', 'beta', 'gamma']);
    file.appendPrevious(['from the previous container']);
    const read = async (o: Parameters<KubeClient['streamLogs']>[2]) => {
      const lines: string[] = [];
      for await (const item of kube.streamLogs('talker', 'base', o)) if (item.type === 'line') lines.push(item.timestamp ? `${item.timestamp} ${item.text}` : item.text);
      return lines;
    };
    assert.deepEqual(await read({}), ['alpha', 'beta', 'gamma']);
    assert.deepEqual(await read({ timestamps: true }), stamps.map((s, i) => `${s} ${['alpha', 'beta', 'gamma'][i]}`));
    assert.deepEqual(await read({ tailLines: 1 }), ['gamma']);
    assert.deepEqual(await read({ tailLines: 0 }), [], 'tailLines 0 means none, not all');
    assert.deepEqual(await read({ previous: true }), ['from the previous container']);
    file.append(['later'], new Date(Date.now() + 2000));
    assert.deepEqual(await read({ sinceTime: new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z') }), ['later']);

    const wrongContainer = await (async () => {
      for await (const item of kube.streamLogs('talker', 'nope')) void item;
    })().then(() => undefined, (e: unknown) => e);
    assert.ok(wrongContainer instanceof KubeError, String(wrongContainer));
    assert.match(wrongContainer.message, /container nope is not valid for pod talker/);

    const ac = new AbortController();
    const f = collect<LogItem>(kube.streamLogs('talker', 'base', { follow: true, signal: ac.signal }));
    await waitFor('the lines so far', 10_000, async () => f.items.some((i) => i.type === 'line' && i.text === 'later'));
    file.append(['while following']);
    await waitFor('followed line', 10_000, async () => f.items.some((i) => i.type === 'line' && i.text === 'while following'));
    ac.abort();
    await f.done;
    assert.deepEqual(f.items.map((i) => (i.type === 'line' ? i.text : i.type)), ['alpha', 'beta', 'gamma', 'later', 'while following']);
  }));

test('exec: exit codes, stdout and stderr from the status channel, stdin, a timeout, and abort mid-exec', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    await runningPod(kube, 'shell', ['base', 'airflow-xcom-sidecar']);
    await createPodExec(t, 'shell', ['airflow-xcom-sidecar'], {});
    const run = (command: string[], o?: Parameters<KubeClient['exec']>[3]) => kube.exec('shell', 'airflow-xcom-sidecar', command, o);
    // kwok reads Exec objects through an informer: the first exec may race it
    await waitFor('kwok exec rule', 10_000, async () => (await run(['true'])).exitCode === 0);

    assert.deepEqual(await run(['sh', '-c', 'echo out; echo err >&2; exit 3']), { exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    assert.deepEqual(await run(['sh', '-c', 'echo fine']), { exitCode: 0, stdout: 'fine\n', stderr: '' });
    assert.deepEqual(await run(['sh', '-c', 'read line; echo "got $line"'], { stdin: 'hello\n' }), { exitCode: 0, stdout: 'got hello\n', stderr: '' });

    // the exec user may not write the pod's working directory: its pid goes to the shared temp folder
    const pidFile = join(tmpdir(), `kt-kube-exec-${t.namespace}.pid`);
    const killLeftover = () => {
      // closing the socket does not end the remote command: stop the one this test started, by its pid
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    };
    try {
      const timeout = await run(['sh', '-c', `echo $$ > ${pidFile}; exec sleep 120`], { timeoutMs: 1500 }).then(() => undefined, (e: unknown) => e);
      assert.ok(timeout instanceof KubeError && timeout.reason === 'Timeout', String(timeout));
      killLeftover();

      const ac = new AbortController();
      const pending = run(['sh', '-c', `echo $$ > ${pidFile}.2; exec sleep 120`], { signal: ac.signal }).then(() => undefined, (e: unknown) => e);
      await waitFor('the exec to run', 10_000, async () => existsSync(`${pidFile}.2`));
      ac.abort();
      const aborted = await pending;
      assert.ok(aborted instanceof KubeError && aborted.reason === 'Aborted', String(aborted));
      process.kill(Number(readFileSync(`${pidFile}.2`, 'utf8')), 'SIGKILL');
    } finally {
      try {
        killLeftover();
      } catch {
        // already gone: nothing to stop
      }
      rmSync(pidFile, { force: true });
      rmSync(`${pidFile}.2`, { force: true });
    }
  }));
