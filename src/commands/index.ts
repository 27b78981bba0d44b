/**
 * The command registry: every command is registered here, through one wrapper that logs failures with their
 * stack and shows a short message with a "Show Log" action (STYLE.md "Errors"). Aborts stay silent.
 */
import * as vscode from 'vscode';
import type { Command, CommandContext } from './command.js';
import { dryRunCommand } from './dry-run.js';
import { renderWithCommand } from './render-with.js';
import { showLogCommand } from './show-log.js';
import { showVersionCommand } from './show-version.js';
import { toggleDryRunFormatCommand } from './toggle-dry-run-format.js';
import { validateDagTaskCommand } from './validate-dag-task.js';
import { checkTaskCommand } from './check-task.js';
import { addAirflowServerCommand } from './airflow-add-server.js';
import { openAirflowTaskLogCommand, showDagRunCommand } from './airflow-show-run.js';
import { triggerDagRunCommand } from './airflow-trigger.js';
import { insertTemplateCommand } from './insert-template.js';
import { installKueueCommand } from './install-kueue.js';
import { launchTaskCommand } from './launch-task.js';
import { reattachCommand } from './reattach.js';
import { selectContextCommand } from './select-context.js';
import { selectNamespaceCommand } from './select-namespace.js';
import { cancelLaunchCommand, copyPodNameCommand, deleteRunCommand, relaunchCommand, resumeJobCommand, suspendJobCommand } from './task-controls.js';
import {
  followLogsCommand, openLiveYamlCommand, openRenderedManifestCommand, showEventsCommand, showFailureSummaryCommand, showPreviousLogsCommand, showXcomCommand,
} from './task-panels.js';

export type { Command, CommandContext } from './command.js';
export { CommandIds } from './command-ids.js';

export const allCommands: readonly Command[] = [
  showVersionCommand, showLogCommand, dryRunCommand, toggleDryRunFormatCommand, validateDagTaskCommand, renderWithCommand,
  launchTaskCommand, checkTaskCommand, selectContextCommand, selectNamespaceCommand, installKueueCommand, insertTemplateCommand,
  followLogsCommand, showPreviousLogsCommand, showXcomCommand, showFailureSummaryCommand, showEventsCommand, openLiveYamlCommand,
  openRenderedManifestCommand, relaunchCommand, reattachCommand, cancelLaunchCommand, deleteRunCommand, suspendJobCommand, resumeJobCommand, copyPodNameCommand,
  addAirflowServerCommand, triggerDagRunCommand, showDagRunCommand, openAirflowTaskLogCommand,
];

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled');
}

/** Runs a command body, turning a failure into a logged error plus a short, actionable message. */
export async function runCommand(context: CommandContext, command: Command, args: unknown[]): Promise<unknown> {
  try {
    return await command.execute(context, ...args);
  } catch (error) {
    if (isAbort(error)) return undefined;
    context.logger.error(error instanceof Error ? error : String(error));
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`KubeTasks: ${message}`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') context.showLog();
    });
    return undefined;
  }
}

export function registerCommands(context: CommandContext, commands: readonly Command[] = allCommands): vscode.Disposable[] {
  return commands.map((command) =>
    vscode.commands.registerCommand(command.id, (...args: unknown[]) => runCommand(context, command, args)),
  );
}
