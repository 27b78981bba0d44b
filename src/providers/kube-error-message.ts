/**
 * Shows a cluster failure (a KubeError from src/kube, seen here by its `reason`) with the runtime's own message. A
 * missing exec credential plugin gets an action opening its install hint: the kubeconfig's `installHint` (a link
 * when it holds one, else the hint text in an editor).
 */
import * as vscode from 'vscode';

const SHOW_HINT = 'Open Install Hint';

/** The KubeError reason of an error, if it is one (the kube bundle is loaded apart, so by shape, not class). */
export function kubeErrorReason(error: unknown): string | undefined {
  const e = error as { name?: unknown; reason?: unknown } | undefined;
  return e?.name === 'KubeError' && typeof e.reason === 'string' ? e.reason : undefined;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function openHint(message: string): Promise<void> {
  const link = /https?:\/\/[^\s)"']+/.exec(message)?.[0];
  if (link) {
    await vscode.env.openExternal(vscode.Uri.parse(link));
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Exec credential plugin not found\n\n${message}\n` });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** Shows `what failed: <runtime message>`; AuthPluginMissing offers the install hint, others the log. */
export function showClusterError(what: string, error: unknown, showLog: () => void): void {
  showClusterMessage(what, kubeErrorReason(error), messageOf(error), showLog);
}

/** The same for a failure already reduced to its reason and message (a launch's `error` outcome). */
export function showClusterMessage(what: string, reason: string | null | undefined, message: string, showLog: () => void): void {
  if (reason === 'AuthPluginMissing') {
    void vscode.window.showErrorMessage(`KubeTasks: ${what}: ${message}`, SHOW_HINT).then((choice) => {
      if (choice === SHOW_HINT) void openHint(message);
    });
    return;
  }
  void vscode.window.showErrorMessage(`KubeTasks: ${what}: ${message}`, 'Show Log').then((choice) => {
    if (choice === 'Show Log') showLog();
  });
}
