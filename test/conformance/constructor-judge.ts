/**
 * Task-file validation judged by the provider's constructors (issue 9): for every conformance case, the real
 * operator class is constructed with the task's arguments (construct_driver.py), nothing more. Where Airflow's
 * constructor raises, our validation of that task (parameter checks plus `checkTaskConstruction`, which `kubetasks
 * validate` reports as KT3017) must report an error, in Airflow's words when it is a constructor check; where the
 * constructor accepts the task, our validation must report no error.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../src/common/index.js';
import { checkTaskConstruction, parseTaskFile, type TaskSpec } from '../../src/operators/index.js';
import { checkTaskParams, checkTaskTypes } from '../../src/operators/task-values.js';
import type { JudgeResult, PyError } from './airflow-judge.js';
import { carriesPhrase, errorKeyPhrase } from './compare.js';
import type { JudgeCase } from './task-cases.js';

type Construction = { id: string; ok: true } | { id: string; ok: false; error: PyError };

/** Runs construct_driver.py over all cases; throws when it cannot run (the suite fails, never skips). */
function constructAll(python: string, repoRoot: string, cases: readonly JudgeCase[]): Construction[] {
  const run = spawnSync(python, [join(repoRoot, 'test/conformance/construct_driver.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (run.status !== 0) throw new Error(`construct_driver.py exited ${run.status ?? run.signal}:\n${(run.stderr ?? '').slice(-4000)}`);
  const results = JSON.parse(run.stdout) as Construction[];
  if (results.length !== cases.length) throw new Error(`construct_driver.py returned ${results.length} results for ${cases.length} cases`);
  return results;
}

function ourTask(c: JudgeCase): TaskSpec | undefined {
  const parsed = parseTaskFile(readFileSync(c.file, 'utf8'), c.file);
  return parsed.ok ? parsed.value.tasks.find((t) => t.taskId === c.task_id) : undefined;
}

/** What validation says about one task: Python's call errors first, then the constructor's checks (KT3017). */
function validationErrors(task: TaskSpec): Problem[] {
  return [...checkTaskParams(task), ...checkTaskTypes(task), ...checkTaskConstruction(task)].filter((p) => p.severity === 'error');
}

/**
 * `executeFails`: the render judge saw Airflow raise later, in execute(). A task file refuses a mistyped value at
 * once (KT4004) even when Python only trips over it there; that is allowed, a KT3017 never is.
 */
function judgeOne(c: JudgeCase, construction: Construction, executeFails: boolean): string[] {
  const task = ourTask(c);
  if (!task) return ['  harness: our task-file parser did not produce this task'];
  const ours = validationErrors(task);
  const lines = ours.map((p) => `    ours: ${p.code} ${p.message}`);
  if (construction.ok) {
    const unjustified = executeFails ? ours.filter((p) => p.code === 'KT3017') : ours;
    return unjustified.length === 0 ? [] : ['  Airflow constructs this operator, but our validation reports:', ...lines];
  }
  const { type, message } = construction.error;
  const phrase = errorKeyPhrase(message);
  if (ours.length === 0) return [`  Airflow's constructor raises ${type}: ${phrase}`, '    but our validation reports no error'];
  // Our wording is Airflow's for the constructor's own checks; Python's call errors (unknown, missing or mistyped
  // arguments) are reported in the task file's terms (KT4002/KT4004/KT4005).
  const constructorChecks = ours.filter((p) => p.code === 'KT3017');
  if (constructorChecks.length > 0 && !constructorChecks.some((p) => carriesPhrase(p.message, phrase))) {
    return [`  Airflow's constructor raises ${type}: ${phrase}`, '    but our KT3017 says otherwise:', ...lines];
  }
  return [];
}

/** One counted verdict per case; failures printed like the render judge's. */
export function countConstructorVerdicts(python: string, repoRoot: string, run: { cases: readonly JudgeCase[]; results: readonly JudgeResult[] },
  tally: { passed: number; failed: number }): void {
  const { cases, results } = run;
  let constructions: Construction[];
  try {
    constructions = constructAll(python, repoRoot, cases);
  } catch (error) {
    console.log(`FAIL constructor checks: the judge could not run: ${(error as Error).message}`);
    tally.failed++;
    return;
  }
  cases.forEach((c, i) => {
    const construction = constructions[i];
    const executeFails = results[i]?.api?.ok === false;
    const problems = construction ? judgeOne(c, construction, executeFails) : ['  harness: no result from construct_driver.py'];
    if (problems.length === 0) tally.passed++;
    else {
      tally.failed++;
      console.log(`FAIL ${c.id} (${c.operator}) validate vs. Airflow's constructor\n${problems.join('\n')}`);
    }
  });
}
