/** The full parameter list of each operator: its own rows over its parents', with its own template_fields. */
import { baseOperatorParams } from './base-operator-params.js';
import {
  deleteJobParams,
  installKueueParams,
  jobOperatorParams,
  patchJobParams,
  requiredParams,
  startKueueJobParams,
} from './job-operator-params.js';
import type { ParamSpec } from './param-spec.js';
import { podOperatorParams } from './pod-operator-params.js';
import { sparkOperatorParams } from './spark-operator-params.js';

export const operatorNames = [
  'KubernetesPodOperator',
  'KubernetesJobOperator',
  'KubernetesDeleteJobOperator',
  'KubernetesPatchJobOperator',
  'SparkKubernetesOperator',
  'KubernetesStartKueueJobOperator',
  'KubernetesInstallKueueOperator',
] as const;

export type OperatorName = (typeof operatorNames)[number];

export function isOperatorName(value: unknown): value is OperatorName {
  return typeof value === 'string' && (operatorNames as readonly string[]).includes(value);
}

function layer(...tables: (readonly ParamSpec[])[]): ParamSpec[] {
  const byName = new Map<string, ParamSpec>();
  for (const table of tables) for (const row of table) byName.set(row.name, row);
  return [...byName.values()];
}

/** SparkKubernetesOperator.template_fields replaces KPO's list wholesale. */
const sparkTemplated = new Set(['application_file', 'namespace', 'template_spec', 'kubernetes_conn_id']);

function sparkRows(): ParamSpec[] {
  return layer(baseOperatorParams, podOperatorParams, sparkOperatorParams).map((row) => ({
    ...row,
    templated: sparkTemplated.has(row.name),
  }));
}

const tables: Record<OperatorName, readonly ParamSpec[]> = {
  KubernetesPodOperator: layer(baseOperatorParams, podOperatorParams),
  KubernetesJobOperator: layer(baseOperatorParams, podOperatorParams, jobOperatorParams),
  KubernetesStartKueueJobOperator: layer(baseOperatorParams, podOperatorParams, jobOperatorParams, startKueueJobParams),
  SparkKubernetesOperator: sparkRows(),
  KubernetesDeleteJobOperator: layer(baseOperatorParams, deleteJobParams),
  KubernetesPatchJobOperator: layer(baseOperatorParams, patchJobParams),
  KubernetesInstallKueueOperator: layer(baseOperatorParams, installKueueParams),
};

/** `template_ext`: file names ending so are read and rendered as Jinja templates when a templated field names them. */
const templateExt: Partial<Record<OperatorName, readonly string[]>> = {
  SparkKubernetesOperator: ['yaml', 'yml', 'json'],
};

export function templateExtensions(operator: OperatorName): readonly string[] {
  return templateExt[operator] ?? [];
}

/** Every keyword argument `operator` accepts, in signature order (BaseOperator's first). */
export function operatorParams(operator: OperatorName): readonly ParamSpec[] {
  return tables[operator];
}

const indexes = new Map<OperatorName, Map<string, ParamSpec>>(
  operatorNames.map((operator) => [operator, new Map(tables[operator].map((row) => [row.name, row]))]),
);

export function findParam(operator: OperatorName, name: string): ParamSpec | undefined {
  return indexes.get(operator)?.get(name);
}

/** Keyword arguments without a default (`task_id` for all). */
export function requiredParamNames(operator: OperatorName): readonly string[] {
  return ['task_id', ...(requiredParams[operator] ?? [])];
}
