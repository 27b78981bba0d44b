/**
 * The CLI's subcommand table. Each subcommand lives in its own file and is listed here once;
 * `main.ts` only parses the first argument and dispatches.
 */
import type { CliCommand } from './io.js';

export const cliCommands: readonly CliCommand[] = [];
