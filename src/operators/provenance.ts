/**
 * The renderer's provenance map (issue 13): for a field of the rendered object (`spec.containers[0].image`), where
 * it was written — the task parameter that set it (its line in the task or DAG file), else the line of the template
 * file (or inline template parameter) it came from, else the task's `operator:` line. `kubetasks check` and the
 * editor's Check Against Cluster put the server's refusals there. Pure: the caller reads template files.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { provenanceRules, templateSources, baseContainer, type FieldPath, type ProvenanceRule, type TemplateSource } from './provenance-rules.js';
import { dictMarker, modelMarker, type SourceRange, type TaskSpec, type TaskValue } from './task.js';

export type { FieldPath } from './provenance-rules.js';

/** Where a rendered field came from. */
export interface FieldOrigin {
  range: SourceRange;
  /** The template file, as `templatePath` names it; absent for the task file itself. */
  file?: string;
  /** The parameter (`image`), the template parameter (`pod_template_file`), or `operator` for an unmapped field. */
  source: string;
}

export interface ProvenanceOptions {
  /** The template file named by a parameter, as the renderer read it (undefined: it does not exist). */
  readFile: (name: string) => string | undefined;
  /** How a template file is named in problems (default: as written in the task). */
  templatePath?: (name: string) => string;
}

export interface Provenance {
  /** The origin of a rendered field: its deepest mapped part, or the task's `operator:` line. */
  originOf(path: FieldPath): FieldOrigin;
}

type Data = TaskValue | undefined;

/** A task value without the `!dict` / model markers the renderer reads (`{"$dict": v}` → v). */
function unwrap(value: Data): Data {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (Object.hasOwn(value, dictMarker)) return value[dictMarker];
  if (Object.hasOwn(value, modelMarker)) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== modelMarker));
  return value;
}

function child(value: Data, segment: string | number): Data {
  const v = unwrap(value);
  if (Array.isArray(v)) return typeof segment === 'number' ? v[segment] : undefined;
  return v !== null && typeof v === 'object' ? v[String(segment)] : undefined;
}

function valueAt(root: Data, path: FieldPath): Data {
  let value = root;
  for (const segment of path) value = child(value, segment);
  return value;
}

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The name of a list item (`env`: a mapping written for it is keyed by the names). */
function itemName(value: Data): string | undefined {
  const name = child(value, 'name');
  return typeof name === 'string' ? name : undefined;
}

/**
 * Follows `path` (a path of the rendered object, below `rendered`) through `template` (plain data); returns how many
 * segments matched and the template path they reached.
 */
function follow(template: Data, rendered: Data, path: FieldPath, keyVariants: (k: string) => string[]): { matched: number; at: (string | number)[] } {
  const at: (string | number)[] = [];
  let node = template;
  for (const [index, segment] of path.entries()) {
    const items = unwrap(node);
    let next: string | number | undefined;
    if (Array.isArray(items) && typeof segment === 'number') {
      // by position, as reconcile_containers zips the template's containers with the operator's
      next = segment < items.length ? segment : undefined;
    } else if (items !== null && typeof items === 'object' && !Array.isArray(items)) {
      // a mapping written for a list (`env_vars: {NAME: value}`) is matched by the rendered item's name
      const keys = typeof segment === 'number' ? [itemName(valueAt(rendered, path.slice(0, index + 1))) ?? ''] : keyVariants(segment);
      next = keys.find((key) => Object.hasOwn(items, key));
    }
    if (next === undefined) return { matched: index, at };
    at.push(next);
    node = child(node, next);
  }
  return { matched: path.length, at };
}

function matchRule(rule: ProvenanceRule, path: FieldPath, baseIndex: number | undefined): boolean {
  if (rule.at.length > path.length) return false;
  return rule.at.every((segment, i) => (segment === baseContainer ? baseIndex !== undefined && path[i] === baseIndex : segment === path[i]));
}

