/**
 * CodeLens above each Kubernetes operator call of a Python DAG file: `Dry run · Validate` today; the actions are a
 * list, so Launch (the runtime issue) is one more entry. A call in a loop gets one lens per task it makes.
 */
import * as vscode from 'vscode';
import { findDagLensTargets } from '../dags/index.js';
import { PYTHON_SELECTOR, type DagScans } from './dag-scans.js';

/** One action offered above every call: the command receives `(documentUri, taskId)`. */
export interface DagLensAction {
  title: string;
  command: string;
  tooltip: (taskId: string) => string;
}

export interface DagCodeLensDeps {
  scans: DagScans;
  actions: readonly DagLensAction[];
}

class DagCodeLensProvider implements vscode.CodeLensProvider {
  private readonly deps: DagCodeLensDeps;

  constructor(deps: DagCodeLensDeps) {
    this.deps = deps;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const scan = await this.deps.scans.scan(document);
    if (!scan) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const target of findDagLensTargets(scan)) {
      const line = target.range.start.line - 1;
      const range = new vscode.Range(line, 0, line, 0);
      for (const taskId of target.taskIds) {
        for (const action of this.deps.actions) {
          const title = target.taskIds.length > 1 ? `${action.title} ${taskId}` : action.title;
          const command = { title, command: action.command, tooltip: action.tooltip(taskId), arguments: [document.uri, taskId] };
          lenses.push(new vscode.CodeLens(range, command));
        }
      }
    }
    return lenses;
  }
}

export function registerDagCodeLens(context: vscode.ExtensionContext, deps: DagCodeLensDeps): void {
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, new DagCodeLensProvider(deps)));
}
