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

/** What other extensions (and our host tests) get from `activate`. */
export interface KubeTasksApi {
  version: string;
}

export function activate(context: vscode.ExtensionContext): KubeTasksApi {
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
    registerTaskCodeLenses(context, { scans: dagScans, taskFileActions: [dryRun], dagActions: [dryRun, validate] });
    registerRenderDiagnostics(context, { scans: dagScans, logger: log });
    const templates = registerTemplateDiagnostics(context, { logger: log });
    registerTemplateQuickFixes(context, { templates });
    registerYamlLanguageClient(context, { logger: log, templates });
    registerDagHover(context, { scans: dagScans });
    registerDagDiagnostics(context, { scans: dagScans, logger: log });
    const commandContext = { logger: log, showLog: () => log.show(), dryRunPreview, dagScans };
    context.subscriptions.push(...registerCommands(commandContext));
    log.info(`KubeTasks ${kubetasksVersion} activated (workspace trusted: ${vscode.workspace.isTrusted})`);
    return { version: kubetasksVersion };
  } catch (error) {
    // VS Code does not show a notification when an extension fails to activate, so say it, then rethrow.
    void vscode.window.showErrorMessage(`KubeTasks failed to activate: ${String(error)}`);
    throw error;
  }
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
