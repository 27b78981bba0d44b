/**
 * `run.ts --self-check`: judges the judge. The driver runs a second time with different random seeds, and that run
 * is replayed as if it were our CLI through the very same `judgeCase` the suite uses: bodies and plans as
 * `--format json`, dry_run() text (SKO: its body as YAML) as `--format airflow`, provider exceptions as exit 2
 * with the message on stderr. Every case must pass. This proves the provider output is deterministic apart from
 * what is masked, that the masks hide the random parts (suffixes, secretvol UUIDs) and nothing else, and that the
 * plumbing (plans, SKO YAML, error rule) accepts a faithful renderer. compare.test.ts shows the masks still catch
 * wrong values.
 */
import { stringify } from 'yaml';
import type { JudgeResult, JudgeRun, PyError } from './airflow-judge.js';
import { judgeCase, PLAN_OPERATORS, type CliRun, type Renderer } from './judge-case.js';
import type { JudgeCase } from './task-cases.js';

function raised(c: JudgeCase, error: PyError): CliRun {
  return { code: 2, stdout: '', stderr: `${c.file}:1:1: error AIRFLOW ${error.type}: ${error.message}\n` };
}

/** A renderer that answers with what the provider produced in `replay` (a run with other seeds). */
function replayRenderer(replay: Map<string, JudgeResult>): Renderer {
  return async (c, format) => {
    const r = replay.get(c.id);
    if (!r || r.harness_error) return { code: 1, stdout: '', stderr: `no replay for ${c.id}` };
    if (format === 'json') {
      if (!r.api) return { code: 1, stdout: '', stderr: 'no api result' };
      if (!r.api.ok) return raised(c, r.api.error);
      const { method, path, query, body } = r.api.value;
      const out = PLAN_OPERATORS.has(c.operator) ? { action: 'replay', method, path, query, body } : body;
      return { code: 0, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: '' };
    }
    if (!r.dry_run) return { code: 1, stdout: '', stderr: 'no dry_run result' };
    if (!r.dry_run.ok) return raised(c, r.dry_run.error);
    const text = c.operator === 'SparkKubernetesOperator' ? stringify(r.dry_run_body) : r.dry_run.text;
    return { code: 0, stdout: text, stderr: '' };
  };
}

/** Failure report lines per case id; an empty map means the judge accepts its own replay. */
export async function selfCheck(cases: readonly JudgeCase[], first: JudgeRun, second: JudgeRun): Promise<Map<string, string[]>> {
  const replay = new Map(second.results.map((r, i) => [cases[i]?.id ?? r.id, r]));
  const render = replayRenderer(replay);
  const failures = new Map<string, string[]>();
  for (const [i, c] of cases.entries()) {
    const result = first.results[i];
    const problems = result ? await judgeCase(c, result, render) : ['  harness: missing result'];
    const a = result?.api;
    const b = replay.get(c.id)?.api;
    if (a?.ok && b?.ok && a.suffixes.length > 0 && a.suffixes.join() === b.suffixes.join()) {
      problems.push('  seed: the second run drew the same random suffixes, so masking was not exercised');
    }
    if (problems.length > 0) failures.set(c.id, problems);
  }
  return failures;
}
