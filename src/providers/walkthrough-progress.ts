/**
 * Ticks the steps of the walkthrough "Get started with KubeTasks" (package.json `walkthroughs`, issue 15) on the real
 * actions. VS Code ticks a step on `onCommand:<id>` only when the command runs under its own id (palette, keybinding,
 * a walkthrough button); a CodeLens or tree item with arguments runs through the extension host's command
 * delegation under another id. So the actions also set context keys, and each step completes on `onContext:` too:
 * a Dry Run preview opened (of a DAG call for the last step), a launch begun, an XCom opened, a launch that failed
 * or was skipped. The XCom, failure and skipped steps complete on their context key only: their own buttons (Show
 * XCom, Show Failure Summary, Follow Logs) run those commands through the command service, which VS Code's
 * gettingStartedService counts as `onCommand:` before the command even runs, so a click would tick a step whose
 * outcome never happened (issue 15: a step completes on the real action, not on a click).
 */
import * as vscode from 'vscode';
import type { LaunchSession } from '../tasks/index.js';

export interface WalkthroughSchemes {
  /** The Dry Run preview's scheme (its query names the source file). */
  dryRun: string;
  /** The Tasks tree's documents (the XCom under `/xcom/`). */
  taskDocuments: string;
}

/** Sets `kubetasks.walkthrough.<key>` once. */
function ticker(): (key: string) => void {
  const done = new Set<string>();
  return (key) => {
    if (done.has(key)) return;
    done.add(key);
    void vscode.commands.executeCommand('setContext', `kubetasks.walkthrough.${key}`, true);
  };
}

function onDocument(doc: vscode.TextDocument, schemes: WalkthroughSchemes, tick: (key: string) => void): void {
  if (doc.uri.scheme === schemes.dryRun) {
    tick('dryRun');
    if (/\.py"/.test(doc.uri.query)) tick('dagDryRun');
  }
  if (doc.uri.scheme === schemes.taskDocuments && doc.uri.path.startsWith('/xcom/')) tick('xcom');
}

export function registerWalkthroughProgress(context: vscode.ExtensionContext, session: LaunchSession, schemes: WalkthroughSchemes): void {
  const tick = ticker();
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((doc) => onDocument(doc, schemes, tick)));
  const off = session.onChange((record) => {
    tick('launched');
    if (record.outcome?.outcome === 'failed') tick('failed');
    if (record.outcome?.outcome === 'skipped') tick('skipped');
  });
  context.subscriptions.push({ dispose: off });
}
