/**
 * Conformance suite (issue 3): every task file under test/conformance/cases/ and examples/ is rendered by the real
 * provider (driver.py, in the pinned venv) and by our CLI, and compared. See test/conformance/README.md.
 *
 *   node --import tsx test/conformance/run.ts                       # the whole suite
 *   node --import tsx test/conformance/run.ts --case FILE           # one task file (all its tasks)
 *   node --import tsx test/conformance/run.ts --case FILE --show-airflow   # just print what Airflow produces
 *   node --import tsx test/conformance/run.ts --self-check          # judge the judge (two seeds must agree)
 *
 * The closing line is always `conformance: N passed, N failed`; the exit code is non-zero on any failure and when
 * the venv or the driver cannot start.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionAirflow, runDriver, type JudgeResult, type JudgeRun } from './airflow-judge.js';
import { judgeCase } from './judge-case.js';
import { countConstructorVerdicts } from './constructor-judge.js';
import { countParamTableVerdicts } from './param-tables.js';
import { selfCheck } from './self-check.js';
import { findTaskFiles, readTaskFile, type JudgeCase } from './task-cases.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

interface Options {
  files: string[];
  task?: string;
  showAirflow: boolean;
  selfCheck: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { files: [], showAirflow: false, selfCheck: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--case' && argv[i + 1] !== undefined) options.files.push(resolve(process.cwd(), argv[++i] ?? ''));
    else if (arg === '--task' && argv[i + 1] !== undefined) options.task = argv[++i];
    else if (arg === '--show-airflow') options.showAirflow = true;
    else if (arg === '--self-check') options.selfCheck = true;
    else throw new Error(`unknown argument ${arg}; usage: run.ts [--case FILE]... [--task ID] [--show-airflow | --self-check]`);
  }
  return options;
}

function collectCases(options: Options): { cases: JudgeCase[]; broken: string[] } {
  const files = options.files.length > 0
    ? options.files
    : [...findTaskFiles(resolve(repoRoot, 'test/conformance/cases')), ...findTaskFiles(resolve(repoRoot, 'examples'))];
  const cases: JudgeCase[] = [];
  const broken: string[] = [];
  for (const file of files) {
    try {
      cases.push(...readTaskFile(file, repoRoot).filter((c) => !options.task || c.task_id === options.task));
    } catch (error) {
      broken.push(`FAIL ${file}\n  harness: cannot read the task file: ${(error as Error).message}`);
    }
  }
  return { cases, broken };
}

function showAirflow(cases: readonly JudgeCase[], run: JudgeRun): void {
  console.log(`# apache-airflow ${run.airflow}, apache-airflow-providers-cncf-kubernetes ${run.provider}`);
  cases.forEach((c, i) => {
    const r: JudgeResult | undefined = run.results[i];
    console.log(`\n== ${c.id} (${c.operator}) ==`);
    if (!r || r.harness_error) {
      console.log(`harness error: ${r?.harness_error ?? 'no result'}`);
      return;
    }
    if (r.api?.ok) {
      const { method, path, query, contentType } = r.api.value;
      console.log(`-- execute() would send: ${method} ${path}`, JSON.stringify({ query, contentType }));
      console.log(JSON.stringify(r.api.value.body, null, 2));
    } else if (r.api) console.log(`-- execute() raises ${r.api.error.type}: ${r.api.error.message}`);
    if (r.dry_run?.ok) process.stdout.write(`-- dry_run() stdout (between the markers):\n>>>\n${r.dry_run.text}<<<\n`);
    else if (r.dry_run) console.log(`-- dry_run() raises ${r.dry_run.error.type}: ${r.dry_run.error.message}`);
    if (r.dry_run_body !== undefined) console.log(`-- dry_run() body as JSON:\n${JSON.stringify(r.dry_run_body, null, 2)}`);
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const { cases, broken } = collectCases(options);
  let passed = 0;
  let failed = broken.length;
  for (const line of broken) console.log(line);
  if (cases.length === 0 && broken.length === 0) {
    console.log('no conformance cases found');
    console.log('conformance: 0 passed, 1 failed');
    return 1;
  }
  let run: JudgeRun;
  let rerun: JudgeRun | undefined;
  try {
    const python = provisionAirflow(repoRoot);
    const started = Date.now();
    run = runDriver(python, repoRoot, cases);
    if (options.selfCheck) rerun = runDriver(python, repoRoot, cases, 'self-check#');
    console.log(`judge: apache-airflow ${run.airflow}, provider ${run.provider}: ${cases.length} cases in ${Date.now() - started} ms`);
  } catch (error) {
    console.log(`FAIL the judge could not run: ${(error as Error).message}`);
    console.log(`conformance: 0 passed, ${cases.length + failed} failed`);
    return 1;
  }
  if (options.showAirflow) {
    showAirflow(cases, run);
    return run.results.some((r) => r.harness_error) ? 1 : 0;
  }
  if (rerun) {
    const failures = await selfCheck(cases, run, rerun);
    for (const [id, lines] of failures) console.log(`FAIL ${id} (self-check)\n${lines.join('\n')}`);
    console.log(`conformance: ${cases.length - failures.size} passed, ${failures.size + failed} failed`);
    return failures.size + failed > 0 ? 1 : 0;
  }
  for (const [i, c] of cases.entries()) {
    const result = run.results[i];
    const problems = result ? await judgeCase(c, result) : ['  harness: no result from the driver'];
    if (problems.length === 0) passed++;
    else {
      failed++;
      console.log(`FAIL ${c.id} (${c.operator})\n${problems.join('\n')}`);
    }
  }
  // Validation as strict as the constructors (one verdict per case) and the parameter tables judged by the
  // provider's signatures (one per operator, full runs only): issue 9.
  const tally = { passed, failed };
  countConstructorVerdicts(provisionAirflow(repoRoot), repoRoot, { cases, results: run.results }, tally);
  if (options.files.length === 0) countParamTableVerdicts(provisionAirflow(repoRoot), repoRoot, tally);
  ({ passed, failed } = tally);
  console.log(`conformance: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.log(`FAIL ${(error as Error).stack ?? String(error)}`);
    console.log('conformance: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
