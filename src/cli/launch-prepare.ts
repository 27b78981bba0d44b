/**
 * `kubetasks launch`/`logs`: the one task to launch, prepared by the shared `prepareTaskLaunch` (src/edge) from the
 * file and the run flags; problems printed in the shared grammar. `render` takes the same context through
 * `--dag-id`, `--run-id`, `--try-number` (contextOptions), so both produce one body.
 */
import { formatProblem, type Problem } from '../common/index.js';
import { prepareTaskLaunch, type ContextFlags, type PreparedLaunch } from '../edge/index.js';
import type { CliIo } from './io.js';
import { readInput } from './read-input.js';
import { readRunFlags, type RunFlagValues } from './run-flags.js';

export type { PreparedLaunch } from '../edge/index.js';

/** Rows for `render`: the task instance the labels are rendered for (launch decides these itself). */
export const contextOptions = {
  'dag-id': { type: 'string', value: 'ID', help: "dag_id of the task instance (default: the file's context block, else the DAG's dag_id, else the file name)" },
  'try-number': { type: 'string', value: 'N', help: 'try_number of the task instance (default 1)' },
} as const;

export interface PrepareArgs {
  file: string;
  taskId: string | undefined;
  flags: RunFlagValues & ContextFlags;
  now: Date;
}

/** A message for the user (exit 2); problems are already printed in the shared grammar. */
export type PrepareFailure = { message?: string };

function printProblems(io: CliIo, file: string, problems: readonly Problem[]): void {
  for (const problem of problems) io.stderr.write(`${formatProblem(file, problem)}\n`);
}

/** Loads, picks, templates and renders the one task to launch. */
export async function prepareLaunch(args: PrepareArgs, io: CliIo): Promise<PreparedLaunch | PrepareFailure> {
  const input = readInput('launch', args.file, io);
  if (!input) return {};
  const run = readRunFlags(args.flags, io.cwd ?? process.cwd(), args.now);
  if (!run.ok) return { message: run.problems.map((p) => p.message).join('; ') };
  const result = await prepareTaskLaunch({ text: input.text, absolute: input.absolute, taskId: args.taskId, run: run.value, context: args.flags, now: args.now });
  printProblems(io, args.file, result.problems);
  if (result.prepared) return result.prepared;
  return result.message === undefined ? {} : { message: result.message };
}
