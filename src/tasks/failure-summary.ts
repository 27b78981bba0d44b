/**
 * The read-only documents of the Tasks tree (issue 14): the failure summary (one screen: what Airflow would record
 * and why, the termination message, exit code and reason, the last events, the pod's conditions) and the XCom
 * document with Airflow's verdict (`KubernetesPodOperator.extract_xcom`: valid JSON, the empty marker → None, or
 * `json.loads` failing → JSONDecodeError and a failed task).
 */
import type { PodShape } from './pod-shape.js';
import { outcomeLabel, type LaunchRecord } from './session.js';
import { baseContainerOf, failureText, podState } from './tree-objects.js';
import type { XcomValue } from './xcom.js';

/** The few `core/v1` Event fields shown (events.k8s.io's `note` is `message` here). */
export interface EventShape {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  metadata?: { creationTimestamp?: string } | null;
}

export interface SummaryInput {
  record?: LaunchRecord;
  pod?: PodShape;
  podName: string;
  events: readonly EventShape[];
  now: number;
  /** How many events to show (the newest ones). */
  eventLimit?: number;
}

function eventTime(e: EventShape): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';
}

/** One line per event, oldest first, like `kubectl describe`'s Events table. */
export function formatEvents(events: readonly EventShape[], limit = 10): string[] {
  const sorted = [...events].sort((a, b) => eventTime(a).localeCompare(eventTime(b))).slice(-limit);
  if (sorted.length === 0) return ['  (no events: the pod is gone, or events expired after the API server\'s --event-ttl)'];
  return sorted.map((e) => `  ${eventTime(e) || '?'}  ${e.type ?? 'Normal'}  ${e.reason ?? ''}${e.count && e.count > 1 ? ` (x${e.count})` : ''}: ${e.message?.trim() ?? ''}`);
}

/** What Airflow records for the task instance, from the session's outcome. */
function airflowLines(record: LaunchRecord | undefined): string[] {
  if (!record) return ['Airflow: not launched from this editor, so how its task instance ended is not known here.'];
  const o = record.outcome;
  if (!o) return [`Airflow: still running (${record.stateText}).`];
  const state: Record<string, string> = {
    success: 'success', failed: 'failed (AirflowException)', skipped: 'skipped (AirflowSkipException)',
    cancelled: 'the task was killed (on_kill)', error: 'failed: the cluster refused a call or could not be reached', launched: 'still running (not followed)',
  };
  return [
    `Airflow would record: ${state[o.outcome] ?? o.outcome} — ${outcomeLabel(o.outcome)}`,
    ...(o.message ? o.message.split('\n').map((l) => `  ${l}`) : []),
    `Exit code: ${o.exitCode ?? 'none (the base container never terminated)'}    Reason: ${o.reason ?? '-'}`,
  ];
}

function podLines(pod: PodShape | undefined, podName: string, now: number): string[] {
  if (!pod) return [`Pod ${podName}: no longer in the cluster (deleted by on_finish_action, or never created).`];
  const base = baseContainerOf(pod);
  const state = podState(pod, now);
  const lines = [`Pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? podName}: ${state.text}`];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    const t = s.state?.terminated;
    const w = s.state?.waiting;
    const what = t ? `terminated: ${failureText({ reason: t.reason ?? 'Terminated', exitCode: t.exitCode ?? null, message: '' })}` : w ? `waiting: ${w.reason ?? ''} ${w.message ?? ''}`.trimEnd() : s.state?.running ? 'running' : 'unknown';
    lines.push(`  ${s.name === base ? '* ' : ''}${s.name}: ${what}${s.restartCount ? ` (restarts ${s.restartCount})` : ''}`);
    if (t?.message) lines.push(...t.message.trim().split('\n').map((l) => `      termination message: ${l}`));
  }
  lines.push('Conditions:');
  const conditions = pod.status?.conditions ?? [];
  lines.push(...(conditions.length ? conditions.map((c) => `  ${c.type}: ${c.status}`) : ['  (none)']));
  return lines;
}

/** The failure summary, one screen of plain text. */
export function failureSummary(input: SummaryInput): string {
  const r = input.record;
  const title = r ? `${r.dagId}.${r.taskId} · run ${r.runId} · try ${r.tryNumber}` : `Pod ${input.podName}`;
  const logs = r ? [...r.logs.entries()] : [];
  return [
    `Failure summary: ${title}`,
    '',
    ...airflowLines(r),
    '',
    ...podLines(input.pod, input.podName, input.now),
    '',
    'Last events:',
    ...formatEvents(input.events, input.eventLimit ?? 10),
    ...logs.flatMap(([container, lines]) => ['', `Last log lines of ${container}:`, ...lines.slice(-10).map((l) => `  ${l}`)]),
    '',
  ].join('\n');
}

export type XcomVerdict =
  | { verdict: 'valid'; value: XcomValue }
  | { verdict: 'empty'; why: string }
  | { verdict: 'invalid'; why: string }
  | { verdict: 'unknown'; why: string };

/** Airflow's verdict on a finished launch's XCom. */
export function xcomVerdict(record: LaunchRecord): XcomVerdict {
  const o = record.outcome;
  if (!o) return { verdict: 'unknown', why: 'the launch is still running; the XCom is read after the base container ends' };
  if (o.reason === 'JSONDecodeError') return { verdict: 'invalid', why: `${o.message || 'return.json is not JSON'}: json.loads failed, so Airflow fails the task` };
  if (!record.doXcomPush) return { verdict: 'empty', why: 'do_xcom_push is False: no sidecar, nothing pushed' };
  if (o.xcom === null) {
    const why = o.outcome === 'success' || o.outcome === 'skipped'
      ? `/airflow/xcom/return.json was empty or missing: the sidecar printed ${'__airflow_xcom_result_empty__'} and Airflow pushes None`
      : `no value was read (${outcomeLabel(o.outcome)}${o.reason ? `: ${o.reason}` : ''})`;
    return { verdict: 'empty', why };
  }
  return { verdict: 'valid', value: o.xcom };
}

/** The XCom document: JSON, so the editor colours it; the verdict is a field of it. */
export function xcomDocument(record: LaunchRecord): string {
  const v = xcomVerdict(record);
  const doc = {
    dag_id: record.dagId,
    task_id: record.taskId,
    run_id: record.runId,
    try_number: record.tryNumber,
    key: 'return_value',
    verdict: v.verdict,
    ...(v.verdict === 'valid' ? { value: v.value } : { why: v.why, value: null }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
