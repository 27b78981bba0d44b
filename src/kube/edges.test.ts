// Retry, resume and abort edges against a loopback server that misbehaves on purpose. The same paths run against
// the real kube-apiserver in test/cluster/kube-*.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { after, test } from 'node:test';
import { createKubeClient } from './cluster.js';
import { KubeError } from './errors.js';
import type { LogItem } from './logs.js';
import { kubeconfigText, sendJson, startLoopback, statusBody } from './testing/loopback.js';
import type { Loopback } from './testing/loopback.js';
import type { WatchEvent } from './watch.js';

let throttled = false;
let drop = false;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);
process.on('unhandledRejection', onUnhandled);
after(() => {
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, [], 'no unhandled rejection in any edge test');
});

async function withServer(handler: (req: IncomingMessage, res: ServerResponse) => void, body: (s: Loopback) => Promise<void>, onUpgrade?: (req: IncomingMessage, socket: Duplex) => void): Promise<void> {
  const s = await startLoopback(handler, onUpgrade);
  try {
    await body(s);
  } finally {
    await s.close();
  }
}

const pod = (name: string, rv: string) => ({ metadata: { name, uid: `uid-${name}`, resourceVersion: rv, managedFields: [{ manager: 'x' }] } });

test('a 429 is retried after Retry-After; lists are paged and lose managedFields', () =>
  withServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://x');
    if (url.searchParams.get('limit') !== '2') return sendJson(res, 400, statusBody(400, 'BadRequest', 'limit missing'));
    if (!url.searchParams.get('continue')) {
      if (!throttled) {
        throttled = true;
        return sendJson(res, 429, statusBody(429, 'TooManyRequests', 'slow down'), { 'Retry-After': '0' });
      }
      return sendJson(res, 200, { metadata: { continue: 'page2', resourceVersion: '5' }, items: [pod('a', '1'), pod('b', '2')] });
    }
    sendJson(res, 200, { metadata: { resourceVersion: '6' }, items: [pod('c', '3')] });
  }, async (s) => {
    const list = await createKubeClient(kubeconfigText(s.url)).list('Pod', { pageSize: 2 });
    assert.deepEqual(list.items.map((p) => p.metadata?.name), ['a', 'b', 'c']);
    assert.ok(list.items.every((p) => !('managedFields' in (p.metadata ?? {}))));
    assert.equal(list.resourceVersion, '6');
    assert.deepEqual(s.requests, ['GET /api/v1/namespaces/ns/pods?limit=2', 'GET /api/v1/namespaces/ns/pods?limit=2', 'GET /api/v1/namespaces/ns/pods?limit=2&continue=page2']);
  }));

test('an abort reaches the HTTP request: the server sees the connection close and the caller gets Aborted', async () => {
  let serverSawClose: () => void = () => undefined;
  const closed = new Promise<void>((r) => (serverSawClose = r));
  await withServer((req) => req.socket.on('close', serverSawClose), async (s) => {
    const ac = new AbortController();
    const pending = createKubeClient(kubeconfigText(s.url)).get('Pod', 'p', { signal: ac.signal });
    await new Promise((r) => setImmediate(r));
    while (s.requests.length === 0) await new Promise((r) => setImmediate(r));
    ac.abort();
    const e = await pending.then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof KubeError && e.reason === 'Aborted', String(e));
    await closed;
  });
});

