/**
 * Evaluated values → the task-file encoding of the renderer issue: Kubernetes models become API objects (camelCase
 * field names, `None` fields dropped, as `ApiClient.sanitize_for_serialization` does) marked `"$model": class`, so
 * the renderer keeps their values as the constructor did instead of deserialising them; `Secret` becomes
 * `{deploy_type, deploy_target, secret, key, items}`, XComArgs become `{xcom: {task_id, key}}`, Jinja strings stay
 * as written. Values with no such encoding (callables, unknowns) are returned as a reason instead.
 */
import type { Node } from 'web-tree-sitter';
import { modelMarker } from '../operators/index.js';
import { findK8sModel, toApiFieldName } from './k8s-models.js';
import { toPyStr, type PyValue } from './py-value.js';

export type Encoded = { ok: true; value: unknown } | { ok: false; node: Node | undefined; reason: string };

/** Resolves a task key (an XComArg's producer) to its task_id. */
export type TaskIdOf = (taskKey: number) => string | undefined;

function failure(node: Node | undefined, reason: string): Encoded {
  return { ok: false, node, reason };
}

export function toTaskValue(value: PyValue, taskIdOf: TaskIdOf): Encoded {
  switch (value.kind) {
    case 'none':
      return { ok: true, value: null };
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
    case 'path':
      // A pathlib.Path is passed as its text (str(path)); docs/FIDELITY.md notes where Airflow would keep the object.
      return { ok: true, value: value.value };
    case 'list':
    case 'tuple':
      return encodeList(value.items, taskIdOf);
    case 'dict':
      return encodeDict(value.entries.map((e) => [e.key, e.value] as const), taskIdOf);
    case 'model':
      return encodeModel(value, taskIdOf);
    case 'secret':
      return encodeSecret(value.fields, taskIdOf);
    case 'xcom': {
      const taskId = taskIdOf(value.taskKey);
      if (taskId === undefined) return failure(undefined, 'an XComArg of a task whose task_id is not known statically');
      return { ok: true, value: { xcom: { task_id: taskId, key: value.key } } };
    }
    case 'unknown':
      return failure(value.node, value.reason);
    case 'function':
      return failure(value.node, `${value.isClass ? 'a Python class' : 'a Python callable'} (${value.name}) is noted, not run`);
    case 'symbol':
      return failure(undefined, `${value.qualified} is a Python object, noted but not run`);
    case 'task':
      return failure(undefined, 'an operator object cannot be an argument value');
    case 'dag':
    case 'label':
      return failure(undefined, 'a DAG, TaskGroup or Label object cannot be an argument value');
  }
}

function encodeList(items: PyValue[], taskIdOf: TaskIdOf): Encoded {
  const out: unknown[] = [];
  for (const item of items) {
    const encoded = toTaskValue(item, taskIdOf);
    if (!encoded.ok) return encoded;
    out.push(encoded.value);
  }
  return { ok: true, value: out };
}

function encodeDict(entries: ReadonlyArray<readonly [PyValue, PyValue]>, taskIdOf: TaskIdOf): Encoded {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const name = toPyStr(key);
    if (name === undefined || key.kind === 'none') return failure(undefined, 'a dict key that is not a string or number');
    const encoded = toTaskValue(item, taskIdOf);
    if (!encoded.ok) return encoded;
    out[name] = encoded.value;
  }
  return { ok: true, value: out };
}

function encodeModel(value: Extract<PyValue, { kind: 'model' }>, taskIdOf: TaskIdOf): Encoded {
  const out: Record<string, unknown> = { [modelMarker]: value.className };
  // The client serialises in the model's attribute order, whatever order the keywords were written in.
  const order = findK8sModel(value.className)?.fields.map(([python]) => python) ?? [];
  const attributes = [...value.fields.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const attribute of attributes) {
    const field = value.fields.get(attribute)!;
    if (field.kind === 'none') continue;
    const encoded = toTaskValue(field, taskIdOf);
    if (!encoded.ok) return encoded;
    out[toApiFieldName(value.className, attribute) ?? attribute] = encoded.value;
  }
  return { ok: true, value: out };
}

function encodeSecret(fields: Map<string, PyValue>, taskIdOf: TaskIdOf): Encoded {
  const out: Record<string, unknown> = {};
  for (const name of ['deploy_type', 'deploy_target', 'secret', 'key', 'items']) {
    const field = fields.get(name);
    if (!field) continue;
    const encoded = toTaskValue(field, taskIdOf);
    if (!encoded.ok) return encoded;
    out[name] = encoded.value;
  }
  return { ok: true, value: out };
}