/** Range of the key (or list item) at `at` in a parsed YAML document, as 1-based positions. */
function yamlRange(doc: Document, lines: LineCounter, at: FieldPath): SourceRange | undefined {
  let node: unknown = doc.contents;
  let range: [number, number] | undefined;
  for (const segment of at) {
    if (isMap(node)) {
      const pair = (node.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return undefined;
      range = pair.key.range ? [pair.key.range[0], pair.key.range[1]] : range;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      const r = (node as Node | undefined)?.range;
      range = r ? [r[0], r[0]] : range;
    } else {
      return undefined;
    }
  }
  if (!range) return undefined;
  const start = lines.linePos(range[0]);
  const end = lines.linePos(range[1]);
  return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
}

/** A parsed template file, or undefined when it cannot be read or parsed. */
function parseTemplate(text: string | undefined): { doc: Document; lines: LineCounter; data: Data } | undefined {
  if (text === undefined) return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  return { doc, lines, data: doc.toJS({ maxAliasCount: -1 }) as Data };
}

/** A partial match counts when it reached an object of the template below the top level (a container, `spec.driver`). */
function deepEnough(template: Data, at: FieldPath): boolean {
  const value = unwrap(valueAt(template, at));
  return at.length >= 2 && value !== null && typeof value === 'object' && !Array.isArray(value);
}

class TaskProvenance implements Provenance {
  private readonly kind: string;
  private readonly rules: ProvenanceRule[];
  private readonly sources: TemplateSource[];
  private readonly baseIndex: number | undefined;
  private readonly task: TaskSpec;
  private readonly body: Data;
  private readonly options: ProvenanceOptions;

  constructor(task: TaskSpec, body: unknown, options: ProvenanceOptions) {
    this.task = task;
    this.body = body as Data;
    this.options = options;
    this.kind = String(child(this.body, 'kind') ?? '');
    this.rules = provenanceRules(this.kind);
    this.sources = templateSources(this.kind).filter((s) => task.params[s.param] !== undefined && task.params[s.param] !== null).reverse();
    const podSpec = this.kind === 'Job' ? ['spec', 'template', 'spec'] : ['spec'];
    const base = typeof task.params['base_container_name'] === 'string' && task.params['base_container_name'] !== '' ? task.params['base_container_name'] : 'base';
    const containers = unwrap(valueAt(this.body, [...podSpec, 'containers']));
    const index = Array.isArray(containers) ? containers.findIndex((c) => itemName(c) === base) : -1;
    this.baseIndex = index >= 0 ? index : undefined;
  }

  originOf(path: FieldPath): FieldOrigin {
    if (path.length === 0) return this.operatorLine();
    return this.fromParam(path) ?? this.fromTemplates(path) ?? this.operatorLine();
  }

  private operatorLine(): FieldOrigin {
    const range = this.task.ranges['operator'] ?? this.task.ranges[''] ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    return { range, source: 'operator' };
  }

  /** The deepest rule the path falls under whose parameter the task sets; then as deep into that value as written. */
  private fromParam(path: FieldPath): FieldOrigin | undefined {
    const rules = this.rules.filter((r) => matchRule(r, path, this.baseIndex)).sort((a, b) => b.at.length - a.at.length);
    for (const rule of rules) {
      const param = rule.params.find((p) => this.task.ranges[p] !== undefined && this.task.params[p] !== undefined);
      if (param === undefined) continue;
      const rest = path.slice(rule.at.length);
      const { at } = follow(this.task.params[param], valueAt(this.body, path.slice(0, rule.at.length)), rest, (k) => [k, snake(k)]);
      const range = this.deepestTaskRange([param, ...at]);
      if (range) return { range, source: param };
    }
    return undefined;
  }

  private deepestTaskRange(path: FieldPath): SourceRange | undefined {
    for (let length = path.length; length > 0; length--) {
      const range = this.task.ranges[path.slice(0, length).join('/')];
      if (range) return range;
    }
    return undefined;
  }

  /** The last template layered over the object that holds the field wins (full_pod_spec over the template file). */
  private fromTemplates(path: FieldPath): FieldOrigin | undefined {
    for (const source of this.sources) {
      const found = source.form === 'inline' ? this.fromInline(source, path) : this.fromFile(source, path);
      if (found) return found;
    }
    return undefined;
  }

  /** The template path of a rendered field, matched as deep as the template goes; undefined when not deep enough. */
  private inTemplate(source: TemplateSource, template: Data, path: FieldPath): FieldPath | undefined {
    const place = source.place(path, unwrap(template) ?? null);
    if (!place) return undefined;
    const rest = path.slice(place.strip);
    const root = valueAt(template, place.prefix);
    const { matched, at } = follow(root, valueAt(this.body, path.slice(0, place.strip)), rest, (k) => [k]);
    return matched === rest.length || deepEnough(root, at) ? [...place.prefix, ...at] : undefined;
  }

  private fromInline(source: TemplateSource, path: FieldPath): FieldOrigin | undefined {
    const at = this.inTemplate(source, this.task.params[source.param], path);
    const range = at && this.deepestTaskRange([source.param, ...at]);
    return range ? { range, source: source.param } : undefined;
  }

  private fromFile(source: TemplateSource, path: FieldPath): FieldOrigin | undefined {
    const name = this.task.params[source.param];
    if (typeof name !== 'string') return undefined;
    const parsed = parseTemplate(this.options.readFile(name.trimEnd()));
    const at = parsed && this.inTemplate(source, parsed.data, path);
    const range = parsed && at && yamlRange(parsed.doc, parsed.lines, at);
    if (!range) return undefined;
    return { range, file: this.options.templatePath?.(name.trimEnd()) ?? name.trimEnd(), source: source.param };
  }
}

/** The provenance map of one rendered object of `task` (`body`: what `renderTask` returned in API form). */
export function buildProvenance(task: TaskSpec, body: unknown, options: ProvenanceOptions): Provenance {
  return new TaskProvenance(task, body, options);
}

/**
 * Parses a field path as the API server writes it in a StatusCause (`spec.containers[0].image`,
 * `metadata.labels[kueue.x-k8s.io/queue-name]`, `spec.template.spec.containers[0].resources.limits[cpu]`).
 */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const pattern = /\[([^\]]*)\]|([^.[\]]+)/g;
  for (const m of field.matchAll(pattern)) {
    if (m[1] !== undefined) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else if (m[2] !== undefined) out.push(m[2]);
  }
  return out;
}
