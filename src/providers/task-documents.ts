/**
 * The Tasks tree's read-only documents (issue 14), one virtual scheme: the XCom (JSON with Airflow's verdict), the
 * failure summary, the events, the live YAML of an object (refreshed while its watch reports changes) and the
 * rendered manifest a launch sent. A content provider's documents are read-only in VS Code.
 */
import * as vscode from 'vscode';
import { toYamlText } from '../operators/index.js';

export const TASK_DOC_SCHEME = 'kubetasks-task';

/** Produces a document's current text (live YAML asks again on every refresh). */
export type DocumentSource = () => string;

export class TaskDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly sources = new Map<string, DocumentSource>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    const source = this.sources.get(uri.toString());
    return source ? source() : `This document is no longer available (${uri.path}): open it again from the Tasks tree.\n`;
  }

  /** Opens (or refreshes) a document; `path` names it, e.g. `/xcom/etl.load.json`. */
  async open(path: string, source: DocumentSource, language?: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: TASK_DOC_SCHEME, path });
    this.sources.set(uri.toString(), source);
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Re-reads every open live document (after a tree rebuild). */
  refreshLive(): void {
    for (const key of this.sources.keys()) if (key.includes('/live/')) this.changed.fire(vscode.Uri.parse(key));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The object as YAML, without the managedFields noise (src/kube drops them already). */
export function objectYaml(object: unknown): string {
  return object === undefined ? '# The object is gone from the cluster.\n' : toYamlText([object]);
}

export function registerTaskDocuments(context: vscode.ExtensionContext): TaskDocuments {
  const docs = new TaskDocuments();
  context.subscriptions.push(docs, vscode.workspace.registerTextDocumentContentProvider(TASK_DOC_SCHEME, docs));
  return docs;
}
