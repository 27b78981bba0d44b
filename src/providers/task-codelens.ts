/**
 * CodeLens above each task: every task of a `*.task.yaml|yml|json` file, and every Kubernetes operator call of a
 * Python DAG file (a call in a loop gets one lens per task it makes). The actions are a list (Dry run, Validate…),
 * so Launch is one more entry; each command receives `(documentUri, taskId)`.
 */
import * as vscode from 'vscode';
import { TASK_FILE_GLOB } from '../common/index.js';
import { findDagLensTargets } from '../dags/index.js';
import { PYTHON_SELECTOR, type DagScans } from './dag-scans.js';
import { loadDocumentTasks } from './dry-run-render.js';

/** One action offered above every task. */
export interface TaskLensAction {
  title: string;
  command: string;
  tooltip: (taskId: string) => string;
}

export interface TaskCodeLensDeps {
  scans: DagScans;
  /** Above each task of a task file. */
  taskFileActions: readonly TaskLensAction[];
  /** Above each operator call of a DAG file. */
  dagActions: readonly TaskLensAction[];
}

/** Where lenses go: a 1-based line and the task ids made there. */
interface LensTarget {
  line: number;
  taskIds: readonly string[];
}

type FindTargets = (document: vscode.TextDocument) => Promise<LensTarget[]>;

class TaskCodeLensProvider implements vscode.CodeLensProvider {
  private readonly findTargets: FindTargets;
  private readonly actions: readonly TaskLensAction[];

  constructor(findTargets: FindTargets, actions: readonly TaskLensAction[]) {
    this.findTargets = findTargets;
    this.actions = actions;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    return (await this.findTargets(document)).flatMap((target) => {
      const line = Math.max(target.line - 1, 0);
      const range = new vscode.Range(line, 0, line, 0);
      return target.taskIds.flatMap((taskId) => this.actions.map((action) => new vscode.CodeLens(range, {
        title: target.taskIds.length > 1 ? `${action.title} ${taskId}` : action.title,
        tooltip: action.tooltip(taskId),
        command: action.command,
        arguments: [document.uri, taskId],
      })));
    });
  }
}

const TASK_FILE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: TASK_FILE_GLOB },
  { scheme: 'untitled', pattern: TASK_FILE_GLOB },
];

export function registerTaskCodeLenses(context: vscode.ExtensionContext, deps: TaskCodeLensDeps): void {
  const taskFileTargets: FindTargets = async (document) => (await loadDocumentTasks(document, deps.scans)).tasks.map((task) =>
    ({ line: (task.ranges[''] ?? task.ranges['operator'])?.start.line ?? 1, taskIds: [task.taskId] }));
  const dagTargets: FindTargets = async (document) => {
    const scan = await deps.scans.scan(document);
    return scan ? findDagLensTargets(scan).map((t) => ({ line: t.range.start.line, taskIds: t.taskIds })) : [];
  };
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(TASK_FILE_SELECTOR, new TaskCodeLensProvider(taskFileTargets, deps.taskFileActions)),
    vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, new TaskCodeLensProvider(dagTargets, deps.dagActions)),
  );
}
