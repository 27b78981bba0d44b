/**
 * The module that wraps @kubernetes/client-node loads and works on the host's Node 20: client-node 2.x needs
 * undici 8 (Node ≥ 22.19), and package.json's `overrides` pins undici 7. A loopback server stands in for the API
 * server here only to prove the HTTP stack runs inside VS Code; the same path (listNamespaces, a restricted user's
 * 403) runs against the real kube-apiserver in test/cluster/kube-objects.test.ts.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKubeClient, KubeError } from '../../../src/kube/index.js';

function kubeconfigFor(port: number): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: loop, cluster: {server: "http://127.0.0.1:' + port + '", insecure-skip-tls-verify: true}}]',
    'users: [{name: u, user: {token: not-a-secret}}]',
    'contexts: [{name: loop-ctx, context: {cluster: loop, user: u}}]',
    'current-context: loop-ctx',
  ].join('\n');
}

async function withServer(handler: http.RequestListener, body: (port: number) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body((server.address() as AddressInfo).port);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

suite('kube client in the extension host (Node 20)', () => {
  test('lists namespaces through client-node', async () => {
    await withServer((req, res) => {
      // listed in pages (limit=…) like every list of src/kube
      assert.equal(new URL(req.url ?? '', 'http://x').pathname, '/api/v1/namespaces');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'default' } }, { metadata: { name: 'airflow' } }] }));
    }, async (port) => {
      const client = createKubeClient(kubeconfigFor(port));
      assert.equal(client.contextName, 'loop-ctx');
      assert.deepEqual(await client.listNamespaces(), ['default', 'airflow']);
    });
  });

  test('a 403 becomes a KubeError with reason Forbidden and the server message', async () => {
    await withServer((_req, res) => {
      res.statusCode = 403;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, message: 'namespaces is forbidden: User "u" cannot list resource "namespaces"' }));
    }, async (port) => {
      const error = await createKubeClient(kubeconfigFor(port)).listNamespaces().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof KubeError, String(error));
      assert.equal(error.reason, 'Forbidden');
      assert.equal(error.status, 403);
      assert.match(error.message, /cannot list resource "namespaces"/);
    });
  });
});
