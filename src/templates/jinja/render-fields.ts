/**
 * `BaseOperator.render_template_fields` over a parsed task: every templated field of the operator (the `templated`
 * column of src/operators' parameter tables, plus what a subclass adds) is rendered as Airflow's `render_template`
 * does: strings through Jinja (a string ending in a `template_ext` is a file whose content is rendered), lists item
 * by item, dicts value by value (keys stay literal), `kubernetes.client` models only in the attributes the
 * operator's `_render_nested_template_fields` names. Everything else stays literal.
 */
import { fail, ok, type Problem, type Result } from '../../common/index.js';
import { dictMarker, locate, modelMarker, operatorParams, type TaskSpec, type TaskValue } from '../../operators/index.js';
import { nestedFieldsFor, templateExtensions } from './model-fields.js';
import { PyFloat, PyTuple, isDict, pyStr } from './py-value.js';
import { renderTemplate, type TemplateError } from './render-template.js';

export interface RenderFieldsOptions {
  /** The context (`buildContext`). */
  context: Record<string, unknown>;
  /** `render_template_as_native_obj=True` on the DAG. */
  native?: boolean;
  /** Fields a subclass adds to `template_fields` (e.g. `service_account_name`). */
  extraTemplateFields?: readonly string[];
  /** Reads a `template_ext` file (SKO's `application_file`) relative to the task's file; undefined if missing. */
  readFile?: (path: string) => string | undefined;
}

export interface RenderedFields {
  task: TaskSpec;
  /** Jinja2 behaviours KubeTasks does not reproduce: the field is left as written, with this located warning. */
  warnings: Problem[];
}

type Path = (string | number)[];
type Obj = { [key: string]: TaskValue };

const isObj = (value: TaskValue): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isMarkedDict = (value: TaskValue): value is { [dictMarker]: TaskValue } => isObj(value) && Object.keys(value).length === 1 && Object.hasOwn(value, dictMarker);

/** The templated field names of the operator, in table order, plus a subclass's additions. */
export function templateFieldsOf(operator: TaskSpec['operator'], extra: readonly string[] = []): string[] {
  const own = operatorParams(operator).filter((row) => row.templated).map((row) => row.name);
  return [...own, ...extra.filter((name) => !own.includes(name))];
}

/** A rendered value back to task-file data: tuples become lists; objects only a native render yields print as str(). */
function toTaskValue(value: unknown): TaskValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(toTaskValue);
  if (value instanceof PyTuple) return value.items.map(toTaskValue);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTaskValue(v)]));
  return pyStr(value);
}

class FieldRenderer {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  private readonly task: TaskSpec;
  private readonly options: RenderFieldsOptions;
  constructor(task: TaskSpec, options: RenderFieldsOptions) {
    this.task = task;
    this.options = options;
  }

  private report(error: TemplateError, path: Path, file?: string): void {
    const range = locate(this.task, path);
    const where = error.line !== undefined ? ` (template line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''})` : '';
    const field = path.join('/');
    if (error.type === 'Unsupported') {
      const message = `${error.message}; ${field} is left unrendered${where}`;
      this.warnings.push({ severity: 'warning', code: 'KT4031', message, ...(range ? { start: range.start, end: range.end } : {}) });
      return;
    }
    const message = `jinja2.exceptions.${error.type}: ${error.message}${where} in ${field}`.replace('jinja2.exceptions.TypeError', 'TypeError');
    const at = file && error.line !== undefined ? { file, start: { line: error.line, column: error.column ?? 1 }, end: { line: error.line, column: error.column ?? 1 } } : range ? { start: range.start, end: range.end } : {};
    this.problems.push({ severity: 'error', code: 'KT4030', message, ...at });
  }

  private renderString(text: string, path: Path): TaskValue {
    const isFile = templateExtensions(this.task.operator).some((ext) => text.endsWith(ext));
    const source = isFile ? this.options.readFile?.(text) : text;
    if (source === undefined) {
      this.report({ type: 'TemplateNotFound', message: `'${text}' not found in the template search path (the task file's folder)` }, path);
      return text;
    }
    const result = renderTemplate(source, { context: this.options.context, native: this.options.native === true });
    if (result.ok) return toTaskValue(result.value);
    this.report(result.error, path, isFile ? text : undefined);
    return text;
  }

