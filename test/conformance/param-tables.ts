/**
 * The parameter tables judged by the provider (issue 9): for every operator, `src/operators/parameters/*` must list
 * exactly the keyword arguments of the union of `__init__` signatures over the operator's MRO (the Task SDK
 * `BaseOperator` included), with the same required set and defaults, `templated` exactly where the class's
 * `template_fields` name the argument, the class's `template_ext`, and `deprecated` exactly on the arguments whose
 * use makes the provider warn about a deprecation. param_driver.py reports what the installed provider says.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { operatorNames, operatorParams, requiredParamNames, templateExtensions, type OperatorName } from '../../src/operators/index.js';
import type { ParamSpec } from '../../src/operators/index.js';

interface ProviderParam {
  name: string;
  declared_by: string;
  required: boolean;
  default: unknown;
}

interface ProviderOperator {
  mro: string[];
  params: ProviderParam[];
  template_fields: string[];
  template_ext: string[];
  /** Arguments whose sample value made the constructor emit a deprecation warning naming them. */
  deprecated: string[];
  /** Arguments whose sample value the constructor refused (no verdict on deprecation). */
  unprobed: Record<string, string>;
}

export interface TableVerdict {
  operator: OperatorName;
  problems: string[];
}

/** One sample value per argument that a task file can write, for the deprecation probe. */
function sampleValue(spec: ParamSpec): unknown {
  if (spec.pythonOnly) return undefined;
  if (spec.accepts.includes('bool')) return spec.default !== true;
  if (spec.accepts.includes('str')) return 'x';
  if (spec.accepts.includes('int')) return 1;
  return undefined;
}

interface ProbeRequest {
  /** The required keyword arguments (task_id aside), passed with every probe. */
  base: Record<string, unknown>;
  samples: Record<string, unknown>;
}

function probeRequest(): Record<string, ProbeRequest> {
  const request: Record<string, ProbeRequest> = {};
  for (const operator of operatorNames) {
    const required = new Set(requiredParamNames(operator));
    const base: Record<string, unknown> = {};
    const samples: Record<string, unknown> = {};
    for (const spec of operatorParams(operator)) {
      const value = sampleValue(spec);
      if (spec.name === 'task_id') continue;
      if (required.has(spec.name)) base[spec.name] = value ?? {};
      else if (value !== undefined) samples[spec.name] = value;
    }
    request[operator] = { base, samples };
  }
  return request;
}

/** Runs param_driver.py in the conformance venv; throws when it cannot run (the suite fails, never skips). */
export function readProviderTables(python: string, repoRoot: string): Record<string, ProviderOperator> {
  const home = mkdtempSync(join(tmpdir(), 'kubetasks-airflow-home-'));
  try {
    const run = spawnSync(python, [join(repoRoot, 'test/conformance/param_driver.py')], {
      input: JSON.stringify(probeRequest()),
      encoding: 'utf8',
      env: { ...process.env, AIRFLOW_HOME: home, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (run.status !== 0) throw new Error(`param_driver.py exited ${run.status ?? run.signal}:\n${(run.stderr ?? '').slice(-4000)}`);
    return JSON.parse(run.stdout) as Record<string, ProviderOperator>;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function sameDefault(spec: ParamSpec, theirs: ProviderParam): boolean {
  // A config-backed default is read from airflow.cfg at import; the venv runs the stock config, so it must agree too.
  return isDeepStrictEqual(spec.default, theirs.default);
}

function compareRows(operator: OperatorName, provider: ProviderOperator): string[] {
  const problems: string[] = [];
  const ours = new Map(operatorParams(operator).map((spec) => [spec.name, spec]));
  const theirs = new Map(provider.params.map((param) => [param.name, param]));
  for (const name of theirs.keys()) if (!ours.has(name)) problems.push(`  missing: ${name} (declared by ${theirs.get(name)?.declared_by})`);
  for (const name of ours.keys()) if (!theirs.has(name)) problems.push(`  not a keyword argument of ${operator}: ${name}`);
  const required = new Set(requiredParamNames(operator));
  for (const [name, param] of theirs) {
    const spec = ours.get(name);
    if (!spec) continue;
    if (param.required !== required.has(name)) problems.push(`  ${name}: required is ${param.required} in the provider`);
    else if (!param.required && !sameDefault(spec, param)) {
      problems.push(`  ${name}: default ${JSON.stringify(spec.default)}, the provider's is ${JSON.stringify(param.default)}`);
    }
    if (spec.templated !== provider.template_fields.includes(name)) {
      problems.push(`  ${name}: templated is ${spec.templated}, but template_fields ${spec.templated ? 'omit' : 'list'} it`);
    }
  }
  return problems;
}

function compareDeprecations(operator: OperatorName, provider: ProviderOperator): string[] {
  const problems: string[] = [];
  for (const spec of operatorParams(operator)) {
    const warns = provider.deprecated.includes(spec.name);
    const unprobed = provider.unprobed[spec.name];
    if (spec.deprecated && !warns) {
      problems.push(`  ${spec.name}: marked deprecated, but the provider does not warn${unprobed ? ` (${unprobed})` : ''}`);
    }
    if (!spec.deprecated && warns) problems.push(`  ${spec.name}: the provider warns that it is deprecated; mark it so`);
  }
  return problems;
}

/** Every operator's table against the provider; one verdict per operator. */
export function judgeParamTables(python: string, repoRoot: string): TableVerdict[] {
  const provider = readProviderTables(python, repoRoot);
  return operatorNames.map((operator) => {
    const theirs = provider[operator];
    if (!theirs) return { operator, problems: ['  param_driver.py did not report this operator'] };
    const ext = templateExtensions(operator);
    const problems = [...compareRows(operator, theirs), ...compareDeprecations(operator, theirs)];
    if (!isDeepStrictEqual([...ext], theirs.template_ext)) {
      problems.push(`  template_ext ${JSON.stringify(ext)}, the provider's is ${JSON.stringify(theirs.template_ext)}`);
    }
    return { operator, problems };
  });
}

/**
 * The conformance phase's part: one counted verdict per operator table, failures printed like case failures. A judge
 * that cannot run is one failure, never a skip.
 */
export function countParamTableVerdicts(python: string, repoRoot: string, tally: { passed: number; failed: number }): void {
  let verdicts: TableVerdict[];
  try {
    verdicts = judgeParamTables(python, repoRoot);
  } catch (error) {
    console.log(`FAIL parameter tables: the judge could not run: ${(error as Error).message}`);
    tally.failed++;
    return;
  }
  for (const { operator, problems } of verdicts) {
    if (problems.length === 0) tally.passed++;
    else {
      tally.failed++;
      console.log(`FAIL parameter table of ${operator} (src/operators/parameters) against the provider\n${problems.join('\n')}`);
    }
  }
}
