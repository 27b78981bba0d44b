/**
 * The "Dry Run" preview: a read-only virtual document per (task file, task) showing the rendered manifest beside
 * the source. It shows the API body by default, toggles to Airflow's dry_run() text, and refreshes as the source
 * is edited. "Render with…" (issue 17) renders its templated fields with a remembered run context.
 */
import * as vscode from 'vscode';
import type { Problem } from '../common/index.js';
import type { TaskSpec } from '../operators/index.js';
import type { DagScans } from './dag-scans.js';
import { DocumentDebounce } from './debounce.js';
import { loadDocumentTasks, renderForPreview, type PreviewFormat } from './dry-run-render.js';
import type { RenderContextStore } from './render-context-store.js';

export const DRY_RUN_SCHEME = 'kubetasks-dryrun';

interface PreviewTarget {
  source: vscode.Uri;
  taskId: string;
}

export class DryRunPreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly formats = new Map<string, PreviewFormat>();
  private readonly open = new Map<string, vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly debounce = new DocumentDebounce();
  private readonly dagScans: DagScans;
  private readonly contexts: RenderContextStore;

  constructor(dagScans: DagScans, contexts: RenderContextStore) {
    this.dagScans = dagScans;
    this.contexts = contexts;
    // Previews follow edits of their source once typing pauses (the providers' one debounce policy).
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        const source = event.document.uri;
        this.debounce.schedule(source, () => this.refresh(source));
      }),
      // A saved "Render with…" context re-renders that file's previews at once.
      contexts.onDidChange((source) => this.refresh(source)),
      // `kubetasks.airflow.inCluster` changes the airflow_kpo_in_cluster label of every preview.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kubetasks.airflow')) this.open.forEach((_, preview) => this.changed.fire(vscode.Uri.parse(preview)));
      }),
    ];
  }

  /** The preview URI: the path names the task, so the tab reads `<task>.dry-run.yaml` and YAML highlighting applies. */
  uriFor(target: PreviewTarget): vscode.Uri {
    const name = `${target.taskId.replace(/[^\w.-]/g, '_')}.dry-run.yaml`;
    const query = JSON.stringify({ source: target.source.toString(), task: target.taskId });
    const uri = vscode.Uri.from({ scheme: DRY_RUN_SCHEME, path: `/${name}`, query });
    this.open.set(uri.toString(), target.source);
    return uri;
  }

  formatOf(uri: vscode.Uri): PreviewFormat {
    return this.formats.get(uri.toString()) ?? 'api';
  }

  toggleFormat(uri: vscode.Uri): PreviewFormat {
    const next: PreviewFormat = this.formatOf(uri) === 'api' ? 'airflow' : 'api';
    this.formats.set(uri.toString(), next);
    this.changed.fire(uri);
    return next;
  }

  /** The tasks of a task file, or of a DAG file's operator calls (issue 6). */
  tasksOf(document: vscode.TextDocument): Promise<{ tasks: TaskSpec[]; problems: Problem[] }> {
    return loadDocumentTasks(document, this.dagScans);
  }

  /** The task and file a preview shows. */
  targetOf(uri: vscode.Uri): PreviewTarget {
    const { source, task } = JSON.parse(uri.query) as { source: string; task: string };
    return { source: vscode.Uri.parse(source), taskId: task };
  }

  /** One task of a file, or undefined when it cannot be read. */
  async findTask(source: vscode.Uri, taskId: string): Promise<TaskSpec | undefined> {
    const { tasks } = await this.tasksOf(await vscode.workspace.openTextDocument(source));
    return tasks.find((t) => t.taskId === taskId);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { source: sourceUri, taskId } = this.targetOf(uri);
    const document = await vscode.workspace.openTextDocument(sourceUri);
    const { tasks, problems } = await this.tasksOf(document);
    const task = tasks.find((t) => t.taskId === taskId);
    if (!task) {
      const why = problems.map((p) => `#   ${p.start?.line ?? 1}:${p.start?.column ?? 1} ${p.code} ${p.message}`).join('\n');
      return `# KubeTasks: task "${taskId}" cannot be rendered from ${document.uri.fsPath}\n${why}\n`;
    }
    const rendered = renderForPreview(task, this.formatOf(uri), this.contexts.get(sourceUri, taskId));
    if (rendered.ok) return rendered.text;
    const lines = rendered.problems.map((p) => `#   line ${p.start?.line ?? 1}: ${p.code} ${p.message}`);
    return `# KubeTasks: Airflow would reject task "${taskId}":\n${lines.join('\n')}\n`;
  }

  private refresh(source: vscode.Uri): void {
    for (const [preview, previewSource] of this.open) {
      if (previewSource.toString() === source.toString()) this.changed.fire(vscode.Uri.parse(preview));
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.debounce.dispose();
    this.changed.dispose();
  }
}
