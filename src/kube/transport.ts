/**
 * HTTP(S) to the API server with node:http(s) and the kubeconfig's TLS and credentials (client-node's
 * `KubeConfig.applyToHTTPSOptions`). We own the request so the caller's AbortSignal reaches the socket, streamed
 * bodies are plain async iterables, a non-2xx answer keeps the server's Status message, and connections are reused
 * (client-node builds a new undici Agent per call, kubernetes-client/javascript#2893).
 */
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { sleep } from './backoff.js';
import { errorFromResponse, KubeError, toKubeError } from './errors.js';
import type { ResolvedKubeconfig } from './kubeconfig.js';

export type QueryValue = string | number | boolean | undefined | string[];

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the server URL, e.g. `/api/v1/namespaces/ns/pods`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Content-Type of `body` (default application/json; patches name their type). */
  contentType?: string;
  signal?: AbortSignal;
  /** What the request does, for error messages ("get pods/x"). */
  what: string;
  /** Fail with Timeout when the socket is idle this long (default 60 000; 0 = never). */
  idleTimeoutMs?: number;
}

/** Builds `path?query` with repeated keys for arrays (pods/exec `command=`). */
export function toUrlPath(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

async function readText(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += (chunk as Buffer).toString('utf8');
  return text;
}

export class Transport {
  private agent: http.Agent | undefined;
  private agentKey = '';
  readonly target: ResolvedKubeconfig;
  constructor(target: ResolvedKubeconfig) {
    this.target = target;
  }

  /** TLS options and headers for one request (exec plugins run here), with a reused keep-alive agent. */
  async requestOptions(method: string, extraHeaders: Record<string, string> = {}): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = { method, headers: {} };
    await this.target.kc.applyToHTTPSOptions(opts);
    opts.headers = { Accept: 'application/json', ...(opts.headers as Record<string, string>), ...extraHeaders };
    if (!this.target.kc.getCurrentCluster()?.proxyUrl) opts.agent = this.keepAliveAgent(opts);
    return opts;
  }

  private keepAliveAgent(opts: https.RequestOptions): http.Agent {
    const key = [opts.cert, opts.key, opts.ca].map((b) => (b ? String(b) : '')).join('\u0000');
    if (!this.agent || key !== this.agentKey) {
      this.agent?.destroy();
      const tls = { ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized, servername: opts.servername };
      this.agent = this.target.server.startsWith('http:') ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true, ...tls });
      this.agentKey = key;
    }
    return this.agent;
  }

  /** Sends the request; resolves with a 2xx response (body unread), rejects with a KubeError otherwise. */
  async open(spec: RequestSpec): Promise<IncomingMessage> {
    spec.signal?.throwIfAborted();
    try {
      const res = await this.send(spec);
      if (res.statusCode === 401 && this.target.kc.getCurrentUser()?.authProvider) {
        // an exec plugin's token may have been revoked before its expiry: run the plugin again once
        await readText(res);
        this.target.forgetCredentials();
        return await this.checked(await this.send(spec), spec.what);
      }
      return await this.checked(res, spec.what);
    } catch (error) {
      throw toKubeError(error, spec.what);
    }
  }

  private async checked(res: IncomingMessage, what: string): Promise<IncomingMessage> {
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const retryAfter = res.headers['retry-after'];
    throw errorFromResponse(what, status, await readText(res), Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  }

  private async send(spec: RequestSpec): Promise<IncomingMessage> {
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    // Content-Length always: node sends a DELETE body unframed (no chunking for DELETE), which corrupts a kept-alive socket
    const headers: Record<string, string> = payload === undefined ? {} : { 'Content-Type': spec.contentType ?? 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) };
    const opts = await this.requestOptions(spec.method, headers);
    // a server URL may carry a path prefix (Rancher's /k8s/clusters/<id>): append, never resolve
    const url = new URL(this.target.server.replace(/\/+$/, '') + toUrlPath(spec.path, spec.query));
    const request = url.protocol === 'http:' ? http.request : https.request;
    return new Promise((resolve, reject) => {
      const req = request(url, { ...opts, signal: spec.signal }, resolve);
      const idle = spec.idleTimeoutMs ?? 60_000;
      if (idle > 0) req.setTimeout(idle, () => req.destroy(new KubeError('Timeout', `${spec.what}: no answer from the server within ${idle / 1000} s. Check the connection to the cluster and retry.`, { cause: undefined })));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** A JSON request; a 429 is retried (up to 3 times) after the server's Retry-After. */
  async json<T>(spec: RequestSpec): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.open(spec);
        const text = await readText(res).catch((error: unknown) => {
          throw toKubeError(error, spec.what);
        });
        return (text === '' ? undefined : JSON.parse(text)) as T;
      } catch (error) {
        if (!(error instanceof KubeError) || error.reason !== 'TooManyRequests' || attempt >= 3) throw error;
        await sleep(Math.min(error.retryAfterSeconds ?? 1, 30) * 1000, spec.signal);
      }
    }
  }

  /** Releases pooled sockets. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
