/**
 * KT3009 / KT3014 / KT3015: Airflow's `container_resources` conversion (custom_object_launcher.py get_body):
 * memory.limit is turned into MiB and divided by 1.4 (the Spark operator adds 40 % overhead), cpu.request goes
 * through int(float(x)), and the executor must have container_resources whenever the driver does.
 */
import { at, getIn, isMasked, isRecord, type Lint, type LintContext } from './lint-context.js';
import { rawDiagnostic, type RawDiagnostic } from '../template-diagnostic.js';
import type { DataPath } from '../node-paths.js';

/** The memory value Airflow sends, or an error text when Airflow crashes on the input. */
export function convertMemoryLimit(limit: string): { memory: string } | { crash: string } {
  let number: number;
  if (limit.includes('G')) number = Number(limit.replace(/[Gi ]+$/, '')) * 1024;
  else if (limit.includes('m')) number = Number(limit.replace(/m/g, ''));
  else return { crash: 'TypeError: only G, Gi and m suffixes are converted' };
  if (!Number.isFinite(number)) return { crash: 'ValueError: the number before the suffix is not a plain number' };
  return { memory: `${Math.trunc(number / 1.4)}m` };
}

function memoryDiagnostic(ctx: LintContext, path: DataPath): RawDiagnostic | undefined {
  const limit = getIn(ctx.value, path);
  if (typeof limit !== 'string' || isMasked(ctx, path)) return undefined;
  const range = at(ctx, path).value;
  const result = convertMemoryLimit(limit);
  if ('crash' in result) {
    return rawDiagnostic('error', 'KT3015', `Airflow cannot convert memory.limit ${JSON.stringify(limit)} (${result.crash}); ` +
      'write it with G, Gi or m, for example "2Gi" or "512m"', range);
  }
  return rawDiagnostic('info', 'KT3009', `Airflow sends memory ${JSON.stringify(result.memory)} for memory.limit ` +
    `${JSON.stringify(limit)}: it divides by 1.4 to leave room for the Spark operator's 40 % memory overhead`, range);
}

function cpuDiagnostic(ctx: LintContext, path: DataPath): RawDiagnostic | undefined {
  const request = getIn(ctx.value, path);
  if ((typeof request !== 'number' && typeof request !== 'string') || request === '' || isMasked(ctx, path)) return undefined;
  const number = Number(request);
  if (!Number.isFinite(number) || Number.isInteger(number)) return undefined;
  const cores = Math.trunc(number);
  const range = at(ctx, path).value;
  if (cores === 0) {
    return rawDiagnostic('warning', 'KT3009', `Airflow turns cpu.request ${request} into int(${request}) = 0 cores and then ` +
      'drops it; use a whole number of cores', range);
  }
  return rawDiagnostic('info', 'KT3009', `Airflow sends cores ${cores} for cpu.request ${request} (int(float(x)))`, range);
}

export const lintContainerResources: Lint = (ctx) => {
  const spec: DataPath | undefined = ctx.kind === 'spark-template' ? ['spark', 'spec'] : ctx.kind === 'spark-application' ? ['spec'] : undefined;
  if (!spec) return [];
  const driver = getIn(ctx.value, [...spec, 'driver', 'container_resources']);
  if (!isRecord(driver) || Object.keys(driver).length === 0) return [];
  const out: (RawDiagnostic | undefined)[] = [];
  for (const role of ['driver', 'executor']) {
    const base = [...spec, role, 'container_resources'];
    if (!isRecord(getIn(ctx.value, base))) continue;
    out.push(memoryDiagnostic(ctx, [...base, 'memory', 'limit']), cpuDiagnostic(ctx, [...base, 'cpu', 'request']));
  }
  if (!isRecord(getIn(ctx.value, [...spec, 'executor', 'container_resources']))) {
    const location = at(ctx, [...spec, 'driver', 'container_resources']);
    out.push(rawDiagnostic('error', 'KT3014', 'the driver has container_resources but the executor does not: Airflow ' +
      'converts both and fails with KeyError', location.key ?? location.value));
  }
  return out.filter((d): d is RawDiagnostic => d !== undefined);
};
