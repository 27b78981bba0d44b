/**
 * Where the CLI finds an Airflow server and its credentials (issue 16): `--server` or `KUBETASKS_AIRFLOW_URL`;
 * `KUBETASKS_AIRFLOW_TOKEN` (a bearer token), else `KUBETASKS_AIRFLOW_USERNAME` + `KUBETASKS_AIRFLOW_PASSWORD`,
 * else the server host's entry in a netrc file (`NETRC`, else ~/.netrc; curl's and Python requests' rules:
 * `machine`, then `default`). The editor keeps credentials in SecretStorage instead. The values are never printed:
 * `describeCredentials` names only their source.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AirflowCredentials } from './auth.js';

export interface NetrcEntry {
  login?: string;
  password?: string;
}

/** Parses netrc text (tokens separated by any whitespace; `macdef` bodies skipped up to a blank line). */
export function parseNetrc(text: string): Map<string, NetrcEntry> {
  const machines = new Map<string, NetrcEntry>();
  const body = text.replace(/^\s*macdef\b[\s\S]*?(\n\s*\n|$)/gm, '\n');
  const tokens = body.split(/\s+/).filter(Boolean);
  let current: NetrcEntry | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === 'machine') {
      current = {};
      machines.set(tokens[++i] ?? '', current);
    } else if (token === 'default') {
      current = {};
      machines.set('', current);
    } else if (current && (token === 'login' || token === 'password')) {
      current[token] = tokens[++i] ?? '';
    } else if (current && token === 'account') i++;
  }
  return machines;
}

/** The netrc credentials for `host`: its `machine` entry, else the `default` entry. */
export function netrcCredentials(text: string, host: string): AirflowCredentials | undefined {
  const machines = parseNetrc(text);
  const entry = machines.get(host) ?? machines.get('');
  if (!entry?.login || entry.password === undefined) return undefined;
  return { kind: 'password', username: entry.login, password: entry.password };
}

export type CredentialSource = 'token' | 'password' | 'netrc' | 'none';

export interface ResolvedCredentials {
  credentials: AirflowCredentials;
  source: CredentialSource;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The credentials for `url` from the environment, else netrc; a half-given user/password pair is an input error. */
export function credentialsFromEnv(env: Env, url: URL, readFile: (file: string) => string | undefined = readOptional): ResolvedCredentials | string {
  const token = env['KUBETASKS_AIRFLOW_TOKEN'];
  if (token) return { credentials: { kind: 'token', token }, source: 'token' };
  const username = env['KUBETASKS_AIRFLOW_USERNAME'];
  const password = env['KUBETASKS_AIRFLOW_PASSWORD'];
  if (username && password !== undefined) return { credentials: { kind: 'password', username, password }, source: 'password' };
  if (username || password !== undefined) return 'set both KUBETASKS_AIRFLOW_USERNAME and KUBETASKS_AIRFLOW_PASSWORD (or KUBETASKS_AIRFLOW_TOKEN)';
  const netrcFile = env['NETRC'] ?? path.join(env['HOME'] ?? os.homedir(), '.netrc');
  const text = readFile(netrcFile);
  const fromNetrc = text === undefined ? undefined : netrcCredentials(text, url.hostname);
  if (fromNetrc) return { credentials: fromNetrc, source: 'netrc' };
  return { credentials: { kind: 'none' }, source: 'none' };
}

function readOptional(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // no netrc file: not an error, the server may need no credentials
  }
}

/** Where the credentials came from, for messages (never their values). */
export function describeCredentials(resolved: ResolvedCredentials): string {
  const c = resolved.credentials;
  if (c.kind === 'token') return 'a bearer token (KUBETASKS_AIRFLOW_TOKEN)';
  if (c.kind === 'password') return `user ${c.username} (${resolved.source === 'netrc' ? 'netrc' : 'KUBETASKS_AIRFLOW_USERNAME/PASSWORD'})`;
  return 'no credentials';
}
