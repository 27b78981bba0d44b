/**
 * The Jinja judge (issue 17): every case in test/conformance/jinja/cases/ is rendered by Airflow's own
 * `render_template_fields` on Airflow 3.3.2 (the conformance venv, test/harness/airflow/provision.sh) and on Airflow
 * 2.11.2 (test/harness/airflow/provision-lock.sh with requirements-airflow2.lock), and by ours; they must agree
 * field for field. Prints `jinja: N passed, N failed` (one count per case and major). Never skips: a venv or driver
 * that cannot start fails the run.
 *
 * Usage: node --import tsx test/conformance/jinja/run-jinja.ts [--case ID] [--major 2|3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provisionAirflow } from '../airflow-judge.js';
import { readJinjaCases, type JinjaCase } from './jinja-cases.js';
import { judgeCase, judgeOperatorFields, type DriverResult } from './judge-jinja.js';

const repo = resolve(import.meta.dirname, '../../..');
const casesDir = join(import.meta.dirname, 'cases');

function provisionAirflow2(): string {
  const script = join(repo, 'test/harness/airflow/provision-lock.sh');
  const lock = join(repo, 'test/harness/airflow/requirements-airflow2.lock');
  const run = spawnSync('bash', [script, lock], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const python = (run.stdout ?? '').trim().split('\n').pop() ?? '';
  if (run.status !== 0 || python === '') throw new Error(`provision-lock.sh failed (exit ${run.status ?? run.signal}); the Airflow 2 judge cannot start`);
  return python;
}

type OperatorFields = Record<string, { template_fields: string[]; template_ext: string[] }>;

function runDriver(python: string, cases: JinjaCase[]): { airflow: string; results: DriverResult[]; operators: OperatorFields } {
  const home = mkdtempSync(join(tmpdir(), 'kubetasks-jinja-home-'));
  try {
    const input = JSON.stringify({
      cases_dir: casesDir,
      cases: cases.map((c) => ({ id: c.id, operator: c.operator, kwargs: c.kwargs, extra_template_fields: c.extraTemplateFields, run: c.run })),
    });
    const run = spawnSync(python, [join(import.meta.dirname, 'jinja_driver.py')], {
      input,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, AIRFLOW_HOME: home, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (run.status !== 0) throw new Error(`jinja_driver.py exited ${run.status ?? run.signal}:\n${(run.stderr ?? '').slice(-4000)}`);
    const parsed = JSON.parse(run.stdout) as { airflow: string; results: DriverResult[]; operators: OperatorFields };
    if (parsed.results.length !== cases.length) throw new Error(`jinja_driver.py returned ${parsed.results.length} results for ${cases.length} cases`);
    return parsed;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): number {
  const only = option('--case');
  const majors = option('--major') ? [Number(option('--major')) as 2 | 3] : ([3, 2] as const);
  const all = readJinjaCases(casesDir).filter((c) => !only || c.id === only);
  let passed = 0;
  let failed = 0;
  for (const major of majors) {
    const cases = all.filter((c) => c.majors.includes(major));
    if (cases.length === 0) continue;
    const python = major === 3 ? provisionAirflow(repo) : provisionAirflow2();
    const started = Date.now();
    const { airflow, results, operators } = runDriver(python, cases);
    console.log(`jinja: Airflow ${airflow} rendered ${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [operator, theirs] of Object.entries(operators)) {
      const diffs = judgeOperatorFields(operator, theirs.template_fields, theirs.template_ext);
      if (diffs.length === 0) passed++;
      else {
        failed++;
        console.log(`FAIL [Airflow ${airflow}] template_fields of ${operator}\n  ${diffs.join('\n  ')}`);
      }
    }
    cases.forEach((c, i) => {
      const diffs = judgeCase(c, major, results[i]!);
      if (diffs.length === 0) passed++;
      else {
        failed++;
        console.log(`FAIL [Airflow ${airflow}] ${c.id} (${c.file})\n  ${diffs.join('\n  ')}`);
      }
    });
  }
  console.log(`jinja: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

process.exitCode = main();
