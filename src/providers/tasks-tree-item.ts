/** A Tasks tree node as VS Code draws it: a theme icon coloured by phase, the description, the tooltip. */
import * as vscode from 'vscode';
import type { TaskNode } from '../tasks/index.js';

const icons: Record<TaskNode['icon'], [string, string | undefined]> = {
  pending: ['clock', 'charts.yellow'],
  waiting: ['watch', 'charts.yellow'],
  running: ['sync~spin', 'charts.blue'],
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  skipped: ['debug-step-over', 'testing.iconSkipped'],
  cancelled: ['circle-slash', 'disabledForeground'],
  deleted: ['trash', 'disabledForeground'],
  unknown: ['question', undefined],
  dag: ['type-hierarchy', undefined],
  task: ['symbol-method', undefined],
  container: ['package', undefined],
  info: ['info', undefined],
  xcom: ['json', undefined],
};

/** The command a click runs: the XCom document, or a container's logs. */
function clickCommand(node: TaskNode): vscode.Command | undefined {
  if (node.contextValue === 'xcom') return { title: 'Show XCom', command: 'kubetasks.showXcom', arguments: [node] };
  return undefined;
}

export function taskTreeItem(node: TaskNode): vscode.TreeItem {
  const collapsed = node.contextValue === 'dag' || node.contextValue === 'task' || node.contextValue.startsWith('run')
    ? vscode.TreeItemCollapsibleState.Expanded
    : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, node.children.length ? collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.description;
  item.tooltip = node.tooltip;
  item.contextValue = node.contextValue;
  const [icon, color] = icons[node.icon];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  const command = clickCommand(node);
  if (command) item.command = command;
  return item;
}
