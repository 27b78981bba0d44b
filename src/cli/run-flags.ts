/**
 * The run flags of `kubetasks render` (and `launch`): `--conf JSON|@file`, `--params JSON|@file`,
 * `--logical-date D|null`, `--run-id ID`. Given any of them, the tasks' templated fields are rendered as Airflow
 * renders them for that run (issue 17) before the manifest is built; without them, Jinja stays as written.
 * The logic is in src/templates (`renderTaskTemplates`); this edge only reads `@file` values and passes the clock.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Problem, Result } from '../common/index.js';
import { airflowMajorOf, parseLogicalDate, parseRunJson, type RunInput } from '../templates/index.js';

/** Rows for a subcommand's option table. */
export const runOptions = {
  conf: { type: 'string', value: 'JSON|@FILE', help: "the run's dag_run.conf (renders templated fields as Airflow does for that run)" },
  params: { type: 'string', value: 'JSON|@FILE', help: "DAG params, over the DAG file's params= defaults (conf overrides them, as in Airflow)" },
  'logical-date': { type: 'string', value: 'DATE', help: 'logical date of the run (ISO 8601, UTC; default: now); "null" = an Airflow 3 run without one' },
  'run-id': { type: 'string', value: 'ID', help: 'run_id (default: manual__<date>, as a manual trigger)' },
} as const;

export interface RunFlagValues {
  conf?: string;
  params?: string;
  'logical-date'?: string;
  'run-id'?: string;
  'airflow-version'?: string;
}

function problem(message: string): Problem {
  return { severity: 'error', code: 'KT4032', message };
}

/** A flag value, or the text of the file after `@` (relative to the current directory). */
function readValue(value: string, flag: string, cwd: string): Result<string> {
  if (!value.startsWith('@')) return { ok: true, value };
  const file = path.resolve(cwd, value.slice(1));
  try {
    return { ok: true, value: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, problems: [problem(`${flag} ${value}: ${(error as Error).message}`)] };
  }
}

function readJson(value: string | undefined, flag: string, cwd: string): Result<Record<string, unknown> | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  const text = readValue(value, flag, cwd);
  return text.ok ? parseRunJson(text.value, flag) : text;
}

/** The run the flags describe; `undefined` when no run flag was given (templates are then left as written). */
export function readRunFlags(values: RunFlagValues, cwd: string, now: Date = new Date()): Result<RunInput | undefined> {
  if (values.conf === undefined && values.params === undefined && values['logical-date'] === undefined && values['run-id'] === undefined) {
    return { ok: true, value: undefined };
  }
  const conf = readJson(values.conf, '--conf', cwd);
  const params = readJson(values.params, '--params', cwd);
  const date = values['logical-date'] === undefined ? undefined : parseLogicalDate(values['logical-date']);
  const problems = [conf, params, date].flatMap((r) => (r && !r.ok ? r.problems : []));
  if (problems.length > 0) return { ok: false, problems };
  const run: RunInput = { airflowMajor: airflowMajorOf(values['airflow-version']), now: now.toISOString(), uuid4: () => randomUUID() };
  if (conf.ok && conf.value) run.conf = conf.value;
  if (params.ok && params.value) run.params = params.value;
  if (date?.ok) run.logicalDate = date.value;
  if (values['run-id'] !== undefined) run.runId = values['run-id'];
  return { ok: true, value: run };
}