  /** `render_template` on a plain value: str, list, dict (values only). */
  renderPlain(value: TaskValue, path: Path): TaskValue {
    if (typeof value === 'string') return this.renderString(value, path);
    if (Array.isArray(value)) return value.map((item, i) => this.renderPlain(item, [...path, i]));
    if (isMarkedDict(value)) return { [dictMarker]: this.renderPlain(value[dictMarker], path) };
    if (isObj(value) && typeof value[modelMarker] === 'string') return this.renderModel(value, String(value[modelMarker]), path, true);
    if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.renderPlain(v, [...path, k])]));
    return value;
  }

  /** A model: only the attributes `_render_nested_template_fields` lists; `built` = constructed in a DAG file. */
  renderModel(value: Obj, model: string, path: Path, built: boolean): TaskValue {
    const fields = nestedFieldsFor(this.task.operator, model);
    if (!fields) return value;
    const out: Obj = { ...value };
    for (const [name, nestedModel] of Object.entries(fields)) {
      const item = value[name];
      if (item === undefined || item === null || item === '') continue;
      // A mapping in a task-file model was deserialised into the nested model; in a DAG-built model it stayed a dict.
      const nested = nestedModel && isObj(item) && !isMarkedDict(item) && (!built || typeof item[modelMarker] === 'string');
      out[name] = nested ? this.renderModel(item, typeof item[modelMarker] === 'string' ? String(item[modelMarker]) : nestedModel, [...path, name], built) : this.renderPlain(item, [...path, name]);
    }
    return out;
  }

  /** One top-level field: its parameter's model decides how mappings inside it are read. */
  renderField(name: string, value: TaskValue): TaskValue {
    const model = operatorParams(this.task.operator).find((row) => row.name === name)?.model;
    // KPO turns an env_vars mapping into V1EnvVar(name, value) before rendering, so the names are rendered too.
    if (name === 'env_vars' && isObj(value) && !isMarkedDict(value) && this.task.operator !== 'SparkKubernetesOperator') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [String(this.renderString(k, [name, k])), this.renderPlain(v, [name, k])]));
    }
    if (!model) return this.renderPlain(value, [name]);
    const asModel = (item: TaskValue, path: Path): TaskValue =>
      isObj(item) && !isMarkedDict(item) ? this.renderModel(item, typeof item[modelMarker] === 'string' ? String(item[modelMarker]) : model, path, typeof item[modelMarker] === 'string') : this.renderPlain(item, path);
    return Array.isArray(value) ? value.map((item, i) => asModel(item, [name, i])) : asModel(value, [name]);
  }
}

/** Python truthiness of a task value: `render_template_fields` skips falsy fields (`if not value: continue`). */
function isFalsy(value: TaskValue): boolean {
  return value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) || (isObj(value) && Object.keys(value).length === 0);
}

/**
 * Renders the task's templated fields. Fails (KT4030, located) where Airflow's render fails; a behaviour KubeTasks
 * does not reproduce leaves that field as written, with a KT4031 warning.
 */
export function renderTemplateFields(task: TaskSpec, options: RenderFieldsOptions): Result<RenderedFields> {
  const renderer = new FieldRenderer(task, options);
  const params: Record<string, TaskValue> = { ...task.params };
  const own = task.templating?.templateFields;
  const fields = own ? [...own, ...(options.extraTemplateFields ?? []).filter((n) => !own.includes(n))] : templateFieldsOf(task.operator, options.extraTemplateFields);
  for (const name of fields) {
    const value = params[name];
    if (value === undefined || isFalsy(value)) continue;
    params[name] = renderer.renderField(name, value);
  }
  if (renderer.problems.length > 0) return fail(...renderer.problems, ...renderer.warnings);
  return ok({ task: { ...task, params }, warnings: renderer.warnings });
}
