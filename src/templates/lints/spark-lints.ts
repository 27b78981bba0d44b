/**
 * Lints for SparkKubernetesOperator application files, mirroring custom_object_launcher.py (KubernetesSpec,
 * SparkJobSpec, CustomObjectLauncher.get_body) as described in airflow-provider-spec.md §8.5.
 */
import { at, blockIndent, getIn, isRecord, type Lint, type LintContext } from './lint-context.js';
import { rawDiagnostic, type QuickFix } from '../template-diagnostic.js';
import { formatPath, type DataPath } from '../node-paths.js';
import { isMap } from 'yaml';
import { lintContainerResources } from './spark-resources.js';

/** Keys KubernetesSpec reads as attributes, with the empty value the fix inserts. */
export const requiredKubernetesKeys: Readonly<Record<string, string>> = {
  env_vars: '{}', env_from: '[]', volumes: '[]', volume_mounts: '[]', config_map_mounts: '{}',
  from_env_config_map: '[]', from_env_secret: '[]', image_pull_secrets: '""', affinity: '{}', tolerations: '[]',
  node_selector: '{}',
};

function insertKeysFix(ctx: LintContext, missing: string[]): QuickFix[] | undefined {
  const section = at(ctx, ['kubernetes']);
  if (!isMap(section.node) || section.node.flow || section.node.items.length === 0) return undefined;
  const firstKey = section.node.items[0]!.key as { range?: [number, number, number] } | null;
  const start = firstKey?.range?.[0];
  if (start === undefined) return undefined;
  const { indent } = blockIndent(ctx.text, start);
  const newText = missing.map((k) => `\n${indent}${k}: ${requiredKubernetesKeys[k]}`).join('');
  let end = section.value[1];
  while (end > start && /\s/.test(ctx.text[end - 1] ?? '')) end--; // after the last value, before its newline
  return [{ title: `Add ${missing.join(', ')}`, preferred: true, edits: [{ startOffset: end, endOffset: end, newText }] }];
}

/** KT3001 (airflow#41562): a `kubernetes:` section missing a key makes Airflow fail with AttributeError. */
export const lintKubernetesKeys: Lint = (ctx) => {
  const section = getIn(ctx.value, ['kubernetes']);
  if (ctx.kind !== 'spark-template' || !isRecord(section) || Object.keys(section).length === 0) return [];
  const missing = Object.keys(requiredKubernetesKeys).filter((k) => !(k in section));
  if (missing.length === 0) return [];
  const range = at(ctx, ['kubernetes']).key ?? [0, 0];
  return [rawDiagnostic('error', 'KT3001', `the kubernetes section is missing ${missing.join(', ')}: Airflow reads ` +
    'every one of these keys and the task fails with AttributeError when one is absent (airflow#41562)', range,
  insertKeysFix(ctx, missing))];
};

function specPath(ctx: LintContext): DataPath | undefined {
  if (ctx.kind === 'spark-template') return ['spark', 'spec'];
  if (ctx.kind === 'spark-application') return ['spec'];
  return undefined;
}

/** KT3011: with a `kubernetes:` section, get_body replaces these spark values. */
export const lintOverwrittenFields: Lint = (ctx) => {
  const section = getIn(ctx.value, ['kubernetes']);
  if (ctx.kind !== 'spark-template' || !isRecord(section) || Object.keys(section).length === 0) return [];
  const fields: [DataPath, string][] = [[['spark', 'spec', 'volumes'], 'kubernetes.volumes']];
  const roleKeys: [string, string][] = [['env', 'env_vars'], ['envFrom', 'env_from'], ['volumeMounts', 'volume_mounts'],
    ['affinity', 'affinity'], ['tolerations', 'tolerations'], ['nodeSelector', 'node_selector'], ['labels', 'spark.spec.labels']];
  for (const role of ['driver', 'executor']) {
    for (const [key, source] of roleKeys) {
      fields.push([['spark', 'spec', role, key], source.startsWith('spark') ? source : `kubernetes.${source}`]);
    }
  }
  return fields.filter(([path]) => getIn(ctx.value, path) !== undefined).map(([path, source]) => {
    const location = at(ctx, path);
    return rawDiagnostic('warning', 'KT3011', `Airflow replaces ${formatPath(path)} with ${source} because the template ` +
      'has a kubernetes section; this value is never used', location.key ?? location.value);
  });
};

/** KT3012: SparkJobSpec.validate needs minExecutors and maxExecutors when dynamicAllocation is enabled. */
export const lintDynamicAllocation: Lint = (ctx) => {
  const spec = specPath(ctx);
  const dynamic = spec ? getIn(ctx.value, [...spec, 'dynamicAllocation']) : undefined;
  if (!spec || !isRecord(dynamic) || !dynamic.enabled) return [];
  const missing = ['minExecutors', 'maxExecutors'].filter((k) => !dynamic[k]);
  if (missing.length === 0) return [];
  const location = at(ctx, [...spec, 'dynamicAllocation']);
  return [rawDiagnostic('error', 'KT3012', `dynamicAllocation is enabled without ${missing.join(' and ')}: Airflow raises ` +
    '"Make sure min/max value for dynamic allocation is passed"', location.key ?? location.value)];
};

/** KT3013: env_vars must be a mapping; a YAML list of mappings makes KubernetesSpec raise. */
export const lintEnvVarsList: Lint = (ctx) => {
  const envVars = getIn(ctx.value, ['kubernetes', 'env_vars']);
  if (ctx.kind !== 'spark-template' || !Array.isArray(envVars) || envVars.length === 0) return [];
  return [rawDiagnostic('error', 'KT3013', 'kubernetes.env_vars must be a mapping NAME: value; a list makes Airflow ' +
    'raise "Expected dict or list of V1EnvVar, got <class \'list\'>"', at(ctx, ['kubernetes', 'env_vars']).key ?? [0, 0])];
};

/** KT3016: Airflow's default template sets it, but a SparkApplication has no such field. */
export const lintRunHistoryLimit: Lint = (ctx) => {
  const spec = specPath(ctx);
  if (!spec || getIn(ctx.value, [...spec, 'successfulRunHistoryLimit']) === undefined) return [];
  const location = at(ctx, [...spec, 'successfulRunHistoryLimit']);
  return [rawDiagnostic('warning', 'KT3016', 'successfulRunHistoryLimit belongs to ScheduledSparkApplication; a ' +
    'SparkApplication has no such field and the API server drops it', location.key ?? location.value)];
};

export const sparkLints: readonly Lint[] = [lintKubernetesKeys, lintOverwrittenFields, lintDynamicAllocation,
  lintEnvVarsList, lintRunHistoryLimit, lintContainerResources];
