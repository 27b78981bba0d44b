/**
 * Turns Kubernetes swagger definitions and CRD openAPIV3Schemas into strict draft-07 JSON Schemas, following
 * ../shared/docs/schemas.md §4: IntOrString and Quantity become anyOf string/number, every object with
 * `properties` gets `additionalProperties: false` (unless x-kubernetes-preserve-unknown-fields), every
 * `x-kubernetes-*` key and `format` is dropped, `$ref` keeps only its description, apiVersion/kind are pinned.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type EnumOverlay = Record<string, Record<string, string[]>>;

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}

/** Recursively strips vendor keys and formats, and closes objects that list their properties. */
export function toStrictNode(node: Json): Json {
  if (Array.isArray(node)) return node.map(toStrictNode);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    return typeof node.description === 'string' ? { $ref: node.$ref, description: node.description } : { $ref: node.$ref };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'format') continue;
    out[key] = key === 'properties' && isObject(value) ? mapValues(value, toStrictNode) : toStrictNode(value);
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (isObject(node.properties) && !preserve && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

function mapValues(obj: JsonObject, fn: (value: Json) => Json): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) out[key] = fn(value);
  return out;
}

/** Names of every swagger definition reachable from `roots`, in a stable (sorted) order. */
export function collectDefinitions(definitions: JsonObject, roots: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    JSON.stringify(definitions[name], (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') stack.push(refName(value));
      return value;
    });
  }
  return [...seen].sort();
}

/** A swagger definition in strict form, with IntOrString/Quantity fixed and the enum overlay applied. */
export function toStrictDefinition(name: string, def: Json, enums: EnumOverlay): Json {
  const description: JsonObject = isObject(def) && typeof def.description === 'string' ? { description: def.description } : {};
  // Swagger types both as plain strings, which rejects `cpu: 2` and `port: 8080` (schemas.md §4.2).
  if (name === INT_OR_STRING) return { ...description, anyOf: [{ type: 'string' }, { type: 'integer' }] };
  if (name === QUANTITY) return { ...description, anyOf: [{ type: 'string' }, { type: 'number' }] };
  const strict = toStrictNode(def);
  const overlay = enums[name];
  if (!overlay || !isObject(strict) || !isObject(strict.properties)) return strict;
  for (const [property, values] of Object.entries(overlay)) {
    const target = strict.properties[property];
    if (!isObject(target)) continue;
    if (target.type === 'array' && isObject(target.items)) target.items = { ...target.items, enum: values };
    else strict.properties[property] = { ...target, enum: values };
  }
  return strict;
}

/** The strict `definitions` block for everything reachable from `roots`. */
export function buildDefinitions(swaggerDefs: JsonObject, roots: string[], enums: EnumOverlay): JsonObject {
  const out: JsonObject = {};
  for (const name of collectDefinitions(swaggerDefs, roots)) {
    out[name] = toStrictDefinition(name, swaggerDefs[name] ?? {}, enums);
  }
  return out;
}

/**
 * Pins apiVersion and kind and replaces `status` (set by the cluster) with a note. Neither is required: Airflow
 * reads pod and job templates without them (claimed by modeline or file name), and detection needs them anyway.
 */
export function pinResource(root: JsonObject, apiVersion: string, kind: string): JsonObject {
  const properties = isObject(root.properties) ? { ...root.properties } : {};
  properties.apiVersion = { description: `Always "${apiVersion}" for a ${kind}.`, type: 'string', const: apiVersion };
  properties.kind = { description: `Always "${kind}".`, type: 'string', const: kind };
  if ('status' in properties) properties.status = { description: 'Set by the cluster; ignored when creating the resource.' };
  const required = Array.isArray(root.required) ? root.required.filter((r) => r !== 'apiVersion' && r !== 'kind') : [];
  const { required: _dropped, ...rest } = root;
  return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
}

/** A complete draft-07 schema document. */
export function toSchemaDocument(id: string, title: string, root: JsonObject, definitions: JsonObject): JsonObject {
  const { description, ...rest } = root;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated by scripts/build-schemas.ts (${id}); do not edit.`,
    title,
    ...(description === undefined ? {} : { description }),
    ...rest,
    definitions,
  };
}
