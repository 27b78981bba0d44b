/**
 * The judge's process side: provision the pinned provider venv (test/harness/airflow/provision.sh) and run
 * driver.py once over every case. Any failure to start is thrown: the suite must fail loudly, never skip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgeCase } from './task-cases.js';

export interface CallRecord {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  contentType: string | null;
}

export interface PyError {
  type: string;
  message: string;
}

export type ApiOutcome =
  | { ok: true; value: CallRecord; suffixes: string[]; uuids: string[] }
  | { ok: false; error: PyError };

export type DryRunOutcome = { ok: true; text: string; suffixes: string[]; uuids: string[] } | { ok: false; error: PyError };

export interface JudgeResult {
  id: string;
  operator: string;
  api?: ApiOutcome;
  dry_run?: DryRunOutcome;
  dry_run_body?: unknown;
  harness_error?: string;
}

export interface JudgeRun {
  provider: string;
  airflow: string;
  results: JudgeResult[];
}

/** Builds (first time) or finds the venv; returns its python. */
export function provisionAirflow(repoRoot: string): string {
  const script = join(repoRoot, 'test/harness/airflow/provision.sh');
  const run = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = (run.stdout ?? '').trim().split('\n');
  const python = lines[lines.length - 1] ?? '';
  if (run.status !== 0 || python === '') {
    throw new Error(`provision.sh failed (exit ${run.status ?? run.signal}); the conformance judge cannot start`);
  }
  return python;
}

/** Runs driver.py once over all cases, with a throwaway AIRFLOW_HOME so nothing lands in ~/airflow. */
export function runDriver(python: string, repoRoot: string, cases: readonly JudgeCase[], seed = ''): JudgeRun {
  const home = mkdtempSync(join(tmpdir(), 'kubetasks-airflow-home-'));
  try {
    const run = spawnSync(python, [join(repoRoot, 'test/conformance/driver.py')], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, AIRFLOW_HOME: home, PYTHONDONTWRITEBYTECODE: '1', KUBETASKS_JUDGE_SEED: seed },
    });
    if (run.status !== 0) {
      throw new Error(`driver.py exited ${run.status ?? run.signal}:\n${(run.stderr ?? '').slice(-4000)}`);
    }
    const parsed = JSON.parse(run.stdout) as JudgeRun;
    if (!Array.isArray(parsed.results) || parsed.results.length !== cases.length) {
      throw new Error(`driver.py returned ${parsed.results?.length} results for ${cases.length} cases`);
    }
    return parsed;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
