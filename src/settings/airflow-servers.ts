/**
 * The Airflow servers the editor knows (issue 16): `kubetasks.airflow.servers` (a restricted setting) plus the ones
 * added with "Add Airflow Server" (kept in globalState). Only `{name, url}` is ever stored here; the credentials go
 * to VS Code's SecretStorage under `secretKeyOf(url)`. Pure: the adapter passes the raw values it read.
 */
import type { AirflowServerSetting } from './settings.js';

/** How a server authenticates (the SecretStorage value, JSON). Mirrors src/airflow's AirflowCredentials. */
export type StoredCredentials =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'token'; token: string }
  | { kind: 'none' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `text` is not an Airflow base URL, or undefined when it is one. */
export function serverUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return `"${text}" is not a URL; give the Airflow server's base URL, e.g. http://127.0.0.1:8080`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${text}: only http and https Airflow servers are supported`;
  if (url.username || url.password) return 'do not put credentials in the URL: KubeTasks asks for them next and keeps them in SecretStorage';
  if (/\/api\/v[12]\/?$/.test(url.pathname)) return `${text}: give the server's base URL, without /api/v1 or /api/v2 (the API version is detected)`;
  return undefined;
}

/** The canonical form of a valid base URL (no trailing slash, no query): servers are keyed by it. */
export function normalizeServerUrl(text: string): string {
  const url = new URL(text.trim());
  url.search = '';
  url.hash = '';
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A default display name: the URL's host and port. */
export function defaultServerName(url: string): string {
  return new URL(url).host;
}

/** The servers remembered in globalState; anything malformed (a hand-edited or older value) is dropped. */
export function parseStoredServers(raw: unknown): AirflowServerSetting[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v) => {
    if (!isRecord(v) || typeof v['name'] !== 'string' || typeof v['url'] !== 'string') return [];
    if (v['name'] === '' || serverUrlProblem(v['url']) !== undefined) return [];
    return [{ name: v['name'], url: normalizeServerUrl(v['url']) }];
  });
}

/** Settings first (the workspace's choice), then the added ones; one entry per URL. */
export function mergeServers(fromSettings: readonly AirflowServerSetting[], stored: readonly AirflowServerSetting[]): AirflowServerSetting[] {
  const out: AirflowServerSetting[] = [];
  for (const s of [...fromSettings, ...stored]) {
    if (serverUrlProblem(s.url) !== undefined) continue;
    const url = normalizeServerUrl(s.url);
    if (!out.some((o) => o.url === url)) out.push({ name: s.name, url });
  }
  return out;
}

/** The stored list with `server` added or its name replaced. */
export function withServer(stored: readonly AirflowServerSetting[], server: AirflowServerSetting): AirflowServerSetting[] {
  const url = normalizeServerUrl(server.url);
  return [...stored.filter((s) => normalizeServerUrl(s.url) !== url), { name: server.name, url }];
}

/** The SecretStorage key of a server's credentials. */
export function secretKeyOf(url: string): string {
  return `kubetasks.airflow.credentials:${normalizeServerUrl(url)}`;
}

/** The SecretStorage value read back; undefined when it is missing or not ours. */
export function parseStoredCredentials(text: string | undefined): StoredCredentials | undefined {
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  if (raw['kind'] === 'none') return { kind: 'none' };
  if (raw['kind'] === 'token' && typeof raw['token'] === 'string' && raw['token'] !== '') return { kind: 'token', token: raw['token'] };
  if (raw['kind'] === 'password' && typeof raw['username'] === 'string' && typeof raw['password'] === 'string' && raw['username'] !== '') {
    return { kind: 'password', username: raw['username'], password: raw['password'] };
  }
  return undefined;
}

/** What may be shown about credentials: the kind and the user name, never a secret. */
export function describeStoredCredentials(c: StoredCredentials): string {
  if (c.kind === 'password') return `user ${c.username}`;
  return c.kind === 'token' ? 'a bearer token' : 'no authentication';
}
