/**
 * The editor's Airflow side (issue 16), built once at activation: the servers and their credentials, the followed
 * runs (merged into the Tasks tree), the read-only documents and the `Trigger` CodeLens. Commands reach them
 * through `CommandContext.airflow`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import { registerAirflowCodeLens } from './airflow-codelens.js';
import { AIRFLOW_DOC_SCHEME, AirflowDocuments } from './airflow-documents.js';
import { AirflowRunFollower } from './airflow-runs.js';
import { AirflowServers } from './airflow-servers.js';
import type { DagScans } from './dag-scans.js';
import type { TaskViews } from './task-views.js';

export interface AirflowServices {
  servers: AirflowServers;
  runs: AirflowRunFollower;
  documents: AirflowDocuments;
}

export interface AirflowCommandIds {
  triggerDagRun: string;
  showDagRun: string;
}

export function registerAirflowServices(
  context: vscode.ExtensionContext, deps: { logger: Logger; scans: DagScans; tasks: TaskViews; commands: AirflowCommandIds },
): AirflowServices {
  const servers = new AirflowServers(context, deps.logger);
  const runs = new AirflowRunFollower(deps.logger, deps.commands.showDagRun, context.workspaceState);
  const documents = new AirflowDocuments();
  context.subscriptions.push(servers, runs, documents, vscode.workspace.registerTextDocumentContentProvider(AIRFLOW_DOC_SCHEME, documents));
  context.subscriptions.push(deps.tasks.tree.addDecorator((nodes) => runs.decorate(nodes), runs.onDidChange));
  registerAirflowCodeLens(context, deps.scans, servers, deps.commands.triggerDagRun);
  if (vscode.workspace.isTrusted) runs.resume(servers);
  return { servers, runs, documents };
}
