/**
 * The workspace's tasks Reattach looks through: task files (`*.task.yaml`, `*.task.yml`, `*.task.json`) and Python
 * DAG files, read as Launch reads them (open documents first, so unsaved edits count; `loadTaskFile` from src/edge).
 * A file that never mentions the task id (or, for a hashed label, its first part) is not parsed.
 */
import * as vscode from 'vscode';
import { loadTaskFile, scanDagText } from '../edge/index.js';
import { mayDefineTask, taskSourceOf, type RunLabels, type TaskSource } from '../tasks/index.js';

const TASK_AND_DAG_FILES = '**/*.{task.yaml,task.yml,task.json,py}';
const NOT_SOURCES = '**/{node_modules,.git,.venv,venv,__pycache__,dist,site-packages}/**';
/** Enough for any workspace a person keeps tasks in; findFiles stops there. */
const MAX_FILES = 5000;
/** The DAG scan's own cheap filter (src/providers/dag-scans.ts): no Kubernetes operator, nothing to scan. */
const MENTIONS_OPERATOR = /Kubernetes\w*Operator|GKEStart\w*Operator|EksPodOperator/;

async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The tasks of one file whose id may be the one the labels name. */
async function tasksOf(uri: vscode.Uri, run: RunLabels): Promise<TaskSource[]> {
  const text = await textOf(uri);
  if (text === undefined || !mayDefineTask(text, run.taskId)) return [];
  const loaded = await loadTaskFile(text, uri.fsPath, async (t) => (MENTIONS_OPERATOR.test(t) ? scanDagText(t) : undefined));
  return loaded.ok ? loaded.value.tasks.map((task) => taskSourceOf(task, uri.toString())) : [];
}

/** Every task of the workspace that may carry the labels' task id, each with the dag_id its launch would use. */
export async function workspaceTaskSources(run: RunLabels): Promise<TaskSource[]> {
  const uris = await vscode.workspace.findFiles(TASK_AND_DAG_FILES, NOT_SOURCES, MAX_FILES);
  const out: TaskSource[] = [];
  for (const uri of uris) out.push(...await tasksOf(uri, run));
  return out;
}
