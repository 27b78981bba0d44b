/** Where the CLI writes. Tests pass in-memory sinks; bin/kubetasks.js passes process.stdout/stderr. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Working directory that relative paths resolve against; defaults to process.cwd(). */
  cwd?: string;
}

/** One CLI subcommand. `run` returns the exit code. */
export interface CliCommand {
  name: string;
  /** One line for `kubetasks --help`. */
  summary: string;
  /** Full usage text for `kubetasks <name> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by every subcommand. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;
