/**
 * "KubeTasks: Render with…" (issue 17): open the run context a Dry Run preview renders its templated fields with,
 * as a JSON document pre-filled from the DAG's `params=` defaults (or the context remembered for the task). Saving
 * it re-renders the preview; the context is remembered per task (src/providers/render-context-files.ts).
 */
import * as vscode from 'vscode';
import { DRY_RUN_SCHEME } from '../providers/dry-run-preview.js';
import { renderContextUri } from '../providers/render-context-files.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

export const renderWithCommand: Command = {
  id: CommandIds.renderWith,
  async execute(context, ...args) {
    const [uriArg] = args;
    const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== DRY_RUN_SCHEME) throw new Error('focus a Dry Run preview to choose the run context it renders with');
    const target = context.dryRunPreview.targetOf(uri);
    const contextUri = renderContextUri(target);
    const document = await vscode.workspace.openTextDocument(contextUri);
    // Beside the preview, so each save's re-render shows while the context is edited.
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    void vscode.window.setStatusBarMessage('KubeTasks: edit conf, params, logical_date or run_id, then save to re-render the Dry Run', 6000);
    context.logger.info(`render context of ${target.taskId} in ${vscode.workspace.asRelativePath(target.source)}`);
    return contextUri.toString();
  },
};
