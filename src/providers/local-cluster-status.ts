/**
 * The status bar part of `npm start`'s local cluster (issue 15). scripts/start-cluster.sh writes a small JSON status
 * file while the cluster comes up in the background; `npm start` names that file in code-server's user settings as
 * `kubetasks.localCluster.statusFile`. This adapter watches it and shows "Local cluster: starting… / ready / failed";
 * a click opens the start log. Launch asks `localClusterNotReady()` first, so it says the cluster is still starting
 * instead of failing to connect. Without the setting (any other setup) there is no item and no block.
 */
import * as vscode from 'vscode';

export type LocalClusterPhase = 'starting' | 'ready' | 'failed' | 'stopped';

/** What scripts/start-cluster.sh writes to its status file. */
export interface LocalClusterState {
  state: LocalClusterPhase;
  /** The step in progress, or the failure. */
  step: string;
  /** The start log (progress of the build and start). */
  log: string;
  /** The project's own kubeconfig for this cluster. */
  kubeconfig: string;
}

const PHASES: readonly LocalClusterPhase[] = ['starting', 'ready', 'failed', 'stopped'];
const SETTING = 'localCluster.statusFile';
const WALKTHROUGH_SHOWN = 'kubetasks.walkthroughShown';
/** While the cluster is starting the file is re-read this often too: a watcher outside the workspace may miss a write. */
const POLL_MS = 2000;

/** The status file's JSON, or undefined when it is not (yet) a complete status. */
export function parseLocalClusterStatus(text: string): LocalClusterState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!PHASES.includes(v['state'] as LocalClusterPhase)) return undefined;
  const str = (key: string): string => (typeof v[key] === 'string' ? (v[key] as string) : '');
  return { state: v['state'] as LocalClusterPhase, step: str('step'), log: str('log'), kubeconfig: str('kubeconfig') };
}

/** The extension-wide watcher (one per activation), read by `localClusterState()`. */
let active: LocalClusterStatus | undefined;

/**
 * The local cluster's state when this editor was opened by `npm start`; undefined otherwise (no status file set).
 * A set file that does not exist yet reads as starting.
 */
export function localClusterState(): LocalClusterState | undefined {
  return active?.current;
}

/** Why Launch should wait: a sentence for the user while the local cluster is not ready, else undefined. */
export function localClusterNotReady(): string | undefined {
  const s = localClusterState();
  if (!s || s.state === 'ready') return undefined;
  const log = s.log ? ` Progress: ${s.log}` : '';
  if (s.state === 'starting') return `The local cluster is still starting (${s.step}). Launch when the status bar says "Local cluster: ready".${log}`;
  if (s.state === 'failed') return `The local cluster failed to start: ${s.step}.${log}`;
  return 'The local cluster was stopped (npm start ended). Run npm start again to launch tasks on it.';
}

class LocalClusterStatus implements vscode.Disposable {
  current: LocalClusterState;
  private readonly item = vscode.window.createStatusBarItem('kubetasks.localCluster', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly file: vscode.Uri;

  constructor(file: vscode.Uri, showLogCommand: string) {
    this.file = file;
    this.current = { state: 'starting', step: 'waiting for npm start', log: '', kubeconfig: '' };
    this.item.name = 'KubeTasks local cluster';
    this.item.command = showLogCommand;
    const dir = vscode.Uri.joinPath(file, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, file.path.split('/').pop() ?? ''));
    const reread = (): void => void this.read();
    this.disposables.push(watcher, watcher.onDidCreate(reread), watcher.onDidChange(reread), watcher.onDidDelete(reread));
    this.timer = setInterval(reread, POLL_MS);
    this.render();
    void this.read();
  }

  private async read(): Promise<void> {
    const text = await vscode.workspace.fs.readFile(this.file).then((b) => Buffer.from(b).toString('utf8'), () => undefined);
    const next = text === undefined ? undefined : parseLocalClusterStatus(text);
    if (!next) return;
    this.current = next;
    // a finished start changes only when npm start restarts or stops: the watcher alone follows that
    if (next.state !== 'starting' && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.render();
  }

  private render(): void {
    const s = this.current;
    const icon = { starting: '$(sync~spin)', ready: '$(check)', failed: '$(error)', stopped: '$(debug-stop)' }[s.state];
    const word = { starting: 'starting…', ready: 'ready', failed: 'failed', stopped: 'stopped' }[s.state];
    this.item.text = `${icon} Local cluster: ${word}`;
    this.item.tooltip = `${s.step}${s.log ? `\nLog: ${s.log} (click to open)` : ''}`;
    this.item.backgroundColor = s.state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
    if (active === this) active = undefined;
  }
}

async function showLog(): Promise<void> {
  const log = localClusterState()?.log;
  if (!log) {
    void vscode.window.showInformationMessage('KubeTasks: no local cluster here (npm start sets kubetasks.localCluster.statusFile).');
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(log), { preview: true });
}

/**
 * Shows the local cluster's status when `kubetasks.localCluster.statusFile` is set (by npm start), and registers
 * "KubeTasks: Show Local Cluster Log" (`showLogCommand`, also the status bar item's click).
 */
export function registerLocalClusterStatus(context: vscode.ExtensionContext, ids: { showLogCommand: string }): void {
  context.subscriptions.push(vscode.commands.registerCommand(ids.showLogCommand, showLog));
  // a machine-scoped path npm start writes into code-server's user settings; not part of parseSettings' typed model
  const file = vscode.workspace.getConfiguration('kubetasks').get<unknown>(SETTING);
  if (typeof file !== 'string' || file === '') return;
  active = new LocalClusterStatus(vscode.Uri.file(file), ids.showLogCommand);
  context.subscriptions.push(active);
  // npm start's user lands on the walkthrough once per editor profile (npm start gives each start a fresh one)
  if (!context.globalState.get<boolean>(WALKTHROUGH_SHOWN)) {
    void context.globalState.update(WALKTHROUGH_SHOWN, true);
    // kept out of preview mode: opening the first example must not replace it
    void vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#kubetasks.getStarted`, false)
      .then(() => vscode.commands.executeCommand('workbench.action.keepEditor'));
  }
}
