/**
 * Workspace Trust (issue 14): an untrusted workspace keeps validation, previews and snippets, while every action that
 * runs a program or reaches a cluster or an Airflow server is unavailable and says why. Pure: the adapter passes
 * `vscode.workspace.isTrusted`.
 */

/** The actions Workspace Trust gates, as the user reads them. */
export type TrustedAction = 'Launch' | 'Check Against Cluster' | 'Select Context' | 'Select Namespace' | 'Install Kueue' | 'a cluster call' | 'an Airflow call';

/** Why the action is unavailable, or undefined when the workspace is trusted. */
export function untrustedReason(isTrusted: boolean, action: TrustedAction): string | undefined {
  if (isTrusted) return undefined;
  return `${action} is unavailable in Restricted Mode: this workspace is not trusted (Workspace Trust). ` +
    'A kubeconfig can run programs (exec credential plugins) and a task runs code on a cluster, so KubeTasks only ' +
    'validates, previews and offers snippets here. Trust the workspace to enable it.';
}

/** The CodeLens shown instead of Launch and Check in an untrusted workspace. */
export const UNTRUSTED_LENS_TITLE = 'Launch and Check need a trusted workspace';
