/**
 * ajv errors → diagnostics a user understands, at the exact key or value:
 * `unknown field "imagePullPolicyy" in spec.containers[0]; did you mean "imagePullPolicy"?`.
 * Codes: KT2001 unknown field, KT2002 missing field, KT2003 wrong type, KT2004 value not in the list (a warning:
 * enum sets change between releases), KT2005 wrong apiVersion/kind, KT2006 any other constraint.
 */
import { isCollection, type Document } from 'yaml';
import { findClosest } from './did-you-mean.js';
import { overlapsMask, type MaskedRegion } from './jinja-mask.js';
import { formatPath, headRange, locate, parseInstancePath, type DataPath } from './node-paths.js';
import type { SchemaError } from './schema-validator.js';
import { rawDiagnostic, type RawDiagnostic } from './template-diagnostic.js';

export interface SchemaMessageContext {
  doc: Document;
  text: string;
  schema: unknown;
  masked: readonly MaskedRegion[];
  /** The data that was validated, to name the actual type in messages. */
  data: unknown;
  /** Report enum mismatches as errors. Kubernetes enum sets grow between releases (warnings); the task file's
   * come from the provider's own parameter tables and are exact. */
  strictEnums?: boolean;
}

/** Resolves a `#/a/b` schema pointer, following `$ref`s at the end. */
export function resolveSchemaPointer(schema: unknown, pointer: string, hops = 0): unknown {
  let node: unknown = schema;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter((s) => s !== '')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[segment];
  }
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' && hops < 20 ? resolveSchemaPointer(schema, ref, hops + 1) : node;
}

type SchemaNode = { properties?: Record<string, unknown>; additionalProperties?: unknown; items?: unknown;
  anyOf?: unknown[]; oneOf?: unknown[]; type?: unknown; $ref?: string } | undefined;

function deref(schema: unknown, node: unknown): SchemaNode {
  const ref = (node as SchemaNode)?.$ref;
  return (typeof ref === 'string' ? resolveSchemaPointer(schema, ref) : node) as SchemaNode;
}

/**
 * The subschema that applies at a data path. ajv reports schemaPaths relative to the last `$ref`, so the engine
 * walks the schema along the data instead: properties, additionalProperties, items, and anyOf branches.
 */
export function schemaAtPath(schema: unknown, path: DataPath): SchemaNode {
  let node = deref(schema, schema);
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = deref(schema, node.items ?? branchWith(schema, node, 'items'));
      continue;
    }
    const own = node.properties?.[segment];
    const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    node = deref(schema, own ?? extra ?? branchWith(schema, node, segment));
  }
  return node;
}

/** Subschemas that also apply to a value: anyOf/oneOf/allOf branches and if/then/else outcomes, dereferenced. */
function alternatives(schema: unknown, node: SchemaNode): SchemaNode[] {
  const raw = node as Record<string, unknown> | undefined;
  const lists = ['anyOf', 'oneOf', 'allOf'].flatMap((k) => (Array.isArray(raw?.[k]) ? raw[k] as unknown[] : []));
  const out: SchemaNode[] = [];
  for (const item of lists) {
    const branch = deref(schema, item) as Record<string, unknown> | undefined;
    out.push(branch as SchemaNode);
    for (const key of ['then', 'else']) if (branch?.[key]) out.push(deref(schema, branch[key]));
  }
  return out.filter((b) => b !== undefined);
}

