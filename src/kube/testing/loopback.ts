/**
 * A loopback node:http "API server" for unit tests of edges a real kube-apiserver cannot be made to produce on
 * demand (a 429, a dropped connection, a socket that closes without a status). Each behaviour is also covered by a
 * real-cluster test (test/cluster/kube-*.test.ts). Test-only: nothing in the product imports this file.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Loopback {
  url: string;
  port: number;
  /** Requests seen, as `METHOD path?query`. */
  requests: string[];
  close: () => Promise<void>;
}

export function kubeconfigText(server: string, user = 'token: not-a-secret'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: loop, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
    `users: [{name: u, user: {${user}}}]`,
    'contexts: [{name: loop-ctx, context: {cluster: loop, user: u, namespace: ns}}]',
    'current-context: loop-ctx',
  ].join('\n');
}

export async function startLoopback(handler: http.RequestListener, onUpgrade?: (req: http.IncomingMessage, socket: Duplex) => void): Promise<Loopback> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  // upgraded sockets leave the server's bookkeeping: close() must end them itself
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  if (onUpgrade) server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => onUpgrade(req, socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function statusBody(code: number, reason: string, message: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}
