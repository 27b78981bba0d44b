/**
 * What `kubetasks launch` creates, rendered once (issue 12): the task file's task with its task instance context
 * (`dag_id` from the file's `context` block, else the DAG's `dag_id` for a DAG call, else the file name without
 * `.task.yaml`; `run_id` `kubetasks__<ISO time>`; `try_number` 1), rendered by the same `renderTask` as
 * `kubetasks render`. `render` takes the same context through `--dag-id`, `--run-id`, `--try-number`
 * (contextOptions), so both produce one body. A DAG call still holding Jinja or XCom references is refused (KT4712).
 */
import { formatProblem, isDagFile, type Problem } from '../common/index.js';
import { findUnrenderedReferences } from '../dags/index.js';
import { cryptoRandom, loadTaskFile, readBeside } from '../edge/index.js';
import { renderTask, type TaskSpec } from '../operators/index.js';
import { resolveRunContext, toLaunchOptions, type LaunchOptions } from '../tasks/index.js';
import type { CliIo } from './io.js';
import { readInput } from './read-input.js';
import { applyRun, readRunFlags, type RunFlagValues } from './run-flags.js';

/** Rows for `render`: the task instance the labels are rendered for (launch decides these itself). */
export const contextOptions = {
  'dag-id': { type: 'string', value: 'ID', help: "dag_id of the task instance (default: the file's context block, else the DAG's dag_id, else the file name)" },
  'try-number': { type: 'string', value: 'N', help: 'try_number of the task instance (default 1)' },
} as const;

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

export interface PreparedLaunch {
  task: TaskSpec;
  body: Record<string, unknown>;
  options: LaunchOptions;
}

export interface PrepareArgs {
  file: string;
  taskId: string | undefined;
  flags: RunFlagValues & ContextFlags;
  now: Date;
}

/** A message for the user (exit 2); problems are already printed in the shared grammar. */
export type PrepareFailure = { message?: string };

function pickTask(tasks: TaskSpec[], wanted: string | undefined): TaskSpec | string {
  const ids = tasks.map((t) => t.taskId).join(', ');
  if (wanted !== undefined) return tasks.find((t) => t.taskId === wanted) ?? `no task "${wanted}" in the file (tasks: ${ids})`;
  if (tasks.length === 1 && tasks[0]) return tasks[0];
  return tasks.length === 0 ? 'the file has no task' : `the file has ${tasks.length} tasks; choose one with --task (tasks: ${ids})`;
}

function printProblems(io: CliIo, file: string, problems: readonly Problem[]): boolean {
  for (const problem of problems) io.stderr.write(`${formatProblem(file, problem)}\n`);
  return problems.some((p) => p.severity === 'error');
}

/** Loads, picks, templates and renders the one task to launch. */
export async function prepareLaunch(args: PrepareArgs, io: CliIo): Promise<PreparedLaunch | PrepareFailure> {
  const input = readInput('launch', args.file, io);
  if (!input) return {};
  const loaded = await loadTaskFile(input.text, input.absolute);
  if (!loaded.ok) return (printProblems(io, args.file, loaded.problems), {});
  if (printProblems(io, args.file, loaded.value.warnings)) return {};
  const picked = pickTask(loaded.value.tasks, args.taskId);
  if (typeof picked === 'string') return { message: picked };
  if (picked.operator !== 'KubernetesPodOperator') return { message: `task "${picked.taskId}" is a ${picked.operator}; launch runs KubernetesPodOperator tasks` };
  const run = readRunFlags(args.flags, io.cwd ?? process.cwd(), args.now);
  if (!run.ok) return { message: run.problems.map((p) => p.message).join('; ') };
  // The run context first: `{{ run_id }}` must render the run id the pod's labels carry.
  const withContext = withRunContext([picked], args.flags, input.absolute, args.now, true);
  if (typeof withContext === 'string') return { message: withContext };
  const templated = applyRun(withContext, run.value, input.absolute);
  if (printProblems(io, args.file, templated.problems) || !templated.tasks[0]) return {};
  const task = templated.tasks[0];
  // A DAG call launches only once its Jinja is rendered and no XCom reference is left (issue 12).
  if (isDagFile(input.absolute) && printProblems(io, args.file, findUnrenderedReferences(picked, task, run.value !== undefined))) return {};
  const rendered = renderTask(task, { format: 'api', random: cryptoRandom, workerInCluster: true, readFile: readBeside(input.absolute) });
  if (!rendered.ok) return (printProblems(io, args.file, rendered.problems), {});
  if (printProblems(io, args.file, rendered.value.warnings)) return {};
  const manifest = rendered.value.manifest;
  if (manifest.format !== 'api' || manifest.output.kind !== 'object') return { message: `task "${task.taskId}" renders no Pod` };
  return { task, body: structuredClone(manifest.output.body) as Record<string, unknown>, options: toLaunchOptions(task.params) };
}
