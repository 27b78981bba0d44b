/**
 * CodeLens above each task: every task of a `*.task.yaml|yml|json` file, and every Kubernetes operator call of a
 * Python DAG file (a call in a loop gets one lens per task it makes). The actions are a list (Dry run, Validate…),
 * with Launch and Check among them; each command receives `(documentUri, taskId)`. In an untrusted workspace the
 * actions that run code or call a cluster are replaced by one lens that says why and opens Workspace Trust.
 */
import * as vscode from 'vscode';
import { TASK_FILE_GLOB } from '../common/index.js';
import { findDagLensTargets } from '../dags/index.js';
import { PYTHON_SELECTOR, type DagScans } from './dag-scans.js';
import { UNTRUSTED_LENS_TITLE, untrustedReason } from '../settings/index.js';
import { loadDocumentTasks } from './dry-run-render.js';
import { MANAGE_TRUST_COMMAND } from './trust-gate.js';

/** One action offered above every task. */
export interface TaskLensAction {
  title: string;
  command: string;
  tooltip: (taskId: string) => string;
  /** Needs a trusted workspace (it runs code or calls a cluster): replaced by one explanation lens when untrusted. */
  trusted?: boolean;
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

/** The actions offered here: trusted ones only in a trusted workspace, else one lens saying why (Workspace Trust). */
function availableActions(actions: readonly TaskLensAction[]): TaskLensAction[] {
  if (vscode.workspace.isTrusted || !actions.some((a) => a.trusted)) return [...actions];
  const gated = actions.filter((a) => a.trusted).map((a) => a.title).join(' and ');
  const explain: TaskLensAction = {
    title: `$(shield) ${UNTRUSTED_LENS_TITLE}`,
    command: MANAGE_TRUST_COMMAND,
    tooltip: () => untrustedReason(false, 'Launch')?.replace(/^Launch/, gated) ?? '',
  };
  return [...actions.filter((a) => !a.trusted), explain];
}

class TaskCodeLensProvider implements vscode.CodeLensProvider {
  private readonly findTargets: FindTargets;
  private readonly actions: readonly TaskLensAction[];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when Workspace Trust is granted, so Launch and Check replace the explanation. */
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(findTargets: FindTargets, actions: readonly TaskLensAction[]) {
    this.findTargets = findTargets;
    this.actions = actions;
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const actions = availableActions(this.actions);
    return (await this.findTargets(document)).flatMap((target) => {
      const line = Math.max(target.line - 1, 0);
      const range = new vscode.Range(line, 0, line, 0);
      return target.taskIds.flatMap((taskId) => actions.map((action) => new vscode.CodeLens(range, {
        title: target.taskIds.length > 1 && action.command !== MANAGE_TRUST_COMMAND ? `${action.title} ${taskId}` : action.title,
        tooltip: action.tooltip(taskId),
        command: action.command,
        arguments: action.command === MANAGE_TRUST_COMMAND ? [] : [document.uri, taskId],
      })));
    });
  }

  dispose(): void {
    this.changed.dispose();
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
  const taskFiles = new TaskCodeLensProvider(taskFileTargets, deps.taskFileActions);
  const dags = new TaskCodeLensProvider(dagTargets, deps.dagActions);
  context.subscriptions.push(
    taskFiles, dags,
    vscode.languages.registerCodeLensProvider(TASK_FILE_SELECTOR, taskFiles),
    vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, dags),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { taskFiles.refresh(); dags.refresh(); }),
  );
}
