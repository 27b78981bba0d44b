/**
 * Judges one case: runs our CLI in-process (`kubetasks render FILE --task ID --format json|airflow`) and compares it
 * with what the real provider produced for the same task (airflow-judge.ts). Returns the failure lines, [] = pass.
 */
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { ApiOutcome, DryRunOutcome, JudgeResult, PyError } from './airflow-judge.js';
import {
  carriesPhrase,
  compareJson,
  compareText,
  errorKeyPhrase,
  formatDifferences,
  type Masks,
} from './compare.js';
import type { JudgeCase } from './task-cases.js';

/** Operators whose `--format json` output is a plan `{action, method, path, query, body}`, not an object. */
export const PLAN_OPERATORS = new Set([
  'KubernetesDeleteJobOperator',
  'KubernetesPatchJobOperator',
  'KubernetesInstallKueueOperator',
]);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** How a case is rendered on our side; the suite uses the CLI, `--self-check` a replay of a second judge run. */
export type Renderer = (c: JudgeCase, format: 'json' | 'airflow') => Promise<CliRun>;

/**
 * `kubetasks render FILE --task ID --format F [flags]`, in-process. `flags` say where the judge's Airflow runs, for
 * `airflow_kpo_in_cluster`: the task-file driver has no cluster (`--no-in-cluster`), the DAG driver pretends to run
 * in one (`--in-cluster`, dag_driver.py `_pretend_in_cluster`).
 */
export function cliRenderer(flags: readonly string[]): Renderer {
  return async (c, format) => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
    };
    try {
      const code = await main(['render', c.file, '--task', c.task_id, '--format', format, ...flags], io);
      return { code, stdout, stderr };
    } catch (error) {
      return { code: -1, stdout, stderr: `${stderr}\n<render threw> ${(error as Error).stack ?? String(error)}` };
    }
  };
}

/** The task-file suite's renderer: its Airflow runs outside any cluster. */
export const renderWithCli: Renderer = cliRenderer(['--no-in-cluster']);

function snippet(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 600 ? `${trimmed.slice(0, 600)}…` : trimmed || '<empty>';
}

/** Airflow raised: we must exit 2 and say the same thing (first line of Airflow's message, see README). */
function judgeError(c: JudgeCase, label: string, error: PyError, ours: CliRun): string[] {
  const phrase = c.errorPhrase ?? errorKeyPhrase(error.message);
  const problems: string[] = [];
  if (c.errorPhrase !== undefined && !carriesPhrase(error.message, c.errorPhrase)) {
    problems.push(`  harness: judge-error-phrase "${c.errorPhrase}" is no longer part of Airflow's message`);
  }
  if (ours.code !== 2) problems.push(`  ${label}: Airflow raises ${error.type}, but we exited ${ours.code} (want 2)`);
  if (!carriesPhrase(ours.stderr, phrase)) {
    problems.push(`  ${label}: our stderr lacks Airflow's message`, `    airflow: ${error.type}: ${phrase}`);
  }
  if (problems.length > 0) problems.push(`    our stderr: ${snippet(ours.stderr)}`);
  return problems;
}

function parseOutput(label: string, ours: CliRun, as: 'json' | 'yaml'): { value?: unknown; problems: string[] } {
  if (ours.code !== 0) {
    return { problems: [`  ${label}: Airflow succeeds, but we exited ${ours.code}`, `    our stderr: ${snippet(ours.stderr)}`] };
  }
  try {
    return { value: as === 'json' ? JSON.parse(ours.stdout) : parse(ours.stdout), problems: [] };
  } catch (error) {
    return { problems: [`  ${label}: our stdout is not ${as}: ${(error as Error).message}`, `    ${snippet(ours.stdout)}`] };
  }
}

async function judgeApi(c: JudgeCase, outcome: ApiOutcome, render: Renderer): Promise<string[]> {
  const ours = await render(c, 'json');
  if (!outcome.ok) return judgeError(c, '--format json', outcome.error, ours);
  const parsed = parseOutput('--format json', ours, 'json');
  if (parsed.problems.length > 0) return parsed.problems;
  const masks: Masks = outcome;
  const call = outcome.value;
  let diffs;
  if (PLAN_OPERATORS.has(c.operator)) {
    const plan = (parsed.value ?? {}) as Record<string, unknown>;
    const want: Record<string, unknown> = { method: call.method, path: call.path, query: call.query, body: call.body };
    const got: Record<string, unknown> = { method: plan['method'], path: plan['path'], query: plan['query'] ?? {}, body: plan['body'] ?? null };
    // The content type is judged only when our plan states one (the plan shape of issue 3 does not require it).
    if (Object.hasOwn(plan, 'contentType')) {
      want['contentType'] = call.contentType;
      got['contentType'] = plan['contentType'];
    }
    diffs = compareJson(want, got, masks);
  } else {
    diffs = compareJson(call.body, parsed.value, masks);
  }
  return diffs.length === 0 ? [] : ['  --format json differs from what execute() sends:', ...formatDifferences(diffs)];
}

async function judgeDryRun(c: JudgeCase, outcome: DryRunOutcome, body: unknown, render: Renderer): Promise<string[]> {
  const ours = await render(c, 'airflow');
  if (!outcome.ok) return judgeError(c, '--format airflow', outcome.error, ours);
  if (c.operator === 'SparkKubernetesOperator') {
    // Airflow prints a Python repr here; we print the same body as YAML (issue 3), so compare the data.
    const parsed = parseOutput('--format airflow', ours, 'yaml');
    if (parsed.problems.length > 0) return parsed.problems;
    const diffs = compareJson(body, parsed.value, outcome);
    return diffs.length === 0 ? [] : ['  --format airflow differs from dry_run()\'s body:', ...formatDifferences(diffs)];
  }
  if (ours.code !== 0) return parseOutput('--format airflow', ours, 'json').problems;
  const diffs = compareText(outcome.text, ours.stdout, outcome);
  return diffs.length === 0 ? [] : ['  --format airflow differs from dry_run() stdout:', ...formatDifferences(diffs)];
}

export async function judgeCase(c: JudgeCase, result: JudgeResult, render: Renderer = renderWithCli): Promise<string[]> {
  if (result.harness_error) return [`  harness: ${result.harness_error.trim()}`];
  const problems: string[] = [];
  if (!result.api) problems.push('  harness: the driver returned no api result');
  else problems.push(...(await judgeApi(c, result.api, render)));
  if (result.dry_run) problems.push(...(await judgeDryRun(c, result.dry_run, result.dry_run_body, render)));
  return problems;
}
