/**
 * `kubetasks render FILE [options]`: prints what Airflow would send for each task in a task file or a Python DAG
 * file (issues 3, 6).
 */
import { formatProblem, type Problem } from '../common/index.js';
import { applyRun, cryptoRandom, loadTaskFile, readBeside, withRunContext } from '../edge/index.js';
import { renderTask, toJsonText, toPrintable, toYamlText, type TaskSpec } from '../operators/index.js';
import { formatOptions, parseCommandArgs, type OptionValues } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { readInput } from './read-input.js';
import { readRunFlags, runOptions } from './run-flags.js';
import { contextOptions } from './launch-prepare.js';

/** The options of `render`; a new flag is one row here (its usage line is generated from it). */
const renderOptions = {
  task: { type: 'string', value: 'TASK_ID', help: 'only this task' },
  format: { type: 'string', choices: ['yaml', 'json', 'airflow'], help: 'yaml (default): the API body execute() sends: Pod, Job or SparkApplication (camelCase);\n' +
    '  Delete/Patch Job and Install Kueue print a plan {action, method, path, query, body}\n' +
    'json: the same as JSON; several tasks print as an array\n' +
    "airflow: what the operator's dry_run() prints (SparkKubernetesOperator: its body as YAML)" },
  'no-random-suffix': { type: 'boolean', help: 'render as if random_name_suffix=False' },
  'airflow-version': { type: 'string', value: 'V', help: 'value of the airflow_version label' },
  'in-cluster': { type: 'boolean', help: 'Airflow\'s workers run inside the cluster (the default, as Airflow\'s Helm chart runs them):\n' +
    'airflow_kpo_in_cluster is "True" for a task that sets neither in_cluster nor config_file' },
  'no-in-cluster': { type: 'boolean', help: 'Airflow\'s workers run outside the cluster: that label is "False" then' },
  ...runOptions,
  ...contextOptions,
} as const;

const usage = `Usage: kubetasks render FILE [options]

Renders the tasks of a task file (*.task.yaml, *.task.yml, *.task.json) or a Python DAG file (*.py, read
statically) exactly as the Airflow provider apache-airflow-providers-cncf-kubernetes 10.25.0 would build them.

${formatOptions(renderOptions)}
Errors are printed as "file:line:col: error CODE message"; exit code 2 on any input or parameter error.
`;

interface RenderArgs {
  file: string;
  options: OptionValues<typeof renderOptions>;
}

function parseRenderArgs(args: readonly string[]): RenderArgs | string {
  const parsed = parseCommandArgs(renderOptions, args);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return positionals.length === 0 ? 'no FILE given' : `give exactly one FILE (got ${positionals.join(', ')})`;
  if (values['in-cluster'] && values['no-in-cluster']) return 'give --in-cluster or --no-in-cluster, not both';
  return { file: positionals[0] ?? '', options: values };
}

function renderAll(tasks: TaskSpec[], args: RenderArgs, absolute: string): { outputs: unknown[]; texts: string[]; problems: Problem[] } {
  const outputs: unknown[] = [];
  const texts: string[] = [];
  const problems: Problem[] = [];
  const { options } = args;
  for (const task of tasks) {
    const result = renderTask(task, {
      format: options.format === 'airflow' ? 'airflow' : 'api',
      random: cryptoRandom,
      noRandomSuffix: options['no-random-suffix'] === true,
      workerInCluster: options['no-in-cluster'] !== true,
      readFile: readBeside(absolute),
      ...(options['airflow-version'] ? { airflowVersion: options['airflow-version'] } : {}),
    });
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    problems.push(...result.value.warnings);
    const manifest = result.value.manifest;
    if (manifest.format === 'airflow') texts.push(manifest.text);
    else outputs.push(toPrintable(manifest.output));
  }
  return { outputs, texts, problems };
}

function selectTasks(tasks: TaskSpec[], wanted: string | undefined): TaskSpec[] | string {
  if (wanted === undefined) return tasks;
  const match = tasks.filter((task) => task.taskId === wanted);
  return match.length > 0 ? match : `no task "${wanted}" in the file (tasks: ${tasks.map((t) => t.taskId).join(', ')})`;
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`kubetasks render: ${message}\n${usage}`);
  return ExitCode.usage;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseRenderArgs(args);
  if (typeof parsed === 'string') return usageError(io, parsed);
  const input = readInput('render', parsed.file, io);
  if (!input) return ExitCode.usage;
  const file = await loadTaskFile(input.text, input.absolute);
  if (!file.ok) {
    for (const problem of file.problems) io.stderr.write(`${formatProblem(parsed.file, problem)}\n`);
    return ExitCode.usage;
  }
  const tasks = selectTasks(file.value.tasks, parsed.options.task);
  if (typeof tasks === 'string') {
    io.stderr.write(`kubetasks render: ${tasks}\n`);
    return ExitCode.usage;
  }
  const run = readRunFlags(parsed.options, io.cwd ?? process.cwd());
  if (!run.ok) return usageError(io, run.problems.map((p) => p.message).join('; '));
  const templated = applyRun(tasks, run.value, input.absolute);
  const placed = withRunContext(templated.tasks, parsed.options, input.absolute, new Date(), false);
  if (typeof placed === 'string') return usageError(io, placed);
  const rendered = renderAll(placed, parsed, input.absolute);
  const { outputs, texts } = rendered;
  const problems = [...templated.problems, ...rendered.problems];
  for (const problem of [...file.value.warnings, ...problems]) io.stderr.write(`${formatProblem(parsed.file, problem)}\n`);
  if (problems.some((problem) => problem.severity === 'error')) return ExitCode.usage;
  const format = parsed.options.format ?? 'yaml';
  if (format === 'airflow') io.stdout.write(texts.join(''));
  else if (format === 'json') io.stdout.write(toJsonText(outputs, tasks.length > 1));
  else io.stdout.write(toYamlText(outputs));
  return ExitCode.ok;
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: 'print the Pod, Job, SparkApplication or API plan Airflow would send for a task file',
  usage,
  run,
};
