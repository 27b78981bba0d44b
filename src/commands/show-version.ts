/** "KubeTasks: Show Version": which KubeTasks, VS Code and Node this is; written to the log and shown. */
import * as vscode from 'vscode';
import { kubetasksVersion } from '../common/index.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

export function describeVersion(): string {
  return `KubeTasks ${kubetasksVersion} (VS Code ${vscode.version}, Node ${process.version})`;
}

export const showVersionCommand: Command = {
  id: CommandIds.showVersion,
  execute(context) {
    const text = describeVersion();
    context.logger.info(text);
    context.showLog();
    void vscode.window.showInformationMessage(text);
    return text;
  },
};
