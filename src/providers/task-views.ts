/**
 * The Tasks tree and its panels (issue 14), built once at activation: the tree (watches start when it is first
 * shown), the log panels and the read-only documents. The commands reach them through `CommandContext.tasks`.
 */
import type * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import type { LaunchSession, TaskNode } from '../tasks/index.js';
import type { ClusterAccess } from './cluster-access.js';
import { LogPanels } from './log-panels.js';
import { registerTaskDocuments, type TaskDocuments } from './task-documents.js';
import { registerTasksTree, type TasksTreeProvider } from './tasks-tree.js';

export interface TaskViews {
  session: LaunchSession;
  cluster: ClusterAccess;
  tree: TasksTreeProvider;
  logs: LogPanels;
  documents: TaskDocuments;
}

export function registerTaskViews(context: vscode.ExtensionContext, deps: { session: LaunchSession; cluster: ClusterAccess; logger: Logger }): TaskViews {
  const tree = registerTasksTree(context, deps);
  const logs = new LogPanels(deps.session);
  const documents = registerTaskDocuments(context);
  context.subscriptions.push(logs, tree.onDidRebuild(() => documents.refreshLive()));
  return { session: deps.session, cluster: deps.cluster, tree, logs, documents };
}

/** Shows a session launch's log panels (the Launch command calls this as `showLaunchLogs`). */
export function showLaunchLogs(views: TaskViews, recordId: string): void {
  const record = views.session.get(recordId);
  if (record) views.logs.showRecord(record);
}

/** What `activate` returns about the Tasks view: the host tests assert through it, waiting on its events. */
export interface TasksApi {
  session: LaunchSession;
  /** Starts the watches now (they otherwise start when the view is first shown). */
  start(): void;
  nodes(): readonly TaskNode[];
  onDidRebuild: vscode.Event<readonly TaskNode[]>;
  /** The view's message ("Reconnecting…", the untrusted explanation), if any. */
  message(): string | undefined;
  /** The lines a log panel shows, by its channel name ("KubeTasks: <pod>/<container>"). */
  panelText(name: string): string | undefined;
  panelNames(): string[];
}

export function tasksApi(views: TaskViews): TasksApi {
  return {
    session: views.session,
    start: () => views.tree.ensureStarted(),
    nodes: () => views.tree.nodes(),
    onDidRebuild: views.tree.onDidRebuild,
    message: () => views.tree.message,
    panelText: (name) => views.logs.text(name),
    panelNames: () => views.logs.channelNames(),
  };
}
