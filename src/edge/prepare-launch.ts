/**
 * What a launch creates, prepared once for both edges (issues 12, 13, 14): the task file's (or DAG call's) task with
 * its task instance context (`dag_id` from the file's `context` block, else the DAG's `dag_id`, else the file name
 * without `.task.yaml`; `run_id` `kubetasks__<ISO time>`; `try_number` 1), its templated fields rendered for the run
 * (Airflow's `render_template_fields`), then rendered by the same `renderTask` as `kubetasks render`. A DAG call still
 * holding Jinja or XCom references is refused (KT4712). The CLI prints the problems; the editor shows them.
 */
import { isDagFile, type Problem } from '../common/index.js';
import { findUnrenderedReferences } from '../dags/index.js';
import { renderTask, type OperatorName, type Plan, type TaskSpec } from '../operators/index.js';
import { resolveRunContext, toLaunchOptions, type LaunchOptions } from '../tasks/index.js';
import { renderTaskTemplates, type RunInput } from '../templates/index.js';
import { cryptoRandom } from './random.js';
import { readBeside, type TextOverlay } from './read-beside.js';
import { loadTaskFile, type DagScanner } from './task-loader.js';

/** The task instance a launch (or `render --dag-id/--try-number/--run-id`) is for. */
export interface ContextFlags {
  'dag-id'?: string;
  'try-number'?: string;
  'run-id'?: string;
}

/** A positive integer `--try-number`, or the message saying why not. */
export function parseTryNumber(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^[1-9]\d*$/.test(value) ? Number(value) : `--try-number must be a positive integer (got "${value}")`;
}

/** Sets each task's context as `launch` does; with none of the flags (render), tasks are left as written. */
export function withRunContext(tasks: TaskSpec[], flags: ContextFlags, file: string, now: Date, always: boolean): TaskSpec[] | string {
  if (!always && flags['dag-id'] === undefined && flags['try-number'] === undefined && flags['run-id'] === undefined) return tasks;
  const tryNumber = parseTryNumber(flags['try-number']);
  if (typeof tryNumber === 'string') return tryNumber;
  return tasks.map((task) => {
    const context = resolveRunContext({
      ...(task.context ? { fileContext: task.context } : {}),
      // a DAG call's labels carry its DAG's dag_id (`with DAG("x")`, `DAG(dag_id=…)`, `@dag`), as in an Airflow run
      ...(task.templating?.dagId === undefined ? {} : { dagId: task.templating.dagId }),
      fileName: file,
      now,
      ...(flags['run-id'] === undefined ? {} : { runId: flags['run-id'] }),
      ...(tryNumber === undefined ? {} : { tryNumber }),
    });
    return { ...task, context: flags['dag-id'] === undefined ? context : { ...context, dag_id: flags['dag-id'] } };
  });
}

/** Renders every task's templated fields for the run; failed tasks are dropped and their problems returned. */
export function applyRun(tasks: TaskSpec[], run: RunInput | undefined, absolute: string, overlay?: TextOverlay): { tasks: TaskSpec[]; problems: Problem[] } {
  if (!run) return { tasks, problems: [] };
  const out: TaskSpec[] = [];
  const problems: Problem[] = [];
  for (const task of tasks) {
    const rendered = renderTaskTemplates(task, run, readBeside(absolute, overlay));
    if (!rendered.ok) problems.push(...rendered.problems);
    else {
      out.push(rendered.value.task);
      problems.push(...rendered.value.warnings);
    }
  }
  return { tasks: out, problems };
}

export interface PreparedLaunch {
  task: TaskSpec;
  operator: OperatorName;
  /** The object `execute` creates (Pod, Job, SparkApplication) in API form; `{}` for an operator that only acts. */
  body: Record<string, unknown>;
  /** The API call of an operator that acts on an existing object (Delete/Patch job, Install Kueue). */
  plan?: Plan;
  /** The KubernetesPodOperator arguments that steer `execute` (also the Job operators', which inherit them). */
  options: LaunchOptions;
}

export interface PrepareTaskArgs {
  /** The file's text (the editor passes the open document's, unsaved edits included). */
  text: string;
  absolute: string;
  taskId: string | undefined;
  /** The run whose templated fields are rendered; undefined leaves Jinja as written (a DAG call then refuses). */
  run: RunInput | undefined;
  context: ContextFlags;
  now: Date;
  /** Open documents first when reading template files beside the task. */
  overlay?: TextOverlay;
  scanDag?: DagScanner;
  /** `airflow_kpo_in_cluster`: true as on an Airflow worker in the cluster (the CLI), or the editor's setting. */
  workerInCluster?: boolean;
}

/** Either a launchable task or why not; `problems` may hold warnings beside a prepared launch. */
export interface PrepareResult {
  prepared?: PreparedLaunch;
  problems: Problem[];
  /** A message that is not about a line of the file (no task, several tasks, a bad flag). */
  message?: string;
}

function pickTask(tasks: TaskSpec[], wanted: string | undefined): TaskSpec | string {
  const ids = tasks.map((t) => t.taskId).join(', ');
  if (wanted !== undefined) return tasks.find((t) => t.taskId === wanted) ?? `no task "${wanted}" in the file (tasks: ${ids})`;
  if (tasks.length === 1 && tasks[0]) return tasks[0];
  return tasks.length === 0 ? 'the file has no task' : `the file has ${tasks.length} tasks; choose one with --task (tasks: ${ids})`;
}

const hasError = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');

/** Loads, picks, templates and renders the one task to launch. */
export async function prepareTaskLaunch(args: PrepareTaskArgs): Promise<PrepareResult> {
  const loaded = await loadTaskFile(args.text, args.absolute, args.scanDag);
  if (!loaded.ok) return { problems: loaded.problems };
  const problems = [...loaded.value.warnings];
  if (hasError(problems)) return { problems };
  const picked = pickTask(loaded.value.tasks, args.taskId);
  if (typeof picked === 'string') return { problems, message: picked };
  // The run context first: `{{ run_id }}` must render the run id the pod's labels carry.
  const withContext = withRunContext([picked], args.context, args.absolute, args.now, true);
  if (typeof withContext === 'string') return { problems, message: withContext };
  const templated = applyRun(withContext, args.run, args.absolute, args.overlay);
  problems.push(...templated.problems);
  const task = templated.tasks[0];
  if (hasError(problems) || !task) return { problems };
  // A DAG call launches only once its Jinja is rendered and no XCom reference is left (issue 12).
  if (isDagFile(args.absolute)) problems.push(...findUnrenderedReferences(picked, task, args.run !== undefined));
  if (hasError(problems)) return { problems };
  const rendered = renderTask(task, {
    format: 'api', random: cryptoRandom, workerInCluster: args.workerInCluster ?? true, readFile: readBeside(args.absolute, args.overlay),
  });
  if (!rendered.ok) return { problems: [...problems, ...rendered.problems] };
  problems.push(...rendered.value.warnings);
  if (hasError(problems)) return { problems };
  const manifest = rendered.value.manifest;
  if (manifest.format !== 'api') return { problems, message: `task "${task.taskId}" renders no API request` };
  const operator = task.operator as OperatorName;
  const options = toLaunchOptions(task.params);
  if (manifest.output.kind === 'plan') return { problems, prepared: { task, operator, body: {}, plan: manifest.output.plan, options } };
  return { problems, prepared: { task, operator, body: structuredClone(manifest.output.body) as Record<string, unknown>, options } };
}
