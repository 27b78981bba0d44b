/**
 * Composition root (STYLE.md "Do this, like the models" 1): build the services, register the adapters, return the
 * API. Nothing is created at module scope; everything goes into context.subscriptions. Activation stays cheap, since
 * it runs on every YAML, JSON and Python file: heavy parts (language server, validators, grammar) load lazily.
 */
import * as vscode from 'vscode';
import { kubetasksVersion } from './common/index.js';
import { CommandIds, registerCommands } from './commands/index.js';
import { DRY_RUN_SCHEME, DryRunPreviewProvider } from './providers/dry-run-preview.js';
import { registerDagDiagnostics } from './providers/dag-diagnostics.js';
import { registerDagHover } from './providers/dag-hover.js';
import { DagScans } from './providers/dag-scans.js';
import { createLogChannel } from './providers/log-channel.js';
import { registerRenderDiagnostics } from './providers/render-diagnostics.js';
import { RENDER_CONTEXT_SCHEME, RenderContextFileSystemProvider } from './providers/render-context-files.js';
import { RenderContextStore } from './providers/render-context-store.js';
import { registerTemplateDiagnostics } from './providers/template-diagnostics.js';
import { registerTemplateQuickFixes } from './providers/template-quick-fixes.js';
import { registerYamlLanguageClient } from './providers/yaml-language-client.js';
import { registerTaskCodeLenses } from './providers/task-codelens.js';
import { registerLocalClusterStatus } from './providers/local-cluster-status.js';
import { registerWalkthroughProgress } from './providers/walkthrough-progress.js';
import { TASK_DOC_SCHEME } from './providers/task-documents.js';
import { registerClusterServices } from './providers/cluster-services.js';
import { LaunchSession, markReattachable } from './tasks/index.js';
import { registerTaskViews, showLaunchLogs, tasksApi, type TasksApi } from './providers/task-views.js';
import { registerAirflowServices } from './providers/airflow-services.js';

/** What other extensions (and our host tests) get from `activate`. */
export interface KubeTasksApi {
  version: string;
  /** How long `activate` took (ms): issue 14's goal is 50 ms; docs/BENCHMARKS.md records it from the host suite. */
  activationMs: number;
  /** The Tasks tree, the session and the log panels (issue 14). */
  tasks: TasksApi;
}

export function activate(context: vscode.ExtensionContext): KubeTasksApi {
  const started = performance.now();
  const log = createLogChannel();
  context.subscriptions.push(log);
  try {
    const dagScans = new DagScans();
    const renderContexts = new RenderContextStore(context.workspaceState);
    const dryRunPreview = new DryRunPreviewProvider(dagScans, renderContexts);
    context.subscriptions.push(dryRunPreview, vscode.workspace.registerTextDocumentContentProvider(DRY_RUN_SCHEME, dryRunPreview));
    const contextFiles = new RenderContextFileSystemProvider(renderContexts, (source, id) => dryRunPreview.findTask(source, id));
    context.subscriptions.push(renderContexts, contextFiles, vscode.workspace.registerFileSystemProvider(RENDER_CONTEXT_SCHEME, contextFiles));
    const dryRun = { title: 'Dry run', command: CommandIds.dryRun, tooltip: (id: string) => `Show what Airflow would create for ${id}` };
    const validate = { title: 'Validate', command: CommandIds.validateDagTask, tooltip: (id: string) => `Check ${id} as Airflow would` };
    const launch = { title: 'Launch', command: CommandIds.launchTask, tooltip: (id: string) => `Launch ${id} on the cluster as Airflow would`, trusted: true };
    const check = { title: 'Check', command: CommandIds.checkTask, tooltip: (id: string) => `Dry-run ${id} on the API server (admission, quotas, unknown fields)`, trusted: true };
    registerTaskCodeLenses(context, { scans: dagScans, taskFileActions: [dryRun, launch, check, validate], dagActions: [dryRun, launch, validate] });
    registerRenderDiagnostics(context, { scans: dagScans, logger: log });
    const templates = registerTemplateDiagnostics(context, { logger: log });
    registerTemplateQuickFixes(context, { templates });
    registerYamlLanguageClient(context, { logger: log, templates });
    registerDagHover(context, { scans: dagScans });
    registerDagDiagnostics(context, { scans: dagScans, logger: log });
    registerLocalClusterStatus(context, { showLogCommand: CommandIds.showLocalClusterLog });
    const session = new LaunchSession(() => Date.now());
    registerWalkthroughProgress(context, session, { dryRun: DRY_RUN_SCHEME, taskDocuments: TASK_DOC_SCHEME });
    const clusterServices = registerClusterServices(context, CommandIds.selectContext);
    const tasks = registerTaskViews(context, { session, cluster: clusterServices.cluster, logger: log });
    // Runs whose pod still runs and no launch here follows offer Reattach (`run.reattach`); pure, so it never re-fires.
    context.subscriptions.push(tasks.tree.addDecorator(markReattachable, () => new vscode.Disposable(() => undefined)));
    const airflow = registerAirflowServices(context, { logger: log, scans: dagScans, tasks, commands: CommandIds });
    const commandContext = {
      airflow, logger: log, showLog: () => log.show(), dryRunPreview, dagScans, renderContexts, session, extensionUri: context.extensionUri, ...clusterServices,
      tasks, showLaunchLogs: (recordId: string) => showLaunchLogs(tasks, recordId),
    };
    context.subscriptions.push(...registerCommands(commandContext));
    const activationMs = performance.now() - started;
    log.info(`KubeTasks ${kubetasksVersion} activated in ${activationMs.toFixed(1)} ms (workspace trusted: ${vscode.workspace.isTrusted})`);
    return { version: kubetasksVersion, activationMs, tasks: tasksApi(tasks) };
  } catch (error) {
    // VS Code does not show a notification when an extension fails to activate, so say it, then rethrow.
    void vscode.window.showErrorMessage(`KubeTasks failed to activate: ${String(error)}`);
    throw error;
  }
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
