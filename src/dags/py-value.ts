/**
 * The values a DAG file's expressions evaluate to, statically. Python literals map one to one; the rest are what
 * an operator call can receive in a DAG: Kubernetes client models (`k8s.V1Container(...)`), the provider's `Secret`,
 * XComArg references (`task.output["key"]`) and operator instances (for `a >> b`). Anything else is `unknown`, which
 * carries the reason and the place, so the caller can report "cannot be evaluated statically" where it happened.
 */
import type { Node } from 'web-tree-sitter';
import type { Scope } from './scan-state.js';

/** A decorator on a function defined in the file: what it resolves to, and the call it makes (`@dag(...)`). */
export interface Decorator {
  callee: PyValue;
  /** Keyword arguments of the decorator call (`@dag(dag_id=…, default_args=…)`); empty for a bare `@dag`. */
  kwargs: Map<string, PyValue>;
}

export interface DictEntry {
  key: PyValue;
  value: PyValue;
}

/** Where a DAG's tasks are being defined: `with DAG(...)`, a `@dag` function, or a `TaskGroup` inside one. */
export interface DagContext {
  dagId: string | undefined;
  /** `default_args` of the DAG and of the enclosing task groups, outermost first. */
  defaultArgs: DictEntry[];
  /** `group.` prefixes of the enclosing task groups (Airflow's `prefix_group_id=True`). */
  groupPrefix: string;
  /** `render_template_as_native_obj=True` (issue 17). */
  nativeTemplates?: boolean;
  /** `params=` of the DAG (issue 17). */
  params?: PyValue;
}

export type PyValue =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  /** A `pathlib.Path` (its `str()`), built by the path idioms of path-idioms.ts. */
  | { kind: 'path'; value: string }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'tuple'; items: PyValue[] }
  | { kind: 'dict'; entries: DictEntry[] }
  /** A `kubernetes.client` model instance; `fields` are keyed by Python attribute name. */
  | { kind: 'model'; className: string; fields: Map<string, PyValue> }
  /** `airflow.providers.cncf.kubernetes.secret.Secret(deploy_type, deploy_target, secret, key, items)`. */
  | { kind: 'secret'; fields: Map<string, PyValue> }
  /** An XComArg: `task.output`, `task.output["key"]`, or the result of calling a `@task` function. */
  | { kind: 'xcom'; taskKey: number; key: string }
  /** Operator instances (one, or several from a list), by their index in the scan's task list. */
  | { kind: 'task'; taskKeys: number[] }
  /** An imported or dotted name (`kubernetes.client.models`, `airflow.providers…pod.KubernetesPodOperator`). */
  | { kind: 'symbol'; qualified: string }
  /** A function or class defined in the DAG file; `decorators` are their qualified names (`airflow.decorators.dag`). */
  | { kind: 'function'; name: string; node: Node; decorators: Decorator[]; isClass: boolean; closure: Scope }
  /** An edge label (`a >> Label("why") >> b`): dependencies pass through it. */
  | { kind: 'label' }
  /** A `DAG(...)` or `TaskGroup(...)` object, usable in `with` and as `dag=` / `task_group=`. */
  | { kind: 'dag'; context: DagContext; isGroup: boolean }
  | { kind: 'unknown'; reason: string; node: Node };

export const NONE: PyValue = { kind: 'none' };

export function unknown(node: Node, reason: string): PyValue {
  return { kind: 'unknown', reason, node };
}

/** The first `unknown` inside a value (depth first), if any: one unevaluable part taints the whole argument. */
export function findUnknown(value: PyValue): Extract<PyValue, { kind: 'unknown' }> | undefined {
  switch (value.kind) {
    case 'unknown':
      return value;
    case 'list':
    case 'tuple':
      return firstOf(value.items);
    case 'dict':
      return firstOf(value.entries.flatMap((e) => [e.key, e.value]));
    case 'model':
    case 'secret':
      return firstOf([...value.fields.values()]);
    default:
      return undefined;
  }
}

function firstOf(values: PyValue[]): Extract<PyValue, { kind: 'unknown' }> | undefined {
  for (const item of values) {
    const found = findUnknown(item);
    if (found) return found;
  }
  return undefined;
}

/** Python truthiness, or undefined when it cannot be known statically. */
export function isTruthy(value: PyValue): boolean | undefined {
  switch (value.kind) {
    case 'none':
      return false;
    case 'bool':
      return value.value;
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'str':
      return value.value.length > 0;
    case 'list':
    case 'tuple':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    case 'unknown':
    case 'symbol':
      return undefined;
    default:
      return true;
  }
}

/** Python `==` for the literal kinds (used for dict keys and `in`); undefined when not decidable. */
export function pyEquals(a: PyValue, b: PyValue): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  const numeric = (v: PyValue): number | undefined =>
    v.kind === 'int' || v.kind === 'float' ? v.value : v.kind === 'bool' ? Number(v.value) : undefined;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'tuple' && b.kind === 'tuple')) {
    if (a.items.length !== b.items.length) return false;
    return a.items.every((item, i) => pyEquals(item, b.items[i]!) === true);
  }
  return a.kind === b.kind ? undefined : false;
}

/** Python `str()` of a literal, for f-strings and `str(x)`; undefined for values whose text we cannot know. */
export function toPyStr(value: PyValue): string | undefined {
  switch (value.kind) {
    case 'str':
    case 'path':
      return value.value;
    case 'int':
      return String(value.value);
    case 'float':
      return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      return undefined;
  }
}
