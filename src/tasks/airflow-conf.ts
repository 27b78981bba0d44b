/**
 * The `conf` a "Trigger DAG Run…" editor starts from (issue 16). Airflow's trigger form starts `dag_run.conf` from
 * the DAG's `params=` defaults (airflow/ui trigger form: each Param becomes a conf key); KubeTasks adds each key a
 * template of the DAG's tasks reads from `dag_run.conf` (`dag_run.conf['k']`, `dag_run.conf.k`,
 * `dag_run.conf.get('k', default)`) that params do not already give, so the user sees what the run needs. Pure.
 */
import type { TaskSpec, TaskValue } from '../operators/index.js';

const subscript = /dag_run\.conf\s*\[\s*(['"])([^'"]+)\1\s*\]/g;
const attribute = /dag_run\.conf\.(?!get\b)([A-Za-z_]\w*)/g;
const getCall = /dag_run\.conf\.get\(\s*(['"])([^'"]+)\1\s*(?:,\s*([^)]*?))?\s*\)/g;

/** A Python literal default of `.get('k', default)` as JSON, when it is a simple one; else null. */
function literal(text: string | undefined): TaskValue {
  const t = (text ?? '').trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'True' || t === 'False') return t === 'True';
  const quoted = /^(['"])(.*)\1$/.exec(t);
  return quoted ? (quoted[2] ?? '') : null;
}

/** Every `dag_run.conf` key the strings of `value` read, with the `.get` default when one is given. */
export function confKeysRead(value: unknown): Map<string, TaskValue> {
  const keys = new Map<string, TaskValue>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(getCall)) if (m[2] && !keys.has(m[2])) keys.set(m[2], literal(m[3]));
      for (const m of v.matchAll(subscript)) if (m[2] && !keys.has(m[2])) keys.set(m[2], null);
      for (const m of v.matchAll(attribute)) if (m[1] && !keys.has(m[1])) keys.set(m[1], null);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return keys;
}

/** The conf to start from: the DAG's params defaults, then the keys its tasks read (null until the user fills them). */
export function confSample(tasks: readonly Pick<TaskSpec, 'params' | 'templating'>[]): Record<string, TaskValue> {
  const conf: Record<string, TaskValue> = { ...(tasks[0]?.templating?.dagParams ?? {}) };
  for (const task of tasks) {
    for (const [key, value] of confKeysRead(task.params)) if (!(key in conf)) conf[key] = value;
  }
  return conf;
}

/**
 * The "Render with…" context (src/providers/render-context.ts's keys) for a triggered run: the conf, the DAG's
 * params, no logical date (what `kubetasks trigger` sends Airflow 3 by default) and Airflow 3's manual run id.
 */
export function triggerContextText(conf: Record<string, unknown>, task: Pick<TaskSpec, 'templating'>, now: Date, runId?: string): string {
  const stamp = `${now.toISOString().slice(0, 19)}+00:00`;
  const sample = { conf, params: task.templating?.dagParams ?? {}, logical_date: null, run_id: runId ?? `manual__${stamp}` };
  return `${JSON.stringify(sample, null, 2)}\n`;
}

/** The conf of a context text the user edited; undefined when it is not a JSON object with an object `conf`. */
export function confOfContextText(text: string): Record<string, unknown> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const conf = (raw as Record<string, unknown>)['conf'];
  return conf && typeof conf === 'object' && !Array.isArray(conf) ? (conf as Record<string, unknown>) : undefined;
}
