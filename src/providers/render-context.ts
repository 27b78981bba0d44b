/**
 * The sample run context the Dry Run preview's "Render with…" lets the user edit (issue 17), as a JSON object
 * `{"conf": {…}, "params": {…}, "logical_date": "…", "run_id": "…"}`. Pure (no vscode): it builds the pre-filled
 * sample from a task and turns the user's text into the same `RunInput` `kubetasks render --conf … --params …
 * --logical-date … --run-id …` passes to `renderTaskTemplates`.
 */
import { fail, ok, type Problem, type Result } from '../common/index.js';
import type { TaskSpec } from '../operators/index.js';
import { parseLogicalDate, type RunInput } from '../templates/index.js';

/** The keys a render context may have: the CLI's run flags, spelled as Airflow's context names them. */
const contextKeys = ['conf', 'params', 'logical_date', 'run_id'] as const;

function problem(message: string): Problem {
  return { severity: 'error', code: 'KT4032', message: `render context: ${message}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The pre-filled sample for a task: an empty `conf`, the DAG's `params=` defaults (what Airflow's trigger form
 * offers; a task's own `params=` are fixed in the DAG file and win over them, as `mergeParams` does), and a manual
 * run at `now` (Airflow 3's `manual__<run_after>` run id).
 */
export function toSampleContextText(task: TaskSpec, now: Date): string {
  const date = `${now.toISOString().slice(0, 19)}+00:00`;
  const sample = { conf: {}, params: task.templating?.dagParams ?? {}, logical_date: date, run_id: `manual__${date}` };
  return `${JSON.stringify(sample, null, 2)}\n`;
}

/** Checks one key's value; a problem names the key and what it must be. */
function checkKey(key: string, value: unknown): Problem | undefined {
  if ((key === 'conf' || key === 'params') && !isObject(value)) return problem(`"${key}" must be a JSON object`);
  if (key === 'run_id' && typeof value !== 'string') return problem('"run_id" must be a string');
  if (key === 'logical_date' && value !== null && typeof value !== 'string') return problem('"logical_date" must be an ISO 8601 date-time string or null');
  if (!(contextKeys as readonly string[]).includes(key)) return problem(`unknown key "${key}" (expected ${contextKeys.join(', ')})`);
  return undefined;
}

/** The user's JSON as the run to render with; `now` and `uuid4` are the caller's clock and randomness. */
export function parseRenderContext(text: string, clock: Pick<RunInput, 'now' | 'uuid4'>): Result<RunInput> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(problem(`not valid JSON: ${(error as Error).message}`));
  }
  if (!isObject(raw)) return fail(problem('must be a JSON object such as {"conf": {}, "params": {}}'));
  const problems = Object.entries(raw).flatMap(([key, value]) => checkKey(key, value) ?? []);
  if (problems.length > 0) return { ok: false, problems };
  // The pinned Airflow is 3 (RunInput.airflowMajor), as for the CLI without --airflow-version.
  const run: RunInput = { airflowMajor: 3, now: clock.now, uuid4: clock.uuid4 };
  if (isObject(raw.conf)) run.conf = raw.conf;
  if (isObject(raw.params)) run.params = raw.params;
  if (typeof raw.run_id === 'string') run.runId = raw.run_id;
  if (raw.logical_date === null) run.logicalDate = null;
  else if (typeof raw.logical_date === 'string') {
    const date = parseLogicalDate(raw.logical_date);
    if (!date.ok) return fail(problem(`"logical_date" ${JSON.stringify(raw.logical_date)} is not an ISO 8601 date or date-time in UTC (or null)`));
    run.logicalDate = date.value;
  }
  return ok(run);
}
