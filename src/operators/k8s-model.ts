/**
 * The `kubernetes.client` model layer Airflow relies on: deserialising camelCase dicts into models
 * (`ApiClient._ApiClient__deserialize_model`), `ApiClient.sanitize_for_serialization` (the API body) and
 * `Model.to_dict()` (what `dry_run()` prints). The attribute tables come from the Python client itself
 * (scripts/build-k8s-models.ts), because fields unknown to that client are silently dropped by Airflow.
 */
import table from './k8s-models.generated.json' with { type: 'json' };
import { OperatorError } from './operator-error.js';
import { KubeObject, isDict, pythonStr, type PyDict, type PyValue } from './py-value.js';

interface ModelInfo {
  attrs: [python: string, json: string, type: string][];
  required: string[];
}

const models = table.models as unknown as Record<string, ModelInfo | null>;

/** The `kubernetes` Python client version the tables were generated from. */
export const kubernetesClientVersion: string = table.client;

export function modelInfo(type: string): ModelInfo {
  const info = models[type];
  if (!info) throw new OperatorError('AttributeError', `module 'kubernetes.client.models' has no attribute '${type}'`);
  return info;
}

/** Builds a model the way its constructor does: refuses None for required attributes (client-side validation). */
export function makeModel(type: string, attrs: PyDict = {}): KubeObject {
  const info = modelInfo(type);
  const object = new KubeObject(type, {});
  // Unset attributes are simply absent (KubeObject.get answers None for them).
  for (const [python, value] of Object.entries(attrs)) if (value !== null && value !== undefined) object.attrs[python] = value;
  for (const required of info.required) {
    if (object.get(required) === null) {
      throw new OperatorError('ValueError', `Invalid value for \`${required}\`, must not be \`None\``);
    }
  }
  return object;
}

/** `ApiClient.__deserialize(data, klass)` for an OpenAPI type string. */
export function deserialize(data: PyValue | undefined, type: string): PyValue {
  if (data === null || data === undefined) return null;
  const list = /^list\[(.*)\]$/.exec(type);
  if (list) return iterate(data).map((item) => deserialize(item, list[1] ?? 'object'));
  const dict = /^dict\[[^,]*, (.*)\]$/.exec(type);
  if (dict) return mapDict(data, (item) => deserialize(item, dict[1] ?? 'object'));
  switch (type) {
    case 'str':
      return typeof data === 'string' ? data : pythonStr(data);
    case 'int':
    case 'float':
      return toNumber(data, type);
    case 'bool':
      return isPyTruthy(data);
    case 'object':
    case 'datetime':
    case 'date':
      // Dates stay as the string the author wrote; the API receives the same ISO text either way.
      return data;
    default:
      return deserializeModel(data, type);
  }
}

/** `__deserialize_model`: only keys spelled as the API's camelCase names are read; others are ignored. */
export function deserializeModel(data: PyValue, type: string): KubeObject {
  if (data instanceof KubeObject) return data;
  const info = modelInfo(type);
  const attrs: PyDict = {};
  if (isDict(data)) {
    for (const [python, json, attrTypeName] of info.attrs) {
      if (Object.hasOwn(data, json)) attrs[python] = deserialize(data[json], attrTypeName);
    }
  }
  return makeModel(type, attrs);
}

function iterate(data: PyValue): PyValue[] {
  if (Array.isArray(data)) return data;
  if (isDict(data)) return Object.keys(data);
  if (typeof data === 'string') return [...data];
  throw new OperatorError('TypeError', `'${typeof data === 'number' ? 'int' : 'bool'}' object is not iterable`);
}

function mapDict(data: PyValue, map: (item: PyValue) => PyValue): PyDict {
  if (!isDict(data)) throw new OperatorError('AttributeError', `'${pyTypeWord(data)}' object has no attribute 'items'`);
  const out: PyDict = {};
  for (const [key, item] of Object.entries(data)) out[key] = map(item);
  return out;
}

function toNumber(data: PyValue, type: 'int' | 'float'): PyValue {
  if (typeof data === 'boolean') return data ? 1 : 0;
  if (typeof data === 'number') return type === 'int' ? Math.trunc(data) : data;
  if (typeof data === 'string') {
    const text = data.trim().replace(/(\d)_(?=\d)/g, '$1');
    const ok = type === 'int' ? /^[+-]?\d+$/.test(text) : /^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf|nan)$/i.test(text);
    if (!ok) {
      const what = type === 'int' ? 'invalid literal for int() with base 10' : 'could not convert string to float';
      throw new OperatorError('ValueError', `${what}: ${pythonStr([data]).slice(1, -1)}`);
    }
    return Number(text);
  }
  // Python's klass(data) raises TypeError for lists/dicts, which the client swallows and keeps the value.
  return data;
}

function isPyTruthy(data: PyValue): boolean {
  if (Array.isArray(data)) return data.length > 0;
  if (isDict(data)) return Object.keys(data).length > 0;
  return Boolean(data);
}

function pyTypeWord(data: PyValue): string {
  if (typeof data === 'string') return 'str';
  if (typeof data === 'number') return Number.isInteger(data) ? 'int' : 'float';
  if (typeof data === 'boolean') return 'bool';
  if (Array.isArray(data)) return 'list';
  return 'NoneType';
}

/** `ApiClient.sanitize_for_serialization`: camelCase keys, None attributes dropped, raw dicts kept verbatim. */
export function toApiBody(value: PyValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => toApiBody(item));
  const out: Record<string, unknown> = {};
  if (value instanceof KubeObject) {
    for (const [python, json] of modelInfo(value.type).attrs) {
      const item = value.get(python);
      if (item !== null) out[json] = toApiBody(item);
    }
    return out;
  }
  for (const [key, item] of Object.entries(value)) out[key] = toApiBody(item);
  return out;
}

/** `Model.to_dict()`: snake_case keys; models inside lists and dict values are converted one level deep. */
export function toPythonDict(value: PyValue): PyValue {
  if (!(value instanceof KubeObject)) return value;
  const out: PyDict = {};
  for (const [python] of modelInfo(value.type).attrs) {
    const item = value.get(python);
    if (Array.isArray(item)) out[python] = item.map((entry) => toPythonDict(entry));
    else if (isDict(item)) out[python] = mapDict(item, (entry) => toPythonDict(entry));
    else out[python] = toPythonDict(item);
  }
  return out;
}

/** `airflow.utils.helpers.prune_dict(val, mode="strict")`: drops None from dicts and lists, recursively. */
export function pruneDict(value: PyValue): PyValue {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null).map((item) => (isContainer(item) ? pruneDict(item) : item));
  }
  if (isDict(value)) {
    const out: PyDict = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null) out[key] = isContainer(item) ? pruneDict(item) : item;
    }
    return out;
  }
  return value;
}

function isContainer(value: PyValue): boolean {
  return Array.isArray(value) || isDict(value);
}
