/**
 * The render contexts "Render with…" remembers, per task (issue 17): the JSON text the user last saved, kept in the
 * workspace state under the task file's URI and the task id. A typed wrapper over the Memento, as STYLE.md
 * ("Wrap stored state in a typed class") asks; it tells the Dry Run preview when a context changes.
 */
import * as vscode from 'vscode';

const KEY_PREFIX = 'kubetasks.renderContext';

export class RenderContextStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the task file whose remembered context changed. */
  readonly onDidChange = this.changed.event;
  private readonly state: vscode.Memento;

  constructor(state: vscode.Memento) {
    this.state = state;
  }

  private keyOf(source: vscode.Uri, taskId: string): string {
    return `${KEY_PREFIX}:${JSON.stringify([source.toString(), taskId])}`;
  }

  /** The JSON text remembered for the task, if any. */
  get(source: vscode.Uri, taskId: string): string | undefined {
    const value = this.state.get<unknown>(this.keyOf(source, taskId));
    return typeof value === 'string' ? value : undefined;
  }

  async set(source: vscode.Uri, taskId: string, text: string): Promise<void> {
    await this.state.update(this.keyOf(source, taskId), text);
    this.changed.fire(source);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
