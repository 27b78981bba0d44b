/**
 * `kubetasks check FILE [--task ID] [--format text|json|sarif]` (issue 13): a server-side dry run of what the task
 * would create, against the selected context, with every refusal reported in the shared grammar at the task-file
 * (or template-file) line the refused field came from. The same `checkTask` (src/kube) serves the editor's Check
 * Against Cluster. Exit 0 clean, 1 findings (errors), 2 input error, 4 the cluster could not be reached.
 */
import path from 'node:path';
import { formatProblem, type Problem } from '../common/index.js';
import { prepareTaskLaunch, readBeside } from '../edge/index.js';
import { checkTask, isAborted, KubeError } from '../kube/index.js';
import { checkCodes } from '../operators/index.js';
import { formatOptions, parseCommandArgs, type OptionValues } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { clusterOptions, openClient } from './launch.js';
import { readInput } from './read-input.js';
import { readRunFlags, runOptions } from './run-flags.js';
import { renderReport, type FileDiagnostic, type ReportFormat } from './validate-report.js';

const checkOptions = {
  task: { type: 'string', value: 'TASK_ID', help: 'the task to check (required when the file has several)' },
  format: { type: 'string', choices: ['text', 'json', 'sarif'], help: 'text (default): one line per finding; json; SARIF 2.1.0' },
  ...clusterOptions,
  ...runOptions,
} as const;

const usage = `Usage: kubetasks check FILE [options]

Dry-runs on the cluster (dryRun=All, fieldValidation=Strict) what the task would create, and a Job's pod:
admission (Pod Security, ResourceQuota, LimitRange, PriorityClass, ServiceAccount, webhooks such as Kueue's), CRD
schemas, a missing namespace. A Patch job task's PATCH is dry-run on its Job; a Delete job task's Job must exist.
Nothing is created or changed. Each finding is printed as "file:line:col: severity CODE message" at the task
parameter or template line the refused field came from (else the task's operator: line); a summary goes to stderr.

${formatOptions(checkOptions)}
Exit codes: 0 nothing refused, 1 findings, 2 input error, 4 the cluster could not be reached.
`;

type Values = OptionValues<typeof checkOptions>;

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`kubetasks check: ${message}\n`);
  return ExitCode.usage;
}

/** Problems with a range (1:1 when they have none), each in its file as the user named it. */
function toFindings(problems: readonly Problem[], file: string): FileDiagnostic[] {
  return problems.map((p) => {
    const start = p.start ?? { line: 1, column: 1 };
    return { file: p.file ?? file, diagnostic: { ...p, start, end: p.end ?? start } };
  });
}

function summary(problems: readonly Problem[], where: string): string {
  const count = (severity: string): number => problems.filter((p) => p.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `kubetasks check: ${where}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}\n`;
}

async function prepare(file: string, values: Values, io: CliIo) {
  const input = readInput('check', file, io);
  if (!input) return undefined;
  const now = new Date();
  const run = readRunFlags(values, io.cwd ?? process.cwd(), now);
  if (!run.ok) return void usageError(io, run.problems.map((p) => p.message).join('; '));
  const result = await prepareTaskLaunch({ text: input.text, absolute: input.absolute, taskId: values.task, run: run.value, context: {}, now });
  for (const problem of result.problems) io.stderr.write(`${formatProblem(file, problem)}\n`);
  if (result.message !== undefined) usageError(io, result.message);
  return result.prepared ? { prepared: result.prepared, absolute: input.absolute } : undefined;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(checkOptions, args);
  if (typeof parsed === 'string') return usageError(io, `${parsed}\n${usage}`);
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'no FILE given' : `give exactly one FILE (got ${positionals.join(', ')})`);
  const file = positionals[0] ?? '';
  const ready = await prepare(file, values, io);
  if (!ready) return ExitCode.usage;
  const client = openClient(values, io, 'check');
  if (!client) return 4;
  try {
    const problems = await checkTask(client, ready.prepared, {
      readFile: readBeside(ready.absolute),
      templatePath: (name) => path.join(path.dirname(file), name),
      ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
    });
    io.stdout.write(renderReport(toFindings(problems, file), (values.format ?? 'text') as ReportFormat, checkCodes));
    io.stderr.write(summary(problems, `task ${ready.prepared.task.taskId} on context ${client.contextName}`));
    return problems.some((p) => p.severity === 'error') ? ExitCode.findings : ExitCode.ok;
  } catch (error) {
    if (isAborted(error)) return 130;
    if (!(error instanceof KubeError)) throw error;
    io.stderr.write(`kubetasks check: ${error.message}\n`);
    return 4;
  } finally {
    client.close();
  }
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'dry-run a task on the cluster (admission, quotas, CRD schemas) and locate what it refuses',
  usage,
  run,
};
