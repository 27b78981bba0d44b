// A real Airflow for issue 16's judge: the pinned venv of each major (provision.sh: Airflow 3.3.2 + provider
// 10.25.0, the conformance venv; provision-lock.sh + requirements-airflow2.lock: Airflow 2.11.2 + 10.25.0), started
// by test/harness/airflow/start.sh on a free loopback port with SQLite and stopped by stop.sh (by PID). Airflow 3 can
// serve its API over https with a test CA (tls.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestTls } from './tls.js';

const repo = resolve(import.meta.dirname, '../..');
const harness = join(repo, 'test/harness/airflow');

export type Major = 2 | 3;

export interface StartedAirflow {
  major: Major;
  url: string;
  home: string;
  username: string;
  password: string;
  /** Set when the API is served over https: the CA that signed the server's certificate. */
  tls?: { caFile: string; caPem: string; otherCaFile: string };
  stop(): void;
  /** The last lines of every component log, for a failure message. */
  logTail(): string;
}

/** The venv python of one major, built on first use from the committed lock (fails loudly). */
export function provisionVenv(major: Major): string {
  const args = major === 3
    ? [join(harness, 'provision.sh')]
    : [join(harness, 'provision-lock.sh'), join(harness, 'requirements-airflow2.lock')];
  const run = spawnSync('bash', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const python = (run.stdout ?? '').trim().split('\n').pop() ?? '';
  if (run.status !== 0 || python === '') throw new Error(`${args[0]} failed (exit ${run.status ?? run.signal}): the Airflow ${major} venv cannot be built`);
  return python;
}

function tail(file: string, lines: number): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

/**
 * Starts Airflow `major` with `dags` as its DAG folder and the cluster's kubeconfig as kubernetes_default; with
 * `tls` (Airflow 3) its api-server serves https with that certificate, and `stop()` removes the TLS directory too.
 */
export function startAirflow(major: Major, python: string, dags: string, kubeconfig: string, tls?: TestTls): StartedAirflow {
  const home = mkdtempSync(join(tmpdir(), `kubetasks-airflow${major}-`));
  const stop = (): void => {
    const r = spawnSync('bash', [join(harness, 'stop.sh'), home], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`stop.sh ${home} failed: Airflow ${major} processes may be left`);
    rmSync(home, { recursive: true, force: true });
    tls?.remove();
  };
  const logTail = (): string => {
    const logs = join(home, 'logs');
    if (!existsSync(logs)) return '';
    return readdirSync(logs).filter((f) => f.endsWith('.log')).map((f) => `--- ${f}\n${tail(join(logs, f), 15)}`).join('\n');
  };
  const run = spawnSync('bash', [join(harness, 'start.sh'), String(major), python, home, dags, kubeconfig], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...(tls ? { env: { ...process.env, AIRFLOW_TLS_DIR: tls.dir } } : {}),
  });
  const url = (run.stdout ?? '').trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !url.startsWith('http')) {
    const logs = logTail();
    stop();
    throw new Error(`Airflow ${major} could not start (start.sh exit ${run.status ?? run.signal}):\n${logs}`);
  }
  const [username = '', password = ''] = readFileSync(join(home, 'credentials'), 'utf8').split('\n');
  return { major, url, home, username, password, stop, logTail, ...(tls ? { tls: { caFile: tls.caFile, caPem: tls.caPem, otherCaFile: tls.otherCaFile } } : {}) };
}
