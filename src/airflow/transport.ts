/**
 * One HTTP(S) exchange with an Airflow server over node:http / node:https: TLS verified by default (a custom CA is
 * added to Node's roots, never replaces verification), the caller's AbortSignal reaches the socket, and an idle
 * socket fails with a Timeout instead of hanging. Answers of every status come back as text; errors.ts decides
 * what a non-2xx means.
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { toAirflowError } from './errors.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Absolute URL. */
  url: URL;
  headers: Record<string, string>;
  /** Sent as is (the caller serialises JSON). */
  body?: string;
  signal?: AbortSignal;
  /** What the request does, for error messages. */
  what: string;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface TransportOptions {
  /** PEM text of extra CA certificates trusted besides Node's roots. */
  caPem?: string;
  /** Fail with Timeout when no byte moves this long (default 30 000 ms). */
  idleTimeoutMs?: number;
}

export type SendHttp = (request: HttpRequest) => Promise<HttpAnswer>;

/** A sender bound to one server's TLS settings, with a keep-alive agent. */
export function createTransport(opts: TransportOptions = {}): { send: SendHttp; close(): void } {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true, ...(opts.caPem ? { ca: [...rootCertificates, opts.caPem] } : {}) });
  const idleTimeoutMs = opts.idleTimeoutMs ?? 30_000;
  const send: SendHttp = (request) => new Promise<HttpAnswer>((resolve, reject) => {
    const secure = request.url.protocol === 'https:';
    const lib = secure ? https : http;
    const server = request.url.origin;
    const fail = (error: unknown): void => reject(toAirflowError(error, request.what, server));
    const req = lib.request(request.url, {
      method: request.method,
      headers: { ...request.headers, ...(request.body === undefined ? {} : { 'content-length': Buffer.byteLength(request.body) }) },
      agent: secure ? httpsAgent : httpAgent,
      ...(request.signal ? { signal: request.signal } : {}),
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', fail);
    });
    req.setTimeout(idleTimeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${idleTimeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', fail);
    req.end(request.body);
  });
  return { send, close: () => { httpAgent.destroy(); httpsAgent.destroy(); } };
}
