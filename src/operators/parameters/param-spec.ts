/**
 * One row per constructor keyword argument: the single source of truth for task-file checking, the JSON Schema
 * (schemas/task.schema.json) and docs/PARAMETERS.md. Rows mirror the provider's `__init__` signatures in
 * apache-airflow-providers-cncf-kubernetes 10.25.0 and the Task SDK `BaseOperator` of Airflow 3.3.
 */
import type { PyValue } from '../py-value.js';

/** What a task file may write for a parameter (each maps to Python values a DAG author could pass). */
export type ValueShape =
  | 'null'
  | 'str'
  | 'int'
  | 'number'
  | 'bool'
  | 'true'
  | 'dict'
  | 'list'
  | 'list[str]'
  | 'list[int]'
  /** A `kubernetes.client` model written as a camelCase mapping (see `model`). */
  | 'model'
  /** A list of models written as camelCase mappings. */
  | 'list[model]'
  /** `Secret(...)` arguments: `{deploy_type, deploy_target, secret, key, items}`. */
  | 'list[secret]'
  | 'any';

export interface ParamSpec {
  name: string;
  /** The Python annotation, as documentation. */
  python: string;
  accepts: readonly ValueShape[];
  /** The `kubernetes.client` model mappings are turned into (the conformance driver uses the same table). */
  model?: string;
  /** The default; `configDefault` names an Airflow config option that supplies it instead. */
  default: PyValue;
  configDefault?: string;
  templated: boolean;
  /** Set on an argument the provider still accepts but warns about when used: what to use instead. */
  deprecated?: string;
  /** True when the value only exists in Python (callables, classes): task files cannot hold it. */
  pythonOnly?: boolean;
  doc: string;
}

/** Compact row builder: `p(name, python, accepts, default, templated, doc, extra)`. */
export function p(
  name: string,
  python: string,
  accepts: readonly ValueShape[],
  defaultValue: PyValue,
  templated: boolean,
  doc: string,
  extra: Partial<ParamSpec> = {},
): ParamSpec {
  return { name, python, accepts, default: defaultValue, templated, doc, ...extra };
}

export const optionalStr: readonly ValueShape[] = ['str', 'null'];
export const optionalInt: readonly ValueShape[] = ['int', 'null'];
export const optionalBool: readonly ValueShape[] = ['bool', 'null'];
