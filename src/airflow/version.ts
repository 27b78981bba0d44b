/**
 * Which REST API a server speaks, decided from probes, never from the URL (issue 16): `GET /api/v2/version`
 * (Airflow 3; needs no auth), then `GET /api/v1/version` (Airflow 2). Airflow 3 answers every `/api/v1/*` with 404
 * "/api/v1 has been removed in Airflow 3", so the order matters (../shared/docs/real-airflow.md).
 */
import { AirflowError, withAdvice } from './errors.js';

export type ApiVersion = 'v1' | 'v2';

export interface ServerVersion {
  api: ApiVersion;
  /** Airflow's own version, e.g. "3.3.2". */
  version: string;
}

/** One probe's answer: its status and text (a network failure is thrown before this point). */
export interface ProbeAnswer {
  status: number;
  text: string;
}

/** The `version` of a `/version` answer, or undefined when the answer is not Airflow's VersionInfo. */
export function readVersionInfo(answer: ProbeAnswer): string | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const body = JSON.parse(answer.text) as { version?: unknown };
    return typeof body.version === 'string' && body.version !== '' ? body.version : undefined;
  } catch {
    return undefined;
  }
}

/** Decides from the v2 probe, and the v1 probe when v2 gave no version (undefined = not asked yet). */
export function decideApi(v2: ProbeAnswer, v1: ProbeAnswer | undefined, url: string): ServerVersion | 'probe-v1' {
  const v3version = readVersionInfo(v2);
  if (v3version !== undefined) return { api: 'v2', version: v3version };
  if (v1 === undefined) return 'probe-v1';
  const v2version = readVersionInfo(v1);
  if (v2version !== undefined) return { api: 'v1', version: v2version };
  const seen = `/api/v2/version → ${v2.status}, /api/v1/version → ${v1.status}`;
  throw new AirflowError('NotAirflow', withAdvice('NotAirflow', `${url} does not look like an Airflow API server (${seen})`), { status: v1.status, cause: { v2, v1 } });
}

/** The major Airflow version of a version string ("3.3.2" → 3). */
export function majorOf(version: string): number {
  return Number(/^(\d+)/.exec(version)?.[1] ?? Number.NaN);
}
