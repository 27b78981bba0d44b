/**
 * The Airflow REST client (issue 16), the only Airflow I/O: one server, its API detected by probing
 * (version.ts), its credentials applied per request (auth.ts), every failure mapped by errors.ts. The calls and
 * bodies are the ones measured on Airflow 3.3.2 (/api/v2) and 2.11.2 (/api/v1) in ../shared/docs/real-airflow.md.
 */
import { AuthSession, parseTokenAnswer, type AirflowCredentials } from './auth.js';
import { AirflowError, errorFromResponse, type ErrorContext } from './errors.js';
import { parseJsonObject } from './parse.js';
import { createTransport, type HttpAnswer, type SendHttp } from './transport.js';
import { decideApi, type ApiVersion, type ServerVersion } from './version.js';

export interface AirflowServerOptions {
  /** Base URL of the Airflow web/API server, e.g. http://127.0.0.1:8080 (a path prefix is kept). */
  url: string;
  credentials: AirflowCredentials;
  /** PEM text of a CA to trust besides Node's roots (TLS stays verified). */
  caPem?: string;
  /** Fail a request whose socket is idle this long (default 30 000 ms). */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApiCall {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below `/api/vN`, each segment already encoded (see `segment`). */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  accept?: string;
  /** For messages: "trigger DAG x". */
  what: string;
  /** A 404 here means the DAG is unknown. */
  dagPath?: boolean;
  signal?: AbortSignal;
}

/** One path segment, percent-encoded (run ids such as `manual__2026-…+00:00` hold `+` and `:`). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The base URL without a trailing slash; a URL that is not http(s) is an input error. */
export function normaliseBaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AirflowError('Invalid', `"${url}" is not a URL; give the Airflow server's base URL, e.g. http://127.0.0.1:8080`, { cause: url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AirflowError('Invalid', `${url}: only http and https Airflow servers are supported`, { cause: url });
  }
  if (parsed.username || parsed.password) {
    throw new AirflowError('Invalid', 'put credentials in KUBETASKS_AIRFLOW_USERNAME/PASSWORD, KUBETASKS_AIRFLOW_TOKEN or netrc, not in the URL', { cause: parsed.host });
  }
  parsed.pathname = parsed.pathname.replace(/\/+$/, '');
  parsed.search = '';
  parsed.hash = '';
  return parsed;
}

export class AirflowConnection {
  readonly api: ApiVersion;
  readonly version: string;
  readonly baseUrl: URL;
  private readonly send: SendHttp;
  private readonly closeTransport: () => void;
  private readonly auth: AuthSession;

  private constructor(base: URL, server: ServerVersion, transport: { send: SendHttp; close(): void }, credentials: AirflowCredentials) {
    this.baseUrl = base;
    this.api = server.api;
    this.version = server.version;
    this.send = transport.send;
    this.closeTransport = transport.close;
    this.auth = new AuthSession({ credentials, api: server.api, fetchToken: (u, p) => this.fetchToken(u, p) });
  }

  /** Probes the server's API and returns a connection for it. */
  static async open(opts: AirflowServerOptions): Promise<AirflowConnection> {
    const base = normaliseBaseUrl(opts.url);
    const transport = createTransport({ ...(opts.caPem ? { caPem: opts.caPem } : {}), ...(opts.idleTimeoutMs ? { idleTimeoutMs: opts.idleTimeoutMs } : {}) });
    try {
      const probe = (api: ApiVersion): Promise<HttpAnswer> => transport.send({
        method: 'GET', url: urlOf(base, `/api/${api}/version`), headers: { accept: 'application/json' },
        what: `probe ${base.href}`, ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const v2 = await probe('v2');
      let decided = decideApi(v2, undefined, base.href);
      if (decided === 'probe-v1') decided = decideApi(v2, await probe('v1'), base.href) as ServerVersion;
      return new AirflowConnection(base, decided, transport, opts.credentials);
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  /** One API call with auth; a 401 on Airflow 3 with a password renews the JWT and retries once. */
  async call(call: ApiCall): Promise<Record<string, unknown>> {
    const text = await this.callText(call);
    return parseJsonObject(text, call.what);
  }

  /** As `call`, returning the answer's text (task logs as text/plain on Airflow 2). */
  async callText(call: ApiCall): Promise<string> {
    let answer = await this.once(call);
    if (answer.status === 401 && this.auth.canRenew) {
      await this.auth.renew();
      answer = await this.once(call);
    }
    if (answer.status < 200 || answer.status > 299) throw errorFromResponse(this.context(call), answer.status, answer.text);
    return answer.text;
  }

  close(): void {
    this.closeTransport();
  }

  private context(call: ApiCall): ErrorContext {
    return { what: call.what, api: this.api, ...(call.dagPath ? { dagPath: true } : {}) };
  }

  private async once(call: ApiCall): Promise<HttpAnswer> {
    const url = urlOf(this.baseUrl, `/api/${this.api}${call.path}`, call.query);
    const authorization = await this.auth.header();
    const headers: Record<string, string> = { accept: call.accept ?? 'application/json' };
    if (authorization) headers['authorization'] = authorization;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return this.send({
      method: call.method, url, headers, what: call.what,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      ...(call.signal ? { signal: call.signal } : {}),
    });
  }

  /** `POST /auth/token` (Airflow 3's auth managers): 201 {"access_token"}. */
  private async fetchToken(username: string, password: string): Promise<string> {
    const what = `log in to ${this.baseUrl.href} as ${username}`;
    const answer = await this.send({
      method: 'POST', url: urlOf(this.baseUrl, '/auth/token'), what,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (answer.status < 200 || answer.status > 299) throw errorFromResponse({ what, api: this.api }, answer.status, answer.text);
    const token = parseTokenAnswer(answer.text);
    if (!token) throw new AirflowError('ServerError', `${what}: the answer holds no access_token`, { status: answer.status, cause: answer.text });
    return token;
  }
}

function urlOf(base: URL, path: string, query: Record<string, string | undefined> = {}): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}
