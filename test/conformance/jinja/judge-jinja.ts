/**
 * One Jinja case against Airflow's result: our parser + `renderTemplateFields` with `buildContext` for the same
 * run, compared field for field with what the operator holds after Airflow's `render_template_fields`, and our
 * context's key set with Airflow's. Errors: where Airflow raises, ours must fail, located, with Airflow's exception
 * type and message (for a TemplateSyntaxError: the type and Jinja's line, since nunjucks words its parse errors
 * differently).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Problem } from '../../../src/common/index.js';
import { isOperatorName, parseTaskFile, type TaskValue } from '../../../src/operators/index.js';
import { buildContext, renderTemplateFields, templateExtensions, templateFieldsOf } from '../../../src/templates/index.js';
import { DICT_MARKER, type JinjaCase } from './jinja-cases.js';

export interface DriverResult {
  id: string;
  ok?: boolean;
  fields?: Record<string, unknown>;
  context_keys?: string[];
  run_id?: string;
  error?: { type: string; message: string; lineno: number | null };
  harness_error?: string;
}

type Ours = { ok: true; fields: Record<string, TaskValue>; keys: string[]; warnings: Problem[] } | { ok: false; problems: Problem[]; keys: string[] };

function readTemplateFile(caseFile: string): (path: string) => string | undefined {
  return (path) => {
    try {
      return readFileSync(resolve(dirname(caseFile), path), 'utf8');
    } catch {
      // Jinja's FileSystemLoader reports a missing template the same way (TemplateNotFound).
      return undefined;
    }
  };
}

export function renderOurs(c: JinjaCase, major: 2 | 3): Ours {
  const parsed = parseTaskFile(c.taskText, c.file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, keys: [] };
  const task = parsed.value.tasks[0]!;
  const taskParams = task.params.params;
  const context = buildContext({
    airflowMajor: major,
    dagId: c.run.dag_id ?? 'jinja_judge',
    taskId: task.taskId,
    operator: task.operator,
    now: c.run.now,
    ...(c.run.logical_date !== undefined ? { logicalDate: c.run.logical_date } : {}),
    ...(c.run.run_id ? { runId: c.run.run_id } : {}),
    conf: c.run.conf ?? {},
    dagParams: c.run.dag_params ?? {},
    ...(taskParams && typeof taskParams === 'object' && !Array.isArray(taskParams) ? { taskParams } : {}),
    variables: c.run.variables ?? {},
    connections: c.run.connections ?? {},
    uuid4: () => '00000000-0000-4000-8000-000000000000',
  });
  const keys = Object.keys(context).sort();
  const rendered = renderTemplateFields(task, { context, native: c.run.native === true, extraTemplateFields: c.extraTemplateFields, readFile: readTemplateFile(c.file) });
  if (!rendered.ok) return { ok: false, problems: rendered.problems, keys };
  return { ok: true, fields: rendered.value.task.params, keys, warnings: rendered.value.warnings };
}

function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (Object.keys(obj).length === 1 && Object.hasOwn(obj, DICT_MARKER)) return unwrap(obj[DICT_MARKER]);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrap(v)]));
  }
  return value;
}

/** Our value in the shape the operator stores: KPO keeps env_vars as V1EnvVar(name, value) items. */
function asStored(name: string, ours: unknown, theirs: unknown): unknown {
  const value = unwrap(ours);
  if (name === 'env_vars' && Array.isArray(theirs) && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).map(([k, v]) => ({ name: k, value: v }));
  }
  return value;
}

function compareError(theirs: NonNullable<DriverResult['error']>, problems: Problem[]): string[] {
  const jinja = problems.filter((p) => p.code === 'KT4030');
  if (jinja.length === 0) return [`Airflow raised ${theirs.type}: ${theirs.message}; we failed without a Jinja error: ${problems.map((p) => p.message).join(' | ')}`];
  // The search path in a TemplateNotFound message is the judge's DAG folder; the template name must match.
  const notFound = /^('[^']*' not found)/.exec(theirs.message)?.[1];
  const wanted = theirs.type === 'TemplateSyntaxError' ? `TemplateSyntaxError:` : theirs.type === 'TemplateNotFound' && notFound ? `TemplateNotFound: ${notFound}` : `${theirs.type}: ${theirs.message}`;
  const lineOk = theirs.type !== 'TemplateSyntaxError' || jinja.some((p) => p.message.includes(`template line ${theirs.lineno}`));
  const match = jinja.find((p) => p.message.includes(wanted));
  if (!match || !lineOk) return [`Airflow raised ${theirs.type}: ${theirs.message} (line ${theirs.lineno}); ours: ${jinja.map((p) => p.message).join(' | ')}`];
  if (!match.start) return [`our error is not located: ${match.message}`];
  return [];
}

/** Our templated fields and template_ext for an operator against the class attributes Airflow renders by. */
export function judgeOperatorFields(operator: string, fields: string[], ext: string[]): string[] {
  if (!isOperatorName(operator)) return [`${operator} is not one of our operators`];
  const ours = templateFieldsOf(operator);
  const diffs: string[] = [];
  const missing = fields.filter((f) => !ours.includes(f));
  const extra = ours.filter((f) => !fields.includes(f));
  if (missing.length > 0 || extra.length > 0) diffs.push(`templated fields: Airflow has ${JSON.stringify(missing)} that we do not; we have ${JSON.stringify(extra)} that Airflow does not`);
  const ourExt = templateExtensions(operator);
  if (!isDeepStrictEqual(ext, [...ourExt])) diffs.push(`template_ext: Airflow ${JSON.stringify(ext)}, ours ${JSON.stringify(ourExt)}`);
  return diffs;
}

/** Differences between Airflow's result and ours; empty when they agree. */
export function judgeCase(c: JinjaCase, major: 2 | 3, theirs: DriverResult): string[] {
  if (theirs.harness_error) return [`harness error: ${theirs.harness_error}`];
  const ours = renderOurs(c, major);
  const diffs: string[] = [];
  if (!isDeepStrictEqual(ours.keys, theirs.context_keys)) {
    const missing = (theirs.context_keys ?? []).filter((k) => !ours.keys.includes(k));
    const extra = ours.keys.filter((k) => !(theirs.context_keys ?? []).includes(k));
    diffs.push(`context keys differ: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
  }
  if (theirs.ok === false && theirs.error) return [...diffs, ...(ours.ok ? [`Airflow raised ${theirs.error.type}: ${theirs.error.message}; ours rendered`] : compareError(theirs.error, ours.problems))];
  if (!ours.ok) return [...diffs, `Airflow rendered; ours failed: ${ours.problems.map((p) => `${p.code} ${p.message}`).join(' | ')}`];
  if (ours.warnings.length > 0) diffs.push(`unexpected warnings: ${ours.warnings.map((p) => p.message).join(' | ')}`);
  for (const [name, value] of Object.entries(theirs.fields ?? {})) {
    const mine = asStored(name, ours.fields[name], value);
    if (!isDeepStrictEqual(mine, value)) diffs.push(`${name}:\n      airflow: ${JSON.stringify(value)}\n      ours:    ${JSON.stringify(mine)}`);
  }
  return diffs;
}