function branchWith(schema: unknown, node: SchemaNode, segment: string, depth = 0): unknown {
  if (depth > 4) return undefined;
  for (const branch of alternatives(schema, node)) {
    if (segment === 'items' && branch?.items) return branch.items;
    if (branch?.properties?.[segment]) return branch.properties[segment];
    const nested = branchWith(schema, branch, segment, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** Every property name a value at this schema node may have, across branches (for "did you mean"). */
export function propertyNames(schema: unknown, node: SchemaNode, depth = 0): string[] {
  const own = Object.keys(node?.properties ?? {});
  if (depth > 4) return own;
  return [...new Set([...own, ...alternatives(schema, node).flatMap((b) => propertyNames(schema, b, depth + 1))])];
}

function where(path: DataPath): string {
  return path.length === 0 ? 'the top level' : formatPath(path);
}

function typeWords(type: unknown): string {
  const words: Record<string, string> = {
    string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false',
    object: 'a mapping', array: 'a list', null: 'null',
  };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

function actualType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'true/false';
  return Number.isInteger(value) ? 'an integer' : 'a number';
}

function valueAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}

function unknownField(error: SchemaError, ctx: SchemaMessageContext): RawDiagnostic {
  const name = String(error.params.additionalProperty);
  const parent = parseInstancePath(error.instancePath);
  const owner = schemaAtPath(ctx.schema, parent);
  const suggestion = findClosest(name, propertyNames(ctx.schema, owner));
  const location = locate(ctx.doc, [...parent, name]);
  const range = location.key ?? headRange(location, ctx.text);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
  const fixes = suggestion && location.key
    ? [{ title: `Rename to "${suggestion}"`, preferred: true,
      edits: [{ startOffset: range[0], endOffset: range[1], newText: suggestion }] }]
    : undefined;
  return rawDiagnostic('error', 'KT2001', `unknown field "${name}" in ${where(parent)}${hint}`, range, fixes);
}

function enumValue(error: SchemaError, path: DataPath, range: [number, number], ctx: SchemaMessageContext): RawDiagnostic {
  const allowed = (error.params.allowedValues as unknown[] | undefined) ?? [];
  const value = valueAt(ctx.data, path);
  const suggestion = findClosest(String(value), allowed.map(String));
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
  const message = `${JSON.stringify(value)} is not a known value for ${where(path)} (expected ${allowed.join(', ')})${hint}`;
  const fixes = suggestion
    ? [{ title: `Change to "${suggestion}"`, preferred: true,
      edits: [{ startOffset: range[0], endOffset: range[1], newText: suggestion }] }]
    : undefined;
  return rawDiagnostic(ctx.strictEnums ? 'error' : 'warning', 'KT2004', message, range, fixes);
}

function anyOfWords(path: DataPath, ctx: SchemaMessageContext): string {
  const node = schemaAtPath(ctx.schema, path);
  const branches = node?.anyOf ?? node?.oneOf;
  if (!Array.isArray(branches)) return 'one of the allowed forms';
  return branches.map((b) => {
    const type = deref(ctx.schema, b)?.type;
    return type === undefined ? 'another form' : typeWords(type);
  }).join(' or ');
}

function valueError(error: SchemaError, ctx: SchemaMessageContext): RawDiagnostic | undefined {
  const path = parseInstancePath(error.instancePath);
  const location = locate(ctx.doc, path);
  if (overlapsMask(ctx.masked, location.value[0], location.value[1])) return undefined;
  // A whole mapping or list is wrong: point at its key rather than at every line of it.
  const range = isCollection(location.node) ? location.key ?? headRange(location, ctx.text) : location.value;
  const actual = actualType(valueAt(ctx.data, path));
  switch (error.keyword) {
    case 'type':
      return rawDiagnostic('error', 'KT2003', `${where(path)} must be ${typeWords(error.params.type)}, not ${actual}`, range);
    case 'anyOf':
    case 'oneOf':
      return rawDiagnostic('error', 'KT2003', `${where(path)} must be ${anyOfWords(path, ctx)}, not ${actual}`, range);
    case 'enum':
      return enumValue(error, path, range, ctx);
    case 'const':
      return rawDiagnostic('error', 'KT2005', `${where(path)} must be ${JSON.stringify(error.params.allowedValue)}`, range);
    default:
      return rawDiagnostic('error', 'KT2006', `${where(path)} ${error.message ?? 'is not valid'}`, range);
  }
}

function missingField(error: SchemaError, ctx: SchemaMessageContext): RawDiagnostic {
  const path = parseInstancePath(error.instancePath);
  const range = headRange(locate(ctx.doc, path), ctx.text);
  return rawDiagnostic('error', 'KT2002', `missing required field "${String(error.params.missingProperty)}" in ${where(path)}`,
    range);
}

function typeMatches(type: unknown, value: unknown): boolean {
  if (type === undefined) return true;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object'
    : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  const types = Array.isArray(type) ? type : [type];
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/** Branch indexes of a failed anyOf/oneOf, best first: matching type, then fewest missing required keys. */
function rankBranches(error: SchemaError, ctx: SchemaMessageContext): number[] {
  const path = parseInstancePath(error.instancePath);
  const node = schemaAtPath(ctx.schema, path) as Record<string, unknown> | undefined;
  const branches = (node?.[error.keyword] as unknown[] | undefined) ?? [];
  const value = valueAt(ctx.data, path);
  const scored = branches.map((branch, index) => {
    const resolved = deref(ctx.schema, branch) as Record<string, unknown> | undefined;
    if (!typeMatches(resolved?.type, value)) return { index, score: Infinity };
    const required = [(branch as { required?: unknown }).required, resolved?.required]
      .flatMap((r) => (Array.isArray(r) ? r as string[] : []));
    const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
    return { index, score: required.filter((r) => !keys.includes(r)).length };
  });
  return scored.filter((s) => s.score !== Infinity).sort((a, b) => a.score - b.score).map((s) => s.index);
}

/**
 * Drops what only restates a failed anyOf/oneOf: when some branch fits the value's type, the errors of the other
 * branches and the anyOf itself go (the task file schema: a single task or `tasks:`); when none fits, the anyOf
 * stays as one "must be X or Y" and its branches' errors go. Exact duplicates go too.
 */
function collapse(errors: readonly SchemaError[], ctx: SchemaMessageContext): SchemaError[] {
  const dropped = new Set<SchemaError>();
  for (const error of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const [best] = rankBranches(error, ctx);
    const prefix = `${error.schemaPath}/`;
    for (const other of errors) {
      if (other.instancePath !== error.instancePath || !other.schemaPath.startsWith(prefix)) continue;
      if (best === undefined || !other.schemaPath.startsWith(`${prefix}${best}/`)) dropped.add(other);
    }
    if (best !== undefined) dropped.add(error);
  }
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (dropped.has(e)) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function toSchemaDiagnostics(errors: readonly SchemaError[], ctx: SchemaMessageContext): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const error of collapse(errors, ctx)) {
    let diagnostic: RawDiagnostic | undefined;
    if (error.keyword === 'additionalProperties') diagnostic = unknownField(error, ctx);
    else if (error.keyword === 'required') diagnostic = missingField(error, ctx);
    else if (error.keyword !== 'if' && error.keyword !== 'not') diagnostic = valueError(error, ctx);
    if (diagnostic) out.push({ ...diagnostic, atInstancePath: error.instancePath });
  }
  return out;
}
