/**
 * `kubetasks list FILE`: the Kubernetes operator calls of a Python DAG file, or the tasks of a task file, as JSON
 * (issue 6): `{file, tasks: [{task_id, operator, line, column, params, unevaluated, upstream, downstream}]}`.
 */
import { formatProblem, isDagFile } from '../common/index.js';
import { toParamTable, toTaskParams, type DagScan } from '../dags/index.js';
import { scanDagText } from '../edge/index.js';
import { parseTaskFile, type TaskFile } from '../operators/index.js';
import { formatOptions, parseCommandArgs } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { readInput } from './read-input.js';

/** `list` takes no options yet; new ones are rows here. */
const listOptions = {} as const;

const usage = `Usage: kubetasks list FILE

Lists the Kubernetes operator calls of a Python DAG file (found and evaluated statically, without Python), or the
tasks of a task file (*.task.yaml, *.task.yml, *.task.json), as JSON:
  {file, tasks: [{task_id, operator, line, column, params, unevaluated: [{name, line, column, reason}],
                  upstream: [task_id…], downstream: [task_id…]}]}
params use the task-file encoding: Kubernetes objects with API field names, Secret as a dict, Jinja strings as
written, XCom references as {xcom: {task_id, key}}. Arguments that cannot be evaluated statically (callbacks,
environment lookups…) are listed in "unevaluated" with the reason.
Exit code 2 when the file cannot be read or parsed.
${formatOptions(listOptions)}`;

interface ListedTask {
  task_id: string | null;
  operator: string;
  line: number;
  column: number;
  params: Record<string, unknown>;
  unevaluated: Array<{ name: string; line: number; column: number; reason: string }>;
  upstream: string[];
  downstream: string[];
}

function listDag(scan: DagScan): ListedTask[] {
  return scan.tasks.map((task) => {
    const { params, unevaluated } = toTaskParams(task, toParamTable(task.kind));
    return {
      task_id: task.taskId ?? null,
      operator: task.operator,
      line: task.range.start.line,
      column: task.range.start.column,
      params,
      unevaluated,
      upstream: task.upstream,
      downstream: task.downstream,
    };
  });
}

function listTaskFile(file: TaskFile): ListedTask[] {
  return file.tasks.map((task) => ({
    task_id: task.taskId,
    operator: task.operator,
    line: task.ranges['']?.start.line ?? 1,
    column: task.ranges['']?.start.column ?? 1,
    params: { task_id: task.taskId, ...task.params },
    unevaluated: [],
    upstream: [],
    downstream: [],
  }));
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(listOptions, args);
  if (typeof parsed === 'string' || parsed.positionals.length !== 1) {
    io.stderr.write(`kubetasks list: ${typeof parsed === 'string' ? parsed : 'give exactly one FILE'}\n${usage}`);
    return ExitCode.usage;
  }
  const file = parsed.positionals[0] ?? '';
  const input = readInput('list', file, io);
  if (!input) return ExitCode.usage;
  const { absolute, text } = input;
  let tasks: ListedTask[];
  if (isDagFile(absolute)) {
    const scan = await scanDagText(text);
    for (const problem of scan.problems) io.stderr.write(`${formatProblem(file, problem)}\n`);
    tasks = listDag(scan);
  } else {
    const parsed = parseTaskFile(text, absolute);
    if (!parsed.ok) {
      for (const problem of parsed.problems) io.stderr.write(`${formatProblem(file, problem)}\n`);
      return ExitCode.usage;
    }
    tasks = listTaskFile(parsed.value);
  }
  io.stdout.write(`${JSON.stringify({ file, tasks }, null, 2)}\n`);
  return ExitCode.ok;
}

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list the Kubernetes tasks of a DAG file or task file as JSON (arguments evaluated statically)',
  usage,
  run,
};
