/**
 * Credentials for one Airflow server and the Authorization header they give (issue 16):
 * - Airflow 3 (`/api/v2`): a JWT from `POST /auth/token` ({"username","password"} → 201 {"access_token"}; the
 *   simple and the FAB auth managers both serve it), renewed before it expires (its `exp` claim) and once more
 *   when the server answers 401; or a bearer token the user already has (never renewed).
 * - Airflow 2 (`/api/v1`): HTTP basic auth (`[api] auth_backends` …basic_auth); a given token is sent as bearer.
 * The secrets live only in this object: no message or log line carries them.
 */

export type AirflowCredentials =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'token'; token: string }
  | { kind: 'none' };

/** Renew a JWT this long before its `exp` (clock skew between us and the server, slow requests). */
export const JWT_RENEW_MARGIN_MS = 60_000;

/** The `exp` claim of a JWT in milliseconds since the epoch; undefined when the token is not a readable JWT. */
export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined; // an opaque token: it is used until the server refuses it
  }
}

/** True when a held JWT must be renewed before the next request. */
export function needsRenewal(expiresAtMs: number | undefined, nowMs: number): boolean {
  return expiresAtMs !== undefined && nowMs >= expiresAtMs - JWT_RENEW_MARGIN_MS;
}

/** The `Authorization` value of HTTP basic auth (RFC 7617, UTF-8). */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** The access token of a `POST /auth/token` answer, or undefined when the body holds none. */
export function parseTokenAnswer(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { access_token?: unknown };
    return typeof body.access_token === 'string' && body.access_token !== '' ? body.access_token : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches a new JWT (POST /auth/token); injected so the session logic stays testable. */
export type FetchToken = (username: string, password: string) => Promise<string>;

/** The Authorization header for each request, with the JWT kept and renewed as Airflow 3 needs. */
export class AuthSession {
  private jwt: string | undefined;
  private expiresAtMs: number | undefined;
  private readonly credentials: AirflowCredentials;
  private readonly api: 'v1' | 'v2';
  private readonly fetchToken: FetchToken;
  private readonly now: () => number;
  constructor(init: { credentials: AirflowCredentials; api: 'v1' | 'v2'; fetchToken: FetchToken; now?: () => number }) {
    this.credentials = init.credentials;
    this.api = init.api;
    this.fetchToken = init.fetchToken;
    this.now = init.now ?? Date.now;
  }

  /** Whether a 401 may be answered by fetching a new JWT and retrying once. */
  get canRenew(): boolean {
    return this.api === 'v2' && this.credentials.kind === 'password';
  }

  async header(): Promise<string | undefined> {
    const c = this.credentials;
    if (c.kind === 'none') return undefined;
    if (c.kind === 'token') return `Bearer ${c.token}`;
    if (this.api === 'v1') return basicAuthorization(c.username, c.password);
    if (this.jwt === undefined || needsRenewal(this.expiresAtMs, this.now())) await this.renew();
    return `Bearer ${this.jwt ?? ''}`;
  }

  /** Drops the held JWT and fetches a new one (after a 401, or when it is about to expire). */
  async renew(): Promise<void> {
    const c = this.credentials;
    if (c.kind !== 'password') return;
    this.jwt = undefined;
    const token = await this.fetchToken(c.username, c.password);
    this.jwt = token;
    this.expiresAtMs = jwtExpiryMs(token);
  }
}
