import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { main } from './main.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['trigger', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

test('input errors exit 2 with a located message', async () => {
  const saved = process.env['KUBETASKS_AIRFLOW_URL'];
  delete process.env['KUBETASKS_AIRFLOW_URL'];
  try {
    assert.match((await run([])).stderr, /no DAG_ID given/);
    const noServer = await run(['d']);
    assert.equal(noServer.code, 2);
    assert.match(noServer.stderr, /give --server URL or set KUBETASKS_AIRFLOW_URL/);
    assert.match((await run(['d', '--server', 'not a url'])).stderr, /is not a URL/);
    const conf = await run(['d', '--server', 'http://127.0.0.1:1', '--conf', '[1]']);
    assert.equal(conf.code, 2);
    assert.match(conf.stderr, /--conf must be a JSON object/);
    assert.match((await run(['d', '--server', 'http://127.0.0.1:1', '--conf', '@/nonexistent.json'])).stderr, /--conf @\/nonexistent.json: ENOENT/);
    assert.equal((await run(['d', '--server', 'http://127.0.0.1:1', '--output', 'yaml'])).code, 2);
  } finally {
    if (saved !== undefined) process.env['KUBETASKS_AIRFLOW_URL'] = saved;
  }
});

test('a server that is not running exits 4 with what to check', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const result = await run(['d', '--server', `http://127.0.0.1:${port}`]);
  assert.equal(result.code, 4);
  assert.match(result.stderr, /cannot reach the Airflow server.*Check that the Airflow API server is running/);
});
