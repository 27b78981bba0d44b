/** `kubetasks` entry: argv → subcommand. Errors use the shared grammar `file:line:col: severity CODE message`. */
import { kubetasksVersion } from '../common/index.js';
import { cliCommands } from './commands.js';
import { ExitCode, type CliIo } from './io.js';

export type { CliIo } from './io.js';

function helpText(): string {
  const width = Math.max(8, ...cliCommands.map((c) => c.name.length));
  const rows = cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `kubetasks ${kubetasksVersion}: Airflow Kubernetes tasks (KubernetesPodOperator, KubernetesJobOperator,`,
    'SparkKubernetesOperator, Kueue) rendered, validated and run without deploying a DAG.',
    '',
    'Usage: kubetasks <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  -h, --help     show this help (or a command\'s help: kubetasks <command> --help)',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI in-process and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(helpText());
    return first === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${kubetasksVersion}\n`);
    return ExitCode.ok;
  }
  const command = cliCommands.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`kubetasks: unknown command "${first}"; run "kubetasks --help" for the list\n`);
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return ExitCode.ok;
  }
  return command.run(rest, io);
}

/**
 * `node dist/cli.js …` (the bundle run directly, not required by bin/kubetasks.js) runs the CLI too, with the same
 * exit code, instead of loading and printing nothing.
 */
export function runAsProcess(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`kubetasks: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) runAsProcess();
