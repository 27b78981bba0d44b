/**
 * Typed views of Airflow REST answers (`unknown` until checked, STYLE.md "Typed boundaries"). Field names follow
 * the API schemas: Airflow 3's `DAGRunResponse`, `TaskInstanceResponse`, `TaskInstancesLogResponse`,
 * `XComResponseNative` (/api/v2) and Airflow 2's `DAGRun`, `TaskInstance`, `XCom` (/api/v1).
 */
import { AirflowError } from './errors.js';
import { parsePythonLiteral } from './python-literal.js';

/** DagRunState: queued, running, success, failed (v2 and v1 alike). */
export type DagRunState = 'queued' | 'running' | 'success' | 'failed';

export interface DagRun {
  dagId: string;
  runId: string;
  state: DagRunState | string;
  /** ISO time, or null for an Airflow 3 run triggered without a logical date. */
  logicalDate: string | null;
  conf: Record<string, unknown>;
}

export interface TaskInstance {
  taskId: string;
  /** null until the scheduler gave the task a state. */
  state: string | null;
  tryNumber: number;
  mapIndex: number;
  renderedFields: Record<string, unknown>;
}

export interface XcomEntry {
  key: string;
  /** The stored value; Airflow 2 answers a Python repr string unless it parses as JSON. */
  value: unknown;
}

type Json = Record<string, unknown>;

function asRecord(value: unknown, what: string): Json {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  throw new AirflowError('ServerError', `${what}: the Airflow server answered something that is not a JSON object`, { cause: value });
}

/** Parses an answer's text as a JSON object. */
export function parseJsonObject(text: string, what: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AirflowError('ServerError', `${what}: the Airflow server answered text that is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
  return asRecord(parsed, what);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function parseDagRun(body: unknown, what: string): DagRun {
  const r = asRecord(body, what);
  const logical = r['logical_date'] ?? r['execution_date'];
  return {
    dagId: str(r['dag_id']),
    runId: str(r['dag_run_id'] ?? r['run_id']),
    state: str(r['state']),
    logicalDate: typeof logical === 'string' ? logical : null,
    conf: r['conf'] && typeof r['conf'] === 'object' ? (r['conf'] as Json) : {},
  };
}

export function parseTaskInstance(body: unknown, what: string): TaskInstance {
  const r = asRecord(body, what);
  const fields = r['rendered_fields'];
  return {
    taskId: str(r['task_id']),
    state: typeof r['state'] === 'string' ? r['state'] : null,
    tryNumber: typeof r['try_number'] === 'number' ? r['try_number'] : 0,
    mapIndex: typeof r['map_index'] === 'number' ? r['map_index'] : -1,
    renderedFields: fields && typeof fields === 'object' ? (fields as Json) : {},
  };
}

export function parseTaskInstances(body: unknown, what: string): TaskInstance[] {
  const list = asRecord(body, what)['task_instances'];
  return Array.isArray(list) ? list.map((ti) => parseTaskInstance(ti, what)) : [];
}

/** Whether the run reached a final state (DagRunState.finished_dr_states). */
export function isFinished(state: string): boolean {
  return state === 'success' || state === 'failed';
}

export interface LogPage {
  lines: string[];
  /** null or absent: the log is complete. */
  continuationToken: string | undefined;
}

/**
 * One page of Airflow 3's structured task log: `content` is a list of log events `{timestamp, level, event, …}`
 * (the first one lists the log's sources) or, for an old-style log, a list of plain strings.
 */
export function parseLogPage(body: unknown, what: string): LogPage {
  const r = asRecord(body, what);
  const content = r['content'];
  const lines = (Array.isArray(content) ? content : [content]).flatMap(formatLogEvent);
  const token = r['continuation_token'];
  return { lines, continuationToken: typeof token === 'string' && token !== '' ? token : undefined };
}

function formatLogEvent(entry: unknown): string[] {
  if (typeof entry === 'string') return entry.split('\n');
  if (!entry || typeof entry !== 'object') return [];
  const e = entry as Json;
  const event = str(e['event']);
  const head = [str(e['timestamp']), e['level'] ? str(e['level']).toUpperCase() : ''].filter(Boolean).join(' ');
  const where = e['logger'] ? ` - ${str(e['logger'])}` : '';
  return [`${head ? `[${head}]${where} ` : ''}${event}`];
}

/** The entries of an xcomEntries list (keys only; values are read one by one). */
export function parseXcomKeys(body: unknown, what: string): string[] {
  const list = asRecord(body, what)['xcom_entries'];
  return Array.isArray(list) ? list.map((e) => str(asRecord(e, what)['key'])).filter(Boolean) : [];
}

/** One XCom entry: Airflow 3 sends the stored JSON value; Airflow 2 sends `str(value)` (decodeStringifiedXcom). */
export function parseXcomEntry(body: unknown, what: string, api: 'v1' | 'v2'): XcomEntry {
  const r = asRecord(body, what);
  return { key: str(r['key']), value: api === 'v1' ? decodeStringifiedXcom(r['value']) : r['value'] };
}

/**
 * Airflow 2's default `stringify=true` answer is Python's `str(value)`: a dict reads back from its repr, a JSON
 * text from JSON; anything else (a plain string value such as a pod name) stays the text it is.
 */
export function decodeStringifiedXcom(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!/^\s*[[{(]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return parsePythonLiteral(value) ?? value;
  }
}
