/**
 * `kubetasks render FILE [--task ID] [--format yaml|json|airflow] [--no-random-suffix] [--airflow-version V]`:
 * prints what Airflow would send for each task in a task file (issue 3).
 */
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, type Problem } from '../common/index.js';
import {
  renderTask,
  toJsonText,
  toPrintable,
  toYamlText,
  type RandomSource,
  type TaskSpec,
} from '../operators/index.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { loadTaskFile, readInput } from './load-tasks.js';

const usage = `Usage: kubetasks render FILE [--task TASK_ID] [--format yaml|json|airflow] [--no-random-suffix]
                        [--airflow-version V]

Renders the tasks of a task file (*.task.yaml, *.task.yml, *.task.json) or a Python DAG file (*.py, read
statically) exactly as the Airflow provider apache-airflow-providers-cncf-kubernetes 10.25.0 would build them.

  --format yaml      (default) the API body execute() sends: Pod, Job or SparkApplication (camelCase);
                     Delete/Patch Job and Install Kueue print a plan {action, method, path, query, body}
  --format json      the same as JSON; several tasks print as an array
  --format airflow   what the operator's dry_run() prints (SparkKubernetesOperator: its body as YAML)
  --task TASK_ID     only this task
  --no-random-suffix render as if random_name_suffix=False
  --airflow-version  value of the airflow_version label

Errors are printed as "file:line:col: error CODE message"; exit code 2 on any input or parameter error.
`;

type Format = 'yaml' | 'json' | 'airflow';

interface RenderArgs {
  file: string;
  task?: string;
  format: Format;
  noRandomSuffix: boolean;
  airflowVersion?: string;
}

export function parseRenderArgs(args: readonly string[]): RenderArgs | string {
  const files: string[] = [];
  const out: Omit<RenderArgs, 'file'> = { format: 'yaml', noRandomSuffix: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--format') {
      const format = value();
      if (format !== 'yaml' && format !== 'json' && format !== 'airflow') return '--format must be yaml, json or airflow';
      out.format = format;
    } else if (flag === '--task') out.task = value();
    else if (flag === '--airflow-version') out.airflowVersion = value();
    else if (flag === '--no-random-suffix') out.noRandomSuffix = true;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length === 0 ? 'no FILE given' : 'give exactly one FILE';
  if (out.task === undefined && args.includes('--task')) return '--task needs a TASK_ID';
  return { file: files[0] ?? '', ...out };
}

/** Real randomness for the CLI: the core only ever sees this interface. */
const cryptoRandom: RandomSource = {
  alphanumeric: (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[randomInt(36)]).join(''),
  uuid4: () => randomUUID(),
};

function readTemplate(taskFile: string): (file: string) => string | undefined {
  return (file) => {
    const resolved = path.resolve(path.dirname(taskFile), file);
    try {
      return fs.statSync(resolved).isFile() ? fs.readFileSync(resolved, 'utf8') : undefined;
    } catch {
      // A path that cannot be read is "does not exist" for Airflow too (os.path.exists / Path.resolve(strict)).
      return undefined;
    }
  };
}

function renderAll(tasks: TaskSpec[], args: RenderArgs, absolute: string): { outputs: unknown[]; texts: string[]; problems: Problem[] } {
  const outputs: unknown[] = [];
  const texts: string[] = [];
  const problems: Problem[] = [];
  for (const task of tasks) {
    const result = renderTask(task, {
      format: args.format === 'airflow' ? 'airflow' : 'api',
      random: cryptoRandom,
      noRandomSuffix: args.noRandomSuffix,
      readFile: readTemplate(absolute),
      ...(args.airflowVersion ? { airflowVersion: args.airflowVersion } : {}),
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

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseRenderArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`kubetasks render: ${parsed}\n${usage}`);
    return ExitCode.usage;
  }
  const input = readInput('render', parsed.file, io);
  if (!input) return ExitCode.usage;
  const { absolute, text } = input;
  const file = await loadTaskFile(text, absolute);
  if (!file.ok) {
    for (const problem of file.problems) io.stderr.write(`${formatProblem(parsed.file, problem)}\n`);
    return ExitCode.usage;
  }
  const tasks = selectTasks(file.value.tasks, parsed.task);
  if (typeof tasks === 'string') {
    io.stderr.write(`kubetasks render: ${tasks}\n`);
    return ExitCode.usage;
  }
  const { outputs, texts, problems } = renderAll(tasks, parsed, absolute);
  for (const problem of [...file.value.warnings, ...problems]) io.stderr.write(`${formatProblem(parsed.file, problem)}\n`);
  if (problems.some((problem) => problem.severity === 'error')) return ExitCode.usage;
  if (parsed.format === 'airflow') io.stdout.write(texts.join(''));
  else if (parsed.format === 'json') io.stdout.write(toJsonText(outputs, tasks.length > 1));
  else io.stdout.write(toYamlText(outputs));
  return ExitCode.ok;
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: 'print the Pod, Job, SparkApplication or API plan Airflow would send for a task file',
  usage,
  run,
};
