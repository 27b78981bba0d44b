/**
 * The DAG-run calls of issue 16 over an AirflowConnection: unpause, trigger with `conf`, run state (polled with
 * backoff), task instances, task logs read to the end, XCom entries. Bodies as measured
 * (../shared/docs/real-airflow.md): Airflow 3 requires the `logical_date` key in a trigger (null = no logical date;
 * 422 without it), Airflow 2 refuses it as null (400), so v1 never sends it.
 */
import { pollDelayMs, sleep } from './backoff.js';
import type { AirflowConnection } from './client.js';
import { segment } from './client.js';
import { AirflowError, pausedDagError } from './errors.js';
import {
  isFinished, parseDagRun, parseLogPage, parseTaskInstance, parseTaskInstances, parseXcomEntry, parseXcomKeys,
  type DagRun, type TaskInstance, type XcomEntry,
} from './parse.js';

export interface TriggerRequest {
  dagId: string;
  /** dag_run.conf: a JSON object. */
  conf: Record<string, unknown>;
  /** The run's id; Airflow names it `manual__<time>` when absent. */
  runId?: string;
  /** Airflow 3 only: the logical date (ISO); null (the default) = a run without one. */
  logicalDate?: string | null;
  /** Unpause a paused DAG first; without it a paused DAG is refused (its run would stay queued). */
  unpause?: boolean;
  signal?: AbortSignal;
}

const dagPath = (dagId: string): string => `/dags/${segment(dagId)}`;
const runPath = (dagId: string, runId: string): string => `${dagPath(dagId)}/dagRuns/${segment(runId)}`;
const tiPath = (dagId: string, runId: string, taskId: string): string => `${runPath(dagId, runId)}/taskInstances/${segment(taskId)}`;

/** `GET /dags/{id}` → whether the DAG is paused (404 = unknown DAG). */
export async function isDagPaused(conn: AirflowConnection, dagId: string, signal?: AbortSignal): Promise<boolean> {
  const dag = await conn.call({ method: 'GET', path: dagPath(dagId), what: `read DAG ${dagId}`, dagPath: true, ...(signal ? { signal } : {}) });
  return dag['is_paused'] === true;
}

/** `PATCH /dags/{id}` {"is_paused": false} (v1 names the field in `update_mask`). */
export async function unpauseDag(conn: AirflowConnection, dagId: string, signal?: AbortSignal): Promise<void> {
  await conn.call({
    method: 'PATCH', path: dagPath(dagId), body: { is_paused: false }, what: `unpause DAG ${dagId}`, dagPath: true,
    ...(conn.api === 'v1' ? { query: { update_mask: 'is_paused' } } : {}), ...(signal ? { signal } : {}),
  });
}

/** The body of `POST /dags/{id}/dagRuns` for the server's API. */
export function triggerBody(api: 'v1' | 'v2', request: Pick<TriggerRequest, 'conf' | 'runId' | 'logicalDate'>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (request.runId !== undefined) body['dag_run_id'] = request.runId;
  if (api === 'v2') body['logical_date'] = request.logicalDate ?? null;
  body['conf'] = request.conf;
  return body;
}

/** Triggers a run (checking, and on request clearing, the paused flag first); answers the queued run. */
export async function triggerDagRun(conn: AirflowConnection, request: TriggerRequest): Promise<DagRun> {
  const { dagId, signal } = request;
  if (await isDagPaused(conn, dagId, signal)) {
    if (!request.unpause) throw pausedDagError(dagId);
    await unpauseDag(conn, dagId, signal);
  }
  const what = `trigger DAG ${dagId}`;
  const answer = await conn.call({
    method: 'POST', path: `${dagPath(dagId)}/dagRuns`, body: triggerBody(conn.api, request), what, dagPath: true, ...(signal ? { signal } : {}),
  });
  return parseDagRun(answer, what);
}

export async function getDagRun(conn: AirflowConnection, dagId: string, runId: string, signal?: AbortSignal): Promise<DagRun> {
  const what = `read run ${runId} of DAG ${dagId}`;
  return parseDagRun(await conn.call({ method: 'GET', path: runPath(dagId, runId), what, ...(signal ? { signal } : {}) }), what);
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Called when the state changes (and once at the start). */
  onState?: (run: DagRun) => void;
}

