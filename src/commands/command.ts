/** A command adapter: one file per command, registered from commands/index.ts. */
import type * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import type { ClusterAccess } from '../providers/cluster-access.js';
import type { DagScans } from '../providers/dag-scans.js';
import type { RenderContextStore } from '../providers/render-context-store.js';
import type { LaunchSession } from '../tasks/index.js';
import type { TaskViews } from '../providers/task-views.js';
import type { DryRunPreviewProvider } from '../providers/dry-run-preview.js';
import type { AirflowServices } from '../providers/airflow-services.js';
import type { CommandId } from './command-ids.js';

/** What command adapters are given by the composition root. */
export interface CommandContext {
  logger: Logger;
  /** Reveals the KubeTasks log channel. */
  showLog(): void;
  /** The Dry Run preview documents (issue 3). */
  dryRunPreview: DryRunPreviewProvider;
  /** The latest scan of each open DAG file (issue 6). */
  dagScans: DagScans;
  /** The remembered "Render with…" run contexts, per task (issue 17): Launch renders with them. */
  renderContexts: RenderContextStore;
  /** Kubeconfig, picked context and namespace, and the client factory (issue 14). */
  cluster: ClusterAccess;
  /** Every launch of this editor, kept after its pod is deleted (the Tasks tree reads it). */
  session: LaunchSession;
  /** Why a launch was refused before any cluster call, at the file's lines ("kubetasks-launch"). */
  launchProblems: vscode.DiagnosticCollection;
  /** Check Against Cluster findings ("kubetasks-check"). */
  checkProblems: vscode.DiagnosticCollection;
  /** Launch logs when no log panel takes them ("KubeTasks Launch"). */
  launchOutput: vscode.OutputChannel;
  /** The extension's folder (snippets, examples). */
  extensionUri: vscode.Uri;
  /** The log panels (Tasks tree), when registered: follow the logs of a session record. */
  showLaunchLogs?: (recordId: string) => void;
  /** The Tasks tree, its log panels and documents (issue 14), when registered. */
  tasks?: TaskViews;
  /** Airflow servers, followed runs and their documents (issue 16), when registered. */
  airflow?: AirflowServices;
}

export interface Command {
  readonly id: CommandId;
  execute(context: CommandContext, ...args: unknown[]): unknown;
}
