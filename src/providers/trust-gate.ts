/**
 * Workspace Trust for actions that run programs or reach a cluster or Airflow (issue 14): in Restricted Mode they
 * say why they are unavailable, with a button to VS Code's "Manage Workspace Trust" editor.
 */
import * as vscode from 'vscode';
import { untrustedReason, type TrustedAction } from '../settings/index.js';

/** VS Code's own command that opens the Workspace Trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
const MANAGE_TRUST = 'Manage Workspace Trust';

/** True in a trusted workspace; otherwise shows why the action is unavailable and returns false. */
export function ensureTrusted(action: TrustedAction): boolean {
  const reason = untrustedReason(vscode.workspace.isTrusted, action);
  if (reason === undefined) return true;
  void vscode.window.showWarningMessage(`KubeTasks: ${reason}`, MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
  });
  return false;
}
