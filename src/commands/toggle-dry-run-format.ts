/** "KubeTasks: Toggle Dry Run Format": switch a Dry Run preview between the API body and Airflow's dry_run() text. */
import * as vscode from 'vscode';
import { DRY_RUN_SCHEME } from '../providers/dry-run-preview.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

export const toggleDryRunFormatCommand: Command = {
  id: CommandIds.toggleDryRunFormat,
  execute(context, ...args) {
    const [uriArg] = args;
    const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== DRY_RUN_SCHEME) throw new Error('focus a Dry Run preview to toggle its format');
    const format = context.dryRunPreview.toggleFormat(uri);
    const label = format === 'api' ? 'API body (what execute() sends)' : "Airflow's dry_run() output";
    void vscode.window.setStatusBarMessage(`KubeTasks Dry Run: ${label}`, 4000);
    return format;
  },
};
