/**
 * "Render with a run" (issue 17): what `kubetasks render|launch --conf … --params … --logical-date … --run-id …` and
 * the editor's "Render with…" do before building the manifest. Pure: the caller reads `@file` arguments, passes the
 * clock (`now`) and the randomness (`uuid4`).
 */
import { fail, ok, type Problem, type Result } from '../../common/index.js';
import type { TaskSpec, TaskValue } from '../../operators/index.js';
import { buildContext, type ConnectionValues } from './context.js';
import { parseIsoDateTime } from './py-datetime.js';
import { renderTemplateFields, type RenderedFields } from './render-fields.js';

export interface RunInput {
  /** The run's `conf` (`--conf`). */
  conf?: Record<string, unknown>;
  /** DAG params (`--params`), over the DAG file's own `params=` defaults. */
  params?: Record<string, unknown>;
  /** ISO date-time; `null` = an Airflow 3 run triggered with `"logical_date": null`; absent = now. */
  logicalDate?: string | null;
  runId?: string;
  /** The Airflow major whose context is built (from `--airflow-version`; the pinned Airflow is 3). */
  airflowMajor: 2 | 3;
  /** ISO "now" from the caller's clock. */
  now: string;
  uuid4: () => string;
  variables?: Record<string, string>;
  connections?: Record<string, ConnectionValues>;
}

/** Renders the task's templated fields for the run: the task's own `params`, the DAG's native flag and subclass fields apply. */
export function renderTaskTemplates(task: TaskSpec, run: RunInput, readFile?: (path: string) => string | undefined): Result<RenderedFields> {
  const taskParams = task.params.params;
  const templating = task.templating ?? {};
  if (run.airflowMajor === 2 && run.logicalDate === null) {
    return fail({ severity: 'error', code: 'KT4032', message: 'a run without a logical date exists only on Airflow 3 (Airflow 2 always has one)' });
  }
  const context = buildContext({
    airflowMajor: run.airflowMajor,
    dagId: templating.dagId ?? task.context?.dag_id ?? 'kubetasks',
    taskId: task.taskId,
    operator: task.operator,
    now: run.now,
    ...(run.logicalDate !== undefined ? { logicalDate: run.logicalDate } : {}),
    ...(run.runId !== undefined ? { runId: run.runId } : task.context?.run_id ? { runId: task.context.run_id } : {}),
    conf: run.conf ?? {},
    dagParams: { ...(templating.dagParams ?? {}), ...(run.params ?? {}) },
    ...(isRecord(taskParams) ? { taskParams } : {}),
    variables: run.variables ?? {},
    connections: run.connections ?? {},
    ...(task.context ? { tryNumber: task.context.try_number, mapIndex: task.context.map_index } : {}),
    uuid4: run.uuid4,
  });
  return renderTemplateFields(task, { context, native: templating.native === true, ...(readFile ? { readFile } : {}) });
}

function isRecord(value: TaskValue | undefined): value is Record<string, TaskValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(message: string): Problem {
  return { severity: 'error', code: 'KT4032', message };
}

/** A `--conf` / `--params` value: a JSON object. */
export function parseRunJson(text: string, what: string): Result<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(problem(`${what} is not valid JSON: ${(error as Error).message}`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(problem(`${what} must be a JSON object`));
  return ok(value as Record<string, unknown>);
}

/** `--logical-date`: an ISO 8601 date or date-time (UTC), or `null` / `none` for an Airflow 3 run without one. */
export function parseLogicalDate(text: string): Result<string | null> {
  if (/^(null|none)$/i.test(text.trim())) return ok(null);
  const parsed = parseIsoDateTime(text);
  return parsed ? ok(parsed.isoformat()) : fail(problem(`--logical-date ${JSON.stringify(text)} is not an ISO 8601 date or date-time in UTC (or "null")`));
}

/** The Airflow major of a version string such as "2.11.2" or "3.3.2" (3 when absent). */
export function airflowMajorOf(version: string | undefined): 2 | 3 {
  return version !== undefined && /^2\./.test(version) ? 2 : 3;
}
