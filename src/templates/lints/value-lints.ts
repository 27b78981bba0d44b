/**
 * Lints on single values: KT3002 a label-selector `values` given as a string, KT3005 resource quantities
 * Kubernetes cannot parse, KT3008 names that are not DNS-1123.
 */
import { at, getIn, isMasked, isRecord, walk, type Lint, type LintContext } from './lint-context.js';
import { findPodSpecs } from './lint-context.js';
import { rawDiagnostic, type RawDiagnostic } from '../template-diagnostic.js';
import { formatPath, type DataPath } from '../node-paths.js';

/** KT3002: the provider docs' own affinity example writes `values="S1"`; Kubernetes needs a list. */
export const lintSelectorValues: Lint = (ctx) => {
  const out: RawDiagnostic[] = [];
  for (const [path, node] of walk(ctx.value)) {
    if (path[path.length - 2] !== 'matchExpressions' || !isRecord(node) || typeof node.values !== 'string') continue;
    const valuePath = [...path, 'values'];
    const range = at(ctx, valuePath).value;
    const text = node.values;
    out.push({
      ...rawDiagnostic('error', 'KT3002', `${formatPath(valuePath)} must be a list of strings, not the string ` +
        `${JSON.stringify(text)}; write [${JSON.stringify(text)}]`, range,
      [{ title: `Wrap in a list: [${JSON.stringify(text)}]`, preferred: true,
        edits: [{ startOffset: range[0], endOffset: range[1], newText: `[${JSON.stringify(text)}]` }] }]),
      replacesSchemaAt: `/${valuePath.join('/')}`,
    });
  }
  return out;
};

// k8s.io/apimachinery/pkg/api/resource quantity.go: <signedNumber><suffix>, suffix binarySI | decimalSI | exponent.
const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
const SUFFIX_FIXES: Record<string, string> = {
  ki: 'Ki', mi: 'Mi', gi: 'Gi', ti: 'Ti', pi: 'Pi', kb: 'k', mb: 'M', gb: 'G', tb: 'T', kib: 'Ki', mib: 'Mi', gib: 'Gi',
  K: 'k', g: 'G', t: 'T',
};

export function suggestQuantity(text: string): string | undefined {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*([A-Za-z]+)\s*$/.exec(text);
  if (!match) return undefined;
  const suffix = SUFFIX_FIXES[match[2]!] ?? SUFFIX_FIXES[match[2]!.toLowerCase()];
  const candidate = suffix === undefined ? `${match[1]}${match[2]}` : `${match[1]}${suffix}`;
  return QUANTITY.test(candidate) ? candidate : undefined;
}

const QUANTITY_PARENTS = new Set(['limits', 'requests', 'overhead', 'capacity', 'allocatable']);
const QUANTITY_KEYS = new Set(['sizeLimit', 'nominalQuota', 'borrowingLimit', 'lendingLimit']);

function isQuantityPath(path: DataPath): boolean {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  return (typeof parent === 'string' && QUANTITY_PARENTS.has(parent) && typeof last === 'string') ||
    (typeof last === 'string' && QUANTITY_KEYS.has(last));
}

/** KT3005: `memory: 512mb` and friends. Numbers are fine (Kubernetes reads 2 as 2 cores / 2 bytes). */
export const lintQuantities: Lint = (ctx) => {
  const out: RawDiagnostic[] = [];
  for (const [path, value] of walk(ctx.value)) {
    if (typeof value !== 'string' || !isQuantityPath(path) || QUANTITY.test(value) || isMasked(ctx, path)) continue;
    const range = at(ctx, path).value;
    const suggestion = suggestQuantity(value);
    const hint = suggestion ? `; did you mean "${suggestion}"?` : ' (examples: 500m, 2, 512Mi, 1Gi)';
    out.push(rawDiagnostic('error', 'KT3005', `${JSON.stringify(value)} is not a Kubernetes quantity for ` +
      `${formatPath(path)}${hint}`, range, suggestion
      ? [{ title: `Change to ${suggestion}`, preferred: true, edits: [{ startOffset: range[0], endOffset: range[1], newText: suggestion }] }]
      : undefined));
  }
  return out;
};

// k8s.io/apimachinery/pkg/util/validation: IsDNS1123Label (63) and IsDNS1123Subdomain (253).
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function toDnsName(name: string, maxLength: number): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned.slice(0, maxLength).replace(/[^a-z0-9]+$/, '');
}

function checkName(
  ctx: LintContext, path: DataPath, subdomain: boolean, maxLength: number, replaced = false,
): RawDiagnostic | undefined {
  const name = getIn(ctx.value, path);
  if (typeof name !== 'string' || isMasked(ctx, path)) return undefined;
  const pattern = subdomain ? DNS_SUBDOMAIN : DNS_LABEL;
  if (pattern.test(name) && name.length <= maxLength) return undefined;
  const what = subdomain ? 'DNS-1123 subdomain' : 'DNS-1123 label';
  const rule = subdomain ? 'lowercase letters, digits, "-" and "."' : 'lowercase letters, digits and "-"';
  const range = at(ctx, path).value;
  const fixed = toDnsName(subdomain ? name : name.replace(/\./g, '-'), maxLength);
  // Airflow replaces metadata.name of templates with the operator's (sanitised) name: then it is only a warning.
  const note = replaced ? '; Airflow replaces it with the operator\'s name, but kubectl would reject it' : '';
  return rawDiagnostic(replaced ? 'warning' : 'error', 'KT3008', `${JSON.stringify(name)} is not a valid ${what} for ` +
    `${formatPath(path)}: use at most ${maxLength} ${rule}, starting and ending with a letter or digit${note}`, range, fixed
    ? [{ title: `Change to "${fixed}"`, preferred: true, edits: [{ startOffset: range[0], endOffset: range[1], newText: fixed }] }]
    : undefined);
}

function podSpecNames(path: DataPath, spec: Record<string, unknown>): DataPath[] {
  const names: DataPath[] = [];
  for (const list of ['containers', 'initContainers', 'volumes']) {
    const items = spec[list];
    if (Array.isArray(items)) items.forEach((_, i) => names.push([...path, list, i, 'name']));
  }
  return names;
}

/** KT3008: metadata.name (a Job's name also becomes a label, so 63 at most) and container and volume names. */
export const lintDnsNames: Lint = (ctx) => {
  const out: (RawDiagnostic | undefined)[] = [];
  if (ctx.kind !== 'task') {
    const metaPath = ctx.kind === 'spark-template' ? ['spark', 'metadata', 'name'] : ['metadata', 'name'];
    const replaced = ['pod', 'job', 'spark-template', 'spark-application'].includes(ctx.kind);
    out.push(checkName(ctx, metaPath, ctx.kind !== 'job', ctx.kind === 'job' ? 63 : 253, replaced));
  }
  for (const [path, spec] of findPodSpecs(ctx.kind, ctx.value)) {
    for (const namePath of podSpecNames(path, spec)) out.push(checkName(ctx, namePath, false, 63));
  }
  return out.filter((d): d is RawDiagnostic => d !== undefined);
};

export const valueLints: readonly Lint[] = [lintSelectorValues, lintQuantities, lintDnsNames];
