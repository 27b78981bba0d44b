/**
 * The editor's cluster-facing services (issue 14), built once at activation and owned by its subscriptions: the
 * cluster access (kubeconfig, picked context and namespace), the status bar item, the diagnostics of refused launches
 * and of Check Against Cluster, and the "KubeTasks Launch" output channel. Nothing here loads the cluster bundle.
 */
import * as vscode from 'vscode';
import { ClusterAccess } from './cluster-access.js';
import { ClusterStatusBar } from './cluster-status-bar.js';

export interface ClusterServices {
  cluster: ClusterAccess;
  statusBar: ClusterStatusBar;
  launchProblems: vscode.DiagnosticCollection;
  checkProblems: vscode.DiagnosticCollection;
  launchOutput: vscode.OutputChannel;
}

export function registerClusterServices(context: vscode.ExtensionContext, selectCommand: string): ClusterServices {
  const cluster = new ClusterAccess(context.workspaceState);
  const services: ClusterServices = {
    cluster,
    statusBar: new ClusterStatusBar({ access: cluster, selectCommand }),
    launchProblems: vscode.languages.createDiagnosticCollection('kubetasks-launch'),
    checkProblems: vscode.languages.createDiagnosticCollection('kubetasks-check'),
    launchOutput: vscode.window.createOutputChannel('KubeTasks Launch'),
  };
  context.subscriptions.push(cluster, services.statusBar, services.launchProblems, services.checkProblems, services.launchOutput);
  return services;
}
