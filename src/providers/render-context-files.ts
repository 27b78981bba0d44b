/**
 * The JSON documents "Render with…" opens (issue 17): one virtual file per (task file, task) under the
 * `kubetasks-render-context:` scheme. Reading gives the remembered context or a sample pre-filled from the task;
 * saving checks the JSON and remembers it, and the Dry Run preview re-renders. A save with invalid JSON fails with
 * the problem as its message, so the editor keeps the text (still dirty) and nothing is lost.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TaskSpec } from '../operators/index.js';
import { parseRenderContext, toSampleContextText } from './render-context.js';
import type { RenderContextStore } from './render-context-store.js';

export const RENDER_CONTEXT_SCHEME = 'kubetasks-render-context';

interface ContextTarget {
  source: vscode.Uri;
  taskId: string;
}

/** The context document of a task: the path names the task (the tab reads `<task>.render-context.json`). */
export function renderContextUri(target: ContextTarget): vscode.Uri {
  const name = `${target.taskId.replace(/[^\w.-]/g, '_')}.render-context.json`;
  const query = JSON.stringify({ source: target.source.toString(), task: target.taskId });
  return vscode.Uri.from({ scheme: RENDER_CONTEXT_SCHEME, path: `/${name}`, query });
}

function targetOf(uri: vscode.Uri): ContextTarget {
  const { source, task } = JSON.parse(uri.query) as { source: string; task: string };
  return { source: vscode.Uri.parse(source), taskId: task };
}

export class RenderContextFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Modification times of the documents, so the editor sees each save as the newest version. */
  private readonly mtimes = new Map<string, number>();
  private readonly store: RenderContextStore;
  private readonly findTask: (source: vscode.Uri, taskId: string) => Promise<TaskSpec | undefined>;

  constructor(store: RenderContextStore, findTask: (source: vscode.Uri, taskId: string) => Promise<TaskSpec | undefined>) {
    this.store = store;
    this.findTask = findTask;
  }

  private async textOf(uri: vscode.Uri): Promise<string> {
    const { source, taskId } = targetOf(uri);
    const remembered = this.store.get(source, taskId);
    if (remembered !== undefined) return remembered;
    const task = await this.findTask(source, taskId);
    if (!task) throw vscode.FileSystemError.FileNotFound(`task "${taskId}" cannot be read from ${source.fsPath}`);
    return toSampleContextText(task, new Date());
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const size = Buffer.byteLength(await this.textOf(uri));
    const mtime = this.mtimes.get(uri.toString()) ?? Date.now();
    this.mtimes.set(uri.toString(), mtime);
    return { type: vscode.FileType.File, ctime: 0, mtime, size };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return Buffer.from(await this.textOf(uri), 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const text = Buffer.from(content).toString('utf8');
    const parsed = parseRenderContext(text, { now: new Date().toISOString(), uuid4: randomUUID });
    // The editor shows this message ("Failed to save …") and keeps the unsaved text.
    if (!parsed.ok) throw new vscode.FileSystemError(parsed.problems.map((p) => p.message).join('; '));
    const { source, taskId } = targetOf(uri);
    this.mtimes.set(uri.toString(), Math.max(Date.now(), (this.mtimes.get(uri.toString()) ?? 0) + 1));
    await this.store.set(source, taskId, text);
  }

  watch(): vscode.Disposable {
    // Contexts change only through writeFile, whose caller already knows.
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('render contexts are single documents');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('render contexts cannot be deleted');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('render contexts cannot be renamed');
  }

  dispose(): void {
    this.changed.dispose();
  }
}