/** A busy or restarting server: worth asking again while following a run (STYLE.md: rate-limit every retry). */
const TRANSIENT = new Set(['Timeout', 'Unreachable', 'ServerError']);
/** Consecutive transient failures tolerated while following a run before giving up. */
export const MAX_TRANSIENT_FAILURES = 5;

/**
 * Polls the run's state with backoff (backoff.ts) until it is success or failed. A poll that times out or finds
 * the server down or failing is retried on the same schedule, up to MAX_TRANSIENT_FAILURES in a row.
 */
export async function waitForDagRun(conn: AirflowConnection, dagId: string, runId: string, opts: WaitOptions = {}): Promise<DagRun> {
  let last = '';
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    opts.signal?.throwIfAborted();
    let run: DagRun;
    try {
      run = await getDagRun(conn, dagId, runId, opts.signal);
      failures = 0;
    } catch (error) {
      if (!(error instanceof AirflowError && TRANSIENT.has(error.reason)) || ++failures > MAX_TRANSIENT_FAILURES) throw error;
      await sleep(pollDelayMs(attempt), opts.signal);
      continue;
    }
    if (run.state !== last) opts.onState?.(run);
    last = run.state;
    if (isFinished(run.state)) return run;
    await sleep(pollDelayMs(attempt), opts.signal);
  }
}

export async function listTaskInstances(conn: AirflowConnection, dagId: string, runId: string, signal?: AbortSignal): Promise<TaskInstance[]> {
  const what = `list task instances of run ${runId}`;
  return parseTaskInstances(await conn.call({ method: 'GET', path: `${runPath(dagId, runId)}/taskInstances`, what, ...(signal ? { signal } : {}) }), what);
}

export async function getTaskInstance(conn: AirflowConnection, dagId: string, runId: string, taskId: string, signal?: AbortSignal): Promise<TaskInstance> {
  const what = `read task ${taskId} of run ${runId}`;
  return parseTaskInstance(await conn.call({ method: 'GET', path: tiPath(dagId, runId, taskId), what, ...(signal ? { signal } : {}) }), what);
}

export interface LogRequest {
  dagId: string;
  runId: string;
  taskId: string;
  /** The task instance's try_number (a retried task logs under try 2). */
  tryNumber: number;
  signal?: AbortSignal;
}

/**
 * The task log of one try, read to its end: Airflow 3 pages structured JSON with continuation tokens (followed
 * until the token is gone or stops changing); Airflow 2 sends the whole log as text/plain with full_content.
 */
export async function readTaskLog(conn: AirflowConnection, request: LogRequest): Promise<string[]> {
  const path = `${tiPath(request.dagId, request.runId, request.taskId)}/logs/${request.tryNumber}`;
  const what = `read the log of task ${request.taskId} (try ${request.tryNumber})`;
  const signal = request.signal ? { signal: request.signal } : {};
  if (conn.api === 'v1') {
    const text = await conn.callText({ method: 'GET', path, query: { full_content: 'true' }, accept: 'text/plain', what, ...signal });
    return text.split('\n');
  }
  const lines: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const answer = parseLogPage(await conn.call({ method: 'GET', path, query: { token }, what, ...signal }), what);
    lines.push(...answer.lines);
    if (answer.continuationToken === undefined || answer.continuationToken === token || answer.lines.length === 0) break;
    token = answer.continuationToken;
  }
  return lines;
}

/** Every XCom entry of a task instance (`return_value`; a KubernetesPodOperator also pushes pod_name, pod_namespace). */
export async function readXcomEntries(conn: AirflowConnection, request: Omit<LogRequest, 'tryNumber'>): Promise<XcomEntry[]> {
  const base = `${tiPath(request.dagId, request.runId, request.taskId)}/xcomEntries`;
  const signal = request.signal ? { signal: request.signal } : {};
  const what = `list the XComs of task ${request.taskId}`;
  const keys = parseXcomKeys(await conn.call({ method: 'GET', path: base, what, ...signal }), what);
  const entries: XcomEntry[] = [];
  for (const key of keys) {
    const one = `read XCom ${key} of task ${request.taskId}`;
    entries.push(parseXcomEntry(await conn.call({ method: 'GET', path: `${base}/${segment(key)}`, what: one, ...signal }), one, conn.api));
  }
  return entries;
}
