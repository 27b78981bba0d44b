/**
 * What keeps a DAG call from launching (issue 12): an argument that still holds an XCom reference or Jinja after
 * templating. In a DAG run Airflow's `render_template_fields` renders the templated fields and `XComArg.resolve`
 * pulls upstream results (`ti.xcom_pull`); a launch outside Airflow has no upstream run, and renders Jinja only for
 * a run the user describes (`--conf`, `--params`, `--logical-date`). Such an argument would reach the pod as literal
 * text, so launch refuses it with one located error per value, naming each reference.
 */
import type { Problem } from '../common/index.js';
import { dictMarker, locate, operatorParams, type TaskSpec, type TaskValue } from '../operators/index.js';

/** `{{ … }}` expressions and `{% … %}` statements, as Jinja2's default delimiters mark them. */
const jinjaPattern = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
/** The Jinja text `toXComJinja` gives an XComArg (the scan's `{xcom: {task_id, key}}`). */
const xcomArgPattern = /^\{\{ task_instance\.xcom_pull\(task_ids='[^']*', key='[^']*'\) \}\}$/;

type Path = (string | number)[];

/** The fields Airflow renders: the call's own `template_fields` when the DAG file defines them, else the operator's. */
function templatedFields(task: TaskSpec): string[] {
  return task.templating?.templateFields ?? operatorParams(task.operator).filter((row) => row.templated).map((row) => row.name);
}

function valueAt(value: TaskValue | undefined, path: Path): TaskValue | undefined {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = Array.isArray(at) ? at[Number(key)] : at[String(key)];
  }
  return at;
}

function collectStrings(value: TaskValue, path: Path, out: { path: Path; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((item, i) => collectStrings(item, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) collectStrings(v, [...path, k], out);
}

function message(field: string, refs: string[], ran: boolean): string {
  const xcoms = refs.filter((r) => r.includes('xcom_pull'));
  const jinja = refs.filter((r) => !r.includes('xcom_pull'));
  const parts: string[] = [];
  if (xcoms.length > 0) parts.push(`the XCom reference${xcoms.length > 1 ? 's' : ''} ${xcoms.join(', ')}, which only an upstream task of a DAG run supplies`);
  if (jinja.length > 0) {
    const how = ran ? 'KubeTasks could not render (see KT4031)' : 'renders only for a run: pass --conf, --params or --logical-date';
    parts.push(`the unrendered Jinja ${jinja.join(', ')}, which ${how}`);
  }
  return `${field} holds ${parts.join('; and ')}; launch creates no pod until it is rendered or replaced by a value`;
}

/**
 * One KT4712 error per string of `written` (the call as scanned) that `templated` (after the run's templating, or
 * the same task when no run was given) still holds unchanged with Jinja in a templated field, or with an XComArg
 * anywhere. `ran` says whether templating ran (the hint differs).
 */
export function findUnrenderedReferences(written: TaskSpec, templated: TaskSpec, ran: boolean): Problem[] {
  const fields = new Set(templatedFields(written));
  const strings: { path: Path; text: string }[] = [];
  for (const [name, value] of Object.entries(written.params)) collectStrings(value, [name], strings);
  const problems: Problem[] = [];
  for (const { path, text } of strings) {
    if (valueAt(templated.params[String(path[0])], path.slice(1)) !== text) continue;
    const refs = fields.has(String(path[0])) ? (text.match(jinjaPattern) ?? []) : xcomArgPattern.test(text) ? [text] : [];
    if (refs.length === 0) continue;
    const range = locate(written, path);
    problems.push({ severity: 'error', code: 'KT4712', message: message(path.filter((k) => k !== dictMarker).join('/'), [...new Set(refs)], ran), ...(range ? { start: range.start, end: range.end } : {}) });
  }
  return problems;
}
