/**
 * The one debounce policy of the document-driven providers (template, task-file and DAG diagnostics, Dry Run
 * previews): a document is processed when it opens, and while it is edited only once typing pauses for
 * `EDIT_SETTLE_MS`, so a large file is not re-validated or re-rendered on every keystroke. The latest edit wins.
 */
import type * as vscode from 'vscode';

export const EDIT_SETTLE_MS = 200;

export class DocumentDebounce implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly delayMs: number;

  constructor(delayMs = EDIT_SETTLE_MS) {
    this.delayMs = delayMs;
  }

  /** Runs `run` once the document has not changed for the settle time; a newer call for it replaces this one. */
  schedule(uri: vscode.Uri, run: () => void): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run();
    }, this.delayMs));
  }

  /** Drops a pending run (the document closed). */
  cancel(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }
}
