/**
 * Lints on containers and pod specs: KT3003 secret-looking plain env values, KT3004 Job restartPolicy, KT3006 a
 * containers[0] not named `base`.
 */
import { findPodSpecs, at, blockIndent, getIn, isMasked, isRecord, walk, type Lint, type LintContext } from './lint-context.js';
import { rawDiagnostic, type QuickFix, type RawDiagnostic } from '../template-diagnostic.js';
import type { DataPath } from '../node-paths.js';

const SECRET_NAME = /(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH)/i;

function secretFix(ctx: LintContext, path: DataPath, name: string): QuickFix[] | undefined {
  const location = at(ctx, [...path, 'value']);
  if (!location.key) return undefined;
  const { indent, block } = blockIndent(ctx.text, location.key[0]);
  if (!block) return undefined;
  const newText = ['valueFrom:', '  secretKeyRef:', '    name: my-secret', `    key: ${name.toLowerCase()}`]
    .join(`\n${indent}`);
  return [{ title: 'Read it from a Kubernetes Secret (valueFrom.secretKeyRef)',
    edits: [{ startOffset: location.key[0], endOffset: location.value[1], newText }] }];
}

function secretMessage(name: string): string {
  // Provider docs, "Passing Secrets": never pass secrets through environment variables.
  return `env var "${name}" looks like a secret but has a plain value, visible to anyone who can describe the pod; ` +
    'use valueFrom.secretKeyRef (Airflow: Secret("env", ...)) instead';
}

/** KT3003: `env: [{name: DB_PASSWORD, value: ...}]` anywhere, and `env_vars: {DB_PASSWORD: ...}` mappings. */
export const lintSecretEnv: Lint = (ctx) => {
  const out: RawDiagnostic[] = [];
  for (const [path, node] of walk(ctx.value)) {
    const last = path[path.length - 1];
    if (typeof last === 'number' && path[path.length - 2] === 'env' && isRecord(node)) {
      const { name, value } = node;
      if (typeof name === 'string' && SECRET_NAME.test(name) && typeof value === 'string' && value !== '') {
        out.push(rawDiagnostic('warning', 'KT3003', secretMessage(name), at(ctx, [...path, 'value']).value,
          secretFix(ctx, path, name)));
      }
    }
    if (last === 'env_vars' && isRecord(node)) {
      for (const [name, value] of Object.entries(node)) {
        if (SECRET_NAME.test(name) && typeof value === 'string' && value !== '') {
          out.push(rawDiagnostic('warning', 'KT3003', secretMessage(name), at(ctx, [...path, name]).value));
        }
      }
    }
  }
  return out;
};

/** KT3004: a Job's pods may only use Never or OnFailure (Kubernetes rejects Always; KubernetesJobOperator sets Never). */
export const lintJobRestartPolicy: Lint = (ctx) => {
  if (ctx.kind !== 'job') return [];
  const path = ['spec', 'template', 'spec', 'restartPolicy'];
  const policy = getIn(ctx.value, path);
  if (policy === undefined || policy === null || policy === 'Never' || policy === 'OnFailure') return [];
  if (isMasked(ctx, path)) return [];
  const range = at(ctx, path).value;
  return [rawDiagnostic('error', 'KT3004', `a Job's pod restartPolicy must be Never or OnFailure, not ` +
    `${JSON.stringify(policy)}; Kubernetes rejects the Job`, range,
  [{ title: 'Change to Never', preferred: true, edits: [{ startOffset: range[0], endOffset: range[1], newText: 'Never' }] }])];
};

/** KT3006: Airflow merges the operator's container into containers[0] by position and names it `base`. */
export const lintBaseContainerName: Lint = (ctx) => {
  if (ctx.kind !== 'pod' && ctx.kind !== 'job') return [];
  const out: RawDiagnostic[] = [];
  for (const [path, spec] of findPodSpecs(ctx.kind, ctx.value)) {
    const first = Array.isArray(spec.containers) ? spec.containers[0] : undefined;
    const name = isRecord(first) ? first.name : undefined;
    const namePath = [...path, 'containers', 0, 'name'];
    if (typeof name !== 'string' || name === 'base' || isMasked(ctx, namePath)) continue;
    const range = at(ctx, namePath).value;
    // airflow pod_generator reconcile_pods: the base container is containers[0], whatever its name.
    out.push(rawDiagnostic('warning', 'KT3006', `containers[0] is named "${name}", but Airflow merges the operator's ` +
      `container into containers[0] by position and names it "base" (base_container_name), so "${name}" is replaced`,
    range, [{ title: 'Rename to "base"', preferred: true, edits: [{ startOffset: range[0], endOffset: range[1], newText: 'base' }] }]));
  }
  return out;
};

export const containerLints: readonly Lint[] = [lintSecretEnv, lintJobRestartPolicy, lintBaseContainerName];
