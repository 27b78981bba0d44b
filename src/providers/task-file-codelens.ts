/** CodeLens `Dry run` above each task of a `*.task.yaml|yml|json` file; more actions (launch) join it later. */
import * as vscode from 'vscode';
import { CommandIds } from '../commands/command-ids.js';
import { parseTasks } from './dry-run-render.js';

export const TASK_FILE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.task.{yaml,yml,json}' },
  { scheme: 'untitled', pattern: '**/*.task.{yaml,yml,json}' },
];

export class TaskFileCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const { tasks } = parseTasks(document.getText(), document.uri.fsPath);
    return tasks.map((task) => {
      const at = task.ranges[''] ?? task.ranges['operator'];
      const line = Math.max((at?.start.line ?? 1) - 1, 0);
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: 'Dry run',
        tooltip: `Show what Airflow would create for ${task.taskId}`,
        command: CommandIds.dryRun,
        arguments: [document.uri, task.taskId],
      });
    });
  }
}
