/**
 * The renderer's entry point: a parsed task in, what Airflow would send (or print) out. Never throws on bad input:
 * every Airflow exception becomes a located KT4xxx problem.
 */
import { fail, ok, type Problem, type Result } from '../common/index.js';
import type { RandomSource } from './naming.js';
import { OperatorError } from './operator-error.js';
import type { BuildEnvironment } from './pod-operator.js';
import { toPythonKwargs } from './python-kwargs.js';
import { renderApi, renderDryRun, type ApiOutput, type RenderFormat } from './render-operator.js';
import { locate, type TaskSpec } from './task.js';
import { checkTaskParams, checkTaskTypes } from './task-values.js';
import { pinnedAirflowVersion } from './versions.js';

export type { RenderFormat } from './render-operator.js';

export interface RenderOptions {
  /** `api`: the body `execute` sends (Pod, Job, SparkApplication) or a plan; `airflow`: what `dry_run()` prints. */
  format: RenderFormat;
  /** Source of the 8-character name suffixes and `secretvol` UUIDs. */
  random: RandomSource;
  /** Render as if `random_name_suffix=False` (stable names). */
  noRandomSuffix?: boolean;
  /**
   * Whether Airflow's worker runs inside the cluster (default true, as Airflow's Helm chart runs it): the
   * `airflow_kpo_in_cluster` label of a task that sets neither `in_cluster` nor `config_file`.
   */
  workerInCluster?: boolean;
  /** Value of the `airflow_version` label; defaults to the pinned Airflow. */
  airflowVersion?: string;
  /**
   * Reads a template file named by the task (`pod_template_file`, `job_template_file`, `application_file`),
   * exactly as written there; the caller resolves it against `task.file`. Undefined means "does not exist".
   */
  readFile?: (path: string) => string | undefined;
}

export type Manifest = { format: 'api'; output: ApiOutput } | { format: 'airflow'; text: string };

export interface RenderedTask {
  manifest: Manifest;
  warnings: Problem[];
}

function located(task: TaskSpec, path: readonly (string | number)[], problem: Omit<Problem, 'start' | 'end'>): Problem {
  const range = path.length > 0 ? locate(task, path) : (task.ranges.operator ?? task.ranges['']);
  return { ...problem, ...(range ? { start: range.start, end: range.end } : {}) };
}

/** Airflow's message on one line (the grammar is one problem per line), prefixed by the exception type. */
function airflowProblem(task: TaskSpec, error: OperatorError): Problem {
  const message = `${error.exception}: ${error.message.replace(/\s*\n\s*/g, ' ').trim()}`;
  return located(task, error.path, { severity: 'error', code: 'KT4010', message });
}

/** Renders one task. Problems are located in `task.file` at the offending key. */
export function renderTask(task: TaskSpec, options: RenderOptions): Result<RenderedTask> {
  const problems = checkTaskParams(task);
  if (problems.length > 0) return fail(...problems);
  const warnings: Problem[] = [];
  const env: BuildEnvironment = {
    dryRun: options.format === 'airflow',
    random: options.random,
    workerInCluster: options.workerInCluster ?? true,
    airflowVersion: (options.airflowVersion ?? pinnedAirflowVersion).replace(/\+/g, '-'),
    readFile: options.readFile ?? (() => undefined),
    warn: (message, path, severity = 'warning') => warnings.push(located(task, path, { severity, code: 'KT4020', message })),
  };
  if (task.context) env.context = task.context;
  const typeProblems = checkTaskTypes(task);
  try {
    const kwargs = toPythonKwargs(task.operator, task.params);
    if (options.noRandomSuffix) kwargs.random_name_suffix = false;
    const run = { operator: task.operator, taskId: task.taskId, kwargs, env };
    const manifest: Manifest =
      options.format === 'api' ? { format: 'api', output: renderApi(run) } : { format: 'airflow', text: renderDryRun(run) };
    return typeProblems.length > 0 ? fail(...typeProblems) : ok({ manifest, warnings });
  } catch (error) {
    // Airflow's own exception names the problem best; a wrongly typed value that crashed a rule is reported as such.
    if (error instanceof OperatorError) return fail(airflowProblem(task, error), ...typeProblems);
    if (typeProblems.length > 0) return fail(...typeProblems);
    throw error;
  }
}
