/**
 * Turns task-file values into the Python arguments a DAG author would write (docs/FIDELITY.md, "How task-file
 * values reach the judge"): a mapping given to a parameter typed as a `kubernetes.client` model becomes that model
 * (deserialised as Airflow deserialises templates), `!dict` keeps a plain dict, a `$model`-marked mapping (a model a
 * DAG file built) becomes that model as built, lists map item by item, and everything else stays plain.
 */
import { deserializeModel, makeModel, modelInfo } from './k8s-model.js';
import { withPath } from './operator-error.js';
import { findParam, type OperatorName } from './parameters/operator-params.js';
import type { KubeObject, PyDict, PyValue } from './py-value.js';
import { dictMarker, modelMarker, type TaskValue } from './task.js';

const podFamily = new Set<OperatorName>([
  'KubernetesPodOperator',
  'KubernetesJobOperator',
  'KubernetesStartKueueJobOperator',
  'SparkKubernetesOperator',
]);

/** `env_vars: {NAME: value}` is its own documented form, so a top-level mapping there stays a dict. */
const mappingStaysDict = new Set(['env_vars']);

function isMarked(value: TaskValue): value is { [dictMarker]: TaskValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && Object.hasOwn(value, dictMarker);
}

function isBuiltModel(value: { [key: string]: TaskValue }): value is { [modelMarker]: string; [key: string]: TaskValue } {
  return typeof value[modelMarker] === 'string';
}

/**
 * A model built by its constructor in a DAG file: `kubernetes.client` model `__init__`s only assign attributes, so
 * every value stays as given (plain dicts stay dicts, ints stay ints); only required attributes are checked.
 */
function toBuiltModel(value: { [modelMarker]: string; [key: string]: TaskValue }): KubeObject {
  const type = value[modelMarker];
  const attrs: PyDict = {};
  for (const [python, json] of modelInfo(type).attrs) {
    const item = value[json];
    if (item !== undefined) attrs[python] = unwrapDicts(item);
  }
  return makeModel(type, attrs);
}

/**
 * Removes `!dict` markers below a plain value (they only mean something at parameter level) and turns `$model`
 * markers into the models they stand for.
 */
export function unwrapDicts(value: TaskValue): PyValue {
  if (Array.isArray(value)) return value.map((item) => unwrapDicts(item));
  if (value !== null && typeof value === 'object') {
    if (isMarked(value)) return unwrapDicts(value[dictMarker]);
    if (isBuiltModel(value)) return toBuiltModel(value);
    const out: PyDict = {};
    for (const [key, item] of Object.entries(value)) out[key] = unwrapDicts(item);
    return out;
  }
  return value;
}

function toModel(value: TaskValue, model: string, staysDict: boolean, path: (string | number)[]): PyValue {
  if (isMarked(value)) return unwrapDicts(value[dictMarker]);
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      if (isMarked(item)) return unwrapDicts(item[dictMarker]);
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        return withPath([...path, index], () => deserializeModel(unwrapDicts(item), model));
      }
      return unwrapDicts(item);
    });
  }
  if (value !== null && typeof value === 'object' && !staysDict) {
    return withPath(path, () => deserializeModel(unwrapDicts(value), model));
  }
  return unwrapDicts(value);
}

/** The keyword arguments as Python values; model construction errors carry the parameter's path. */
export function toPythonKwargs(operator: OperatorName, params: Record<string, TaskValue>): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [name, value] of Object.entries(params)) {
    const model = podFamily.has(operator) && value !== null ? findParam(operator, name)?.model : undefined;
    out[name] = model ? toModel(value, model, mappingStaysDict.has(name), [name]) : unwrapDicts(value);
  }
  return out;
}
