/**
 * Read-only documents for what an Airflow server answered (issue 16): a run's state and task instances, a task's
 * log. Content is kept per URI for the session (no secret is ever in it: only what Airflow answered).
 */
import * as vscode from 'vscode';

export const AIRFLOW_DOC_SCHEME = 'kubetasks-airflow';

export class AirflowDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Opens (or refreshes) the document `name` with `text`, read-only, in a tab. */
  async show(name: string, text: string, language = 'plaintext'): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: AIRFLOW_DOC_SCHEME, path: `/${name.replace(/[^\w.+:@-]/g, '_')}` });
    const known = this.texts.has(uri.toString());
    this.texts.set(uri.toString(), text);
    if (known) this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# KubeTasks: this Airflow document is no longer available; run the command again.\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
