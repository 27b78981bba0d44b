/**
 * The CLI's subcommand table. Each subcommand lives in its own file and is listed here once;
 * `main.ts` only parses the first argument and dispatches.
 */
import { checkCommand } from './check.js';
import type { CliCommand } from './io.js';
import { kueueCommand } from './kueue.js';
import { launchCommand } from './launch.js';
import { listCommand } from './list.js';
import { logsCommand } from './logs.js';
import { renderCommand } from './render.js';
import { triggerCommand } from './trigger.js';
import { validateCommand } from './validate.js';
import { xcomCommand } from './xcom.js';

export const cliCommands: readonly CliCommand[] = [validateCommand, renderCommand, listCommand, launchCommand, logsCommand, xcomCommand, checkCommand, kueueCommand, triggerCommand];