test('a watch relists on 410 reporting only what changed, shows reconnecting on other errors, and stops quietly on abort', async () => {
  let lists = 0;
  let watches = 0;
  await withServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://x');
    if (url.searchParams.get('watch') !== 'true') {
      lists++;
      const items = lists === 1 ? [pod('x', '5')] : [pod('x', '5'), pod('a', '11'), pod('b', '12')];
      return sendJson(res, 200, { metadata: { resourceVersion: lists === 1 ? '10' : '12' }, items });
    }
    watches++;
    assert.equal(url.searchParams.get('allowWatchBookmarks'), 'true');
    assert.ok(Number(url.searchParams.get('timeoutSeconds')) < 30);
    if (watches === 2) return sendJson(res, 500, statusBody(500, 'InternalError', 'etcd is down'));
    res.writeHead(200, { 'content-type': 'application/json' });
    if (watches === 1) {
      res.write(JSON.stringify({ type: 'ADDED', object: pod('a', '11') }) + '\n');
      return res.end(JSON.stringify({ type: 'ERROR', object: statusBody(410, 'Expired', 'too old resource version') }) + '\n');
    }
    assert.equal(url.searchParams.get('resourceVersion'), '12', 'resumes from the relist');
    res.write(JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '13' } } }) + '\n');
    res.write(JSON.stringify({ type: 'MODIFIED', object: pod('b', '14') }) + '\n');
  }, async (s) => {
    const ac = new AbortController();
    const seen: string[] = [];
    for await (const ev of createKubeClient(kubeconfigText(s.url)).watch('Pod', { signal: ac.signal, backoff: { initialMs: 5 } }) as AsyncIterable<WatchEvent>) {
      if (ev.type === 'SYNCED') seen.push(`SYNCED relisted=${ev.relisted}`);
      else if (ev.type === 'RECONNECTING') seen.push(`RECONNECTING ${ev.error.reason}`);
      else seen.push(`${ev.type} ${ev.object.metadata?.name}@${ev.object.metadata?.resourceVersion}`);
      if (ev.type === 'MODIFIED') ac.abort();
    }
    assert.deepEqual(seen, ['ADDED x@5', 'SYNCED relisted=false', 'ADDED a@11', 'ADDED b@12', 'SYNCED relisted=true', 'RECONNECTING ServerError', 'MODIFIED b@14']);
  });
});

test('a follow cut mid-line resumes with sinceTime and delivers every line once', async () => {
  const queries: URLSearchParams[] = [];
  await withServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://x');
    if (!url.pathname.endsWith('/log')) return sendJson(res, 200, { status: { containerStatuses: [{ name: 'base', state: { terminated: { exitCode: 0 } } }] } });
    queries.push(url.searchParams);
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (queries.length === 1) {
      res.write('2026-12-06T10:00:01.5Z one\n2026-12-06T10:00:02.25Z two\n2026-12-06T10:00:02.25Z two\n2026-12-06T10:00:03.1Z thr');
      return void setImmediate(() => res.socket?.destroy());
    }
    res.end('2026-12-06T10:00:02.1Z older\n2026-12-06T10:00:02.25Z two\n2026-12-06T10:00:02.25Z two\n2026-12-06T10:00:03.1Z three\n2026-12-06T10:00:04Z four\n');
  }, async (s) => {
    const items: LogItem[] = [];
    for await (const item of createKubeClient(kubeconfigText(s.url)).streamLogs('p', 'base', { follow: true, backoff: { initialMs: 5 } })) items.push(item);
    assert.deepEqual(items.map((i) => (i.type === 'line' ? i.text : i.type)), ['one', 'two', 'two', 'reconnecting', 'three', 'four']);
    assert.equal(queries[0]?.get('timestamps'), 'true');
    assert.equal(queries[1]?.get('sinceTime'), '2026-12-06T10:00:02Z');
  });
});

test("a log request answered non-200 keeps the server's message", () =>
  withServer((_req, res) => sendJson(res, 400, statusBody(400, 'BadRequest', 'container "base" in pod "p" is waiting to start: ContainerCreating')), async (s) => {
    const read = async () => {
      for await (const item of createKubeClient(kubeconfigText(s.url)).streamLogs('p', 'base', { follow: true })) void item;
    };
    await assert.rejects(read(), (e: unknown) => e instanceof KubeError && /is waiting to start: ContainerCreating/.test(e.message));
  }));

/** Accepts a channel WebSocket and hands the raw socket to `then`. */
function acceptChannel(then: (socket: Duplex) => void): (req: IncomingMessage, socket: Duplex) => void {
  return (req, socket) => {
    const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n`);
    then(socket);
  };
}
const frame = (channel: number, text: string) => {
  const payload = Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);
  return Buffer.concat([Buffer.from([0x82, payload.length]), payload]);
};

test('exec reads the exit code from the status channel, and rejects when the socket closes without one', async () => {
  await withServer(() => undefined, async (s) => {
    const client = createKubeClient(kubeconfigText(s.url));
    const ok = await client.exec('p', 'c', ['sh', '-c', 'exit 3']);
    assert.deepEqual(ok, { exitCode: 3, stdout: 'out', stderr: 'err' });
    const e = await client.exec('p', 'c', ['drop']).then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof KubeError && e.reason === 'Unreachable' && /closed before the command reported its exit status/.test(e.message), String(e));
  }, acceptChannel((socket) => {
    socket.on('data', () => undefined);
    if (!drop) {
      drop = true;
      socket.write(Buffer.concat([frame(1, 'out'), frame(2, 'err'), frame(3, JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } }))]));
    } else setImmediate(() => socket.destroy());
  }));
});
