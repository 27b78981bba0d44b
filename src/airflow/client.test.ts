// Retry and renewal paths a real Airflow cannot be made to produce on demand (a revoked or nearly expired JWT, a
// silent socket), against a small loopback node:http stand-in (STYLE.md "Tests"). The real Airflow 3 and 2 cover
// the same paths in the `airflow` phase (test/airflow/run-airflow.ts).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { AirflowConnection } from './client.js';
import { isDagPaused, waitForDagRun } from './dag-runs.js';
import { AirflowError } from './errors.js';

interface Stub {
  url: string;
  issued: string[];
  revoked: Set<string>;
  seen: string[];
  /** Seconds from now that new tokens expire. */
  ttlSeconds: number;
  api: 'v1' | 'v2';
  polls?: number;
}

const servers: http.Server[] = [];
after(() => servers.forEach((s) => s.close()));

function jwt(n: number, ttlSeconds: number): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS512' })}.${part({ sub: 'admin', n, exp: Math.floor(Date.now() / 1000) + ttlSeconds })}.sig`;
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function startStub(api: 'v1' | 'v2', ttlSeconds = 86_400): Promise<Stub> {
  const stub: Stub = { url: '', issued: [], revoked: new Set(), seen: [], ttlSeconds, api };
  const server = http.createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    stub.seen.push(`${req.method} ${req.url} ${auth.split(' ')[0] ?? ''}`);
    if (req.url === `/api/${api}/version`) return answer(res, 200, { version: api === 'v2' ? '3.3.2' : '2.11.2' });
    if (req.url?.endsWith('/version')) return answer(res, 404, { detail: 'Not Found' });
    if (req.url === '/auth/token' && req.method === 'POST') {
      const token = jwt(stub.issued.length, stub.ttlSeconds);
      stub.issued.push(token);
      return answer(res, 201, { access_token: token });
    }
    if (req.url === `/api/${api}/dags/silent`) return undefined; // never answers
    if (req.url === `/api/${api}/dags/d/dagRuns/r1`) { // silent once, then the run's final state
      stub.polls = (stub.polls ?? 0) + 1;
      return stub.polls === 1 ? undefined : answer(res, 200, { dag_id: 'd', dag_run_id: 'r1', state: 'success', conf: {} });
    }
    const token = auth.replace(/^Bearer /, '');
    if (api === 'v2' && (!stub.issued.includes(token) || stub.revoked.has(token))) return answer(res, 401, { detail: 'Not authenticated' });
    if (api === 'v1' && auth !== `Basic ${Buffer.from('admin:pw').toString('base64')}`) return answer(res, 403, { title: 'Forbidden', status: 403 });
    return answer(res, 200, { dag_id: 'd', is_paused: true });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

const password = { kind: 'password' as const, username: 'admin', password: 'pw' };

test('Airflow 3: a JWT the server refuses (401) is renewed once and the request retried', async () => {
  const stub = await startStub('v2');
  const conn = await AirflowConnection.open({ url: stub.url, credentials: password });
  try {
    assert.equal(conn.api, 'v2');
    assert.equal(await isDagPaused(conn, 'd'), true);
    stub.revoked.add(stub.issued[0] ?? '');
    assert.equal(await isDagPaused(conn, 'd'), true);
    assert.equal(stub.issued.length, 2);
    assert.deepEqual(stub.seen.filter((s) => s.startsWith('GET /api/v2/dags')).length, 3);
  } finally {
    conn.close();
  }
});

test('Airflow 3: a JWT about to expire is renewed before the request', async () => {
  const stub = await startStub('v2', 30); // inside the 60 s renewal margin
  const conn = await AirflowConnection.open({ url: stub.url, credentials: password });
  try {
    await isDagPaused(conn, 'd');
    await isDagPaused(conn, 'd');
    assert.equal(stub.issued.length, 2);
    assert.ok(!stub.seen.some((s) => s.includes('401')));
  } finally {
    conn.close();
  }
});

test('Airflow 2: probed after v2, basic auth, 403 reported as a credentials problem', async () => {
  const stub = await startStub('v1');
  const conn = await AirflowConnection.open({ url: `${stub.url}/`, credentials: password });
  try {
    assert.deepEqual([conn.api, conn.version], ['v1', '2.11.2']);
    assert.deepEqual(stub.seen.slice(0, 2), ['GET /api/v2/version ', 'GET /api/v1/version ']);
    assert.equal(await isDagPaused(conn, 'd'), true);
  } finally {
    conn.close();
  }
  const bad = await AirflowConnection.open({ url: stub.url, credentials: { ...password, password: 'nope' } });
  try {
    const error = await isDagPaused(bad, 'd').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AirflowError);
    assert.equal(error.reason, 'Unauthorized');
    assert.ok(!error.message.includes('nope'));
  } finally {
    bad.close();
  }
});

test('a silent server is a Timeout, a closed port Unreachable, a bad URL Invalid', async () => {
  const stub = await startStub('v2');
  const conn = await AirflowConnection.open({ url: stub.url, credentials: password, idleTimeoutMs: 200 });
  try {
    await assert.rejects(isDagPaused(conn, 'silent'), (e: unknown) => e instanceof AirflowError && e.reason === 'Timeout');
  } finally {
    conn.close();
  }
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(AirflowConnection.open({ url: `http://127.0.0.1:${port}`, credentials: password }),
    (e: unknown) => e instanceof AirflowError && e.reason === 'Unreachable');
  await assert.rejects(AirflowConnection.open({ url: 'ftp://x', credentials: password }), (e: unknown) => e instanceof AirflowError && e.reason === 'Invalid');
});

test('following a run rides out a poll that timed out', async () => {
  const stub = await startStub('v2');
  const conn = await AirflowConnection.open({ url: stub.url, credentials: password, idleTimeoutMs: 200 });
  try {
    const run = await waitForDagRun(conn, 'd', 'r1');
    assert.equal(run.state, 'success');
    assert.equal(stub.polls, 2);
  } finally {
    conn.close();
  }
});
