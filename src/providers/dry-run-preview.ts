/**
 * The "Dry Run" preview: a read-only virtual document per (task file, task) showing the rendered manifest beside
 * the source. It shows the API body by default, toggles to Airflow's dry_run() text, and refreshes as the source
 * is edited.
 */
import * as vscode from 'vscode';
import type { Problem } from '../common/index.js';
import type { TaskSpec } from '../operators/index.js';
import { parseDagTasks, type DagScans } from './dag-scans.js';
import { parseTasks, renderForPreview, type PreviewFormat } from './dry-run-render.js';

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
  private readonly subscription: vscode.Disposable;

  private readonly dagScans: DagScans | undefined;

  constructor(dagScans?: DagScans) {
    this.dagScans = dagScans;
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => this.refresh(event.document.uri));
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
  async tasksOf(document: vscode.TextDocument): Promise<{ tasks: TaskSpec[]; problems: Problem[] }> {
    return document.uri.path.endsWith('.py') && this.dagScans
      ? parseDagTasks(this.dagScans, document)
      : parseTasks(document.getText(), document.uri.fsPath);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { source, task: taskId } = JSON.parse(uri.query) as { source: string; task: string };
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source));
    const { tasks, problems } = await this.tasksOf(document);
    const task = tasks.find((t) => t.taskId === taskId);
    if (!task) {
      const why = problems.map((p) => `#   ${p.start?.line ?? 1}:${p.start?.column ?? 1} ${p.code} ${p.message}`).join('\n');
      return `# KubeTasks: task "${taskId}" cannot be rendered from ${document.uri.fsPath}\n${why}\n`;
    }
    const rendered = renderForPreview(task, this.formatOf(uri));
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
    this.subscription.dispose();
    this.changed.dispose();
  }
}
